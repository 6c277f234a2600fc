import * as v from 'valibot';

/**
 * The one schema for bundles: the curated seed files and the compiled bundle the extension ships are both
 * checked against it. Everything a bundle says is data; the matcher and the card only read it.
 */

import { ENTITY_KINDS } from './kinds';

export { ENTITY_KINDS, type EntityKind } from './kinds';

const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1));
const entityId = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case: a-z, 0-9 and -'));

/**
 * How much evidence an alias needs before it counts as a mention.
 * - `always`: the alias names this entity wherever it stands ("Jens Stoltenberg", "NATO").
 * - `evidence`: the alias is ambiguous ("Austin", "Yoon", "Leopard"): it counts only next to one of its cues, or
 *   when the same page also names the entity unambiguously; never inside a longer proper name.
 */
export const AliasSchema = v.object({
  text: nonEmpty,
  needs: v.optional(v.picklist(['always', 'evidence']), 'always'),
  /** `exact`: letters must match in case ("US", not "us"). Default: any case. */
  case: v.optional(v.picklist(['any', 'exact']), 'any'),
  /**
   * `exact`: accents must match, case need not ("America" in any case, but not the Spanish "América", the
   * Americas). Left out: accents are folded away.
   */
  accents: v.optional(v.picklist(['any', 'exact'])),
  /**
   * `true`: counts only where it stands alone, never inside a longer proper name: a capitalised word joined to it
   * ("State Department" in "New York State Department of Taxation", "Patriot" in "Patriot Day") makes it part of
   * another name. What a capture saves; a curated alias says where it matters, with cues and vetoes.
   */
  alone: v.optional(v.boolean()),
  /** Words right before the alias that identify it (titles: "President", "Secretary"). Any case. */
  cuesBefore: v.optional(v.array(nonEmpty)),
  /** Words right after the alias that identify it ("tank", "tanks"). Any case. */
  cuesAfter: v.optional(v.array(nonEmpty)),
  /** Words right before the alias that make it something else ("en" in "en-US", "Latin" in "Latin America"). */
  vetoBefore: v.optional(v.array(nonEmpty)),
  /** Words right after the alias that make it something else ("state" in "Washington state"). */
  vetoAfter: v.optional(v.array(nonEmpty)),
  /**
   * For `needs: 'evidence'`: other entities whose unambiguous mention also counts as evidence ("Washington" for
   * the US government on a page that names the United States).
   */
  evidenceFrom: v.optional(v.array(entityId)),
});
export type Alias = v.InferOutput<typeof AliasSchema>;

/** A fact is a verbatim quote of the source text, with its position there. */
export const FactSchema = v.object({
  quote: nonEmpty,
  /** UTF-16 offset of the quote in the source text. */
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type Fact = v.InferOutput<typeof FactSchema>;

/**
 * Who wrote an entity's description, which decides whose wins where several bundles describe one entity: one a
 * person wrote or confirmed (`curated`: the seed's; `reader`: edited or confirmed in the review page) beats one a
 * capture drafted from the article's words (`capture`). Left out: `capture` (bundles saved before it was recorded).
 */
export const DESCRIPTION_AUTHORS = ['capture', 'reader', 'curated'] as const;
export type DescriptionAuthor = (typeof DESCRIPTION_AUTHORS)[number];

export const EntitySchema = v.object({
  id: entityId,
  name: nonEmpty,
  kind: v.picklist(ENTITY_KINDS),
  /** Who or what it is, in a line; none when nobody (and no article) said. */
  description: v.optional(nonEmpty),
  descriptionBy: v.optional(v.picklist(DESCRIPTION_AUTHORS)),
  aliases: v.pipe(v.array(AliasSchema), v.minLength(1)),
  facts: v.pipe(v.array(FactSchema), v.minLength(1, 'every entity needs at least one fact')),
  related: v.array(entityId),
});
export type Entity = v.InferOutput<typeof EntitySchema>;

export const SourceSchema = v.object({
  title: nonEmpty,
  /** ISO date, YYYY-MM-DD. */
  date: v.pipe(v.string(), v.isoDate()),
  publisher: v.optional(nonEmpty),
  url: v.nullable(v.pipe(v.string(), v.url())),
});
export type Source = v.InferOutput<typeof SourceSchema>;

export const BundleSchema = v.object({
  schemaVersion: v.literal(1),
  id: entityId,
  source: SourceSchema,
  entities: v.pipe(v.array(EntitySchema), v.minLength(1)),
});
export type Bundle = v.InferOutput<typeof BundleSchema>;
