import { ENTITY_KINDS, type EntityKind } from '@/utils/bundle/kinds';
import './kinds.css';

/** How each kind is named to readers. */
export const KIND_LABELS: Record<EntityKind, string> = {
  person: 'Person',
  organisation: 'Organisation',
  place: 'Place',
  treaty: 'Treaty',
  equipment: 'Equipment',
  event: 'Event',
};

/** The kinds as headings of lists. */
export const KIND_PLURALS: Record<EntityKind, string> = {
  person: 'People',
  organisation: 'Organisations',
  place: 'Places',
  treaty: 'Treaties',
  equipment: 'Equipment',
  event: 'Events',
};

/** Items grouped by their entity's kind (in the kinds' order), each group in alphabetical order; empty groups left out. */
export function groupByKind<T>(
  items: T[],
  entityOf: (item: T) => { kind: EntityKind; name: string },
): { kind: EntityKind; items: T[] }[] {
  const byName = (a: T, b: T) => entityOf(a).name.localeCompare(entityOf(b).name);
  return ENTITY_KINDS.map((kind) => ({ kind, items: items.filter((item) => entityOf(item).kind === kind).sort(byName) })).filter(
    (group) => group.items.length > 0,
  );
}
