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
    'a about above across after against along also although amid among an and around as asked at because before ' +
    'behind below beside between beyond both but by can could despite did do does ' +
    'during even for from had has have here how however if in inside into is it its last later like may meanwhile ' +
    'might must near next no nor not now of on only onto or outside over per said says should since so than that ' +
    'the then there these this those though through throughout to today told tomorrow toward towards under ' +
    'unlike until upon via was were what when where which while who why will with within without would yes ' +
    'yesterday ' +
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

/** Capitalised words that qualify a place without making a new name: "Northern Ukraine", "Communist China". */
export const PLACE_MODIFIERS: ReadonlySet<string> = new Set(
  (
    'north south east west northern southern eastern western central northeastern northwestern southeastern ' +
    'southwestern mainland greater occupied free ancient modern imperial communist soviet nazi postwar wartime ' +
    'neighbouring neighboring rural coastal'
  ).split(' '),
);

/** Capitalised words after a place that make it part of another name: "The Moscow Times", "Japan Airlines". */
export const NAME_SUFFIXES: ReadonlySet<string> = new Set(
  (
    'times post daily herald journal tribune today news gazette chronicle telegraph express standard observer ' +
    'airlines airways air university college institute school academy bank telecom mobile motors corp ' +
    'corporation inc ltd group holdings co company democrats party spring street avenue road county fc'
  ).split(' '),
);

export interface Neighbour {
  word: string | null;
  capitalised: boolean;
  /** Written in capitals only ("US", "NATO"). */
  shouting?: boolean;
}

/**
 * Whether a one-word place name is part of a longer proper name in prose: a capitalised word before it that is not
 * a function word or a modifier ("Mozilla China", "Yahoo Japan"), or a name-making word after it ("Japan Times").
 */
export function isLongerName(before: Neighbour, after: Neighbour): boolean {
  const nameBefore =
    before.word !== null && before.capitalised && !FUNCTION_WORDS.has(before.word) && !PLACE_MODIFIERS.has(before.word);
  const nameAfter = after.word !== null && after.capitalised && NAME_SUFFIXES.has(after.word);
  return nameBefore || nameAfter;
}

/**
 * Whether a text is a Title Case headline or a menu of names, where capitals say nothing about where a name starts:
 * at least three words of two letters or more, and nearly all of them capitalised.
 */
export function readsAsTitleCase(capitalisedWords: number, words: number): boolean {
  return words >= 3 && capitalisedWords / words >= 0.75;
}

/** Titles that follow a country's or an organisation's name without making a longer name: "South Korea President". */
const TITLES_AFTER: ReadonlySet<string> = new Set('president prime minister secretary chancellor ambassador envoy leader king queen'.split(' '));

/**
 * Whether an alias that must stand alone (`alone`) is part of a longer proper name: a capitalised word joined after
 * it that is not a function word ("Patriot Day", "State Department Building"), or, for what is not a person (a title
 * stands before a person's name), one joined before it that is not a function word, a place's modifier or a short
 * acronym ("New York State Department", but "US State Department", "the State Department"); a title after it
 * ("South Korea President Yoon") makes no longer name. In a Title Case
 * headline or menu capitals say nothing: only a name-making word after it counts there.
 */
export function insideLongerName(before: Neighbour, after: Neighbour, { person, titleCase }: { person: boolean; titleCase: boolean }): boolean {
  if (titleCase) return after.word !== null && after.capitalised && NAME_SUFFIXES.has(after.word);
  const acronym = before.shouting === true && before.word !== null && before.word.length <= 3;
  const nameBefore =
    !person && before.word !== null && before.capitalised && !acronym && !FUNCTION_WORDS.has(before.word) && !PLACE_MODIFIERS.has(before.word);
  const nameAfter = after.word !== null && after.capitalised && !FUNCTION_WORDS.has(after.word) && !TITLES_AFTER.has(after.word);
  return nameBefore || nameAfter;
}
