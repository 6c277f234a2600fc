import { parseBundle, type ParsedBundle } from '@/utils/bundle/parse';
import type { Alias, Bundle, Entity } from '@/utils/bundle/schema';
import type { DraftSource } from '@/utils/capture/types';
import { placeholderDescription } from '@/utils/catalogue/catalogue';
import { aliasKey } from '@/utils/match/normalize';
import { aliasesFor, describedAs, kebabId, type ReviewedDraft, type ReviewedEntity } from './from-draft';
import { getBundle, setBundle, updateLibrary } from './store';

/**
 * "Edit" in the notes library: a stored bundle (a capture, or an import) opened in the review page, changed there
 * with the same edits as a fresh capture, and saved in place of itself — same id, same library entry (on or off,
 * position), so nothing else about the library changes.
 */

/** Whether a stored description only says where the entity was found (the review page shows it as none). */
export function isPlaceholderIn(bundle: Bundle, description: string | undefined): boolean {
  return description === placeholderDescription(bundle.source.title);
}

/** A stored bundle as the review page's draft: its source, and each entity with its quotes where they stand. */
export function draftOfBundle(bundle: Bundle): ReviewedDraft {
  const source: DraftSource = {
    url: bundle.source.url ?? '',
    title: bundle.source.title,
    ...(bundle.source.publisher ? { site: bundle.source.publisher } : {}),
    published: bundle.source.date,
  };
  return {
    source,
    entities: bundle.entities.map(
      (entity): ReviewedEntity => ({
        id: entity.id,
        name: entity.name,
        kind: entity.kind,
        aliases: entity.aliases.map((alias) => alias.text).filter((text) => text.trim() !== entity.name.trim()),
        ...(!entity.description || isPlaceholderIn(bundle, entity.description)
          ? {}
          : { description: entity.description, ...(entity.descriptionBy ? { descriptionBy: entity.descriptionBy } : {}) }),
        facts: entity.facts.map(({ quote, start }) => ({ quote, start })),
      }),
    ),
  };
}

/**
 * The edited bundle: the original's id and source (its title as edited), each entity as the reader left it. An
 * entity keeps its id while its name still reads the same or still gives that id (other bundles' entities join it by
 * id, and the reader's own note finds it by it); renamed into something else it gets an id from its new name. An
 * alias the original had keeps its rules (cues, evidence, case); a new one gets a capture's. Related entities are
 * the original's, for those that remain (a merged entry keeps the first one's). So a bundle saved unchanged is the
 * same bundle. Checked with `parseBundle`.
 */
export function bundleFromEdit(original: Bundle, edited: ReviewedDraft): ParsedBundle {
  const title = edited.source.title.trim();
  const originals = new Map(original.entities.map((entity) => [entity.id, entity]));
  const idOf = new Map<string, string>();
  const taken = new Set<string>();
  const kept: { entity: ReviewedEntity; before: Entity | undefined; id: string }[] = [];
  // Entities that keep their id first, so a renamed one never takes an id that another still has.
  const plans = edited.entities.map((entity, index) => {
    const before = entity.id ? originals.get(entity.id) : undefined;
    const keeps = before && (aliasKey(before.name) === aliasKey(entity.name) || kebabId(entity.name) === before.id);
    return { entity, before, keeps: !!keeps, index };
  });
  for (const plan of [...plans.filter((p) => p.keeps), ...plans.filter((p) => !p.keeps)]) {
    const base = plan.keeps ? plan.before!.id : kebabId(plan.entity.name) || `entity-${plan.index + 1}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    if (plan.before) idOf.set(plan.before.id, id);
    kept[plan.index] = { entity: plan.entity, before: plan.before, id };
  }

  const entities = kept.map(({ entity, before, id }): Entity => {
    const related = [...new Set((before?.related ?? []).flatMap((other) => idOf.get(other) ?? []))].filter((other) => other !== id);
    return {
      id,
      name: entity.name.trim(),
      kind: entity.kind,
      ...describedAs(entity),
      aliases: editedAliases(entity, before, idOf),
      facts: entity.facts.map(({ quote, start }) => ({ quote, start: start ?? 0 })),
      related,
    };
  });

  return parseBundle({ ...original, source: { ...original.source, title }, entities } satisfies Bundle);
}

/**
 * An edited entity's aliases: those it had that the reader kept (the same text), as they were, in their order, each
 * with its rules (cues, evidence, case); then the forms the reader added, as a capture writes them. The name comes
 * first when it is new.
 */
function editedAliases(entity: ReviewedEntity, before: Entity | undefined, idOf: Map<string, string>): Alias[] {
  const forms = new Set([entity.name, ...entity.aliases].map((form) => form.trim()));
  const kept = (before?.aliases ?? [])
    .filter((alias) => forms.has(alias.text.trim()))
    .map((alias): Alias => (alias.evidenceFrom ? { ...alias, evidenceFrom: alias.evidenceFrom.flatMap((other) => idOf.get(other) ?? []) } : alias));
  const keys = new Set(kept.map((alias) => aliasKey(alias.text)));
  const added = aliasesFor(entity).filter((alias) => !keys.has(aliasKey(alias.text)));
  const nameIsNew = !kept.some((alias) => alias.text.trim() === entity.name.trim());
  const [name, ...others] = added;
  return nameIsNew && name?.text === entity.name.trim() ? [name, ...kept, ...others] : [...kept, ...added];
}

export type ReplaceResult = { ok: true } | { ok: false; errors: string[] };

/**
 * Writes the edited bundle in place of the one the reader opened, if that one is still as it was: a bundle deleted,
 * or changed elsewhere (a quote added from a page) while the reader edited it, is not overwritten. The library's
 * index is not written at all: the entry keeps its state and place.
 */
export async function replaceBundle(opened: Bundle, edited: Bundle): Promise<ReplaceResult> {
  let result: ReplaceResult = { ok: true };
  await updateLibrary(async (index) => {
    const entry = index.entries.find((candidate) => candidate.id === opened.id);
    if (!entry || entry.builtIn) {
      result = { ok: false, errors: ['These notes are no longer in the library: nothing was saved.'] };
      return index;
    }
    const stored = await getBundle(opened.id).catch(() => null);
    const now = stored ? parseBundle(stored) : null;
    if (!now?.ok || JSON.stringify(now.bundle) !== JSON.stringify(opened)) {
      result = {
        ok: false,
        errors: ['These notes changed while you edited them: nothing was saved. Reload the page to edit them as they are now.'],
      };
      return index;
    }
    await setBundle({ ...edited, id: opened.id });
    return index;
  });
  return result;
}
