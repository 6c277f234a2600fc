import type { Bundle } from '@/utils/bundle/schema';
import { parseBundle } from '@/utils/bundle/parse';
import { buildCatalogue, quotesBySource, type CatalogueEntry } from '@/utils/catalogue/catalogue';
import { KIND_LABELS } from '@/components/kinds';
import { formatSourceDate } from '@/components/SourceDate';
import { placeBundle, type HeldBundle, type Placement } from './same-source';
import { freeBundleId, getBundle, setBundle, updateLibrary, type LibraryEntry, type LibraryItem } from './store';
import { noteFor, type ReaderNote } from './reader-notes-read';
import { LIBRARY_FORMAT, type ImportedBundle, type LibraryFile } from './import-file';

export { LIBRARY_FORMAT, readImport, type ImportedBundle, type LibraryFile, type ReadImport } from './import-file';

/**
 * The library in and out of files. JSON keeps everything (bundles in the one schema, `BundleSchema`, the library's
 * own state, and the reader's own notes); Markdown is for people to read. An import is checked whole before anything
 * is written: a file with any problem changes nothing, and each problem names its place in the file and what is
 * wrong there.
 */

export function libraryFile(items: LibraryItem[], readerNotes: readonly ReaderNote[] = [], now = new Date()): LibraryFile {
  return {
    format: LIBRARY_FORMAT,
    schemaVersion: readerNotes.length > 0 ? 2 : 1,
    exportedAt: now.toISOString(),
    bundles: items.flatMap(({ entry, bundle }) =>
      bundle ? [{ enabled: entry.enabled, builtIn: entry.builtIn, hidden: entry.hidden, addedAt: entry.addedAt, bundle }] : [],
    ),
    ...(readerNotes.length > 0 ? { readerNotes: [...readerNotes] } : {}),
  };
}

export const toJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** What an import did, bundle by bundle, in the file's order. */
export interface ImportOutcome {
  title: string;
  /** `added`: new to the library; `updated`: the library held the notes of its source, which it joined
   * (`placeBundle`); `unchanged`: the library already held all of it; `renamed`: the library holds another bundle
   * with its id, so it was added under `id`. */
  result: Placement['result'];
  id: string;
}

/**
 * Adds checked bundles to the library in one write. A bundle of a source the library already holds joins that
 * bundle (`placeBundle`): nothing is held twice, nothing the library held is lost, and its entry takes the file's
 * state (on, off or deleted, and when it was added: importing an export into another profile gives the same
 * library). Any other bundle is added, under a free id if its id is taken. New bundles go first, in the file's order.
 */
export async function importBundles(bundles: ImportedBundle[], now = new Date()): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  await updateLibrary(async (index) => {
    const taken = new Set(index.entries.map((entry) => entry.id));
    const stored = await Promise.all(index.entries.map((entry) => getBundle(entry.id).catch(() => null)));
    const held: HeldBundle[] = index.entries.map((entry, at) => {
      const parsed = stored[at] ? parseBundle(stored[at]) : null;
      return { id: entry.id, builtIn: entry.builtIn, bundle: parsed?.ok ? parsed.bundle : null };
    });
    const added: LibraryEntry[] = [];
    const states = new Map<string, Pick<ImportedBundle, 'enabled' | 'hidden' | 'addedAt'>>();
    for (const { bundle, enabled, hidden, addedAt } of bundles) {
      const placed = placeBundle(held, bundle, (base) => freeBundleId(base, taken));
      const { id } = placed.bundle;
      outcomes.push({ title: bundle.source.title, result: placed.result, id });
      if (placed.result !== 'unchanged') await setBundle(placed.bundle);
      if (placed.result === 'updated' || placed.result === 'unchanged') {
        held.find((item) => item.id === id)!.bundle = placed.bundle;
        states.set(id, { enabled, hidden, addedAt });
        continue;
      }
      taken.add(id);
      held.push({ id, builtIn: false, bundle: placed.bundle });
      // Only the extension's own bundle is built in: an imported copy of it under another id is the reader's.
      added.push({ id, enabled, builtIn: false, hidden: false, addedAt: addedAt ?? now.toISOString() });
    }
    const entries = index.entries.map((entry) => {
      const state = states.get(entry.id);
      if (!state) return entry;
      // A bundle that is not built in cannot be hidden: hiding is how a built-in bundle is deleted.
      const hidden = entry.builtIn && state.hidden;
      return { ...entry, hidden, enabled: state.enabled && !hidden, addedAt: state.addedAt ?? entry.addedAt };
    });
    return { entries: [...added, ...entries] };
  });
  return outcomes;
}

// ── Markdown ──────────────────────────────────────────────────────────────────────────────────────────────────

/** Text that Markdown would otherwise read as markup (emphasis, links, HTML, a heading or list at a line's start). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|]/g, (char) => `\\${char}`)
    .replace(/^(\s*)([#>+-])(?=\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s)/gm, '$1\\$2')
    .replace(/\s*\n\s*/g, ' ');
}

/** A source as people cite it: "*Title*, Publisher, 30 January 2023, <https://…>". */
function citation(source: Bundle['source']): string {
  const parts = [`*${escapeMarkdown(source.title)}*`];
  if (source.publisher) parts.push(escapeMarkdown(source.publisher));
  parts.push(formatSourceDate(source.date));
  if (source.url && /^https?:\/\//.test(source.url)) parts.push(`<${source.url.replace(/[<>\s]/g, encodeURIComponent)}>`);
  return parts.join(', ');
}

/**
 * One entity: its name as a heading, what it is, the reader's own note on it, its other names, and every quote as a
 * blockquote with its source.
 */
function entityMarkdown(entry: Pick<CatalogueEntry, 'entity' | 'sources'>, names: Map<string, string>, own?: ReaderNote): string {
  const { entity } = entry;
  const kind = `**${KIND_LABELS[entity.kind] ?? entity.kind}.**`;
  const lines = [`## ${escapeMarkdown(entity.name)}`, '', entity.description ? `${kind} ${escapeMarkdown(entity.description)}` : kind];
  if (own) lines.push('', `**Your note:** ${escapeMarkdown(own.text)}`);
  const otherNames = entity.aliases.map((alias) => alias.text).filter((text) => text !== entity.name);
  if (otherNames.length) lines.push('', `Also written: ${otherNames.map(escapeMarkdown).join(', ')}.`);
  for (const { source, facts } of quotesBySource(entry)) {
    for (const fact of facts) lines.push('', `> ${escapeMarkdown(fact.quote)}`, '>', `> — ${citation(source)}`);
  }
  const related = entity.related.flatMap((id) => names.get(id) ?? []);
  if (related.length) lines.push('', `Related: ${related.map(escapeMarkdown).join(', ')}.`);
  return lines.join('\n');
}

/**
 * Markdown for people: a heading per entity, the reader's own note on it, quotes as blockquotes each with its
 * attribution. One bundle gives its article's notes under its title; several give every entity once, its quotes
 * grouped by article, newest first.
 */
export function toMarkdown(bundles: Bundle[], readerNotes: readonly ReaderNote[] = []): string {
  const catalogue = buildCatalogue(bundles);
  const names = new Map([...catalogue.values()].map(({ id, entity }) => [id, entity.name]));
  const header =
    bundles.length === 1
      ? [`# ${escapeMarkdown(bundles[0].source.title)}`, '', `Notes from ${citation(bundles[0].source)}.`]
      : ['# Side Notes', '', 'Notes from:', '', ...bundles.map((bundle) => `- ${citation(bundle.source)}`)];
  return `${[...header, ...[...catalogue.values()].map((entry) => `\n${entityMarkdown(entry, names, noteFor(readerNotes, entry.entity))}`)].join('\n')}\n`;
}
