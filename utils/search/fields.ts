/** The parts of a note that are searched. */
export type NoteField = 'name' | 'alias' | 'note' | 'kind' | 'description' | 'quote' | 'title';

/**
 * How much a match counts by where it is: a note's name first, then its aliases, the reader's own note on it (their
 * own words, which they remember best), its description and kind, its quotes, and last the title of the article it
 * comes from (which every note of that article shares).
 */
const FIELD_WEIGHT: Record<NoteField, number> = {
  name: 1,
  alias: 0.95,
  note: 0.7,
  description: 0.6,
  kind: 0.5,
  quote: 0.4,
  title: 0.15,
};

/** The index stores a text's field as its position here; names and aliases come first. */
export const FIELDS: readonly NoteField[] = ['name', 'alias', 'note', 'description', 'kind', 'quote', 'title'];
export const FIELD_CODE: ReadonlyMap<NoteField, number> = new Map(FIELDS.map((field, code) => [field, code]));
export const WEIGHT_OF_CODE: readonly number[] = FIELDS.map((field) => FIELD_WEIGHT[field]);
export const NAME_WEIGHT = FIELD_WEIGHT.name;
export const TITLE_CODE = FIELDS.indexOf('title');

export function isNameCode(code: number): boolean {
  return code <= 1;
}
