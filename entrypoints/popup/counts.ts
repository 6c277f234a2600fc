/** "108 mentions of 21 names": what the toolbar badge counts, said in full (the badge's tooltip and the popup). */
export function countLine(mentions: number, names: number): string {
  return `${mentions} ${mentions === 1 ? 'mention' : 'mentions'} of ${names} ${names === 1 ? 'name' : 'names'} on this page`;
}
