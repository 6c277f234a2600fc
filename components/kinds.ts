import type { EntityKind } from '@/utils/bundle/schema';
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
