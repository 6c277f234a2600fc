import { storage } from 'wxt/utils/storage';
import type { Bundle } from '@/utils/bundle/schema';
import { withLock } from '@/utils/locks';
import { browser } from 'wxt/browser';
import { BUNDLE_PREFIX, COMPILE_MESSAGE, getBundleValues, getLibraryIndex, LIBRARY_KEY, LIBRARY_REVISION_KEY, type LibraryEntry, type LibraryIndex } from './read';

export { getEnabledBundles, getLibraryIndex, readLibraryIndex, watchLibrary } from './read';
export type { LibraryEntry, LibraryIndex } from './read';

/**
 * The reader's notes library in extension storage (`storage.local`, with `unlimitedStorage`): an index of the
 * bundles it holds, newest first, each on or off, and every bundle under a key of its own. The content script reads
 * it directly (no round trip to the service worker, which may be asleep) and follows its changes, so open tabs
 * update when a bundle is added, switched or removed. Settings stay in their own item (utils/settings).
 *
 * The bundle shipped with the extension is written here by the service worker when the extension is installed or
 * updated (`installBuiltIn`), so no part of the extension embeds it but the service worker.
 */

const libraryItem = storage.defineItem<unknown>(`local:${LIBRARY_KEY}`, { fallback: { entries: [] }, version: 1 });

const bundleItem = (id: string) => storage.defineItem<Bundle | null>(`local:${BUNDLE_PREFIX}${id}`);

/** A new library revision (`LIBRARY_REVISION_KEY`): written with each change, so the compiled form can be checked. */
function newRevision(): Record<string, string> {
  return { [LIBRARY_REVISION_KEY]: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}` };
}

/**
 * Tells the background the library changed, waking it if it was stopped (a Firefox event page is not woken by
 * storage changes); it compiles the library again (utils/match/store-compiled.ts). Nothing answers from the page
 * that sends it.
 */
function libraryChanged(): void {
  try {
    browser.runtime.sendMessage({ type: COMPILE_MESSAGE }).catch(() => {});
  } catch {
    // No background to tell (a test's fake browser): storage changes reach it anyway.
  }
}

export async function setLibraryIndex(index: LibraryIndex): Promise<void> {
  await libraryItem.setValue(index);
  await browser.storage.local.set(newRevision());
  libraryChanged();
}

export async function getBundle(id: string): Promise<Bundle | null> {
  return bundleItem(id).getValue();
}

/** The bundles the library write under way (`updateLibrary`) has written, and those it takes away once it is stored. */
let turn: { written: Set<string>; removals: Set<string> } | null = null;

export async function setBundle(bundle: Bundle): Promise<void> {
  await browser.storage.local.set({ [`${BUNDLE_PREFIX}${bundle.id}`]: bundle, ...newRevision() });
  turn?.written.add(bundle.id);
  libraryChanged();
}

/** Takes a bundle's text away; within `updateLibrary`, only once the index without it is stored. */
export async function removeBundle(id: string): Promise<void> {
  if (turn) {
    turn.removals.add(id);
    return;
  }
  await bundleItem(id).removeValue();
  await browser.storage.local.set(newRevision());
  libraryChanged();
}

/**
 * Puts the bundle shipped with the extension in the library: its text is replaced by this version's (a newer
 * extension may ship corrected notes), and its entry is added, on, when it is missing — an entry the reader switched
 * off or hid stays as the reader left it.
 */
export async function installBuiltIn(bundle: Bundle, now = new Date()): Promise<void> {
  await updateLibrary(async (index) => {
    // Written only when it differs: every write makes open tabs read the library again.
    const stored = await getBundle(bundle.id);
    if (JSON.stringify(stored) !== JSON.stringify(bundle)) await setBundle(bundle);
    if (index.entries.some((entry) => entry.id === bundle.id)) return index;
    return {
      entries: [...index.entries, { id: bundle.id, enabled: true, builtIn: true, hidden: false, addedAt: now.toISOString() }],
    };
  });
}

const LIBRARY_LOCK = 'side-notes:library';

/**
 * Changes the library one writer at a time (utils/locks.ts): `change` gets the index as it is when its turn
 * comes, may write bundles, and returns the index to store (the same object: nothing to store).
 *
 * The index is what commits a change (README, "Import limits"): new bundles are written before it, and bundles are
 * taken away only after it is stored. When a write fails (storage full, a disk error), the index stays as it was,
 * every bundle it names stays as it was, and the new bundles written for it are taken away again.
 */
export function updateLibrary(change: (index: LibraryIndex) => Promise<LibraryIndex>): Promise<LibraryIndex> {
  return withLock(LIBRARY_LOCK, async () => {
    const index = await getLibraryIndex();
    const mine = { written: new Set<string>(), removals: new Set<string>() };
    turn = mine;
    try {
      const next = await change(index);
      if (next !== index) await setLibraryIndex(next);
      turn = null;
      const named = new Set(next.entries.map((entry) => entry.id));
      for (const id of mine.removals) if (!named.has(id)) await bundleItem(id).removeValue();
      return next;
    } catch (error) {
      turn = null;
      const stored = new Set(index.entries.map((entry) => entry.id));
      for (const id of mine.written) if (!stored.has(id)) await bundleItem(id).removeValue().catch(() => {});
      throw error;
    } finally {
      turn = null;
    }
  });
}

/** One bundle of the library as the notes library page lists it: its entry, and its text (null when storage lacks it). */
export interface LibraryItem {
  entry: LibraryEntry;
  bundle: Bundle | null;
}

/** Every bundle the index names, in its order (newest entry first), hidden ones included. */
export async function getLibrary(): Promise<LibraryItem[]> {
  const { entries } = await getLibraryIndex();
  const stored = await getBundleValues(entries.map((entry) => BUNDLE_PREFIX + entry.id)).catch(() => ({}) as Record<string, unknown>);
  return entries.map((entry) => {
    const bundle = stored[BUNDLE_PREFIX + entry.id];
    return { entry, bundle: bundle !== null && typeof bundle === 'object' ? (bundle as Bundle) : null };
  });
}

/** Switches a bundle on or off. A hidden (deleted) built-in bundle stays off until restored. */
export async function setBundleEnabled(id: string, enabled: boolean): Promise<void> {
  await updateLibrary(async (index) => {
    const at = index.entries.findIndex((entry) => entry.id === id);
    if (at < 0 || index.entries[at].hidden || index.entries[at].enabled === enabled) return index;
    return { entries: index.entries.map((entry, i) => (i === at ? { ...entry, enabled } : entry)) };
  });
}

/** What a deletion took away, so that it can be undone: the entry, where it stood, and the bundle's text. */
export interface DeletedBundle {
  entry: LibraryEntry;
  position: number;
  bundle: Bundle | null;
}

/**
 * Deletes a bundle: a capture or import leaves the library (its text too); a built-in bundle is only hidden and
 * switched off, so it can always be restored (`restoreBuiltIn`). Returns what `undoDelete` needs, or null when the
 * library does not hold it.
 */
export async function deleteBundle(id: string): Promise<DeletedBundle | null> {
  let deleted: DeletedBundle | null = null;
  await updateLibrary(async (index) => {
    const position = index.entries.findIndex((entry) => entry.id === id);
    if (position < 0) return index;
    const entry = index.entries[position];
    const bundle = await getBundle(id).catch(() => null);
    deleted = { entry, position, bundle };
    if (entry.builtIn) {
      if (entry.hidden) return index;
      return { entries: index.entries.map((other, i) => (i === position ? { ...other, hidden: true, enabled: false } : other)) };
    }
    await removeBundle(id);
    return { entries: index.entries.filter((_, i) => i !== position) };
  });
  return deleted;
}

/** Puts a deleted bundle back as it was, where it was (or as near as the library now allows). */
export async function undoDelete({ entry, position, bundle }: DeletedBundle): Promise<void> {
  await updateLibrary(async (index) => {
    const others = index.entries.filter((other) => other.id !== entry.id);
    if (bundle && !entry.builtIn) await setBundle(bundle);
    const entries = [...others];
    entries.splice(Math.min(position, entries.length), 0, entry);
    return { entries };
  });
}

/**
 * Brings the built-in bundle back, on: its text is written again (in case storage lost it) and its entry shown, or
 * added when the index lost it too.
 */
export async function restoreBuiltIn(bundle: Bundle, now = new Date()): Promise<void> {
  await installBuiltIn(bundle, now);
  await updateLibrary(async (index) => ({
    entries: index.entries.map((entry) => (entry.id === bundle.id ? { ...entry, hidden: false, enabled: true } : entry)),
  }));
}

/** A bundle to add, and how its entry starts. */
export interface NewBundle {
  bundle: Bundle;
  enabled?: boolean;
  /** When it entered the library; now when left out. */
  addedAt?: string;
}

/**
 * Adds bundles in one write, before every other entry, in the order given. Each must be valid (`parseBundle`) and
 * have an id the library does not hold: choose one with `freeBundleId`.
 */
export async function addBundles(bundles: NewBundle[], now = new Date()): Promise<void> {
  await updateLibrary(async (index) => {
    const taken = new Set(index.entries.map((entry) => entry.id));
    const clash = bundles.find(({ bundle }) => taken.has(bundle.id));
    if (clash) throw new Error(`The library already holds a bundle with the id "${clash.bundle.id}".`);
    for (const { bundle } of bundles) await setBundle(bundle);
    const added = bundles.map(
      ({ bundle, enabled = true, addedAt }): LibraryEntry => ({
        id: bundle.id,
        enabled,
        builtIn: false,
        hidden: false,
        addedAt: addedAt ?? now.toISOString(),
      }),
    );
    return { entries: [...added, ...index.entries] };
  });
}

/** `base`, or `base-2`, `base-3`… : the first id that `taken` does not hold. */
export function freeBundleId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
