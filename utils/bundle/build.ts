import * as v from 'valibot';
import {
  AliasSchema,
  BundleSchema,
  EntitySchema,
  FactSchema,
  SourceSchema,
  type Bundle,
  type Entity,
} from '@/utils/bundle/schema';
import { describeIssues, findEntityProblems } from '@/utils/bundle/parse';

/**
 * Turning a seed (an article and its curated entities) into the bundle the extension ships. Pure, so the build
 * script and the tests share it; the file system stays in `scripts/build-bundle.ts`.
 */

/**
 * A curated fact names its quote, not its offset: the build finds it in the article. `occurrence` (0-based)
 * picks one when the same words appear more than once.
 */
const CuratedFactSchema = v.strictObject({
  quote: FactSchema.entries.quote,
  occurrence: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});
type CuratedFact = v.InferOutput<typeof CuratedFactSchema>;

/** Strict objects, unlike the bundle schema: a misspelt key in a hand-written file must not vanish silently. */
const CuratedEntitySchema = v.strictObject({
  ...EntitySchema.entries,
  aliases: v.pipe(v.array(v.strictObject(AliasSchema.entries)), v.minLength(1)),
  facts: v.pipe(v.array(CuratedFactSchema), v.minLength(1, 'every entity needs at least one fact')),
});
type CuratedEntity = v.InferOutput<typeof CuratedEntitySchema>;
const CuratedEntitiesSchema = v.array(CuratedEntitySchema);
const CuratedSourceSchema = v.strictObject(SourceSchema.entries);

export interface BuiltBundle {
  /** Null whenever there is a problem: a bundle is shipped whole or not at all. */
  bundle: Bundle | null;
  problems: string[];
}

export function buildBundle(
  slug: string,
  articleText: string,
  articleMeta: unknown,
  curatedEntities: unknown,
): BuiltBundle {
  const id = v.safeParse(BundleSchema.entries.id, slug);
  const source = v.safeParse(CuratedSourceSchema, articleMeta);
  const curated = v.safeParse(CuratedEntitiesSchema, curatedEntities);
  const schemaProblems = [
    ...(id.success ? [] : describeIssues(id.issues, 'id')),
    ...(source.success ? [] : describeIssues(source.issues, 'source')),
    ...(curated.success ? [] : describeIssues(curated.issues, 'entities')),
  ];
  // The rules below need well-formed entities; the schema's own messages come first.
  if (!source.success || !curated.success) return { bundle: null, problems: schemaProblems };

  const { entities, problems: quoteProblems } = locateFacts(curated.output, articleText);
  const problems = [...schemaProblems, ...quoteProblems, ...findEntityProblems(entities)];
  if (problems.length) return { bundle: null, problems };
  // Parsing once more rebuilds every object in the schema's key order, which keeps the written JSON stable.
  const bundle = v.parse(BundleSchema, { schemaVersion: 1, id: slug, source: source.output, entities });
  return { bundle, problems: [] };
}

/** Gives each curated fact its offset in the article; an unplaced fact keeps offset 0 and yields a problem. */
function locateFacts(
  curated: readonly CuratedEntity[],
  articleText: string,
): { entities: Entity[]; problems: string[] } {
  const problems: string[] = [];
  const entities = curated.map((entity, entityIndex) => ({
    ...entity,
    // A seed's descriptions are written by a person: they win over any a capture drafts.
    ...(entity.description ? { descriptionBy: 'curated' as const } : {}),
    facts: entity.facts.map((fact, factIndex) => {
      const start = locateQuote(articleText, fact);
      if (typeof start === 'number') return { quote: fact.quote, start };
      problems.push(`entities[${entityIndex}].facts[${factIndex}].quote (${entity.id}): ${start}`);
      return { quote: fact.quote, start: 0 };
    }),
  }));
  return { entities, problems };
}

/** Every rule a built bundle must keep, including that each fact still reads verbatim at its offset. */
export function checkBundle(bundle: Bundle, articleText: string): string[] {
  return [...findEntityProblems(bundle.entities), ...findMisplacedFacts(bundle, articleText)];
}

function findMisplacedFacts(bundle: Bundle, articleText: string): string[] {
  return bundle.entities.flatMap((entity, entityIndex) =>
    entity.facts.flatMap(({ quote, start }, factIndex) => {
      if (articleText.startsWith(quote, start)) return [];
      const where = `entities[${entityIndex}].facts[${factIndex}]`;
      const found = articleText.indexOf(quote);
      return found < 0
        ? [`${where}.quote (${entity.id}): ${notFound(quote)}`]
        : [`${where}.start (${entity.id}): the article reads the quote at ${found}, not at ${start}`];
    }),
  );
}

/** The quote's UTF-16 offset in the article, or why there is none. */
function locateQuote(articleText: string, { quote, occurrence }: CuratedFact): number | string {
  const starts = findAll(articleText, quote);
  if (!starts.length) return notFound(quote);
  if (occurrence === undefined) {
    return starts.length === 1
      ? starts[0]
      : `"${quote}" appears ${starts.length} times in the article; add "occurrence" (0 to ${starts.length - 1})`;
  }
  return occurrence < starts.length
    ? starts[occurrence]
    : `occurrence ${occurrence} asked for, but "${quote}" appears only ${starts.length} time(s) in the article`;
}

function findAll(text: string, part: string): number[] {
  const starts: number[] = [];
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) starts.push(at);
  return starts;
}

/** Typed quotes are the usual culprit: the article has ’ “ ” where a keyboard gives ' and ". */
function notFound(quote: string): string {
  const hint = /['"]/.test(quote) ? ' (the article may use curly quotes ’ “ ” where this has straight ones)' : '';
  return `not found verbatim in the article${hint}: "${quote}"`;
}

/** Pretty JSON with a trailing newline, in the key order `buildBundle` gave it. */
export function serializeBundle(bundle: Bundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}
