import type { Alias, Bundle, Entity, Fact, Source } from '@/utils/bundle/schema';
import { aliasKey, tokenize } from '@/utils/match/normalize';

/**
 * The enabled bundles as one catalogue: an entity several articles know is one entry. The matcher, the popup's
 * search and the card read it; nothing here touches storage or the DOM.
 *
 * Two entities of two bundles are the same when they are of the same kind and either share an id or one's name
 * reads (folded as the matcher folds it: `aliasKey`) like the other's name or one of its aliases — a captured
 * "Stoltenberg" joins the seed's Jens Stoltenberg, whose aliases hold "Stoltenberg". Aliases alone never join two
 * entities: "Washington" may be an alias of both George Washington and the United States. Two entities of one
 * bundle are never joined: the bundle says they are different.
 */

/** What one bundle says about an entity. */
export interface EntitySource {
  bundle: Bundle;
  entity: Entity;
}

export interface CatalogueEntry {
  /** Unique in the catalogue: the id of the source whose name it takes (made unique with a number if taken). */
  id: string;
  /**
   * The entity as one: the fullest name of its sources, its description (`describedBy`: a person's beats a
   * capture's, whatever the dates; none rather than a placeholder), every source's
   * aliases, its facts newest source first, and related entities of every source, as catalogue ids.
   */
  entity: Entity;
  /** The newest source's bundle. */
  bundle: Bundle;
  /** Newest source first (by the article's date; the newer library entry when two dates are equal). */
  sources: EntitySource[];
}

/** Entries by id, in the order their newest sources list them. */
export type Catalogue = Map<string, CatalogueEntry>;

/**
 * The description saves gave, before descriptions were optional, to an entity the article did not describe: stored
 * bundles may still hold it; it is read as none (`isPlaceholderDescription`), never shown or searched.
 */
export function placeholderDescription(articleTitle: string): string {
  return `Named in “${articleTitle}”`;
}

/** Whether an entity's description says no more than where it was found. */
export function isPlaceholderDescription({ entity, bundle }: EntitySource): boolean {
  return entity.description === placeholderDescription(bundle.source?.title ?? '');
}

/** Whether a person wrote or confirmed the description (the seed's, the reader's), rather than a capture. */
export const describedByPerson = (entity: Entity) => entity.descriptionBy === 'curated' || entity.descriptionBy === 'reader';

/** Whether a source's entity has a description that says something: not empty, not the placeholder. */
export const hasDescription = (source: EntitySource) =>
  typeof source.entity.description === 'string' && source.entity.description.trim() !== '' && !isPlaceholderDescription(source);

/**
 * The source whose description the entry shows: one a person wrote or confirmed, whatever the articles' dates, else
 * one a capture drafted; the newest of those. None when no source has a description (a placeholder is none).
 */
export function describedBy(sources: readonly EntitySource[]): EntitySource | undefined {
  const described = sources.filter(hasDescription);
  return described.find((source) => describedByPerson(source.entity)) ?? described[0];
}

/** Bundles newest article first; bundles of the same date keep their order (the library's: newest entry first). */
export function newestFirst(bundles: readonly Bundle[]): Bundle[] {
  const dateOf = (bundle: Bundle) => (typeof bundle?.source?.date === 'string' ? bundle.source.date : '');
  return bundles
    .map((bundle, order) => ({ bundle, order, date: dateOf(bundle) }))
    .sort((a, b) => (a.date === b.date ? a.order - b.order : a.date < b.date ? 1 : -1))
    .map(({ bundle }) => bundle);
}

/** Storage is shared with other versions and can be edited by hand: what cannot be read is left out. */
function isUsable(entity: unknown): entity is Entity {
  const value = entity as Partial<Entity> | null;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    typeof value.kind === 'string' &&
    Array.isArray(value.aliases)
  );
}

const listOf = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);

/** A source with its aliases' keys (`aliasKey`, '' for an alias without text), worked out once. */
interface KeyedSource extends EntitySource {
  aliasKeys: string[];
}

interface Group {
  sources: KeyedSource[];
}

/**
 * Groups by key, one map per kind (entities of two kinds are never one). A key holds the first few groups that have
 * it: more only happens when one bundle names many entities alike, and would make every lookup a walk through them.
 */
class GroupIndex {
  private static readonly MAX_GROUPS_PER_KEY = 8;
  private readonly byKind = new Map<string, Map<string, Group | Group[]>>();

  /** The first group under `key` that `bundle` has no entity in. */
  find(kind: string, key: string, bundle: Bundle): Group | undefined {
    const found = this.byKind.get(kind)?.get(key);
    if (found === undefined) return undefined;
    if (!Array.isArray(found)) return holds(found, bundle) ? undefined : found;
    return found.find((group) => !holds(group, bundle));
  }

  add(kind: string, key: string, group: Group): void {
    let keys = this.byKind.get(kind);
    if (!keys) this.byKind.set(kind, (keys = new Map()));
    const found = keys.get(key);
    if (found === undefined) keys.set(key, group);
    else if (!Array.isArray(found)) {
      if (found !== group) keys.set(key, [found, group]);
    } else if (found.length < GroupIndex.MAX_GROUPS_PER_KEY && !found.includes(group)) found.push(group);
  }
}

const holds = (group: Group, bundle: Bundle) => group.sources.some((source) => source.bundle === bundle);

/**
 * Builds a catalogue one entity per step, so a big library can be built a slice at a time: `buildCatalogue` runs
 * the steps at once, the background's `runInSlices` between pauses (utils/match/store-compiled.ts).
 */
export function* catalogueSteps(bundles: readonly Bundle[]): Generator<void, Catalogue> {
  const groups: Group[] = [];
  const byId = new GroupIndex();
  const byName = new GroupIndex();
  const byNameOrAlias = new GroupIndex();

  for (const bundle of newestFirst(bundles)) {
    for (const entity of listOf(bundle?.entities)) {
      if (!isUsable(entity)) continue;
      const { kind, id } = entity;
      const nameKey = aliasKey(entity.name);
      const aliasKeys: string[] = [];
      for (const alias of entity.aliases) aliasKeys.push(typeof alias?.text === 'string' ? aliasKey(alias.text) : '');
      let group = byId.find(kind, id, bundle) ?? byNameOrAlias.find(kind, nameKey, bundle);
      for (let i = 0; !group && i < aliasKeys.length; i++) if (aliasKeys[i]) group = byName.find(kind, aliasKeys[i], bundle);
      if (!group) groups.push((group = { sources: [] }));
      group.sources.push({ bundle, entity, aliasKeys });
      byId.add(kind, id, group);
      byName.add(kind, nameKey, group);
      byNameOrAlias.add(kind, nameKey, group);
      for (const key of aliasKeys) if (key) byNameOrAlias.add(kind, key, group);
      yield;
    }
  }

  // Ids first (related entities and evidence name them), then each entry.
  const idOf = new Map<Bundle, Map<string, string>>();
  const taken = new Set<string>();
  const named: { id: string; lead: EntitySource; group: Group }[] = [];
  for (const group of groups) {
    const lead = fullestName(group.sources);
    let id = lead.entity.id;
    for (let n = 2; taken.has(id); n++) id = `${lead.entity.id}-${n}`;
    taken.add(id);
    for (const { bundle, entity } of group.sources) {
      let ids = idOf.get(bundle);
      if (!ids) idOf.set(bundle, (ids = new Map()));
      if (!ids.has(entity.id)) ids.set(entity.id, id);
    }
    named.push({ id, lead, group });
    yield;
  }
  const catalogue: Catalogue = new Map();
  for (const { id, lead, group } of named) {
    catalogue.set(id, mergeSources(id, lead, group.sources, (bundle, entityId) => idOf.get(bundle)?.get(entityId)));
    yield;
  }
  return catalogue;
}

export function buildCatalogue(bundles: readonly Bundle[]): Catalogue {
  const steps = catalogueSteps(bundles);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** The source with the most words in its name ("Jens Stoltenberg" over "Stoltenberg"); the newest on a tie. */
function fullestName(sources: EntitySource[]): EntitySource {
  let best = sources[0];
  if (sources.length === 1) return best;
  let bestWords = tokenize(best.entity.name).length;
  for (const source of sources.slice(1)) {
    const words = tokenize(source.entity.name).length;
    if (words > bestWords) [best, bestWords] = [source, words];
  }
  return best;
}

function mergeSources(
  id: string,
  lead: EntitySource,
  keyed: KeyedSource[],
  idOf: (bundle: Bundle, entityId: string) => string | undefined,
): CatalogueEntry {
  const sources = keyed.map(({ bundle, entity }): EntitySource => ({ bundle, entity }));
  const newest = sources[0];
  const described = describedBy(sources);

  const aliases: Alias[] = [];
  const seenAliases = new Set<string>();
  const related: string[] = [];
  const facts: Fact[] = [];
  for (const { bundle, entity, aliasKeys } of keyed) {
    for (let i = 0; i < entity.aliases.length; i++) {
      const alias = entity.aliases[i];
      if (!aliasKeys[i]) continue;
      if (keyed.length > 1) {
        const key = `${aliasKeys[i]}\u0000${alias.case}\u0000${alias.needs}\u0000${alias.alone === true}`;
        if (seenAliases.has(key)) continue;
        seenAliases.add(key);
      }
      // Evidence named by a bundle's own ids counts for the entries those ids are now part of.
      const evidenceFrom = alias.evidenceFrom?.flatMap((other) => idOf(bundle, other) ?? []);
      aliases.push(alias.evidenceFrom ? { ...alias, evidenceFrom } : alias);
    }
    for (const other of listOf(entity.related)) {
      const relatedId = idOf(bundle, other);
      if (relatedId && relatedId !== id && !related.includes(relatedId)) related.push(relatedId);
    }
    facts.push(...listOf(entity.facts));
  }

  return {
    id,
    entity: {
      id,
      name: lead.entity.name,
      kind: lead.entity.kind,
      ...(described ? { description: described.entity.description, descriptionBy: described.entity.descriptionBy ?? 'capture' } : {}),
      aliases,
      facts,
      related,
    },
    bundle: newest.bundle,
    sources,
  };
}

/** The names a capture should reuse: every entry's name, kind and alias texts. */
export function knownNames(catalogue: Catalogue): { name: string; kind: Entity['kind']; aliases: string[] }[] {
  return [...catalogue.values()].map(({ entity }) => ({
    name: entity.name,
    kind: entity.kind,
    aliases: entity.aliases.map((alias) => alias.text),
  }));
}

/**
 * An entry's quotes grouped by article, newest first: what a card shows for an entity several articles know. Two
 * bundles of one article (its address, else its title) are one group, and a quote is shown once in its group.
 */
export function quotesBySource({ sources }: Pick<CatalogueEntry, 'sources'>): { source: Source; facts: Fact[] }[] {
  const groups = new Map<string, { source: Source; facts: Fact[] }>();
  for (const { bundle, entity } of sources) {
    const key = bundle.source.url ?? bundle.source.title;
    const group = groups.get(key) ?? groups.set(key, { source: bundle.source, facts: [] }).get(key)!;
    for (const fact of listOf(entity.facts)) if (!group.facts.some((other) => other.quote === fact.quote)) group.facts.push(fact);
  }
  return [...groups.values()];
}
