import type { Alias, Bundle, Entity, EntityKind } from '@/utils/bundle/schema';
import { buildCatalogue, catalogueSteps, type Catalogue, type CatalogueEntry } from '@/utils/catalogue/catalogue';
import { tokenize } from './normalize';

/** An alias ready for matching: its words folded and hashed the way the scan hashes page words. */
export interface CompiledAlias {
  entityId: string;
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

/** An entity of the catalogue: merged across the bundles that know it, with each bundle's own words (`sources`). */
export type KnownEntity = CatalogueEntry;

/** One word of a trie of aliases: the aliases that end here, and the words that can follow. */
export interface AliasNode {
  /** Aliases ending at this word; those that need no evidence first, so "always" wins a tie. */
  aliases: CompiledAlias[];
  next: Map<number, AliasNode> | null;
}

export interface Matcher {
  /** The catalogue the matcher was compiled from: what the card shows for an entity id. */
  entities: Catalogue;
  /**
   * Aliases as a trie keyed by word hashes: a page word costs one lookup whatever the number of aliases, and
   * aliases that share words ("John Smith", "John Smith Jr.") share the walk.
   */
  root: Map<number, AliasNode>;
  aliasCount: number;
  /** Characters in the longest alias as written: how much text a scan window must share with the next. */
  longestAlias: number;
}

/** FNV-1a over UTF-16 code units; the scan computes the same value while it reads page text. */
export function hashWord(folded: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < folded.length; i++) hash = Math.imul(hash ^ folded.charCodeAt(i), 0x01000193);
  return hash;
}

const words = (text: string) => tokenize(text).map((token) => token.folded);

const phrases = (list: string[] | undefined) => (list ?? []).map(words).filter((phrase) => phrase.length > 0);

function compileAlias(entity: Entity, alias: Alias): CompiledAlias | null {
  const folded = words(alias.text);
  if (folded.length === 0) return null;
  return {
    entityId: entity.id,
    kind: entity.kind,
    alias,
    words: folded,
    hashes: folded.map(hashWord),
    exactWords: alias.case === 'exact' ? tokenize(alias.text).map((t) => alias.text.slice(t.start, t.end)) : null,
    accentedWords:
      alias.accents === 'exact' ? tokenize(alias.text).map((t) => alias.text.slice(t.start, t.end).toLowerCase()) : null,
    cuesBefore: phrases(alias.cuesBefore),
    cuesAfter: phrases(alias.cuesAfter),
    vetoBefore: phrases(alias.vetoBefore),
    vetoAfter: phrases(alias.vetoAfter),
    evidenceFrom: [entity.id, ...(alias.evidenceFrom ?? [])],
  };
}

/**
 * Where aliases of the same words are tried (the first whose spelling matches decides): a curated one before a
 * capture's (`alone`), whatever entity or kind either names, so a curated alias decides where a capture repeats its
 * words ("Secretary Austin" is the seed's Lloyd Austin, not a captured city); within each, one that counts wherever
 * it stands before one that needs evidence.
 */
const strictness = (alias: Alias) => (alias.alone ? 2 : 0) + (alias.needs === 'evidence' ? 1 : 0);

/** Builds a matcher entity by entity, so a big library can be compiled a slice at a time. */
class MatcherBuilder {
  readonly root = new Map<number, AliasNode>();
  private readonly seen = new Set<string>();
  aliasCount = 0;
  longestAlias = 0;

  /**
   * Adds one entity's aliases. Stored bundles were validated when they were saved, but storage is shared with other
   * versions and can be edited by hand: an entity that is not what it should be is left out, never fatal.
   */
  add(entity: Entity): void {
    try {
      this.addEntity(entity);
    } catch {
      // A malformed entity: the rest of the notes still work.
    }
  }

  private addEntity(entity: Entity): void {
    // A capture's repeat of a curated alias adds nothing but a way round its rules (case, cues): the curated one decides.
    // Worked out only for an entity a capture joined: the seed's alone (most of a page's compile) tokenizes once.
    const curated = entity.aliases.some((alias) => alias.alone)
      ? new Set(entity.aliases.filter((alias) => !alias.alone).map((alias) => words(alias.text).join(' ')))
      : null;
    for (const alias of entity.aliases) {
      const compiled = compileAlias(entity, alias);
      if (!compiled || (alias.alone && curated?.has(compiled.words.join(' ')))) continue;
      const key = `${entity.id}\u0000${compiled.words.join(' ')}\u0000${alias.case}\u0000${alias.accents ?? 'any'}\u0000${alias.needs}\u0000${alias.alone === true}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      let node: AliasNode | undefined;
      for (const hash of compiled.hashes) {
        const level: Map<number, AliasNode> = node ? (node.next ??= new Map()) : this.root;
        node = level.get(hash);
        if (!node) level.set(hash, (node = { aliases: [], next: null }));
      }
      const aliases = node!.aliases;
      const stricter = aliases.findIndex((a) => strictness(a.alias) > strictness(alias));
      if (stricter < 0) aliases.push(compiled);
      else aliases.splice(stricter, 0, compiled);
      this.aliasCount++;
      this.longestAlias = Math.max(this.longestAlias, alias.text.length);
    }
  }

  build(entities: Catalogue): Matcher {
    return { entities, root: this.root, aliasCount: this.aliasCount, longestAlias: this.longestAlias };
  }
}

/**
 * Compiles every alias of every bundle into one lookup. The bundles become one catalogue first
 * (utils/catalogue): an entity several bundles know is one entry, whose aliases are all of theirs.
 */
export function compileMatcher(bundles: readonly Bundle[]): Matcher {
  return compileCatalogue(buildCatalogue(bundles));
}

export function compileCatalogue(catalogue: Catalogue): Matcher {
  const builder = new MatcherBuilder();
  for (const { entity } of catalogue.values()) builder.add(entity);
  return builder.build(catalogue);
}

/** The longest a compile holds the main thread before it lets the page run. */
export const COMPILE_SLICE_MS = 8;

/**
 * `compileMatcher` a slice at a time (10,000 entities take about 60–80 ms in all), letting the page run between
 * slices; `pause` resolves false when the caller's lifetime ended, and then so does this, with null.
 */
export async function compileMatcherInSlices(
  bundles: readonly Bundle[],
  pause: () => Promise<boolean>,
): Promise<Matcher | null> {
  let sliceStart = performance.now();
  const yieldIfDue = async (): Promise<boolean> => {
    if (performance.now() - sliceStart < COMPILE_SLICE_MS) return true;
    if (!(await pause())) return false;
    sliceStart = performance.now();
    return true;
  };
  const steps = catalogueSteps(bundles);
  let step = steps.next();
  while (!step.done) {
    if (!(await yieldIfDue())) return null;
    step = steps.next();
  }
  const catalogue = step.value;
  const builder = new MatcherBuilder();
  for (const { entity } of catalogue.values()) {
    builder.add(entity);
    if (!(await yieldIfDue())) return null;
  }
  return builder.build(catalogue);
}
