import nlp from 'compromise/two';
import {
  ACRONYM_KINDS, DOTTED_ACRONYM, EQUIPMENT, EQUIPMENT_NOUNS, MODEL_NUMBER, NAME_PARTICLES, OF_HEADS, ORG_HEADS, PLACE_HEADS,
  TREATY_WORDS,
} from './lexicon';
import type { Credit, CreditKind } from './credits';
import { sideNotesPlugin } from './plugin';
import type { Span } from './sentences';

/**
 * The article's words as compromise tags them, and the runs of them that can be proper names ("chunks"):
 * capitalised words, with "of", "de" and model numbers inside ("Republic of Korea", "Charles de Gaulle",
 * "Leopard 2"). Offsets always point into the article's text.
 */

nlp.plugin(sideNotesPlugin);

/** A word of the article: hyphenated names joined ("Jin-man"), possessives cut off ("Stoltenberg’s" → "Stoltenberg"). */
export interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** compromise's tags for it, in its sentence. */
  tags: Set<string>;
  /** Its place in the article's word list. */
  index: number;
  /** Only one space stands between this word and the next: they may belong to one name. */
  joinsNext: boolean;
  /** "’s" followed it. */
  possessive: boolean;
  /** The adjective it was hyphenated to, when it was: "owned" for "Amazon-owned", "based" for "Seattle-based". */
  compound?: string;
  /** Nothing but opening punctuation stands between it and the start of its sentence (or a colon, a dash, a bracket). */
  initial: boolean;
  /** Inside a credit line, a byline or a dateline's agency: which. */
  credit?: CreditKind;
  /** One of three or more upper-case words in a row. */
  shouted: boolean;
  /** In a line written in Title Case (a headline, a related link): its capitals say little. */
  headline?: boolean;
}

export const PERSON_TAGS = ['Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName'];
export const PLACE_TAGS = ['Place', 'Country', 'City', 'Region', 'Address'];
export const ORG_TAGS = ['Organization', 'SportsTeam', 'Company', 'School'];
const PROPER_TAGS = ['ProperNoun', ...PERSON_TAGS, ...PLACE_TAGS, ...ORG_TAGS, 'Acronym', 'Equipment'];
export const FUNCTION_TAGS = ['Determiner', 'Preposition', 'Conjunction', 'Pronoun', 'Adverb', 'QuestionWord', 'Copula', 'Modal', 'Auxiliary'];
/** Hyphenated words that are adjectives, not names: "US-made", "Saudi-led", "state-run". */
const ADJECTIVE_COMPOUND = /^(?:.*ed|made|run|born|built|style|era|like|wide|level|class|speaking|friendly|bound)$/;
const POSSESSIVE = /['’]s?$/;
export const UPPER = /^\p{Lu}/u;
/** "al-Bashir", "bin-Salman": a lower-case particle joined to a name. */
const PARTICLE_PREFIX = /^(?:al|el|ad|as|ash|at|az|an|ar|ibn|bin|abu|ben|da|de|di|du|van|von)-\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
/**
 * The shapes of a word that can be part of a name: letters and digits, inner hyphens and apostrophes, an "&", soft
 * hyphens; periods only in initials and abbreviations ("U.S.", "D.A.", "J.", "U.S.-South") or a web address
 * ("SmartAsset.com"). Words glued together across a slash or a missing space ("Masuike/The",
 * "underground.CreditChang") are first cut apart (`gluedParts`).
 */
const INSIDE_NAME = "[\\p{L}\\p{N}\\p{M}\\u00AD\\u200B-\\u200D\\u2060'’&‐‑-]";
const NAME_SHAPE = new RegExp(`^(?:(?:\\p{L}{1,3}\\.)+(?:[-‐‑]${INSIDE_NAME}+)?|[\\p{L}\\p{N}]${INSIDE_NAME}*(?:\\.(?:com|org|net|io))?)$`, 'u');
/** Plurals whose possessive is a word of names: "People’s Republic", "Murdoch Children’s Research Institute". */
const PLURAL_OWNERS = new Set(['people', 'children', 'women', 'men']);

/** The words of credit lines themselves, which name nobody. */
const CREDIT_WORDS = new Set([
  'credit', 'credits', 'photo', 'photograph', 'photographs', 'image', 'picture', 'video',
  'illustration', 'graphic', 'source', 'sources', 'courtesy', 'via', 'by', 'pool', 'file', 'handout', 'supplied',
  'staff', 'contributed', 'reporting', 'editing', 'writing', 'additional', 'and', 'for', 'the', 'photographer',
]);

/** After these a capital says no more than at the start of a sentence. */
const OPENS_CLAUSE = /[:[(“"‘—–•]\s*$/;

const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;

/** The tags compromise's lexicon gives a lower-case word or phrase, out of context. */
export function lexiconTags(lower: string): string[] {
  const entry = lexicon[lower];
  return entry === undefined ? [] : Array.isArray(entry) ? entry : [entry];
}

export function has(word: Word, tags: string[]): boolean {
  return tags.some((tag) => word.tags.has(tag));
}

/** A common word of the language: in compromise's lexicon as something other than a name. */
export function isCommonWord(lower: string): boolean {
  const tags = lexiconTags(lower);
  return tags.length > 0 && !tags.some((tag) => PROPER_TAGS.includes(tag) || tag === 'Demonym');
}

export function isDemonym(word: Word): boolean {
  return word.tags.has('Demonym') || lexiconTags(word.lower).includes('Demonym');
}

export function isAcronym(word: Word): boolean {
  return DOTTED_ACRONYM.test(word.text) || (/^[A-Z]{2,6}$/.test(word.text) && !HAS_LOWER.test(word.text));
}

export function isModelNumber(word: Word): boolean {
  return MODEL_NUMBER.test(word.text) && /\d/.test(word.text);
}

interface RawTerm {
  text: string;
  pre: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}

/** A word without its possessive, lower case. */
function wordTextBase(word: string): string {
  return word.replace(POSSESSIVE, '').toLowerCase();
}

function isHeadWord(lower: string): boolean {
  return ORG_HEADS.has(lower) || PLACE_HEADS.has(lower);
}

/**
 * A term compromise read as one word that is several glued together: across a slash ("Lee/The", "Coex/AFP"), a
 * period with no space after it ("Thursday.Anthony"), or a caption's "Credit" glued to a name ("CreditCreditChang").
 * Each part keeps compromise's tags only where they are the lexicon's for that part alone.
 */
function gluedParts(term: RawTerm): RawTerm[] {
  const { text } = term;
  if (NAME_SHAPE.test(text) || !/[/.]|^Credit\p{Lu}/u.test(text)) return [term];
  const parts: { word: string; at: number }[] = [];
  let reached = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}'’&‐‑-]+/gu)) {
    const glue = text.slice(reached, match.index);
    let word = match[0];
    let at = match.index;
    const credit = /^(?:Credit)+(?=\p{Lu})/u.exec(word);
    if (credit) {
      word = word.slice(credit[0].length);
      at += credit[0].length;
    }
    const previous = parts[parts.length - 1]?.word ?? '';
    // Only a slash glues anything; a period glues a word or a year to a capitalised word ("Thursday.Anthony"),
    // never an abbreviation ("U.S.") or a web address.
    const glued = parts.length === 0 ? glue === '' : glue === '/' || (/^\.\(?$/.test(glue) && /[\p{Ll}\p{N}]$/u.test(previous) && /^\p{Lu}\p{Ll}/u.test(word));
    if (!glued) return [term];
    parts.push({ word, at });
    reached = match.index + match[0].length;
  }
  if (reached !== text.length || (parts.length < 2 && parts[0]?.at === 0)) return [term];
  return parts.map(({ word, at }, i) => ({
    text: word,
    pre: i === 0 ? term.pre : text.slice(at - 1, at) === '(' ? '(' : '',
    post: i === parts.length - 1 ? term.post : text.slice(at + word.length, parts[i + 1].at),
    tags: [...lexiconTags(word.toLowerCase()), ...(UPPER.test(word) ? ['ProperNoun'] : [])],
    offset: { start: term.offset.start + at, length: word.length },
  }));
}

/** compromise's terms as words with offsets into `text`. */
export function wordsOf(text: string, sentences: Span[], credits: Credit[]): Word[] {
  const json = nlp(text).json({ offset: true, terms: { offset: true } }) as { terms: RawTerm[] }[];
  const terms = json.flatMap((sentence) => sentence.terms).filter((term) => term.text).flatMap(gluedParts);
  const words: Word[] = [];
  let cursor = 0;
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i];
    let start = term.offset.start;
    if (text.slice(start, start + term.text.length) !== term.text) start = text.indexOf(term.text, cursor);
    if (start < 0) continue;
    let end = start + term.text.length;
    const tags = new Set(term.tags);
    let post = term.post;
    let compound: string | undefined;
    // "Jin" + "-" + "man" is one word, and so is "AMX" + "-" + "10"; "US-made" is an adjective, not a name.
    while (i + 1 < terms.length && /^[-‐‑]$/.test(post) && !terms[i + 1].pre && /^[\p{L}\d]/u.test(terms[i + 1].text)) {
      const next = terms[i + 1];
      if (!UPPER.test(next.text) && ADJECTIVE_COMPOUND.test(next.text)) {
        compound = next.text.toLowerCase();
        break;
      }
      // "AMX-10", "Hwasong-18", "Falcon-9": a capitalised name and a number are one model's name.
      if (/^\d/.test(next.text) && !/^\p{Lu}/u.test(text.slice(start, end))) break;
      const nextStart = text.indexOf(next.text, end);
      if (nextStart !== end + 1) break;
      end = nextStart + next.text.length;
      for (const tag of next.tags) tags.add(tag);
      post = next.post;
      i++;
    }
    cursor = end;
    let wordText = text.slice(start, end);
    // "Sam’s Club", "Fisherman’s Terminal": a possessive before a lone head word is part of one name.
    const next = terms[i + 1];
    // (The word after the head counts only when nothing but a space stands between: not the next sentence's.)
    const afterHead = next && next.post === ' ' ? (terms[i + 2]?.text ?? '') : '';
    const headAfter =
      !!next && post === ' ' && !next.pre && UPPER.test(next.text) && isHeadWord(next.text.toLowerCase()) &&
      !UPPER.test(afterHead) && !['of', 'on', 'for', 'and'].includes(afterHead) && !isHeadWord(wordTextBase(text.slice(start, end)));
    // "People’s Republic", "People’s Party": that possessive is a word of the name.
    // "Workers’ Party of Korea", "Veterans’ Affairs": a plural's possessive before a capital is a word of the name.
    const pluralOwner = /s['’]$/.test(wordText) && isCommonWord(wordText.slice(0, -1).toLowerCase());
    const peoples = (PLURAL_OWNERS.has(wordTextBase(wordText)) || pluralOwner) && UPPER.test(wordText) && !!next && post === ' ' && UPPER.test(next.text);
    const possessive = POSSESSIVE.test(wordText) && !headAfter && !peoples;
    if (possessive) wordText = wordText.replace(POSSESSIVE, '');
    // "F-16s": the plural of a model is the model.
    if (/\d+s$/.test(wordText)) wordText = wordText.slice(0, -1);
    let joinsNext = !possessive && (post === ' ' || post === '\u00a0') && !terms[i + 1]?.pre;
    // "Workers’ Party of Korea": a plural's possessive apostrophe, read by compromise as punctuation after the word.
    if (/^['’] $/.test(post) && /s$/.test(wordText) && UPPER.test(wordText) && isCommonWord(wordText.toLowerCase()) && UPPER.test(next?.text ?? '') && !next?.pre) joinsNext = true;
    // An initial ("Donald J. Trump"): the period is part of the name.
    if (/^\p{Lu}$/u.test(wordText) && post === '. ' && !terms[i + 1]?.pre && UPPER.test(terms[i + 1]?.text ?? '')) {
      wordText += '.';
      joinsNext = true;
    }
    words.push({
      text: wordText,
      lower: wordText.toLowerCase(),
      start,
      end: start + wordText.length,
      tags,
      index: words.length,
      joinsNext,
      possessive,
      compound,
      initial: false,
      shouted: false,
    });
  }
  markPositions(text, words, sentences, credits);
  markShouting(words);
  markHeadlines(text, words);
  return words;
}

/**
 * Lines written in Title Case: three or more common words of four letters or more after the first, at least seven in
 * ten of them capitalised ("Pizza Man Making Special Delivery to Afghanistan During Super Bowl", "What May Soon Exceed
 * Cost of U.S. Military?"). A line of a sentence's case ("Tension on the Korean Peninsula after NATO’s intention") is
 * none, and neither is a sentence full of names.
 */
function markHeadlines(text: string, words: Word[]): void {
  let from = 0;
  while (from < words.length) {
    const lineEnd = text.indexOf('\n', words[from].start);
    const end = lineEnd < 0 ? text.length : lineEnd;
    let to = from;
    while (to < words.length && words[to].start < end) to++;
    // Only common words tell: a sentence full of names is no headline.
    const long = words.slice(from + 1, to).filter((word) => /^[\p{L}.'’-]{4,}$/u.test(word.text) && isCommonWord(word.lower.replace(/['’]s$/, '')));
    const capitalised = long.filter((word) => UPPER.test(word.text)).length;
    const credit = words.slice(from, to).some((word) => word.credit);
    if (!credit && to - from <= 24 && capitalised >= 3 && capitalised >= 0.7 * long.length) for (let i = from; i < to; i++) words[i].headline = true;
    from = to;
  }
}

function markPositions(text: string, words: Word[], sentences: Span[], credits: Credit[]): void {
  let s = 0;
  let c = 0;
  for (const word of words) {
    while (s < sentences.length && sentences[s].end <= word.start) s++;
    while (c < credits.length && credits[c].end <= word.start) c++;
    const sentence = sentences[s];
    if (sentence && sentence.start <= word.start) {
      const before = text.slice(sentence.start, word.start);
      word.initial = !/[\p{L}\p{N}]/u.test(before) || OPENS_CLAUSE.test(before);
    }
    const credit = credits[c];
    word.credit = credit && credit.start <= word.start ? credit.what : undefined;
  }
}

function markShouting(words: Word[]): void {
  const upper = (word: Word | undefined) => !!word && /\p{Lu}/u.test(word.text) && !HAS_LOWER.test(word.text);
  let start = 0;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && upper(words[i]) && (i === start || words[i - 1].joinsNext)) continue;
    if (i - start >= 3) for (let j = start; j < i; j++) words[j].shouted = true;
    start = i < words.length && upper(words[i]) ? i : i + 1;
  }
}

/** Whether a word can be part of a proper name at all. */
export function nameLike(word: Word): boolean {
  if (!NAME_SHAPE.test(word.text)) return false;
  if (!UPPER.test(word.text)) {
    if (PARTICLE_PREFIX.test(word.text)) return true;
    // A city the lexicon knows, written in lower case ("support for kyiv").
    return lexiconTags(word.lower).includes('City') && word.tags.has('City');
  }
  if (has(word, ['Date', 'Month', 'WeekDay', 'Pronoun'])) return false;
  // A shouted line ("LAURIE OAKES IS THE NINE NETWORK POLITICAL EDITOR"): its common words are no names, and
  // nor is anything in a run of three upper-case words or more.
  // Credit lines shout names of people ("LEE JIN-MAN", "JIM WATSON/AFP").
  if (word.text.length > 1 && !HAS_LOWER.test(word.text) && !ACRONYM_KINDS[word.lower.replace(/\./g, '')] && (isCommonWord(word.lower) || (word.shouted && !word.credit))) return false;
  // In a credit every capital counts (a list of names), except the credit's own words ("Credit", "Photo", "Pool").
  if (word.credit) return !CREDIT_WORDS.has(word.lower);
  if (!word.initial && !word.headline) return true;
  // A capital at the start of a sentence says nothing: compromise must know the word as a name ("Seoul"), or tag
  // a common word as one here ("Mark Milley"), or not know the word at all ("Stoltenberg arrived").
  if (isCommonWord(word.lower)) return has(word, [...PERSON_TAGS, ...PLACE_TAGS, ...ORG_TAGS, 'Acronym', 'Equipment']) && !has(word, FUNCTION_TAGS);
  if (has(word, PROPER_TAGS)) return !has(word, FUNCTION_TAGS);
  return !has(word, [...FUNCTION_TAGS, 'Verb', 'Adjective', 'Plural']);
}

/**
 * Whether a lower-case "of", "for", "the", "on", "against" or "and" joins the words around it into one name: "of"
 * and "for" after a word that heads names ("Republic of Korea", "Center for Health"), "on" after an organisation's
 * or a treaty's word ("Council on Foreign Relations", "Convention on Cluster Munitions"), "against" after a
 * treaty's, "the" after those, "and" inside such a name ("Center for Health and Human Rights") or before an
 * organisation's last word ("World Travel and Tourism Council").
 */
function joinsName(chunk: Word[], word: Word, words: Word[]): boolean {
  const prev = chunk[chunk.length - 1];
  const next = words[word.index + 1];
  const afterNext = words[word.index + 2];
  // "Republic of the Congo", "Committee for a Responsible Federal Budget"
  const article = next.lower === 'the' || ((next.lower === 'a' || next.lower === 'an') && word.lower === 'for');
  const nextIsName = nameLike(next) || (article && next.joinsNext && afterNext !== undefined && nameLike(afterNext));
  if (!nextIsName) return false;
  switch (word.lower) {
    case 'of':
    case 'for':
      // (And any "of" once the name has opened with a head and its connector: "Treaty on the Non-Proliferation of
      // Nuclear Weapons".)
      return OF_HEADS.has(prev.lower) || (word.lower === 'of' && chunk.some((inner, i) => i > 0 && ['of', 'on', 'for'].includes(inner.lower) && OF_HEADS.has(chunk[i - 1].lower)));
    case 'on':
      return TREATY_WORDS.has(prev.lower) || ORG_HEADS.has(prev.lower);
    case 'against':
      return TREATY_WORDS.has(prev.lower);
    case 'the':
      return ['of', 'for', 'on', 'against'].includes(prev.lower);
    case 'a':
    case 'an':
      return prev.lower === 'for';
    case 'and': {
      if (!nameLike(next)) return false;
      if (chunk.some((inner, i) => ['of', 'for', 'on'].includes(inner.lower) && i > 0 && (OF_HEADS.has(chunk[i - 1].lower) || ORG_HEADS.has(chunk[i - 1].lower)))) return true;
      // "World Travel and Tourism Council": the name after "and" ends in an organisation's word, and the one
      // before it is no person's or place's.
      let end = next.index;
      while (end + 1 < words.length && words[end].joinsNext && nameLike(words[end + 1])) end++;
      return end > next.index && ORG_HEADS.has(words[end].lower) && !chunk.some((inner) => has(inner, [...PERSON_TAGS, ...PLACE_TAGS]));
    }
    default:
      return NAME_PARTICLES.has(word.lower) && nameLike(next);
  }
}

/** A model number after a weapon's name: "Leopard 2 tanks", "Leopard 2A6". */
function modelNumberOf(prev: Word, word: Word, next: Word | undefined): boolean {
  return /^\d/.test(word.text) && isModelNumber(word) && (!!EQUIPMENT[prev.lower] || (next !== undefined && EQUIPMENT_NOUNS.has(next.lower)));
}

/**
 * Chunks of consecutive name words: "North Atlantic Treaty Organization", "Republic of Korea", "Leopard 2". A
 * common word at the start of a sentence joins the name after it when the article writes the two together
 * elsewhere too ("Whole Foods" … "Whole Foods touted").
 */
/**
 * Whether `word`, after a comma, goes on a list inside the name being read: "American Academy of Allergy, Asthma and
 * Immunology", "Bureau of Alcohol, Tobacco, Firearms and Explosives" — a name that has opened with a head word and
 * its "of", and a list that closes with "and" and a name.
 */
function listInName(chunk: Word[], word: Word, words: Word[], text: string): boolean {
  const prev = chunk[chunk.length - 1];
  if (!prev || prev.index !== word.index - 1 || text.slice(prev.end, word.start) !== ', ' || !UPPER.test(word.text) || prev.credit || word.credit) return false;
  const opened = chunk.some((inner, i) => i > 0 && ['of', 'for', 'on'].includes(inner.lower) && (OF_HEADS.has(chunk[i - 1].lower) || ORG_HEADS.has(chunk[i - 1].lower)));
  if (!opened) return false;
  for (let j = word.index; j < words.length && j < word.index + 8; j++) {
    const current = words[j];
    if (!nameLike(current) || !UPPER.test(current.text)) return false;
    const after = text.slice(current.end, current.end + 6);
    const next = words[j + 1];
    if (/^,? and $/.test(after.slice(0, after.indexOf('and') + 4)) && next?.lower === 'and') return !!words[j + 2] && nameLike(words[j + 2]) && UPPER.test(words[j + 2].text);
    if (!(current.joinsNext || after.startsWith(', '))) return false;
  }
  return false;
}

export function chunks(words: Word[], text = ''): Word[][] {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) {
    if (!words[i].initial && words[i].joinsNext && UPPER.test(words[i].text) && nameLike(words[i]) && nameLike(words[i + 1])) pairs.add(`${words[i].lower} ${words[i + 1].lower}`);
  }
  const startsName = (word: Word) =>
    word.initial && word.joinsNext && UPPER.test(word.text) && !!words[word.index + 1] && pairs.has(`${word.lower} ${words[word.index + 1].lower}`);
  const out: Word[][] = [];
  let chunk: Word[] = [];
  const close = () => {
    while (chunk.length && !nameLike(chunk[chunk.length - 1]) && !isModelNumber(chunk[chunk.length - 1]) && !startsName(chunk[chunk.length - 1])) chunk.pop();
    if (chunk.length) out.push(chunk);
    chunk = [];
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const prev = chunk[chunk.length - 1];
    // A credit's names are not joined to the caption's, nor a credit's to the next credit's.
    const joined = (prev !== undefined && prev.joinsNext && prev.index === i - 1 && prev.credit === word.credit) || (!!text && listInName(chunk, word, words, text));
    if (nameLike(word) || startsName(word)) {
      if (!joined) close();
      chunk.push(word);
      continue;
    }
    const next = word.joinsNext ? words[i + 1] : undefined;
    if (joined && !word.credit && next && !UPPER.test(word.text) && joinsName(chunk, word, words)) {
      chunk.push(word);
      continue;
    }
    if (joined && modelNumberOf(prev, word, next)) {
      chunk.push(word);
      continue;
    }
    close();
  }
  close();
  return out;
}
