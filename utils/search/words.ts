import { APOSTROPHE, classOf, CJK, foldCode, IGNORABLE, WORD } from '@/utils/match/normalize';

/**
 * The page matcher's words of a text (`tokenize` in utils/match/normalize.ts: the same words, folded the same way),
 * handed to `visit` one by one with their [start, end) in the text, without allocating a token object or building
 * a word a character at a time. Indexing reads every note's text this way: a word that is plain ASCII is one
 * slice of the text, lower-cased, and a flat string hashes fast in the index's maps.
 */
export function forEachWord(text: string, visit: (word: string, start: number, end: number) => void): void {
  let start = -1;
  // Every character of the word so far is ASCII: no diacritics to fold, nothing ignorable to drop.
  let ascii = true;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    const charClass = classOf(code);
    if (charClass === WORD) {
      if (start < 0) {
        start = i;
        ascii = true;
      }
      if (code > 0x7f) ascii = false;
    } else if (charClass === IGNORABLE && start >= 0) {
      ascii = false;
    } else {
      if (start >= 0) {
        visit(ascii ? text.slice(start, i).toLowerCase() : foldWord(text, start, i), start, i);
        start = -1;
      }
      if (charClass === CJK) visit(text.charAt(i), i, i + 1);
    }
  }
}

/** The folded form of text[start, end), ignorable characters left out. */
function foldWord(text: string, start: number, end: number): string {
  const codes: number[] = [];
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (classOf(code) !== IGNORABLE) codes.push(foldCode(code));
  }
  return String.fromCharCode(...codes);
}

/** A word as `forEachWord` hands it over. */
export interface Word {
  word: string;
  start: number;
  end: number;
}

/**
 * The words of what a reader typed, as they mean them: a possessive s is no word of its own ("Yoon’s" is Yoon), and
 * a number in digit groups is one word (its `forEachNumber` key).
 */
export function readerWords(text: string): Word[] {
  const words: Word[] = [];
  forEachWord(text, (word, start, end) => {
    const possessive = word === 's' && start > 0 && classOf(text.charCodeAt(start - 1)) === APOSTROPHE;
    if (!possessive) words.push({ word, start, end });
  });
  forEachNumber(text, (key, start, end) => {
    const first = words.findIndex((word) => word.start === start);
    const last = words.findIndex((word) => word.end === end);
    words.splice(first, last - first + 1, { word: key, start, end });
  });
  return words;
}

/** What stands between the digit groups of one number: "965,000", "4.000.000", "1'000", "10 000" (narrow spaces). */
const NUMBER_SEPARATORS = ",.'’\u00A0\u2009\u202F";
const DIGITS = /^\d+$/;

/**
 * The numbers of a text written in digit groups ("965,000"), each as one key (the groups joined by spaces, "965 000":
 * no word of `forEachWord` has a space, so no key is ever a word) with its [start, end). A search for "965,000" is
 * one for that number, not for "965" and every "000" of "4,000,000".
 */
export function forEachNumber(text: string, visit: (key: string, start: number, end: number) => void): void {
  if (!/\d/.test(text)) return;
  let key = '';
  let start = -1;
  let end = -1;
  forEachWord(text, (word, wordStart, wordEnd) => {
    const digits = DIGITS.test(word);
    if (digits && key !== '' && wordStart === end + 1 && NUMBER_SEPARATORS.includes(text.charAt(end))) {
      key += ` ${word}`;
      end = wordEnd;
      return;
    }
    if (key.includes(' ')) visit(key, start, end);
    [key, start, end] = digits ? [word, wordStart, wordEnd] : ['', -1, -1];
  });
  if (key.includes(' ')) visit(key, start, end);
}
