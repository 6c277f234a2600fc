/**
 * Text normalisation for matching names, one UTF-16 code unit at a time so that an offset in the folded text is
 * the same offset in the page's text: no copies, no offset maps. Folding: case, diacritics (Latin), every
 * apostrophe form to `'`, every hyphen form to `-`, every space (line breaks, `&nbsp;`, thin spaces) to ` `;
 * soft hyphens and zero-width characters are ignored inside words.
 */

/** Character classes, as plain numbers: the scan loop compares them millions of times. */
export const OTHER = 0;
export const WORD = 1;
export const SPACE = 2;
export const HYPHEN = 3;
export const APOSTROPHE = 4;
/** Soft hyphen, zero-width joiners, combining marks: invisible inside a word. */
export const IGNORABLE = 5;
export const PERIOD = 6;
/** A Han, kana or Hangul character: these scripts do not separate words, so each character is a word of its own. */
export const CJK = 7;
export type CharClass =
  | typeof OTHER
  | typeof WORD
  | typeof SPACE
  | typeof HYPHEN
  | typeof APOSTROPHE
  | typeof IGNORABLE
  | typeof PERIOD
  | typeof CJK;

const APOSTROPHES = "'\u2019\u2018\u02BC\u02B9\u2032\uFF07\u0060\u00B4";
const HYPHENS = '-\u2010\u2011\u2012\u2013\u2212\uFE63\uFF0D';
const SPACES = ' \t\n\r\f\v\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000';
const IGNORABLES = '\u00AD\u200B\u200C\u200D\u2060\uFEFF';
/** Letters NFD does not decompose but readers treat as plain Latin letters. */
const EXTRA_FOLDS: Record<string, string> = { ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ł: 'l', Ł: 'l', ı: 'i', ħ: 'h', Ħ: 'h' };

const WORD_RE = /[\p{L}\p{N}]/u;
const MARK_RE = /\p{M}/u;
const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC]/u;

const foldCache = new Map<number, number>();
const classCache = new Map<number, CharClass>();

function computeFold(code: number): number {
  const char = String.fromCharCode(code);
  const extra = EXTRA_FOLDS[char];
  if (extra) return extra.charCodeAt(0);
  if (APOSTROPHES.includes(char)) return 39;
  if (HYPHENS.includes(char)) return 45;
  if (SPACES.includes(char)) return 32;
  // NFD would split a Hangul syllable into its letters; these scripts have no case or accents to fold.
  if (CJK_RE.test(char)) return code;
  const base = char.normalize('NFD').charAt(0).toLowerCase();
  return base.length === 1 ? base.charCodeAt(0) : code;
}

function computeClass(code: number): CharClass {
  const char = String.fromCharCode(code);
  if (APOSTROPHES.includes(char)) return APOSTROPHE;
  if (HYPHENS.includes(char)) return HYPHEN;
  if (SPACES.includes(char)) return SPACE;
  if (IGNORABLES.includes(char) || MARK_RE.test(char)) return IGNORABLE;
  if (char === '.') return PERIOD;
  if (CJK_RE.test(char)) return CJK;
  // Lone surrogates count as word characters: letters outside the BMP (CJK extensions) stay inside their word.
  if (WORD_RE.test(char) || (code >= 0xd800 && code <= 0xdfff)) return WORD;
  return OTHER;
}

// ASCII and Latin-1 are nearly all of what pages contain: precomputed tables keep the scan loop to array reads.
const TABLE_SIZE = 0x250;
const FOLD_TABLE = new Uint16Array(TABLE_SIZE);
const CLASS_TABLE = new Uint8Array(TABLE_SIZE);
for (let code = 0; code < TABLE_SIZE; code++) {
  FOLD_TABLE[code] = computeFold(code);
  CLASS_TABLE[code] = computeClass(code);
}

export function foldCode(code: number): number {
  if (code < TABLE_SIZE) return FOLD_TABLE[code];
  let folded = foldCache.get(code);
  if (folded === undefined) foldCache.set(code, (folded = computeFold(code)));
  return folded;
}

export function classOf(code: number): CharClass {
  if (code < TABLE_SIZE) return CLASS_TABLE[code] as CharClass;
  let charClass = classCache.get(code);
  if (charClass === undefined) classCache.set(code, (charClass = computeClass(code)));
  return charClass;
}

/**
 * For the hottest loop (a first look at every text node of a page): below `TABLE_SIZE`, a word character's folded
 * code, or `NOT_WORD` for anything that ends a word, or `INSIDE_WORD` for a character that is invisible inside one.
 * One array read per character; other characters go through `classOf` and `foldCode`.
 */
export const NOT_WORD = -1;
export const INSIDE_WORD = -2;
export const WORD_FOLD_TABLE = new Int32Array(TABLE_SIZE);
for (let code = 0; code < TABLE_SIZE; code++) {
  const charClass = CLASS_TABLE[code];
  WORD_FOLD_TABLE[code] = charClass === WORD ? FOLD_TABLE[code] : charClass === IGNORABLE ? INSIDE_WORD : NOT_WORD;
}
export { TABLE_SIZE as WORD_FOLD_TABLE_SIZE };

/** The folded form of a whole string (same length). */
export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(foldCode(text.charCodeAt(i)));
  return out;
}

/** True when the code unit is an upper-case letter (the page wrote a capital). */
export function isUpperCode(code: number): boolean {
  if (code >= 65 && code <= 90) return true;
  if (code < 0xc0) return false;
  const char = String.fromCharCode(code);
  return char !== char.toLowerCase();
}

/** A word of text: [start, end) in the text, and its folded form without ignorable characters. */
export interface Token {
  start: number;
  end: number;
  folded: string;
}

/** Splits text into words (letters and digits); everything else separates them. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let start = -1;
  let folded = '';
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    const charClass = classOf(code);
    if (charClass === CJK) {
      if (start >= 0) tokens.push({ start, end: i, folded });
      tokens.push({ start: i, end: i + 1, folded: text.charAt(i) });
      start = -1;
      folded = '';
    } else if (charClass === WORD) {
      if (start < 0) start = i;
      folded += String.fromCharCode(foldCode(code));
    } else if (charClass === IGNORABLE && start >= 0) {
      continue;
    } else if (start >= 0) {
      tokens.push({ start, end: i, folded });
      start = -1;
      folded = '';
    }
  }
  return tokens;
}

/** The key the matcher and the collision check compare: folded words joined by single spaces. */
export function aliasKey(text: string): string {
  return tokenize(text)
    .map((token) => token.folded)
    .join(' ');
}
