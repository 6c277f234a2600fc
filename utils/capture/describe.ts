import type { EntityKind } from '../bundle/schema';
import { tokenize } from '../match/normalize';
import { HONORIFICS, PORTFOLIOS, QUALIFIERS, ROLE_NOUNS, TITLES } from './lexicon';
import { sentenceAt, type Span } from './sentences';

/**
 * A one-line description of an entity in the article's own words, when the article has one:
 * - an appositive after a mention: "Jens Stoltenberg, the Secretary General of NATO, said" → "the Secretary General
 *   of NATO"; "Pyeongtaek, a city south of Seoul," → "a city south of Seoul";
 * - an appositive before a person's name: "the president of South Korea, Yoon Suk Yeol, was" → "the president of
 *   South Korea";
 * - a title before a person's name: "NATO chief Jens Stoltenberg" → "NATO chief"; "US Secretary of Defense Lloyd
 *   Austin" → "US Secretary of Defense".
 * Appositives win over titles (they say more); among each, the first in the article. Always verbatim text.
 */

export const MAX_DESCRIPTION_CHARS = 90;
const MAX_WORDS = 14;

/** Words that open a clause or a list, not an appositive. */
const NOT_APPOSITIVE = new Set([
  'who', 'whom', 'whose', 'which', 'that', 'where', 'when', 'while', 'and', 'but', 'or', 'nor', 'however', 'said',
  'says', 'according', 'although', 'though', 'because', 'if', 'as', 'he', 'she', 'it', 'they', 'we', 'i', 'you',
  'this', 'these', 'those', 'there', 'then', 'also', 'too', 'in', 'on', 'at', 'for', 'with', 'from', 'to', 'by',
  'after', 'before', 'since', 'until', 'not', 'including', 'such', 'with', 'both', 'either',
]);
/** Words that make a phrase a clause: appositives are noun phrases. */
const VERBS = new Set([
  'is', 'was', 'are', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'shall',
  'should', 'may', 'might', 'must', 'did', 'does', 'do', 'said', 'says', 'told', 'added', 'noted', 'urged', 'warned',
  'announced', 'wrote', 'asked', 'called', 'went', 'came', 'made', 'took', 'gave', 'got', 'saw', 'knew', 'thought',
  'wants', 'wanted', 'think', 'know', 'agreed', 'denied', 'refused', 'arrived', 'met', 'visited', 'left',
]);
const DETERMINERS = new Set(['the', 'a', 'an']);

interface Phrase {
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;

function wordsIn(text: string): string[] {
  return text.match(WORD) ?? [];
}

function lowerWords(text: string): string[] {
  return wordsIn(text).map((word) => word.toLowerCase().replace(/['’]s$/, '').replace(/\.$/, ''));
}

function isNounPhrase(phrase: string): boolean {
  const words = lowerWords(phrase);
  if (words.length < 2 || words.length > MAX_WORDS) return false;
  if (NOT_APPOSITIVE.has(words[0])) return false;
  if (words.some((word) => VERBS.has(word))) return false;
  return !/[“”"!?]/.test(phrase);
}

const hasRole = (phrase: string) => lowerWords(phrase).some((word) => ROLE_NOUNS.has(word));

/** ", the Secretary General of NATO," right after a mention. */
function appositiveAfter(text: string, mention: Span, sentence: Span, kind: EntityKind): Phrase | undefined {
  const rest = text.slice(mention.end, sentence.end);
  const open = /^,\s+/.exec(rest);
  if (!open) return undefined;
  const from = mention.end + open[0].length;
  const tail = text.slice(from, sentence.end);
  // The appositive ends at a comma, semicolon, dash or bracket, or with the sentence.
  const close = /,|;|\s[—–]\s|\s\(|\.(?=["”’]?$)|[!?](?=["”’]?$)/.exec(tail);
  const phrase = close ? tail.slice(0, close.index) : tail;
  if (!phrase || !isNounPhrase(phrase)) return undefined;
  const first = lowerWords(phrase)[0];
  // "one of the leading American academic voices on Sudan"
  const oneOf = /^one of the\s/i.test(phrase);
  const startsWell = oneOf || DETERMINERS.has(first) || ROLE_NOUNS.has(first) || (/^\p{Lu}/u.test(phrase) && hasRole(phrase));
  if (!startsWell) return undefined;
  // People are described by a role; a place or an organisation by any noun phrase ("a city south of Seoul").
  if (kind === 'person' && !oneOf && !hasRole(phrase)) return undefined;
  return { start: from, end: from + phrase.length };
}

/** "the president of South Korea, Yoon Suk Yeol," — the appositive before a person's name (closed by a comma). */
function appositiveBefore(text: string, mention: Span, sentence: Span): Phrase | undefined {
  if (text.slice(mention.start - 2, mention.start) !== ', ') return undefined;
  if (!/^(?:['’]s)?(?:,| [—–] )/.test(text.slice(mention.end, mention.end + 4))) return undefined;
  const comma = mention.start - 2;
  const segmentStart = Math.max(sentence.start, ...[',', ';', ':', '“', '"', '—'].map((mark) => text.lastIndexOf(mark, comma - 1) + 1));
  const segment = text.slice(segmentStart, comma);
  // Where the appositive may start: at "the", "a", "an", "his", "her", "their" or a possessive ("Sudan’s
  // president"); the nearest first.
  const starts = [...segment.matchAll(/(?:^|\s)((?:the|a|an|his|her|their)\s|[\p{Lu}][\p{L}.-]*['’]s\s)/giu)].reverse();
  for (const open of starts) {
    const start = segmentStart + open.index + open[0].indexOf(open[1]);
    const phrase = text.slice(start, comma);
    if (isNounPhrase(phrase) && hasRole(phrase)) return { start, end: comma };
  }
  return undefined;
}

/** "NATO chief", "US Secretary of Defense", "White House press secretary" right before a person's name. */
function titleBefore(text: string, mention: Span, sentence: Span): Phrase | undefined {
  let start = mention.start;
  for (;;) {
    const match = /([\p{L}\p{N}][\p{L}\p{N}'’.-]*) $/u.exec(text.slice(sentence.start, start));
    if (!match) break;
    const word = match[1];
    const lower = word.toLowerCase().replace(/['’]s$/, '').replace(/\.$/, '');
    const capitalised = /^\p{Lu}/u.test(word) && !NOT_APPOSITIVE.has(lower) && !DETERMINERS.has(lower);
    if (!TITLES.has(lower) && !PORTFOLIOS.has(lower) && lower !== 'of' && lower !== 'for' && !capitalised) break;
    start -= match[0].length;
  }
  let phrase = text.slice(start, mention.start).trimEnd();
  // "Kim and Interior Minister Lee": a list; the title is what follows its last "and" (not "Trade and Industry").
  for (const and of [...phrase.matchAll(/(\S+) and /g)].reverse()) {
    const word = and[1].toLowerCase();
    if (TITLES.has(word) || PORTFOLIOS.has(word)) continue;
    const cut = and.index + and[0].length;
    start += cut;
    phrase = phrase.slice(cut);
    break;
  }
  // Trim what is not part of the title: a leading "the", "of", "for".
  while (/^(?:the|of|for|and)\s/i.test(phrase)) {
    const cut = phrase.indexOf(' ') + 1;
    start += cut;
    phrase = phrase.slice(cut);
  }
  if (!lowerWords(phrase).some((word) => TITLES.has(word) && !HONORIFICS.has(word) && !QUALIFIERS.has(word))) return undefined;
  return { start, end: start + phrase.length };
}

const DIRECTION_WORDS = new Set(['north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest', 'near', 'outside', 'just']);
const HEAD_ENDS = new Set(['of', 'in', 'at', 'for', 'from', 'with', 'on', 'to', 'who', 'whose', 'which', 'that', 'based', 'and']);

/**
 * The words of the appositive right after a name up to its first preposition or relative word, lower case, its
 * head noun last: "member" in ", a member of Ennahda’s general secretariat,", "city" in ", a city south of
 * Seoul,", "al-qaeda-linked organization" in ", an al-Qaeda-linked organization".
 */
export function appositiveHead(text: string, mention: Span, sentence: Span): string[] {
  const phrase = appositiveAfter(text, mention, sentence, 'organisation');
  if (!phrase) return [];
  const words = lowerWords(text.slice(phrase.start, phrase.end)).filter((word) => !DETERMINERS.has(word));
  const end = words.findIndex((word) => HEAD_ENDS.has(word));
  const head = end < 0 ? words : words.slice(0, end);
  // "a city south of Seoul": a word of direction after the noun is no head.
  while (head.length > 1 && DIRECTION_WORDS.has(head[head.length - 1])) head.pop();
  return head;
}

/** Whether an appositive with a role stands right before the name: "the priest, Fidelis Mukonori,". */
export function roleBefore(text: string, mention: Span, sentence: Span): boolean {
  return appositiveBefore(text, mention, sentence) !== undefined;
}

export function describe(text: string, kind: EntityKind, mentions: Span[], sentences: Span[], skip: (sentence: Span) => boolean = () => false): string | undefined {
  const fits = (phrase: Phrase | undefined) => phrase && phrase.end - phrase.start <= MAX_DESCRIPTION_CHARS ? text.slice(phrase.start, phrase.end) : undefined;
  let title: string | undefined;
  for (const mention of mentions) {
    const sentence = sentenceAt(sentences, mention.start);
    if (!sentence || skip(sentence)) continue;
    const appositive = fits(appositiveAfter(text, mention, sentence, kind)) ?? (kind === 'person' ? fits(appositiveBefore(text, mention, sentence)) : undefined);
    if (appositive) return appositive;
    if (kind === 'person') title ??= fits(titleBefore(text, mention, sentence));
  }
  return title;
}

/** Words after which a name says where or whose, not who: "a city south of Seoul", "a subsidiary of Google". */
const RELATING_WORDS = new Set([
  'of', 'in', 'at', 'from', 'to', 'for', 'near', 'outside', 'inside', 'by', 'with', 'against', 'between', 'into', 'across',
  'around', 'toward', 'towards', 'under', 'over', 'on', 'within',
]);
/** Names longer than this many words are not looked for in a description (a description has at most 14). */
const MAX_NAME_WORDS = 8;

/** Names of one kind as keys of their folded words, for `namesAnother`. */
export type NameKeys = ReadonlySet<string>;

export function nameKeys(forms: Iterable<string>): Set<string> {
  const keys = new Set<string>();
  for (const form of forms) {
    const words = tokenize(form).map((token) => token.folded);
    if (words.length > 0 && words.length <= MAX_NAME_WORDS) keys.add(words.join(' '));
  }
  return keys;
}

/**
 * Whether a drafted description names another entity of the same kind as the one it describes, other than after a
 * word that relates the two (anywhere before it): "Kim and Interior Minister Lee Sang-min" for Yoon Suk Yeol, "French President Macron"
 * for Olaf Scholz, "the UK" for Canada are about someone else (a list, or the sentence's next name), and are dropped;
 * "a city south of Seoul" for Pyeongtaek is kept. `own`: the entity's own forms; `others`: the names of the same
 * kind the page (or the reader's notes) knows.
 */
export function namesAnother(description: string, own: NameKeys, others: NameKeys): boolean {
  const words = tokenize(description).map((token) => token.folded);
  for (let first = 0; first < words.length; first++) {
    // After "of", "in", "to"…, names say whose or where: "the wife of President Yoon", "a city south of Seoul".
    if (RELATING_WORDS.has(words[first])) return false;
    let key = '';
    for (let last = first; last < words.length && last - first < MAX_NAME_WORDS; last++) {
      key = key ? `${key} ${words[last]}` : words[last];
      if (others.has(key) && !own.has(key)) return true;
    }
  }
  return false;
}
