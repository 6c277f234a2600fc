import { insideLongerName, isLongerName, judgeAmbiguous, readsAsTitleCase } from './context';
import { childKey, EXACT_ONLY, EXACT_ROOT_KEY, HAS_ALIASES, HAS_CHILDREN, ROOT_KEY, type CompiledAlias, type Matcher } from './matcher';
import {
  APOSTROPHE,
  CJK,
  classOf,
  foldCode,
  HYPHEN,
  IGNORABLE,
  isUpperCode,
  NOT_WORD,
  INSIDE_WORD,
  PERIOD,
  SPACE,
  WORD,
  WORD_FOLD_TABLE,
  WORD_FOLD_TABLE_SIZE,
} from './normalize';

/** A name found in a piece of text. Offsets are UTF-16 offsets in that text. */
export interface Candidate {
  alias: CompiledAlias;
  start: number;
  end: number;
  /** `strong` counts now; `weak` counts once the page names the same entity unambiguously. */
  strength: 'strong' | 'weak';
}

/** The words of one text, kept in typed arrays reused across calls: the scan allocates almost nothing. */
class Words {
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  hashes = new Int32Array(1024);
  count = 0;

  push(start: number, end: number, hash: number) {
    if (this.count === this.starts.length) {
      const grow = (from: Int32Array) => {
        const to = new Int32Array(from.length * 2);
        to.set(from);
        return to;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.hashes = grow(this.hashes);
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.hashes[this.count] = hash;
    this.count++;
  }
}

const words = new Words();

/** Reads the words of `text` into `words`, hashing each one's folded form (see `hashWord`). */
function readWords(text: string): void {
  words.count = 0;
  let start = -1;
  let hash = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const charClass = classOf(code);
    if (charClass === CJK) {
      if (start >= 0) words.push(start, i, hash);
      words.push(i, i + 1, Math.imul(0x811c9dc5 ^ foldCode(code), 0x01000193));
      start = -1;
    } else if (charClass === WORD) {
      if (start < 0) {
        start = i;
        hash = 0x811c9dc5;
      }
      hash = Math.imul(hash ^ foldCode(code), 0x01000193);
    } else if (start >= 0 && charClass !== IGNORABLE) {
      words.push(start, i, hash);
      start = -1;
    }
  }
  if (start >= 0) words.push(start, length, hash);
}

function foldedWord(text: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const charClass = classOf(code);
    if (charClass === WORD || charClass === CJK) out += String.fromCharCode(foldCode(code));
  }
  return out;
}

const MAX_GAP = 12;

/**
 * Whether the characters between two words keep them in one name: spaces (any kind, line breaks included),
 * hyphens, a possessive apostrophe, or a period after an initial or abbreviation ("Lloyd J. Austin", "Gen. Austin").
 */
function joinsName(text: string, from: number, to: number, previousWordLength: number): boolean {
  if (to - from > MAX_GAP) return false;
  let periods = 0;
  let apostrophes = 0;
  for (let i = from; i < to; i++) {
    const charClass = classOf(text.charCodeAt(i));
    if (charClass === SPACE || charClass === HYPHEN || charClass === IGNORABLE) continue;
    if (charClass === PERIOD && previousWordLength <= 3 && ++periods === 1) continue;
    if (charClass === APOSTROPHE && ++apostrophes === 1) continue;
    return false;
  }
  return true;
}

/** Only spaces and hyphens: the two words read as one run of words. */
function onlySpacesBetween(text: string, from: number, to: number): boolean {
  if (to - from > MAX_GAP) return false;
  for (let i = from; i < to; i++) {
    const charClass = classOf(text.charCodeAt(i));
    if (charClass !== SPACE && charClass !== HYPHEN) return false;
  }
  return true;
}

/** Whether words [first, first + expected.length) are `expected`, joined as one name. */
function wordsAre(text: string, first: number, expected: readonly string[]): boolean {
  if (first < 0 || first + expected.length > words.count) return false;
  for (let k = 0; k < expected.length; k++) {
    const w = first + k;
    if (foldedWord(text, words.starts[w], words.ends[w]) !== expected[k]) return false;
    if (k > 0 && !joinsName(text, words.ends[w - 1], words.starts[w], words.ends[w - 1] - words.starts[w - 1])) return false;
  }
  return true;
}

function matchesAt(text: string, first: number, alias: CompiledAlias): boolean {
  const hashes = alias.hashes;
  const n = alias.words.length;
  if (first + n > words.count) return false;
  for (let k = 0; k < n; k++) if (words.hashes[first + k] !== hashes[k]) return false;
  if (!wordsAre(text, first, alias.words)) return false;
  if (alias.exactWords) {
    for (let k = 0; k < n; k++) {
      if (text.slice(words.starts[first + k], words.ends[first + k]) !== alias.exactWords[k]) return false;
    }
  }
  if (alias.accentedWords) {
    for (let k = 0; k < n; k++) {
      if (text.slice(words.starts[first + k], words.ends[first + k]).toLowerCase() !== alias.accentedWords[k]) return false;
    }
  }
  return true;
}

function hasCueBefore(text: string, first: number, alias: CompiledAlias): boolean {
  return alias.cuesBefore.some((cue) => {
    const cueStart = first - cue.length;
    if (!wordsAre(text, cueStart, cue)) return false;
    const last = first - 1;
    return joinsName(text, words.ends[last], words.starts[first], words.ends[last] - words.starts[last]);
  });
}

function hasCueAfter(text: string, afterLast: number, alias: CompiledAlias): boolean {
  return alias.cuesAfter.some(
    (cue) =>
      wordsAre(text, afterLast, cue) &&
      onlySpacesBetween(text, words.ends[afterLast - 1], words.starts[afterLast]),
  );
}

function isShouting(text: string, start: number, end: number): boolean {
  const slice = text.slice(start, end);
  return end - start > 1 && slice === slice.toUpperCase() && slice !== slice.toLowerCase();
}

/** Whether one of `phrases` stands right before word `first` (joined to it as one run of words). */
function phraseBefore(text: string, first: number, phrases: readonly string[][]): boolean {
  return phrases.some((phrase) => {
    const start = first - phrase.length;
    return start >= 0 && wordsAre(text, start, phrase) && joinedLoosely(text, words.ends[first - 1], words.starts[first]);
  });
}

/** Whether one of `phrases` stands right after the word before `afterLast`. */
function phraseAfter(text: string, afterLast: number, phrases: readonly string[][]): boolean {
  return phrases.some(
    (phrase) => wordsAre(text, afterLast, phrase) && joinedLoosely(text, words.ends[afterLast - 1], words.starts[afterLast]),
  );
}

/** Spaces, hyphens, brackets: enough for a veto ("en-US", "English (US)"), not a sentence break. */
function joinedLoosely(text: string, from: number, to: number): boolean {
  if (to - from > MAX_GAP) return false;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    const charClass = classOf(code);
    if (charClass === SPACE || charClass === HYPHEN || charClass === IGNORABLE) continue;
    if (code === 40 || code === 41 || code === 95) continue; // ( ) _
    return false;
  }
  return true;
}

/** The folded neighbour word joined to the name by spaces or a hyphen only, and whether the page capitalised it. */
function neighbour(text: string, word: number, joined: boolean) {
  if (!joined) return NO_NEIGHBOUR;
  const start = words.starts[word];
  const end = words.ends[word];
  return {
    word: foldedWord(text, start, end),
    capitalised: isUpperCode(text.charCodeAt(start)) || (end - start > 1 && isUpperCode(text.charCodeAt(start + 1))),
    shouting: isShouting(text, start, end),
  };
}

const NO_NEIGHBOUR = { word: null, capitalised: false, shouting: false };

let titleCaseOf: { text: string; value: boolean } | null = null;
/** Whether the text reads as a headline or a menu in Title Case (computed once per text, only when needed). */
function titleCase(text: string): boolean {
  if (titleCaseOf?.text !== text) {
    let counted = 0;
    let capitalised = 0;
    for (let w = 0; w < words.count; w++) {
      if (words.ends[w] - words.starts[w] < 2) continue;
      counted++;
      if (isUpperCode(text.charCodeAt(words.starts[w]))) capitalised++;
    }
    titleCaseOf = { text, value: readsAsTitleCase(capitalised, counted) };
  }
  return titleCaseOf.value;
}

function judge(text: string, first: number, compiled: CompiledAlias): Candidate['strength'] | null {
  const last = first + compiled.words.length - 1;
  const before = first - 1;
  const after = last + 1;
  if (phraseBefore(text, first, compiled.vetoBefore) || phraseAfter(text, after, compiled.vetoAfter)) return null;
  const prev = neighbour(text, before, before >= 0 && onlySpacesBetween(text, words.ends[before], words.starts[first]));
  const next = neighbour(text, after, after < words.count && onlySpacesBetween(text, words.ends[last], words.starts[after]));
  const shouting = isShouting(text, words.starts[first], words.ends[last]);
  // An acronym in a run of capitals ("FOLLOW US", "CONTACT US") may be just another word in capitals: it counts
  // only where the page also names its entity plainly. A repeated acronym ("AFP AFP" in a credit) is not such a run.
  const inCapitals =
    compiled.exactWords !== null &&
    shouting &&
    ((prev.shouting && prev.word !== compiled.words[0]) || (next.shouting && next.word !== compiled.words.at(-1)));
  if (compiled.alias.needs !== 'evidence') {
    if (inCapitals) return 'weak';
    if (compiled.alias.alone && !shouting && insideLongerName(prev, next, { person: compiled.kind === 'person', titleCase: titleCase(text) })) return null;
    const placeWord = compiled.kind === 'place' && compiled.words.length === 1 && !shouting;
    // In a Title Case headline or menu a capital before a place says nothing; a name-making word after it still does.
    return placeWord && isLongerName(titleCase(text) ? NO_NEIGHBOUR : prev, next) ? null : 'strong';
  }
  const verdict = judgeAmbiguous({
    joinedBefore: prev.word,
    joinedBeforeIsCapitalised: prev.capitalised,
    joinedAfter: next.word,
    joinedAfterIsCapitalised: next.capitalised,
    shouting,
    hasCueBefore: hasCueBefore(text, first, compiled),
    hasCueAfter: hasCueAfter(text, after, compiled),
  });
  if (verdict === 'rejected') return null;
  return verdict === 'cue' ? 'strong' : 'weak';
}

/** How far around a name to look for the rest of a web address it may stand in. */
const ADDRESS_REACH = 300;

/**
 * A web address or a piece of one, shown as text: a scheme ("https://"), "www.", a domain with a known ending, a
 * path segment of lower-case letters, digits and hyphens between two slashes ("…/hintergruende/deutschland/…"; a
 * photo credit's "Name/AFP/Getty Images" is not one), or a slug of lower-case words joined by hyphens
 * ("fact-sheet-u-s-eu-trade-and-technology"). Words in it are parts of an address, not names.
 */
const ADDRESS =
  /[a-z][a-z0-9+.-]*:\/\/|(?:^|[^\p{L}\p{N}])www\.|[\p{L}\p{N}-]\.(?:com|org|net|gov|edu|int|mil|info|news|io|co|uk|de|fr|es|it|pl|ru|ua|cn|jp|kr|eu)(?![\p{L}\p{N}])/iu;
/** Paths and slugs are written in lower case: "Name/AFP/Getty Images" is a credit, "…/nato/…" a path. */
const LOWER_CASE_ADDRESS = /\/[\p{Ll}\p{N}._%~-]+\/|^[^\p{L}\p{N}]*[\p{Ll}\p{N}]+(?:-[\p{Ll}\p{N}]+){3,}[^\p{L}\p{N}]*$/u;

/** Whether the name at [start, end) stands inside a web address (the run of non-space characters around it). */
function insideAddress(text: string, start: number, end: number): boolean {
  // An address has a slash, a dot or a hyphen joined to the name's run of characters; most names have none.
  let marks = 0;
  let from = start;
  for (; from > 0 && start - from < ADDRESS_REACH; from--) {
    const code = text.charCodeAt(from - 1);
    if (classOf(code) === SPACE) break;
    if (code === 47 || code === 46 || code === 45) marks++;
  }
  let to = end;
  for (; to < text.length && to - end < ADDRESS_REACH; to++) {
    const code = text.charCodeAt(to);
    if (classOf(code) === SPACE) break;
    if (code === 47 || code === 46 || code === 45) marks++;
  }
  if (marks === 0) return false;
  const chunk = text.slice(from, to);
  return ADDRESS.test(chunk) || LOWER_CASE_ADDRESS.test(chunk);
}

/**
 * Finds every name in `text`, leftmost-longest, whole words only. Possessives need no alias: "Stoltenberg’s"
 * is the word "Stoltenberg" and then "s". Null when the matcher has not read yet what some of the aliases the text
 * reaches are (a matcher loaded from storage: `StoredMatcher.load` reads them, then the text is scanned again).
 */
export function scanTextIfReady(text: string, matcher: Matcher): Candidate[] | null {
  readWords(text);
  titleCaseOf = null;
  const found: Candidate[] = [];
  let ready = true;
  for (let first = 0; first < words.count; first++) {
    // Walk the trie as far as the page's words go, then try the longest alias first.
    const reached = reachedFrom(first, matcher);
    let matched = false;
    for (let r = reached.length - 1; r >= 0 && !matched; r--) {
      const aliases = matcher.aliasesAt(reached[r]);
      if (aliases === undefined) {
        // Not read yet: nothing here can be decided, but the rest of the text still says what else to read.
        ready = false;
        break;
      }
      for (const alias of aliases) {
        if (!matchesAt(text, first, alias)) continue;
        const last = first + alias.words.length - 1;
        const strength = insideAddress(text, words.starts[first], words.ends[last]) ? null : judge(text, first, alias);
        if (strength) found.push({ alias, start: words.starts[first], end: words.ends[last], strength });
        first = last;
        matched = true;
        break;
      }
    }
  }
  return ready ? found : null;
}

const reached: number[] = [];

/** The trie nodes an alias ends at that the words read from `first` on reach, shortest first (reused: copy to keep). */
function reachedFrom(first: number, { nodes }: Matcher): number[] {
  reached.length = 0;
  let key = childKey(ROOT_KEY, words.hashes[first]);
  for (let w = first, flags = nodes.get(key); flags !== 0; ) {
    if (flags & HAS_ALIASES) reached.push(key);
    if (!(flags & HAS_CHILDREN) || ++w >= words.count) break;
    key = childKey(key, words.hashes[w]);
    flags = nodes.get(key);
  }
  return reached;
}

/**
 * Notes, without scanning, the aliases a scan of `text` would need that the matcher has not read yet: it reads them
 * at its next `load`. A scan reading ahead asks for several texts' aliases at once.
 */
export function noteWanted(text: string, matcher: Matcher): void {
  readWords(text);
  for (let first = 0; first < words.count; first++) for (const key of reachedFrom(first, matcher)) matcher.aliasesAt(key);
}

/** `scanTextIfReady` with a matcher that holds every alias (the compiler's own: `MemoryMatcher`). */
export function scanText(text: string, matcher: Matcher): Candidate[] {
  const found = scanTextIfReady(text, matcher);
  if (!found) throw new Error('scanText: the matcher has not read all of its aliases');
  return found;
}

function isAsciiWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

/**
 * Words (letters and digits only) as one alternation sharing prefixes: ["nato", "north", "norway"] →
 * "n(?:ato|or(?:th|way))". `alternatives`: the pattern has more than one at its top level.
 */
export function prefixTrie(words: string[]): { pattern: string; alternatives: boolean } {
  const byFirst = new Map<string, string[]>();
  let empty = false;
  for (const word of words) {
    if (word === '') empty = true;
    else if (byFirst.has(word[0])) byFirst.get(word[0])!.push(word.slice(1));
    else byFirst.set(word[0], [word.slice(1)]);
  }
  const branches = [...byFirst].map(([first, rests]) => {
    const tail = prefixTrie(rests);
    return tail.alternatives ? `${first}(?:${tail.pattern})` : `${first}${tail.pattern}`;
  });
  if (empty && branches.length > 0) branches.push('');
  return { pattern: branches.join('|'), alternatives: branches.length > 1 };
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * A quick look at a page's text nodes, one after another, for the start of a name: a word sequence that reaches an
 * alias in the matcher's trie ("North" alone is nothing; "North Korea" is). Only a text node that holds one is read
 * as a piece of text with its neighbours; the rest of the page is never asked which element holds it, which is most
 * of what reading a page costs a content script. Words, and a name's words, are followed across text nodes
 * ("Stolten<wbr>berg", "North <b>Korea</b>"): the node where the name completes is the one that counts, and reading
 * its piece of text takes in the nodes before it. It may say yes where the full scan then finds nothing (the full
 * scan judges context, cues and evidence); it never says no where a name is.
 */
export class NameStarts {
  private hash = FNV_OFFSET;
  private inWord = false;
  /** Where the words read so far have taken the walk in the trie (a name under way): a node key, when `onPath`. */
  private path = 0;
  private onPath = false;
  private readonly quick: RegExp | null;

  /** `quickLook`: false to read every text with the loop alone (the tests compare the two). */
  constructor(
    private readonly matcher: Matcher,
    quickLook = true,
  ) {
    this.quick = quickLook ? matcher.quickLook : null;
  }

  /** Forgets the word and the name under way: the next text does not continue them. */
  reset(): void {
    this.inWord = false;
    this.onPath = false;
  }

  /**
   * Whether `text`, read after the text before it, completes the words of an alias. A word left open by the text
   * before is followed into this one both as one word ("Stolten" + "berg") and as a word of this text alone ("foo" in
   * one table cell, "NATO" in the next, with no space between the two nodes).
   */
  holdsStart(text: string): boolean {
    let from = 0;
    if (!this.onPath && this.quick !== null) {
      from = this.quickLook(text);
      if (from < 0) return false;
    }
    let hash = this.hash;
    let inWord = this.inWord;
    /** This text's own first word, while the word carried over from the text before is still going on. */
    let fresh = inWord ? FNV_OFFSET : 0;
    let wordStart = inWord ? -1 : from;
    for (let i = from, length = text.length; i < length; i++) {
      const code = text.charCodeAt(i);
      // One table read for nearly every character of a page (see WORD_FOLD_TABLE); the rest the slow way.
      let folded: number;
      if (code < WORD_FOLD_TABLE_SIZE) {
        folded = WORD_FOLD_TABLE[code];
      } else {
        const charClass = classOf(code);
        if (charClass === CJK) {
          if (inWord && this.wordEnds(hash, fresh, text, wordStart, i)) return this.found();
          inWord = false;
          fresh = 0;
          // Each Han, kana or Hangul character is a word of its own.
          if (this.wordEnds(Math.imul(FNV_OFFSET ^ foldCode(code), FNV_PRIME), 0, text, i, i + 1)) return this.found();
          continue;
        }
        folded = charClass === WORD ? foldCode(code) : charClass === IGNORABLE ? INSIDE_WORD : NOT_WORD;
      }
      if (folded >= 0) {
        if (!inWord) {
          inWord = true;
          hash = FNV_OFFSET;
          wordStart = i;
        }
        hash = Math.imul(hash ^ folded, FNV_PRIME);
        if (fresh !== 0) fresh = Math.imul(fresh ^ folded, FNV_PRIME);
      } else if (inWord && folded === NOT_WORD) {
        if (this.wordEnds(hash, fresh, text, wordStart, i)) return this.found();
        inWord = false;
        fresh = 0;
      }
    }
    // A word still open at the end may go on in the next text; as it stands, it may already complete a name.
    if (inWord && this.wordEnds(hash, fresh, text, wordStart, text.length, true)) return this.found();
    this.hash = hash;
    this.inWord = inWord;
    return false;
  }

  /**
   * The quick look: a native regular expression finds the first place in `text` where a word may start a name. It
   * vouches only for what precedes that place, and only for ASCII words (where folding is lower-casing) and common
   * punctuation: any other letter, digit, mark or invisible character is a place too. Returns -1 when there is no
   * such place (`text` starts no name), having left the state the loop would have left (the word still open at the
   * end); otherwise where the loop must start: the start of the word at that place, with no word or name under way
   * (none of the words before it starts a name), or 0 with the state untouched when a word carried over from the
   * text before goes on here or may start a name.
   */
  private quickLook(text: string): number {
    if (this.inWord) {
      const code = text.charCodeAt(0);
      if (!(code < 128 && !isAsciiWordCode(code)) || this.matcher.nodes.get(childKey(ROOT_KEY, this.hash)) !== 0) return 0;
      this.inWord = false;
    }
    let at = text.search(this.quick!);
    if (at >= 0) {
      // A character the look cannot vouch for may sit inside an ASCII word ("café"): the loop reads that word whole.
      while (at > 0 && isAsciiWordCode(text.charCodeAt(at - 1))) at--;
      return at;
    }
    let start = text.length;
    while (start > 0 && isAsciiWordCode(text.charCodeAt(start - 1))) start--;
    if (start < text.length) {
      let hash = FNV_OFFSET;
      for (let i = start; i < text.length; i++) hash = Math.imul(hash ^ WORD_FOLD_TABLE[text.charCodeAt(i)], FNV_PRIME);
      this.hash = hash;
      this.inWord = true;
    }
    return -1;
  }

  /**
   * One word read (its folded hash; `fresh`, when it began in the text before, the hash of its part in this text):
   * whether it completes an alias, following the name under way. `open`: the word may go on in the next text, so
   * the walk is not advanced by it.
   */
  private wordEnds(hash: number, fresh: number, text: string, start: number, end: number, open = false): boolean {
    const nodes = this.matcher.nodes;
    if (this.onPath) {
      const next = childKey(this.path, hash);
      const flags = nodes.get(next);
      if (flags !== 0 && this.completes(flags, text, start, end)) return true;
      if (!open) {
        this.path = next;
        this.onPath = flags !== 0;
      }
      if (flags !== 0) return false;
    }
    let root = childKey(ROOT_KEY, hash);
    let flags = nodes.get(root);
    if (flags === 0 && fresh !== 0) flags = nodes.get((root = childKey(ROOT_KEY, fresh)));
    if (flags === 0) return false;
    if (this.completes(flags, text, start, end)) return true;
    const goesOn = (flags & HAS_CHILDREN) !== 0;
    if (!open && goesOn) {
      this.path = root;
      this.onPath = true;
    }
    // A name may be under way across the end of this text: its next word is in the next text.
    return open && goesOn;
  }

  /**
   * Whether the node (its flags) holds an alias the word can be, its case aside for "exact" aliases, checked here:
   * a one-word alias that must be written exactly ("US", "China") is one only when the page's word, all here, is
   * one of its spellings.
   */
  private completes(flags: number, text: string, start: number, end: number): boolean {
    if (!(flags & HAS_ALIASES)) return false;
    if (!(flags & EXACT_ONLY) || start < 0) return true;
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    return this.matcher.nodes.get(childKey(EXACT_ROOT_KEY, hash)) !== 0;
  }

  private found(): boolean {
    this.inWord = false;
    this.onPath = false;
    return true;
  }
}
