import * as v from 'valibot';
import { BundleSchema, type Bundle, type Entity } from '@/utils/bundle/schema';
import { aliasKey } from '@/utils/match/normalize';

/**
 * Validating a bundle that comes from outside the build (an import, storage): the schema, then the rules that
 * need no article. Kept apart from `load.ts` so the content script never pulls valibot in.
 */

export type ParsedBundle = { ok: true; bundle: Bundle } | { ok: false; errors: string[] };

export function parseBundle(json: unknown): ParsedBundle {
  const result = v.safeParse(BundleSchema, json);
  if (!result.success) return { ok: false, errors: describeIssues(result.issues) };
  const errors = findEntityProblems(result.output.entities);
  return errors.length ? { ok: false, errors } : { ok: true, bundle: result.output };
}

/** `entities[3].aliases[0].text: Invalid length: …` — the path says where to look in the JSON. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[], root = ''): string[] {
  return issues.map((issue) => {
    const path = `${root}${formatPath(issue.path ?? [])}`.replace(/^\./, '');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

function formatPath(path: readonly { key: unknown }[]): string {
  return path.map(({ key }) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
}

/** Rules across entities that the schema cannot express: ids, links and aliases must each resolve to one entity. */
export function findEntityProblems(entities: readonly Entity[]): string[] {
  return [
    ...findDuplicateIds(entities),
    ...findMissingFacts(entities),
    ...findBrokenRelations(entities),
    ...findAliasCollisions(entities),
  ];
}

function findDuplicateIds(entities: readonly Entity[]): string[] {
  const firstIndex = new Map<string, number>();
  return entities.flatMap((entity, index) => {
    const first = firstIndex.get(entity.id);
    if (first === undefined) {
      firstIndex.set(entity.id, index);
      return [];
    }
    return [`entities[${index}].id: "${entity.id}" is already the id of entities[${first}]`];
  });
}

function findMissingFacts(entities: readonly Entity[]): string[] {
  return entities.flatMap((entity, index) =>
    entity.facts.length ? [] : [`entities[${index}].facts: ${entity.id} needs at least one fact`],
  );
}

function findBrokenRelations(entities: readonly Entity[]): string[] {
  const ids = new Set(entities.map((entity) => entity.id));
  return entities.flatMap((entity, index) =>
    entity.related.flatMap((relatedId, relatedIndex) => {
      const where = `entities[${index}].related[${relatedIndex}]`;
      if (relatedId === entity.id) return [`${where}: ${entity.id} cannot be related to itself`];
      return ids.has(relatedId) ? [] : [`${where}: no entity has the id "${relatedId}"`];
    }),
  );
}

/**
 * Two aliases collide when the matcher reads them as the same words (its `aliasKey`: case, diacritics,
 * punctuation and hyphens folded away); across two entities it could not tell which one a page means. Within one
 * entity it is harmless ("Seoul", "Séoul"), so only the first owner of each key is remembered.
 */
function findAliasCollisions(entities: readonly Entity[]): string[] {
  const owners = new Map<string, { entityIndex: number; aliasIndex: number }>();
  const problems: string[] = [];
  entities.forEach((entity, entityIndex) => {
    entity.aliases.forEach((alias, aliasIndex) => {
      const key = aliasKey(alias.text);
      const owner = owners.get(key);
      if (!owner) {
        owners.set(key, { entityIndex, aliasIndex });
      } else if (owner.entityIndex !== entityIndex) {
        const other = entities[owner.entityIndex];
        problems.push(
          `entities[${entityIndex}].aliases[${aliasIndex}].text: "${alias.text}" of ${entity.id} reads the same as ` +
            `"${other.aliases[owner.aliasIndex].text}" of ${other.id} (entities[${owner.entityIndex}]` +
            `.aliases[${owner.aliasIndex}]); an alias must name one entity`,
        );
      }
    });
  });
  return problems;
}
