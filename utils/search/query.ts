import { classOf, CJK } from '@/utils/match/normalize';
import { ROLE_SYNONYMS } from './synonyms';
import type { WordIndex } from './word-index';
import { readerWords } from './words';

/** A word of a query and the words of the index it stands for, each with how well it matches (1 is the word itself). */
export interface QueryWord {
  text: string;
  matches: { word: number; quality: number; namesOnly: boolean }[];
}

export interface ParsedQuery {
  /** Distinct words, in the order first typed (at most `MAX_WORDS`). */
  words: QueryWord[];
  /** The query as typed, word by word: indexes into `words` (repeats kept), for phrase matches. */
  sequence: number[];
}

/** Scores keep one bit per query word. */
const MAX_WORDS = 31;
/** Below this many letters in the whole query, only names and aliases are searched ("us" is in "Russia"). */
const MIN_TEXT_QUERY = 3;
/** Prefixes shorter than this find only words of names and aliases: "s" would otherwise be every note. */
const MIN_TEXT_PREFIX = 3;
/** Words shorter than this are not searched fuzzily: one error in three letters is another word. */
const MIN_FUZZY_LENGTH = 4;
/** From this length on, two errors are allowed ("humanitarain", "stoltenbrg"); below it, one ("trety"). */
const TWO_EDITS_LENGTH = 8;

const EXACT = 1;
/** A word the query word starts: "korea" → "korean", "tank" → "tanks", "helic" → "helicopter". */
const PREFIX = 0.8;
/** How much of a prefix match's quality depends on how much of the word was typed. */
const PREFIX_SPAN = 0.2;
const ONE_EDIT = 0.7;
const TWO_EDITS = 0.5;
const SYNONYM = 0.6;

/** A number: digits, or digit groups ("965 000", as `forEachNumber` keys them). */
const DIGITS = /^[\d ]+$/;

/**
 * Splits queries into the page matcher's folded words and finds what each can stand for in the index. The last word
 * is taken as unfinished while the query does not end in a space or a punctuation mark: it may be a prefix.
 *
 * What a word stands for is kept until the index grows: typing a query looks up only the word being typed, not
 * again every word before it.
 */
export class QueryParser {
  private readonly known = new Map<string, QueryWord['matches']>();
  private knownFor = 0;

  constructor(private readonly index: WordIndex) {}

  parse(query: string): ParsedQuery {
    if (this.knownFor !== this.index.texts.length) {
      this.known.clear();
      this.knownFor = this.index.texts.length;
    }
    return parseQuery(query, (text, open, namesOnly) => {
      const key = `${open ? 'o' : 'c'}${namesOnly ? 'n' : 'a'}${text}`;
      let matches = this.known.get(key);
      if (!matches) this.known.set(key, (matches = matchesOf(text, open, namesOnly, this.index)));
      return matches;
    });
  }
}

type MatchesOf = (text: string, open: boolean, namesOnly: boolean) => QueryWord['matches'];

function parseQuery(query: string, matchesOf: MatchesOf): ParsedQuery {
  const tokens = readerWords(query);
  const last = tokens.at(-1);
  const openEnded = last !== undefined && last.end === query.length;
  const namesOnly = tokens.reduce((length, token) => length + token.word.length, 0) < MIN_TEXT_QUERY;

  const words: QueryWord[] = [];
  const sequence: number[] = [];
  tokens.forEach((token, position) => {
    let at = words.findIndex((word) => word.text === token.word);
    if (at < 0) {
      if (words.length === MAX_WORDS) return;
      at = words.length;
      const open = openEnded && position === tokens.length - 1;
      words.push({ text: token.word, matches: matchesOf(token.word, open, namesOnly) });
    }
    sequence.push(at);
  });
  return { words, sequence };
}

function matchesOf(text: string, open: boolean, namesOnly: boolean, index: WordIndex): QueryWord['matches'] {
  const matches: QueryWord['matches'] = [];
  const exact = index.exact(text);
  if (exact !== undefined) matches.push({ word: exact, quality: EXACT, namesOnly });
  // Han, kana and Hangul are indexed one character a word; numbers match as written.
  if (text.length === 1 && classOf(text.charCodeAt(0)) === CJK) return matches;
  const number = DIGITS.test(text);

  if (open || (!number && text.length >= MIN_TEXT_PREFIX)) {
    const prefixNamesOnly = namesOnly || text.length < MIN_TEXT_PREFIX;
    for (const word of index.startingWith(text)) {
      if (prefixNamesOnly && index.textsWith(word, true).length === 0) continue;
      const typed = text.length / index.words[word].length;
      matches.push({ word, quality: PREFIX - PREFIX_SPAN * (1 - typed), namesOnly: prefixNamesOnly });
    }
  }
  if (!number && text.length >= MIN_FUZZY_LENGTH) {
    const seen = new Set(matches.map((match) => match.word));
    for (const { word, edits } of index.near(text, text.length >= TWO_EDITS_LENGTH ? 2 : 1)) {
      if (!seen.has(word)) matches.push({ word, quality: edits === 1 ? ONE_EDIT : TWO_EDITS, namesOnly });
    }
  }
  for (const synonym of ROLE_SYNONYMS.get(text) ?? []) {
    const word = index.exact(synonym);
    if (word !== undefined) matches.push({ word, quality: SYNONYM, namesOnly });
  }
  return matches;
}
