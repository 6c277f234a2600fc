/**
 * Ambiguity rules for aliases that need evidence ("Austin", "Yoon", "Leopard"): which neighbouring words are cues,
 * and when a capitalised neighbour means the alias is only part of a longer proper name ("Nicola Yoon",
 * "Austin Police Department"). What counts as a cue is data on each alias; this file holds the language-level
 * knowledge that is the same for every alias.
 */

/**
 * Capitalised words that start sentences and headlines without being part of a name, so "When Austin arrived"
 * is not mistaken for a person called "When Austin".
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and as at after against also although asked because before between both but by can could did do does ' +
    'during even for from had has have here how however if in into is it its last later like may meanwhile might ' +
    'must next no nor not now of on only or over said says should since so than that the then there these this ' +
    'those though to today told tomorrow under unlike until was were what when where which while who why will ' +
    'with would yes yesterday ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april june july august ' +
    'september october november december'
  ).split(' '),
);

/** How a candidate stands in its sentence, read from the words around it. */
export interface Surroundings {
  /** The folded word right before, when only spaces or hyphens separate it from the alias. */
  joinedBefore: string | null;
  joinedBeforeIsCapitalised: boolean;
  /** The folded word right after, when only spaces or hyphens separate it. */
  joinedAfter: string | null;
  joinedAfterIsCapitalised: boolean;
  /** The alias's own text is written in capitals only (a headline): capitals then say nothing about names. */
  shouting: boolean;
  hasCueBefore: boolean;
  hasCueAfter: boolean;
}

export type Verdict = 'cue' | 'needs-page-evidence' | 'rejected';

/** Decides an ambiguous alias from its surroundings alone; page-wide evidence is applied later. */
export function judgeAmbiguous(s: Surroundings): Verdict {
  const nameBefore =
    !s.shouting &&
    !s.hasCueBefore &&
    s.joinedBefore !== null &&
    s.joinedBeforeIsCapitalised &&
    !FUNCTION_WORDS.has(s.joinedBefore);
  const nameAfter = !s.shouting && !s.hasCueAfter && s.joinedAfter !== null && s.joinedAfterIsCapitalised;
  if (nameBefore || nameAfter) return 'rejected';
  return s.hasCueBefore || s.hasCueAfter ? 'cue' : 'needs-page-evidence';
}
