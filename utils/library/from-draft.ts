import type { Alias, Bundle, DescriptionAuthor, Entity, EntityKind } from '@/utils/bundle/schema';
import { parseBundle, type ParsedBundle } from '@/utils/bundle/parse';
import type { DraftSource } from '@/utils/capture/types';
import { EQUIPMENT_NOUNS } from '@/utils/capture/lexicon';
import { aliasKey, tokenize } from '@/utils/match/normalize';

/**
 * A reviewed capture draft becomes a bundle (`BundleSchema`, checked with `parseBundle`): what "Save" in the review
 * page writes. Pure: the article's text in, the bundle out.
 */

/** An entry of the draft as the reader left it in the review page. */
export interface ReviewedEntity {
  name: string;
  kind: EntityKind;
  /** Other forms of the name (the name itself need not be among them). */
  aliases: string[];
  /** Forms that are also ordinary words (the capture's `commonWords`): they need evidence. */
  commonWords?: string[];
  description?: string;
  /** Who the description is by: the capture's draft until the reader edits or confirms it (then `reader`). */
  descriptionBy?: DescriptionAuthor;
  /** `start`: the quote's known offset in its source text (a stored bundle's); else it is looked up in the text. */
  facts: { quote: string; start?: number }[];
  /** The entity's id in the bundle being edited ("Edit" in the notes library); none for a capture's entries. */
  id?: string;
}

export interface ReviewedDraft {
  source: DraftSource;
  entities: ReviewedEntity[];
}

/** Related entities a captured entity links to at most: the ones it shares the most quotes with. */
const MAX_RELATED = 8;

/** Titles that, right before a bare surname, say the person is meant ("President Nauseda"). Any case. */
const PERSON_TITLES = [
  'President', 'Prime Minister', 'Minister', 'Chancellor', 'Secretary', 'Senator', 'Governor', 'Mayor', 'General',
  'Ambassador', 'King', 'Queen', 'Judge', 'Mr', 'Mrs', 'Ms', 'Dr',
];

/** Acronyms this short are ordinary words in another case ("US" and "us", "UN" and French "un"). */
const EXACT_CASE_ACRONYM = /^[A-Z]{2,3}$/;

/** "Jens Stoltenberg" → "jens-stoltenberg": the kebab-case ids the schema asks for; empty for names of no Latin letter. */
export function kebabId(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** The day a page says it was published (`YYYY-MM-DD`), or null when it says nothing readable. */
export function publishedDate(published: string | undefined): string | null {
  if (!published) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(published.trim());
  if (iso) {
    const [, year, month, day] = iso;
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    return date.getUTCDate() === Number(day) && date.getUTCMonth() === Number(month) - 1 ? iso[0] : null;
  }
  const parsed = Date.parse(published);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString().slice(0, 10);
}

function webUrl(url: string): string | null {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' || protocol === 'file:' ? url : null;
  } catch {
    return null;
  }
}

/** Words after a look-alike weapon's name that say it is the weapon ("Patriot missiles", "Leopard tanks"). */
const EQUIPMENT_CUES = [...EQUIPMENT_NOUNS];

/**
 * An entity's aliases for the matcher: its name first, then its other forms, each once (as the matcher reads them),
 * each counting only where it stands alone, never inside a longer proper name (`alone`). A person's one-word form of
 * a longer name (a bare surname: "Austin", "Yoon") names too many people to count on its own, and a form that is
 * also an ordinary word ("Patriot", "Leopard", `commonWords`) means something else as often: each needs evidence —
 * a cue (a title before a person, an equipment word after a weapon), or another of its forms on the same page, as
 * the seed's look-alikes do. Two- and three-letter acronyms match in their own case only.
 */
export function aliasesFor(entity: Pick<ReviewedEntity, 'name' | 'kind' | 'aliases' | 'commonWords'>): Alias[] {
  const common = new Set((entity.commonWords ?? []).map(aliasKey));
  const seen = new Set<string>();
  const aliases: Alias[] = [];
  for (const text of [entity.name, ...entity.aliases].map((form) => form.trim())) {
    const key = aliasKey(text);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    // A person named by one word alone ("Austin") is as ambiguous as a bare surname.
    const bareSurname = entity.kind === 'person' && tokenize(text).length === 1 && !EXACT_CASE_ACRONYM.test(text);
    const evidence = bareSurname || common.has(key);
    aliases.push({
      text,
      needs: evidence ? 'evidence' : 'always',
      case: EXACT_CASE_ACRONYM.test(text) ? 'exact' : 'any',
      alone: true,
      ...(evidence && entity.kind === 'person' ? { cuesBefore: PERSON_TITLES } : {}),
      ...(evidence && entity.kind === 'equipment' ? { cuesAfter: EQUIPMENT_CUES } : {}),
    });
  }
  return aliases;
}

/**
 * An entity's description as saved, with who it is by when that is known (left out, it is a capture's); nothing
 * when it has none: never a placeholder.
 */
export function describedAs({ description, descriptionBy }: Pick<ReviewedEntity, 'description' | 'descriptionBy'>): Pick<Entity, 'description' | 'descriptionBy'> {
  const text = description?.trim();
  return text ? { description: text, ...(descriptionBy ? { descriptionBy } : {}) } : {};
}

export interface SaveOptions {
  /** When the capture was saved: the bundle's date when the page gives none. */
  now?: Date;
  /** Bundle ids the library already holds. */
  takenIds?: ReadonlySet<string>;
}

/**
 * The bundle for a reviewed draft: ids from the names (made unique), each quote's offset in the article's text, the
 * source's date from the page (else the day it was saved), each description with who it is by (none for an entity
 * the article did not describe), and related entities: those that share quotes. Returns `parseBundle`'s verdict.
 */
export function bundleFromDraft(draft: ReviewedDraft, text: string, { now = new Date(), takenIds = new Set() }: SaveOptions = {}): ParsedBundle {
  const title = draft.source.title.trim();
  const url = webUrl(draft.source.url);
  const date = publishedDate(draft.source.published) ?? now.toISOString().slice(0, 10);
  const baseId = kebabId(title) || 'notes';
  let id = baseId;
  for (let n = 2; takenIds.has(id); n++) id = `${baseId}-${n}`;

  const ids = new Set<string>();
  const entities = draft.entities.map((entity, index): Entity => {
    const base = kebabId(entity.name) || `entity-${index + 1}`;
    let entityId = base;
    for (let n = 2; ids.has(entityId); n++) entityId = `${base}-${n}`;
    ids.add(entityId);
    return {
      id: entityId,
      name: entity.name.trim(),
      kind: entity.kind,
      ...describedAs({ description: entity.description, descriptionBy: entity.descriptionBy ?? 'capture' }),
      aliases: aliasesFor(entity),
      facts: entity.facts.flatMap(({ quote, start: known }) => {
        const start = known ?? text.indexOf(quote);
        return start < 0 ? [] : [{ quote, start }];
      }),
      related: [],
    };
  });
  relateByQuotes(entities);

  return parseBundle({
    schemaVersion: 1,
    id,
    source: {
      title,
      date,
      ...(draft.source.site?.trim() ? { publisher: draft.source.site.trim() } : {}),
      url,
    },
    entities,
  } satisfies Bundle);
}

/** Two entities quoted in the same sentence are related; the ones sharing the most sentences first, then in order. */
function relateByQuotes(entities: Entity[]): void {
  const order = new Map(entities.map((entity, index) => [entity.id, index]));
  const byQuote = new Map<number, Entity[]>();
  for (const entity of entities) {
    for (const { start } of entity.facts) {
      const list = byQuote.get(start);
      if (!list) byQuote.set(start, [entity]);
      else if (!list.includes(entity)) list.push(entity);
    }
  }
  for (const entity of entities) {
    const shared = new Map<string, number>();
    for (const { start } of entity.facts) {
      for (const other of byQuote.get(start) ?? []) {
        if (other !== entity) shared.set(other.id, (shared.get(other.id) ?? 0) + 1);
      }
    }
    entity.related = [...shared]
      .sort((a, b) => b[1] - a[1] || order.get(a[0])! - order.get(b[0])!)
      .slice(0, MAX_RELATED)
      .map(([relatedId]) => relatedId);
  }
}
