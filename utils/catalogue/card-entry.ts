import { ENTITY_KINDS } from '@/utils/bundle/kinds';
import type { Alias, Bundle, Entity } from '@/utils/bundle/schema';
import { aliasKey } from '@/utils/match/normalize';
import { describedBy, type Catalogue, type CatalogueEntry, type EntitySource } from './catalogue';

/**
 * What a card shows for one catalogue entry: the entity as one (the fullest name, the described source's
 * description, every source's aliases and quotes), its sources newest first, and its related entries' names. The
 * popup makes it from the catalogue it holds; the content script from the compiled form's record of where the entry
 * lives and the few bundles it names (`cardEntryOf`), read when a card opens.
 */
export interface CardEntry {
  id: string;
  entity: Entity;
  /** The newest source's bundle. */
  bundle: Bundle;
  sources: EntitySource[];
  related: Pick<Entity, 'id' | 'name' | 'kind'>[];
}

/** A catalogue entry as a card shows it (its related entries looked up in the catalogue). */
export function cardEntryFromCatalogue(entry: CatalogueEntry, catalogue: Catalogue): CardEntry {
  const related = entry.entity.related.flatMap((id) => {
    const other = catalogue.get(id);
    return other ? [{ id, name: other.entity.name, kind: other.entity.kind }] : [];
  });
  return { id: entry.id, entity: entry.entity, bundle: entry.bundle, sources: entry.sources, related };
}

/**
 * Where an entry's card lives, as the compiled form records it (`utils/match/stored.ts`): its name, its kind (index
 * in `ENTITY_KINDS`), its sources (bundle id and entity id, newest first) and its related entries (id, name, kind).
 */
export type CardRecord = [name: string, kind: number, sources: [bundle: string, entity: string][], related: [id: string, name: string, kind: number][]];

const sameAlias = (a: Alias, b: Alias) => a.case === b.case && a.needs === b.needs && aliasKey(a.text) === aliasKey(b.text);

/**
 * The card of entry `id` from its record and the bundles it names (those storage no longer holds, or whose entity
 * is gone, are left out: the library changed, and a new compiled form is on its way). Null when no source is left.
 */
export function cardEntryOf(id: string, record: CardRecord, bundles: ReadonlyMap<string, Bundle | null>): CardEntry | null {
  const [name, kind, refs, related] = record;
  const sources: EntitySource[] = [];
  for (const [bundleId, entityId] of refs) {
    const bundle = bundles.get(bundleId);
    const entity = Array.isArray(bundle?.entities) ? bundle.entities.find((candidate) => candidate?.id === entityId) : undefined;
    if (bundle && entity) sources.push({ bundle, entity });
  }
  if (sources.length === 0) return null;
  const described = describedBy(sources);
  const entity: Entity = {
    id,
    name,
    kind: ENTITY_KINDS[kind] ?? sources[0].entity.kind,
    ...(described ? { description: described.entity.description, descriptionBy: described.entity.descriptionBy ?? 'capture' } : {}),
    aliases: sources
      .flatMap((source) => (Array.isArray(source.entity.aliases) ? source.entity.aliases : []))
      // Once each across sources, as the catalogue merges them.
      .filter((alias, at, all) => sources.length === 1 || all.findIndex((other) => sameAlias(other, alias)) === at),
    facts: sources.flatMap((source) => (Array.isArray(source.entity.facts) ? source.entity.facts : [])),
    related: related.map(([relatedId]) => relatedId),
  };
  return {
    id,
    entity,
    bundle: sources[0].bundle,
    sources,
    related: related.map(([relatedId, relatedName, relatedKind]) => ({ id: relatedId, name: relatedName, kind: ENTITY_KINDS[relatedKind] ?? 'person' })),
  };
}
