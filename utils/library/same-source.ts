import type { Bundle, Entity } from '@/utils/bundle/schema';
import { describedByPerson, hasDescription } from '@/utils/catalogue/catalogue';
import { aliasKey } from '@/utils/match/normalize';
import { pageAddress } from './from-selection';

/**
 * One source, one bundle: a page captured again, or a bundle imported again (an export, maybe edited), joins the
 * bundle the library already holds for it instead of becoming a second copy. Pure: bundles in, bundles out.
 */

/** A bundle the library holds, as `placeBundle` needs it. */
export interface HeldBundle {
  id: string;
  builtIn: boolean;
  bundle: Bundle | null;
}

/** What happens to an incoming bundle: a new one (under `bundle.id`), or the held bundle `bundle.id` as merged. */
export type Placement = { result: 'added' | 'renamed'; bundle: Bundle } | { result: 'updated' | 'unchanged'; bundle: Bundle };

/** A bundle's source address, fragment aside; null when it has none. */
const addressOf = (bundle: Bundle) => (bundle.source.url ? pageAddress(bundle.source.url) : null);

/**
 * Whether two bundles hold the notes of one source: the same page (its address, fragment aside), or the same id
 * and no address that differs (an export of a bundle with no page, imported back).
 */
export function sameSource(a: Bundle, b: Bundle): boolean {
  const [left, right] = [addressOf(a), addressOf(b)];
  if (left && right) return left === right;
  return a.id === b.id && left === right;
}

/** The forms an entity is named by, as the matcher reads them. */
const formsOf = (entity: Entity) => new Set([entity.name, ...entity.aliases.map((alias) => alias.text)].map(aliasKey));

/**
 * `kept` with what only `extra` holds: its new quotes on the entities both name (an entity is the same one with the
 * same id, or when it is named by a form the other is named by, whatever kind either says), and its entities `kept`
 * lacks. Everything `kept` says stays as it says it: its ids, names, kinds, aliases with their rules (a form the
 * reader took away is not brought back), descriptions (unless `kept` has only a placeholder and `extra` a real one),
 * source, and the order of its entities and quotes. A quote is never held twice by an entity, and a form never names
 * two entities. Merging a bundle with itself gives it back unchanged.
 */
export function mergeBundle(kept: Bundle, extra: Bundle): Bundle {
  const entities = kept.entities.map((entity) => ({ ...entity, aliases: [...entity.aliases], facts: [...entity.facts], related: [...entity.related] }));
  const owner = new Map<string, Entity>();
  for (const entity of entities) for (const form of formsOf(entity)) if (!owner.has(form)) owner.set(form, entity);
  const ids = new Set(entities.map((entity) => entity.id));
  const idOf = new Map<string, string>();
  /** Each incoming entity and the one it lands on; `fresh` when it was added as it is. */
  const joined: { target: Entity; incoming: Entity; fresh: boolean }[] = [];

  for (const incoming of extra.entities) {
    const forms = formsOf(incoming);
    const target =
      entities.find((entity) => entity.id === incoming.id && [...forms].some((form) => owner.get(form) === entity)) ??
      [...forms].map((form) => owner.get(form)).find((entity) => entity !== undefined);
    if (target) {
      idOf.set(incoming.id, target.id);
      joined.push({ target, incoming, fresh: false });
      continue;
    }
    let id = incoming.id;
    for (let n = 2; ids.has(id); n++) id = `${incoming.id}-${n}`;
    ids.add(id);
    idOf.set(incoming.id, id);
    const added: Entity = { ...incoming, id, aliases: [...incoming.aliases], facts: [...incoming.facts], related: [] };
    for (const form of forms) owner.set(form, added);
    entities.push(added);
    joined.push({ target: added, incoming, fresh: true });
  }

  for (const { target, incoming, fresh } of joined) {
    // Links are mapped once every incoming entity has its place.
    for (const other of incoming.related) {
      const id = idOf.get(other);
      if (id && id !== target.id && !target.related.includes(id)) target.related.push(id);
    }
    if (fresh) continue;
    const quotes = new Set(target.facts.map((fact) => fact.quote.trim()));
    for (const fact of incoming.facts) {
      if (quotes.has(fact.quote.trim())) continue;
      quotes.add(fact.quote.trim());
      target.facts.push(fact);
    }
    if (takesDescription(target, kept, incoming, extra)) {
      target.description = incoming.description;
      if (incoming.descriptionBy) target.descriptionBy = incoming.descriptionBy;
      else delete target.descriptionBy;
    }
  }
  return { ...kept, source: { ...kept.source, url: kept.source.url ?? extra.source.url }, entities };
}

/**
 * Whether the incoming entity's description replaces the kept one's: when the kept one says nothing, or when only the
 * incoming one is by a person (a capture's draft never overwrites what a person wrote or confirmed).
 */
function takesDescription(target: Entity, kept: Bundle, incoming: Entity, extra: Bundle): boolean {
  if (!hasDescription({ entity: incoming, bundle: extra })) return false;
  if (!hasDescription({ entity: target, bundle: kept })) return true;
  return describedByPerson(incoming) && !describedByPerson(target);
}

const sameText = (a: Bundle, b: Bundle) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Where an imported bundle goes: the library's bundle of the same source (`sameSource`; the one with its id first)
 * takes it — unchanged when it holds it already, else updated: the file's words win (the reader may have edited the
 * export), and what only the library holds is kept, so nothing is lost. The built-in bundle is written again with
 * each update, so a changed copy of it is added beside it. Anything else is added, under a free id.
 */
export function placeBundle(held: readonly HeldBundle[], incoming: Bundle, freeId: (base: string) => string): Placement {
  const candidates = held.filter((item) => item.bundle && sameSource(item.bundle, incoming));
  const match = candidates.find((item) => item.id === incoming.id) ?? candidates[0];
  if (match?.bundle) {
    if (sameText(match.bundle, incoming)) return { result: 'unchanged', bundle: match.bundle };
    if (!match.builtIn) {
      const merged = { ...mergeBundle(incoming, match.bundle), id: match.id };
      return { result: sameText(merged, match.bundle) ? 'unchanged' : 'updated', bundle: merged };
    }
  }
  const id = freeId(incoming.id);
  return { result: id === incoming.id ? 'added' : 'renamed', bundle: { ...incoming, id } };
}
