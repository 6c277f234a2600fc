import * as v from 'valibot';
import { BundleSchema, type Bundle } from '@/utils/bundle/schema';
import { describeIssues, findEntityProblems, parseBundle, type ParsedBundle } from '@/utils/bundle/parse';
import type { ReaderNote } from './reader-notes-read';
import { ReaderNoteSchema } from './reader-note-schema';

/**
 * A library file, and reading one to import (`exchange.ts` writes them and adds what they hold). Kept apart, with
 * nothing but the schemas, so that a big file is read in a worker (`read-import.worker.ts`) that needs no page.
 */

export const LIBRARY_FORMAT = 'side-notes-library';

/**
 * A whole library: each bundle as the bundle schema writes it, with its entry's state, and the reader's own notes.
 * Version 2 added `readerNotes`; a library without any is written as version 1, exactly as before, so that older
 * versions of Side Notes still read it. Both versions are read.
 */
export interface LibraryFile {
  format: typeof LIBRARY_FORMAT;
  schemaVersion: 1 | 2;
  exportedAt: string;
  bundles: { enabled: boolean; builtIn: boolean; hidden: boolean; addedAt: string; bundle: Bundle }[];
  /** Version 2: the reader's own notes (`ReaderNote`), each on the entity of its kind and folded name. */
  readerNotes?: ReaderNote[];
}

const LibraryFileSchema = v.object({
  format: v.literal(LIBRARY_FORMAT),
  schemaVersion: v.picklist([1, 2]),
  exportedAt: v.optional(v.string()),
  bundles: v.array(
    v.object({
      enabled: v.optional(v.boolean(), true),
      builtIn: v.optional(v.boolean(), false),
      hidden: v.optional(v.boolean(), false),
      addedAt: v.optional(v.string()),
      bundle: v.unknown(),
    }),
  ),
  readerNotes: v.optional(v.array(v.unknown()), []),
});

/** What a file to import holds, once checked: bundles and the state each should have. */
export interface ImportedBundle {
  bundle: Bundle;
  enabled: boolean;
  hidden: boolean;
  addedAt?: string;
}

export type ReadImport =
  | { ok: true; bundles: ImportedBundle[]; readerNotes: ReaderNote[] }
  /** `foreign`: the file is not one Side Notes writes (not JSON, or JSON of something else); `errors` say more. */
  | { ok: false; errors: string[]; foreign: boolean };

/** Whether parsed JSON is meant as Side Notes' own: a library file (its `format`), or a bundle (a source and entities). */
function looksLikeSideNotes(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  if ('format' in json) return json.format === LIBRARY_FORMAT;
  return 'source' in json && 'entities' in json;
}

/**
 * Reads a file to import: a library file (`format: "side-notes-library"`, version 1 or 2) or one bundle. Every
 * problem is listed, each as `path: reason` (the path in the file's JSON: `bundles[1].bundle.entities[3].aliases[0]
 * .text`, `readerNotes[0].kind`). `onChecked(done, total)` hears of the progress, before each
 * bundle is checked (a big file is read in a worker, which shows it: `read-import.ts`).
 */
export function readImport(text: string, onChecked?: (checked: number, total: number) => void): ReadImport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`The file is not JSON: ${(error as Error).message}`], foreign: true };
  }
  if (!looksLikeSideNotes(json)) {
    const parsed = parseBundle(json);
    return { ok: false, errors: parsed.ok ? [] : parsed.errors, foreign: true };
  }
  if (!('format' in (json as object))) {
    const parsed = parseBundle(json);
    return parsed.ok
      ? { ok: true, bundles: [{ bundle: parsed.bundle, enabled: true, hidden: false }], readerNotes: [] }
      : { ok: false, errors: parsed.errors, foreign: false };
  }
  const file = v.safeParse(LibraryFileSchema, json);
  if (!file.success) return { ok: false, errors: describeIssues(file.issues), foreign: false };
  const errors: string[] = [];
  const bundles: ImportedBundle[] = [];
  const firstWithId = new Map<string, number>();
  file.output.bundles.forEach((item, index) => {
    onChecked?.(index, file.output.bundles.length);
    const where = `bundles[${index}].bundle`;
    const parsed = parseBundleAt(item.bundle, where);
    if (!parsed.ok) {
      errors.push(...parsed.errors);
      return;
    }
    const first = firstWithId.get(parsed.bundle.id);
    if (first !== undefined) {
      errors.push(`${where}.id: "${parsed.bundle.id}" is already the id of bundles[${first}].bundle`);
      return;
    }
    firstWithId.set(parsed.bundle.id, index);
    bundles.push({ bundle: parsed.bundle, enabled: item.enabled && !item.hidden, hidden: item.hidden, addedAt: item.addedAt });
  });
  const readerNotes: ReaderNote[] = [];
  file.output.readerNotes.forEach((item, index) => {
    const note = v.safeParse(ReaderNoteSchema, item);
    if (note.success) readerNotes.push(note.output);
    else errors.push(...describeIssues(note.issues, `readerNotes[${index}]`));
  });
  if (file.output.bundles.length === 0 && file.output.readerNotes.length === 0) errors.push('bundles: the file holds no bundle');
  return errors.length ? { ok: false, errors, foreign: false } : { ok: true, bundles, readerNotes };
}

/** `parseBundle`, with every problem's path starting at `where` in the file. */
function parseBundleAt(json: unknown, where: string): ParsedBundle {
  const result = v.safeParse(BundleSchema, json);
  if (!result.success) return { ok: false, errors: describeIssues(result.issues, where) };
  const errors = findEntityProblems(result.output.entities).map((problem) => `${where}.${problem}`);
  return errors.length ? { ok: false, errors } : { ok: true, bundle: result.output };
}

