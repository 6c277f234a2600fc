import { ENTITY_KINDS, type EntityKind } from '@/utils/bundle/kinds';
import type { Alias } from '@/utils/bundle/schema';
import { tokenize } from './normalize';

/**
 * What the scan asks of the reader's notes, in the form the content script holds them (README, "Compiled once").
 *
 * The aliases are a trie of words, kept as a set of node keys: a node is the sequence of folded words that leads to
 * it, its key a hash of its parent's key and its last word's hash (`childKey`), and all it holds is a few flags — does
 * an alias end here, do longer ones go on. That set is small (a few bytes a node) and is all a page needs to find
 * where names may be; what an alias is (its entity, its rules) is read only for the nodes a page's words complete
 * (`aliasesAt`), which a matcher loaded from storage fetches on demand.
 *
 * A key is 32 bits: two paths may share one, and a page's words may hit a key no alias has. Neither changes what is
 * found: every candidate is checked word by word against its alias's own folded words before it counts.
 */

/** The key the first word of every alias hangs from. */
export const ROOT_KEY = 0x2545f491;
/** Exact spellings of one-word aliases that must match in case ("US") hang from a root of their own. */
export const EXACT_ROOT_KEY = 0x1b873593;

/** The key of the node `word` (a word's hash: FNV-1a of its folded code units) leads to from `parent`. */
export function childKey(parent: number, word: number): number {
  let key = Math.imul(parent, 0x85ebca6b) ^ word;
  key = Math.imul(key ^ (key >>> 15), 0x2c1b3c6d);
  return key ^ (key >>> 12);
}

/** At least one alias ends at this node. */
export const HAS_ALIASES = 1;
/** Longer aliases go on from this node. */
export const HAS_CHILDREN = 2;
/** Every alias ending here is one word that must be written exactly ("US"): `EXACT_ROOT_KEY` holds the spellings. */
export const EXACT_ONLY = 4;

/** FNV-1a over UTF-16 code units; the scan computes the same value while it reads page text. */
export function hashWord(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/**
 * The trie's nodes: keys sorted as unsigned numbers, each with its flags, found through an index of their top bits
 * (built in one pass when the table is made: a lookup reads one or two keys).
 */
export class NodeTable {
  private readonly shift: number;
  private readonly starts: Uint32Array;

  constructor(
    readonly keys: Int32Array,
    readonly flags: Uint8Array,
  ) {
    const bits = Math.min(20, Math.max(1, Math.ceil(Math.log2(keys.length + 1))));
    this.shift = 32 - bits;
    const starts = new Uint32Array((1 << bits) + 1);
    for (let i = 0; i < keys.length; i++) starts[(keys[i] >>> this.shift) + 1]++;
    for (let b = 1; b < starts.length; b++) starts[b] += starts[b - 1];
    this.starts = starts;
  }

  get size(): number {
    return this.keys.length;
  }

  /** The flags of the node `key`, 0 when there is none. */
  get(key: number): number {
    const bucket = key >>> this.shift;
    const keys = this.keys;
    for (let i = this.starts[bucket], end = this.starts[bucket + 1]; i < end; i++) if (keys[i] === key) return this.flags[i];
    return 0;
  }
}

/** Sorts keys (and their flags with them) as unsigned numbers, as `NodeTable` reads them; equal keys are merged. */
export function nodeTableOf(entries: Map<number, number>): NodeTable {
  const sorted = [...entries.keys()].sort((a, b) => (a >>> 0) - (b >>> 0));
  const keys = new Int32Array(sorted);
  const flags = new Uint8Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) flags[i] = entries.get(sorted[i])!;
  return new NodeTable(keys, flags);
}

/** An alias ready for matching: its words folded and hashed the way the scan hashes page words. */
export interface CompiledAlias {
  entityId: string;
  /** The entity's name and kind, as the catalogue has them (page state, the card's announcement). */
  entityName: string;
  kind: EntityKind;
  alias: Alias;
  /** Folded words, and their hashes. */
  words: string[];
  hashes: number[];
  /** The alias's own words as written, for `case: 'exact'`. */
  exactWords: string[] | null;
  /** The alias's own words in lower case, accents kept, for `accents: 'exact'`. */
  accentedWords: string[] | null;
  cuesBefore: string[][];
  cuesAfter: string[][];
  vetoBefore: string[][];
  vetoAfter: string[][];
  /** Entities whose unambiguous mention counts as evidence for this alias: its own, and any it names. */
  evidenceFrom: string[];
}

/** What the scan reads: the trie's nodes, and the aliases ending at a node. */
export interface Matcher {
  readonly nodes: NodeTable;
  /** Characters in the longest alias as written: how much text a scan window must share with the next. */
  readonly longestAlias: number;
  /**
   * The quick look's regular expression (`NameStarts`): the ASCII words a name can start with, or null when there
   * are too many for one expression to be worth it.
   */
  readonly quickLook: RegExp | null;
  /**
   * The aliases ending at node `key`, those that need no evidence first; an empty list when none does. `undefined`
   * when they have not been read yet: the matcher then notes what it must read (`StoredMatcher.load`).
   */
  aliasesAt(key: number): readonly CompiledAlias[] | undefined;
  /** Holds every alias (`aliasesAt` never says `undefined`): nothing to read ahead for. */
  readonly complete: boolean;
  /** Reads what `aliasesAt` said it had not read yet. */
  load(): Promise<void>;
}

/**
 * One alias as stored: the node it ends at, its text, its flags (`ALIAS_*`), its entity's id, name and kind (index
 * in `ENTITY_KINDS`), and its rules when it has any: cues and vetoes as written, and the catalogue ids whose mention
 * is evidence for it besides its own entity.
 */
export type AliasRecord = [
  node: number,
  text: string,
  flags: number,
  entityId: string,
  entityName: string,
  kind: number,
  rules?: [cuesBefore: string[] | 0, cuesAfter: string[] | 0, vetoBefore: string[] | 0, vetoAfter: string[] | 0, evidenceFrom: string[] | 0],
];

export const ALIAS_NEEDS_EVIDENCE = 1;
export const ALIAS_EXACT_CASE = 2;
export const ALIAS_EXACT_ACCENTS = 4;
/** A capture's alias: it counts only where it stands alone, never inside a longer proper name. */
export const ALIAS_ALONE = 8;

const phrases = (list: string[] | 0 | undefined) =>
  (list || []).map((text) => tokenize(text).map((token) => token.folded)).filter((phrase) => phrase.length > 0);

/** The alias a record stands for, worked out as the compiler works it out (so both read the same words). */
export function aliasOf(record: AliasRecord): CompiledAlias {
  const [, text, flags, entityId, entityName, kind, rules] = record;
  const tokens = tokenize(text);
  const words = tokens.map((token) => token.folded);
  const exact = (flags & ALIAS_EXACT_CASE) !== 0;
  const accents = (flags & ALIAS_EXACT_ACCENTS) !== 0;
  const alias: Alias = { text, needs: flags & ALIAS_NEEDS_EVIDENCE ? 'evidence' : 'always', case: exact ? 'exact' : 'any' };
  if (accents) alias.accents = 'exact';
  if (flags & ALIAS_ALONE) alias.alone = true;
  if (rules) {
    if (rules[0]) alias.cuesBefore = rules[0];
    if (rules[1]) alias.cuesAfter = rules[1];
    if (rules[2]) alias.vetoBefore = rules[2];
    if (rules[3]) alias.vetoAfter = rules[3];
    if (rules[4]) alias.evidenceFrom = rules[4];
  }
  return {
    entityId,
    entityName,
    kind: ENTITY_KINDS[kind] ?? 'person',
    alias,
    words,
    hashes: words.map(hashWord),
    exactWords: exact ? tokens.map((t) => text.slice(t.start, t.end)) : null,
    accentedWords: accents ? tokens.map((t) => text.slice(t.start, t.end).toLowerCase()) : null,
    cuesBefore: phrases(rules?.[0]),
    cuesAfter: phrases(rules?.[1]),
    vetoBefore: phrases(rules?.[2]),
    vetoAfter: phrases(rules?.[3]),
    evidenceFrom: [entityId, ...(rules?.[4] || [])],
  };
}
