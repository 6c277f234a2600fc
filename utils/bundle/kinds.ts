/** The kinds of entity a bundle knows (kept apart from the schema so that the content script needs no valibot). */
export const ENTITY_KINDS = ['person', 'organisation', 'place', 'treaty', 'equipment', 'event'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
