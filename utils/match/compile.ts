import type { Alias, Bundle, Entity } from '@/utils/bundle/schema';
import { ENTITY_KINDS } from '@/utils/bundle/kinds';
import { catalogueSteps, type Catalogue, type CatalogueEntry } from '@/utils/catalogue/catalogue';
import {
  ALIAS_ALONE,
  ALIAS_EXACT_ACCENTS,
  ALIAS_EXACT_CASE,
  ALIAS_NEEDS_EVIDENCE,
  aliasOf,
  childKey,
  EXACT_ONLY,
  EXACT_ROOT_KEY,
  HAS_ALIASES,
  HAS_CHILDREN,
  hashWord,
  nodeTableOf,
  ROOT_KEY,
  type AliasRecord,
  type CompiledAlias,
  type Matcher,
  type NodeTable,
} from './matcher';
import { tokenize } from './normalize';
import { prefixTrie } from './scan';

export { hashWord, type CompiledAlias, type Matcher } from './matcher';

/**
 * The compiler: the reader's enabled bundles → one catalogue (utils/catalogue) → every alias of every entry in the
 * trie of `matcher.ts`. It runs where the library is kept up to date (the background, README "Compiled once"), and
 * in tests and the extension's own pages; the content script never holds it: it loads what this made.
 */

/** An entity of the catalogue: merged across the bundles that know it, with each bundle's own words (`sources`). */
export type KnownEntity = CatalogueEntry;

/** Everything the compiler works out, before it is stored (`utils/match/stored.ts`) or used in memory. */
export interface CompiledLibrary {
  catalogue: Catalogue;
  /** Node key → flags (`HAS_ALIASES`, `HAS_CHILDREN`, `EXACT_ONLY`), exact spellings included. */
  nodes: Map<number, number>;
  /** Node key → the aliases ending there, those that need no evidence first. */
  aliases: Map<number, AliasRecord[]>;
  aliasCount: number;
  longestAlias: number;
  /** The quick look's expression (`quickLookSource`), or null. */
  quickLook: string | null;
}

/** Above this many first words the quick look's expression would cost more than the loop it saves. */
export const QUICK_LOOK_MAX_WORDS = 4000;

/**
 * A character the quick look cannot vouch for: anything beyond ASCII but the spaces and punctuation that pages are
 * full of (no-break space, quotes, dashes, bullets, ellipsis, currency signs: none of them a letter, a digit or a
 * character that joins a word). A negated class, so the engine tests each character once.
 */
const UNVOUCHED = '[^\\x00-\\x7f\\u00a0-\\u00a9\\u00ab\\u00ac\\u00ae-\\u00b1\\u00b4\\u00b6-\\u00b8\\u00bb\\u00bf\\u00d7\\u00f7\\u2000-\\u200a\\u200e-\\u205f\\u20a0-\\u20bf]';

/**
 * One regular expression for the quick look of `NameStarts`: a character it cannot vouch for, or, as a whole word,
 * one of the ASCII words a name can start with (folded to lower case; the `i` flag matches any case), written as a
 * trie of prefixes so that the engine does not try every word at every place. Null when there are too many words.
 */
export function quickLookSource(firstWords: Iterable<string>): string | null {
  const words = [...new Set(firstWords)].filter((word) => /^[a-z0-9]+$/.test(word)).sort();
  if (words.length > QUICK_LOOK_MAX_WORDS) return null;
  return UNVOUCHED + (words.length > 0 ? `|(?<![A-Za-z0-9])(?:${prefixTrie(words).pattern})(?![A-Za-z0-9])` : '');
}

const words = (text: string) => tokenize(text).map((token) => token.folded);

function recordOf(entry: CatalogueEntry, alias: Alias): AliasRecord {
  const { entity } = entry;
  const flags =
    (alias.needs === 'evidence' ? ALIAS_NEEDS_EVIDENCE : 0) |
    (alias.case === 'exact' ? ALIAS_EXACT_CASE : 0) |
    (alias.accents === 'exact' ? ALIAS_EXACT_ACCENTS : 0) |
    (alias.alone ? ALIAS_ALONE : 0);
  const list = (value: string[] | undefined) => (Array.isArray(value) && value.length > 0 ? value : 0);
  const rules = [list(alias.cuesBefore), list(alias.cuesAfter), list(alias.vetoBefore), list(alias.vetoAfter), list(alias.evidenceFrom)] as const;
  const record: AliasRecord = [0, alias.text, flags, entity.id, entity.name, Math.max(0, ENTITY_KINDS.indexOf(entity.kind))];
  if (rules.some((rule) => rule !== 0)) record.push([...rules]);
  return record;
}

/**
 * Where aliases of the same words are tried (the first whose spelling matches decides): a curated one before a
 * capture's (`alone`), whatever entity or kind either names, so a curated alias decides where a capture repeats its
 * words ("Secretary Austin" is the seed's Lloyd Austin, not a captured city); within each, one that counts wherever
 * it stands before one that needs evidence.
 */
const strictness = (flags: number) => (flags & ALIAS_ALONE ? 2 : 0) + (flags & ALIAS_NEEDS_EVIDENCE ? 1 : 0);

/** Builds the trie entry by entry, so a big library can be compiled a slice at a time. */
class TrieBuilder {
  readonly nodes = new Map<number, number>();
  readonly aliases = new Map<number, AliasRecord[]>();
  /** Per node: whether every alias ending there is one word written exactly. */
  private readonly exactOnly = new Map<number, boolean>();
  private readonly seen = new Set<string>();
  private readonly firstWords = new Set<string>();
  aliasCount = 0;
  longestAlias = 0;

  /**
   * Adds one entry's aliases. Stored bundles were validated when they were saved, but storage is shared with other
   * versions and can be edited by hand: an alias that is not what it should be is left out, never fatal.
   */
  add(entry: CatalogueEntry): void {
    const entity: Entity = entry.entity;
    // A capture's repeat of a curated alias adds nothing but a way round its rules (case, cues): the curated one decides.
    // Worked out only for an entity a capture joined: the seed's alone tokenizes once.
    const curated = entity.aliases.some((alias) => alias.alone)
      ? new Set(entity.aliases.filter((alias) => !alias.alone).map((alias) => words(alias.text).join(' ')))
      : null;
    for (const alias of entity.aliases) {
      if (alias.alone && curated?.has(words(alias.text).join(' '))) continue;
      try {
        this.addAlias(entry, alias);
      } catch {
        // A malformed alias: the rest of the notes still work.
      }
    }
  }

  private addAlias(entry: CatalogueEntry, alias: Alias): void {
    const tokens = tokenize(alias.text);
    if (tokens.length === 0) return;
    const folded = tokens.map((token) => token.folded);
    const key = `${entry.id}\u0000${folded.join(' ')}\u0000${alias.case}\u0000${alias.accents ?? 'any'}\u0000${alias.needs}\u0000${alias.alone === true}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    let node = ROOT_KEY;
    for (let i = 0; i < folded.length; i++) {
      if (i > 0) this.nodes.set(node, (this.nodes.get(node) ?? 0) | HAS_CHILDREN);
      node = childKey(node, hashWord(folded[i]));
      if (!this.nodes.has(node)) this.nodes.set(node, 0);
    }
    this.nodes.set(node, this.nodes.get(node)! | HAS_ALIASES);
    const record = recordOf(entry, alias);
    record[0] = node;
    let list = this.aliases.get(node);
    if (!list) this.aliases.set(node, (list = []));
    const stricter = list.findIndex((other) => strictness(other[2]) > strictness(record[2]));
    if (stricter < 0) list.push(record);
    else list.splice(stricter, 0, record);
    // One word that must be written exactly: its spelling is a key of its own, so that the quick look can tell "US"
    // from "us" without the alias.
    const exact = folded.length === 1 && alias.case === 'exact';
    this.exactOnly.set(node, (this.exactOnly.get(node) ?? true) && exact);
    if (exact) this.nodes.set(childKey(EXACT_ROOT_KEY, hashWord(alias.text.slice(tokens[0].start, tokens[0].end))), HAS_ALIASES);
    this.firstWords.add(folded[0]);
    this.aliasCount++;
    this.longestAlias = Math.max(this.longestAlias, alias.text.length);
  }

  build(catalogue: Catalogue): CompiledLibrary {
    for (const [node, exact] of this.exactOnly) if (exact) this.nodes.set(node, this.nodes.get(node)! | EXACT_ONLY);
    return {
      catalogue,
      nodes: this.nodes,
      aliases: this.aliases,
      aliasCount: this.aliasCount,
      longestAlias: this.longestAlias,
      quickLook: quickLookSource(this.firstWords),
    };
  }
}

/**
 * Compiles every alias of every enabled bundle. The bundles become one catalogue first (utils/catalogue): an entity
 * several bundles know is one entry, whose aliases are all of theirs.
 */
export function compileLibrary(bundles: readonly Bundle[]): CompiledLibrary {
  const steps = compileSteps(bundles);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** `compileLibrary` one entity at a time: the background runs it in slices, between its other work. */
export function* compileSteps(bundles: readonly Bundle[]): Generator<void, CompiledLibrary> {
  const catalogue = yield* catalogueSteps(bundles);
  const builder = new TrieBuilder();
  for (const entry of catalogue.values()) {
    builder.add(entry);
    yield;
  }
  return builder.build(catalogue);
}

/** A matcher with everything in memory: the compiler's own, for the extension's pages and the tests. */
export class MemoryMatcher implements Matcher {
  readonly nodes: NodeTable;
  readonly longestAlias: number;
  readonly quickLook: RegExp | null;
  readonly aliasCount: number;
  readonly complete = true;
  /** The catalogue the matcher was compiled from: what the card shows for an entity id. */
  readonly entities: Catalogue;
  private readonly records: Map<number, AliasRecord[]>;
  private readonly compiled = new Map<number, CompiledAlias[]>();

  constructor(library: CompiledLibrary) {
    this.nodes = nodeTableOf(library.nodes);
    this.longestAlias = library.longestAlias;
    this.quickLook = library.quickLook === null ? null : new RegExp(library.quickLook, 'i');
    this.aliasCount = library.aliasCount;
    this.entities = library.catalogue;
    this.records = library.aliases;
  }

  aliasesAt(key: number): readonly CompiledAlias[] {
    let list = this.compiled.get(key);
    if (!list) this.compiled.set(key, (list = (this.records.get(key) ?? []).map(aliasOf)));
    return list;
  }

  load(): Promise<void> {
    return Promise.resolve();
  }
}

/** Compiles the bundles into a matcher held in memory (the extension's pages, the tests). */
export function compileMatcher(bundles: readonly Bundle[]): MemoryMatcher {
  return new MemoryMatcher(compileLibrary(bundles));
}
