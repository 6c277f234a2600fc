/** The formal titles that news stories write, for the words readers and headlines use instead. */
const TITLES = [
  'secretary',
  'president',
  'director',
  'chairman',
  'chairwoman',
  'minister',
  'premier',
  'chancellor',
  'commander',
];

/**
 * Query words that stand for other words of a note. Headlines call NATO's Secretary General its "chief" and a
 * president a country's "leader"; nothing in the note's words is near them. Only the words a reader would type
 * for a role: anything more general would need the article's language, not a list.
 */
export const ROLE_SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map(
  ['chief', 'head', 'leader', 'boss'].map((word) => [word, TITLES]),
);
