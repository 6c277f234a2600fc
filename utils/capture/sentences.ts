/**
 * Sentences of an article's text as offsets into it, so that every sentence is an exact substring of the text
 * (`text.slice(start, end)`): nothing is retyped, trimmed inside or normalised. A sentence never crosses a line
 * break (paragraphs are separate). It ends at `.`, `!`, `?` or `…` (with any closing quotes and brackets after it)
 * when white space and a capital, digit or opening quote follow; not after titles ("Mr.", "Gen."), initials
 * ("Lloyd J. Austin") or, unless a word that starts sentences follows, after dotted abbreviations ("U.S.", "a.m.").
 */

export interface Span {
  start: number;
  end: number;
}

/** Abbreviations that never end a sentence: a name or a number always follows them. */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cmdr', 'cmdt', 'adm', 'sgt', 'cpl',
  'pvt', 'gov', 'sen', 'rep', 'reps', 'rev', 'hon', 'pres', 'supt', 'insp', 'fr', 'st', 'mt', 'ft', 'no', 'nos',
  'vol', 'op', 'pp', 'art', 'sec', 'vs', 'v', 'cf', 'approx', 'fig', 'ca', 'sr', 'messrs', 'mme', 'mlle',
]);
/** Abbreviations that may end a sentence: they do when a word that starts sentences follows. */
const MAYBE_FINAL = new Set([
  'jr', 'inc', 'ltd', 'co', 'corp', 'bros', 'llc', 'plc', 'etc', 'al', 'dept', 'univ', 'est', 'jan', 'feb', 'mar',
  'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'ave', 'blvd', 'rd',
]);
/** Words that start sentences (and rarely follow "U.S." or "Inc." inside one). */
const STARTERS = new Set([
  'a', 'an', 'the', 'but', 'and', 'or', 'so', 'yet', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her',
  'its', 'their', 'our', 'my', 'this', 'that', 'these', 'those', 'there', 'here', 'in', 'on', 'at', 'for', 'with',
  'after', 'before', 'when', 'while', 'if', 'as', 'since', 'although', 'though', 'however', 'meanwhile', 'still',
  'now', 'then', 'also', 'some', 'many', 'most', 'no', 'not', 'what', 'why', 'how', 'who', 'where', 'both', 'each',
  'one', 'two', 'officials', 'last', 'next', 'earlier', 'later', 'according',
]);

const TERMINAL = '.!?…。！？';
const CLOSING = '"\'”’»›)]}';
const OPENING = '"\'“‘«‹([{¿¡';

function isSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\u00a0' || char === '\u202f';
}

function isUpper(char: string): boolean {
  return char !== char.toLowerCase() && char === char.toUpperCase();
}

/** The word (letters and inner dots) that ends right before `end`, lower-cased. */
function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && /[\p{L}.]/u.test(text[start - 1])) start--;
  return text.slice(start, end).toLowerCase();
}

/** The word that starts at `start` (letters only), lower-cased. */
function wordAt(text: string, start: number): string {
  let end = start;
  while (end < text.length && /\p{L}/u.test(text[end])) end++;
  return text.slice(start, end).toLowerCase();
}

/** Whether the period at `dot` ends the sentence, given the text that follows starts at `next`. */
function periodEnds(text: string, dot: number, next: number): boolean {
  const word = wordBefore(text, dot);
  if (!word) return true;
  const bare = word.replace(/\./g, '');
  if (TITLES.has(word)) return false;
  // An initial ("J.") or a dotted abbreviation ("U.S.", "a.m."): a sentence ends only before a sentence word.
  const followedByStarter = STARTERS.has(wordAt(text, next));
  if (bare.length === 1 || word.includes('.')) return followedByStarter;
  if (MAYBE_FINAL.has(word)) return followedByStarter;
  return true;
}

/**
 * A period with no space after it ends a sentence when a lower-case word or a number ends right before it and a
 * capitalised word starts right after it ("Thursday.Anthony", "2023.CreditJeon"): pages glue a caption to its credit
 * so. Not abbreviations ("U.S."), web addresses ("SmartAsset.com") or initials.
 */
function gluedSentence(text: string, dot: number, next: number): boolean {
  if (text[dot] !== '.' || next !== dot + 1) return false;
  let start = dot;
  while (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1])) start--;
  const before = text.slice(start, dot);
  const wordEnds = /^\p{Lu}?[\p{Ll}\p{N}]+$/u.test(before) && before.length >= 2 && (start === 0 || !/[.@/]/.test(text[start - 1]));
  return wordEnds && /^\(?\p{Lu}\p{Ll}/u.test(text.slice(next, next + 3));
}

/** Sentences of one line of text, offset by `base`. */
function splitLine(text: string, from: number, to: number, out: Span[]): void {
  let start = from;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (let i = from; i < to; i++) {
    if (!TERMINAL.includes(text[i])) continue;
    let end = i + 1;
    while (end < to && TERMINAL.includes(text[end])) end++;
    while (end < to && CLOSING.includes(text[end])) end++;
    if (end >= to) break;
    if (!isSpace(text[end]) && !'。！？'.includes(text[i])) {
      // A caption glued to its credit: "… in Seoul on Thursday.Anthony Wallace / AFP - Getty Images".
      if (gluedSentence(text, i, end)) {
        push(end);
        start = end;
      }
      i = end - 1;
      continue;
    }
    let next = end;
    while (next < to && isSpace(text[next])) next++;
    if (next >= to) break;
    const first = text[next];
    const startsSentence = isUpper(first) || /\d/.test(first) || OPENING.includes(first);
    if (startsSentence && (text[i] !== '.' || periodEnds(text, i, OPENING.includes(first) ? next + 1 : next))) {
      push(end);
      start = next;
    }
    i = end - 1;
  }
  push(to);
}

export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n' || text[i] === '\r') {
      if (i > lineStart) splitLine(text, lineStart, i, spans);
      lineStart = i + 1;
    }
  }
  return spans;
}

/** The sentence that holds offset `at` (sentences are in text order: a binary search). */
export function sentenceAt(sentences: Span[], at: number): Span | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].end <= at) lo = mid + 1;
    else if (sentences[mid].start > at) hi = mid - 1;
    else return sentences[mid];
  }
  return undefined;
}
