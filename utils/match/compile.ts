import type { Alias, Bundle, Entity, EntityKind } from '@/utils/bundle/schema';
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
  cuesBefore: string[][];
  cuesAfter: string[][];
  vetoBefore: string[][];
  vetoAfter: string[][];
  /** Entities whose unambiguous mention counts as evidence for this alias: its own, and any it names. */
  evidenceFrom: string[];
}

/** An entity with the bundle it comes from (the card quotes that bundle's source). */
export interface KnownEntity {
  entity: Entity;
  bundle: Bundle;
}

export interface Matcher {
  entities: Map<string, KnownEntity>;
  /** Aliases by the hash of their first word, longest first, so the first that fits is the longest match. */
  byFirstWord: Map<number, CompiledAlias[]>;
  /** Longest alias in words: how far the scan needs to look ahead. */
  maxWords: number;
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
    cuesBefore: phrases(alias.cuesBefore),
    cuesAfter: phrases(alias.cuesAfter),
    vetoBefore: phrases(alias.vetoBefore),
    vetoAfter: phrases(alias.vetoAfter),
    evidenceFrom: [entity.id, ...(alias.evidenceFrom ?? [])],
  };
}

/**
 * Compiles every alias of every bundle into one lookup. Bundles come newest first: when several bundles know
 * the same entity id, the card shows the newest one's entry, and aliases of all of them count.
 */
export function compileMatcher(bundles: readonly Bundle[]): Matcher {
  const entities = new Map<string, KnownEntity>();
  const byFirstWord = new Map<number, CompiledAlias[]>();
  const seen = new Set<string>();
  let maxWords = 1;
  for (const bundle of bundles) {
    for (const entity of bundle.entities) {
      if (!entities.has(entity.id)) entities.set(entity.id, { entity, bundle });
      for (const alias of entity.aliases) {
        const compiled = compileAlias(entity, alias);
        if (!compiled) continue;
        const key = `${entity.id}\u0000${compiled.words.join(' ')}\u0000${alias.case}\u0000${alias.needs}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const hash = compiled.hashes[0];
        const list = byFirstWord.get(hash);
        if (list) list.push(compiled);
        else byFirstWord.set(hash, [compiled]);
        maxWords = Math.max(maxWords, compiled.words.length);
      }
    }
  }
  // Longest first; among equals, aliases that need no evidence first, so "always" wins a tie.
  for (const list of byFirstWord.values()) {
    list.sort((a, b) => b.words.length - a.words.length || Number(a.alias.needs === 'evidence') - Number(b.alias.needs === 'evidence'));
  }
  return { entities, byFirstWord, maxWords };
}
