import { browser } from 'wxt/browser';
import type { Bundle } from '@/utils/bundle/schema';
import { parseBundle } from '@/utils/bundle/parse';
import {
  CAPTURE_DRAFT_MESSAGE,
  isCaptureFailure,
  type CaptureAnswer,
  type CaptureDraftRequest,
} from '@/utils/capture-host/messages';
import type { DraftSource } from '@/utils/capture/types';
import { bundleFromEdit, draftOfBundle, replaceBundle } from '@/utils/library/edit-bundle';
import { bundleFromDraft } from '@/utils/library/from-draft';
import { bundleForPage } from '@/utils/library/from-selection';
import { mergeBundle } from '@/utils/library/same-source';
import { addBundles, getBundle, getLibraryIndex, setBundle, updateLibrary } from '@/utils/library/store';
import { entriesOf, type ReviewEntry } from './edits';

/**
 * What the review page starts from: a fresh capture of a tab's article (saved as a new bundle), or a bundle of the
 * library opened with "Edit" (saved in its place). The page's edits are the same for both.
 */
export interface ReviewStart {
  mode: 'capture' | 'edit';
  source: DraftSource;
  entries: ReviewEntry[];
  /** The article's text, where a capture's quotes are found; '' for a stored bundle (its quotes know their place). */
  text: string;
  /** A capture of a page the library already holds: that bundle, which Save updates unless told not to. */
  held?: { id: string; title: string; date: string };
  /** Writes the reviewed notes (`update`: into `held`); says what was saved, or why nothing was. */
  save(source: DraftSource, entries: ReviewEntry[], update?: boolean): Promise<SaveResult>;
}

export type SaveResult =
  | { ok: true; title: string; count: number; /** What an update added to the held bundle. */ updated?: { entities: number; quotes: number } }
  | { ok: false; errors: string[] };

export type StartResult = { ok: true; start: ReviewStart } | { ok: false; message: string };

/** Asks the tab's page for its draft (the capture-draft contract, with the article's text). */
async function captureTab(tabId: number): Promise<CaptureAnswer> {
  const request: CaptureDraftRequest = { type: CAPTURE_DRAFT_MESSAGE, withText: true };
  try {
    const answer = (await browser.tabs.sendMessage(tabId, request, { frameId: 0 })) as CaptureAnswer | undefined;
    return answer ?? { error: 'unavailable', message: 'The page did not answer.' };
  } catch {
    return {
      error: 'unavailable',
      message: 'Side Notes can’t read that page. If it is a web page, reloading it may help.',
    };
  }
}

/** The reader's own bundle (a capture or an import) of the page at `url`, if the library holds one. */
async function heldBundleOf(url: string): Promise<Bundle | undefined> {
  const own = (await getLibraryIndex()).entries.filter((entry) => !entry.builtIn);
  const stored = await Promise.all(own.map((entry) => getBundle(entry.id).catch(() => null)));
  const bundles = stored.flatMap((bundle) => {
    const parsed = bundle ? parseBundle(bundle) : null;
    return parsed?.ok ? [parsed.bundle] : [];
  });
  return bundleForPage(bundles, url);
}

/**
 * Joins the reviewed capture to the bundle the library holds for its page (`mergeBundle`: its new quotes and
 * entities added, none twice, the reader's earlier edits kept), in place: same id, same entry. Null when that
 * bundle went meanwhile.
 */
async function updateHeld(heldId: string, fresh: Bundle): Promise<SaveResult | null> {
  let result: SaveResult | null = null;
  await updateLibrary(async (index) => {
    if (!index.entries.some((entry) => entry.id === heldId && !entry.builtIn)) return index;
    const stored = parseBundle(await getBundle(heldId).catch(() => null));
    if (!stored.ok) return index;
    const merged = parseBundle(mergeBundle(stored.bundle, fresh));
    if (!merged.ok) {
      result = { ok: false, errors: merged.errors };
      return index;
    }
    await setBundle(merged.bundle);
    const quotes = (bundle: Bundle) => bundle.entities.reduce((sum, entity) => sum + entity.facts.length, 0);
    result = {
      ok: true,
      title: merged.bundle.source.title,
      count: merged.bundle.entities.length,
      updated: { entities: merged.bundle.entities.length - stored.bundle.entities.length, quotes: quotes(merged.bundle) - quotes(stored.bundle) },
    };
    return index;
  });
  return result;
}

/**
 * "Take notes from this page": the tab's article, captured now. Save adds a new bundle — or, for a page the library
 * already holds, updates that one unless the reader chooses to keep the two apart.
 */
export async function captureStart(tabId: number): Promise<StartResult> {
  const answer = await captureTab(tabId);
  if (isCaptureFailure(answer)) return { ok: false, message: answer.message };
  const { draft, text } = answer;
  const held = await heldBundleOf(draft.source.url);
  return {
    ok: true,
    start: {
      mode: 'capture',
      source: draft.source,
      entries: entriesOf(draft),
      text,
      ...(held ? { held: { id: held.id, title: held.source.title, date: held.source.date } } : {}),
      async save(source, entries, update = held !== undefined) {
        const takenIds = new Set((await getLibraryIndex()).entries.map((entry) => entry.id));
        const parsed = bundleFromDraft({ source, entities: entries }, text, { takenIds });
        if (!parsed.ok) return { ok: false, errors: parsed.errors };
        const updated = update && held ? await updateHeld(held.id, parsed.bundle) : null;
        if (updated) return updated;
        await addBundles([{ bundle: parsed.bundle }]);
        return { ok: true, title: parsed.bundle.source.title, count: parsed.bundle.entities.length };
      },
    },
  };
}

/**
 * "Edit" in the notes library: a bundle of the library (a capture or an import; never the built-in one), as it is
 * stored now. Save replaces it in place — same id, same entry, on or off and where it was — unless it changed or
 * went meanwhile.
 */
export async function editStart(bundleId: string): Promise<StartResult> {
  const entry = (await getLibraryIndex()).entries.find((candidate) => candidate.id === bundleId);
  if (!entry) return { ok: false, message: 'These notes are not in the library any more.' };
  if (entry.builtIn) return { ok: false, message: 'The notes Side Notes comes with cannot be edited: they are written again with every update.' };
  const parsed = parseBundle(await getBundle(bundleId).catch(() => null));
  if (!parsed.ok) return { ok: false, message: `These notes are damaged and cannot be edited (${parsed.errors[0]}).` };
  const opened: Bundle = parsed.bundle;
  const draft = draftOfBundle(opened);
  return {
    ok: true,
    start: {
      mode: 'edit',
      source: draft.source,
      entries: draft.entities.map((entity, key) => ({ ...entity, key })),
      text: '',
      async save(source, entries) {
        const edited = bundleFromEdit(opened, { source, entities: entries });
        if (!edited.ok) return { ok: false, errors: edited.errors };
        const replaced = await replaceBundle(opened, edited.bundle);
        if (!replaced.ok) return replaced;
        return { ok: true, title: edited.bundle.source.title, count: edited.bundle.entities.length };
      },
    },
  };
}
