import { parseBundle } from '@/utils/bundle/parse';
import type { Bundle, DescriptionAuthor, Entity, EntityKind } from '@/utils/bundle/schema';
import type { CatalogueEntry } from '@/utils/catalogue/catalogue';
import { aliasKey } from '@/utils/match/normalize';
import type { PageSelection } from '@/utils/messages';
import { aliasesFor, describedAs, kebabId, publishedDate } from './from-draft';
import { freeBundleId, getBundle, setBundle, updateLibrary } from './store';

/**
 * "Add to Side Notes": a passage the reader selected becomes a verbatim quote, with its page as the source, on the
 * entity the reader chose (README, "Taking notes from a selection"). The quote goes into the bundle the library
 * already holds for that page (same address, fragment aside) when there is one of the reader's own, else into a new
 * bundle for the page. The entity it lands on joins the catalogue entry the reader chose (same kind, and its name and
 * id), so the card shows the quote with the entry's others.
 */

/** Which entity the quote is about: an entry of the reader's notes, or one the reader names now. */
export type QuoteTarget =
  | {
      type: 'entry';
      /** The catalogue entry's id, name and kind: the new entity takes them. */
      id: string;
      name: string;
      kind: EntityKind;
      /** The entry's description (if it has one), and who it is by. */
      description?: string;
      descriptionBy?: DescriptionAuthor;
      /** The entities of the library's bundles the entry is made of. */
      sources: { bundleId: string; entityId: string }[];
    }
  | { type: 'new'; name: string; kind: EntityKind; description?: string };

/** The target for a catalogue entry the reader chose. */
export function entryTarget(entry: Pick<CatalogueEntry, 'entity' | 'sources'>): QuoteTarget {
  return {
    type: 'entry',
    id: entry.entity.id,
    name: entry.entity.name,
    kind: entry.entity.kind,
    ...describedAs(entry.entity),
    sources: entry.sources.map(({ bundle, entity }) => ({ bundleId: bundle.id, entityId: entity.id })),
  };
}

/** A page's address without its fragment: the same page, wherever the reader was on it. */
export function pageAddress(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url.replace(/#.*$/, '');
  }
}

/** The address a bundle may keep: a web page's or a local file's (the schema wants a URL; others are left out). */
function sourceUrl(url: string): string | null {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' || protocol === 'file:' ? pageAddress(url) : null;
  } catch {
    return null;
  }
}

/** The site a page is on, as readers name it: its host without "www.". */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A page's title as a source's: what its metadata or `<title>` says, without the site's name a title often ends with
 * ("Allies gather in Vilnius | The Baltic Courier").
 */
export function pageTitle(title: string, site: string | undefined): string {
  const trimmed = title.trim();
  if (!site?.trim()) return trimmed;
  const name = site.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return trimmed.replace(new RegExp(`\\s+[|–—·:-]\\s+${name}$`, 'i'), '').trim() || trimmed;
}

export interface QuoteArgs {
  selection: PageSelection;
  target: QuoteTarget;
  /** The reader's own bundles that are on (captures and imports; never the built-in one), newest first. */
  bundles: readonly Bundle[];
  /** Every bundle id the library holds. */
  takenIds: ReadonlySet<string>;
  now?: Date;
}

export type QuoteResult = { ok: true; bundle: Bundle; newBundle: boolean; entityId: string } | { ok: false; errors: string[] };

/** The bundle of the library that holds the notes of this page, if any. */
export function bundleForPage(bundles: readonly Bundle[], url: string): Bundle | undefined {
  const address = pageAddress(url);
  return bundles.find((bundle) => bundle.source.url !== null && pageAddress(bundle.source.url) === address);
}

/** The entity of `bundle` the quote belongs to: the one the chosen entry is made of, or one of its kind and name. */
function entityFor(bundle: Bundle, target: QuoteTarget): Entity | undefined {
  if (target.type === 'entry') {
    const own = target.sources.find((source) => source.bundleId === bundle.id);
    const entity = own && bundle.entities.find((candidate) => candidate.id === own.entityId);
    if (entity) return entity;
  }
  const name = aliasKey(target.name);
  return bundle.entities.find(
    (entity) =>
      entity.kind === target.kind &&
      ((target.type === 'entry' && entity.id === target.id) ||
        aliasKey(entity.name) === name ||
        entity.aliases.some((alias) => aliasKey(alias.text) === name)),
  );
}

/** A new entity for the target: its name, kind, description and (where free) id. */
function newEntity(target: QuoteTarget, takenIds: ReadonlySet<string>, fact: Entity['facts'][number]): Entity {
  const name = target.name.trim();
  const base = (target.type === 'entry' ? target.id : kebabId(name)) || 'entity';
  let id = base;
  for (let n = 2; takenIds.has(id); n++) id = `${base}-${n}`;
  return {
    id,
    name,
    kind: target.kind,
    // A new entity's description is the reader's, typed in the add-note window.
    ...describedAs(target.type === 'new' ? { description: target.description, descriptionBy: 'reader' } : target),
    aliases: aliasesFor({ name, kind: target.kind, aliases: [] }),
    facts: [fact],
    related: [],
  };
}

/**
 * The bundle after adding the quote: the page's bundle with the quote appended to the entity (or the entity added),
 * or a new bundle for the page. Pure; checked with `parseBundle`. A quote the entity already holds is not added
 * twice.
 */
export function addQuote({ selection, target, bundles, takenIds, now = new Date() }: QuoteArgs): QuoteResult {
  const quote = selection.text.trim();
  if (!quote) return { ok: false, errors: ['Nothing was selected.'] };
  if (!aliasKey(target.name)) return { ok: false, errors: ['The entity needs a name.'] };
  const fact = { quote, start: Math.max(0, Math.floor(selection.start) || 0) };
  const existing = bundleForPage(bundles, selection.url);

  let bundle: Bundle;
  let entityId: string;
  if (existing) {
    const entity = entityFor(existing, target);
    if (entity) {
      entityId = entity.id;
      const facts = entity.facts.some((other) => other.quote === quote) ? entity.facts : [...entity.facts, fact];
      bundle = { ...existing, entities: existing.entities.map((other) => (other === entity ? { ...entity, facts } : other)) };
    } else {
      const added = newEntity(target, new Set(existing.entities.map((other) => other.id)), fact);
      entityId = added.id;
      bundle = { ...existing, entities: [...existing.entities, added] };
    }
  } else {
    const title = pageTitle(selection.title, selection.site) || hostOf(selection.url) || 'Notes';
    const publisher = selection.site?.trim() || hostOf(selection.url);
    const added = newEntity(target, new Set(), fact);
    entityId = added.id;
    bundle = {
      schemaVersion: 1,
      id: freeBundleId(kebabId(title) || 'notes', takenIds),
      source: {
        title,
        date: publishedDate(selection.published) ?? now.toISOString().slice(0, 10),
        ...(publisher ? { publisher } : {}),
        url: sourceUrl(selection.url),
      },
      entities: [added],
    };
  }
  const parsed = parseBundle(bundle);
  return parsed.ok ? { ok: true, bundle: parsed.bundle, newBundle: !existing, entityId } : { ok: false, errors: parsed.errors };
}

/**
 * Adds the quote to the library in one write (`addQuote` on the library as it is when the write's turn comes): the
 * page's bundle is replaced in place (its entry, state and position kept), or the new bundle goes first, on.
 */
export async function saveQuote(
  selection: PageSelection,
  target: QuoteTarget,
  now = new Date(),
): Promise<QuoteResult> {
  let result: QuoteResult = { ok: false, errors: ['Nothing was saved.'] };
  await updateLibrary(async (index) => {
    const own = index.entries.filter((entry) => entry.enabled && !entry.builtIn);
    const stored = await Promise.all(own.map((entry) => getBundle(entry.id).catch(() => null)));
    const bundles = stored.flatMap((bundle) => {
      const parsed = bundle ? parseBundle(bundle) : null;
      return parsed?.ok ? [parsed.bundle] : [];
    });
    result = addQuote({ selection, target, bundles, takenIds: new Set(index.entries.map((entry) => entry.id)), now });
    if (!result.ok) return index;
    await setBundle(result.bundle);
    if (!result.newBundle) return index;
    return {
      entries: [
        { id: result.bundle.id, enabled: true, builtIn: false, hidden: false, addedAt: now.toISOString() },
        ...index.entries,
      ],
    };
  });
  return result;
}
