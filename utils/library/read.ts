import { browser } from 'wxt/browser';
import type { Bundle } from '@/utils/bundle/schema';

/**
 * Reading the notes library, for every part of the extension and above all the content script, which reads it on
 * every page: straight from `storage.local`, with no storage library in between (the content script must stay
 * small). Writing it is `store.ts`'s job.
 */

export interface LibraryEntry {
  /** The bundle's id: its storage key is `bundle:<id>`. */
  id: string;
  enabled: boolean;
  /** Shipped with the extension: never removed from the index, only switched off and hidden, so always restorable. */
  builtIn: boolean;
  /** A built-in bundle the reader deleted: out of sight and off, until restored. */
  hidden: boolean;
  /** When it entered the library (ISO 8601). */
  addedAt: string;
}

export interface LibraryIndex {
  /** Newest first: where two bundles know the same entity, the newer one's description wins. */
  entries: LibraryEntry[];
}

export const LIBRARY_KEY = 'library';
export const BUNDLE_PREFIX = 'bundle:';
/**
 * A token written with every change of the library (`store.ts`): the compiled form records the one it was compiled
 * from, so the background can tell at start-up whether the library changed while it was stopped.
 */
export const LIBRARY_REVISION_KEY = 'libraryRevision';
/** Asks the background to make sure the compiled form is current (it wakes a stopped background). */
export const COMPILE_MESSAGE = 'side-notes:compile';

/** Bundles read in one go at most: a read of more than about 256 KB crosses from storage several times slower. */
const BUNDLES_PER_READ = 4;

/** The index as stored, keeping the entries it can read (storage can be edited by hand, or left by a newer version). */
export function readLibraryIndex(stored: unknown): LibraryIndex {
  const entries = (stored as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries)) return { entries: [] };
  const seen = new Set<string>();
  return {
    entries: entries.flatMap((entry): LibraryEntry[] => {
      const { id, enabled, builtIn, hidden, addedAt } = (entry ?? {}) as Partial<Record<keyof LibraryEntry, unknown>>;
      if (typeof id !== 'string' || id === '' || seen.has(id)) return [];
      seen.add(id);
      return [
        {
          id,
          enabled: enabled !== false && hidden !== true,
          builtIn: builtIn === true,
          hidden: hidden === true,
          addedAt: typeof addedAt === 'string' ? addedAt : '',
        },
      ];
    }),
  };
}

export async function getLibraryIndex(): Promise<LibraryIndex> {
  return readLibraryIndex((await browser.storage.local.get(LIBRARY_KEY))[LIBRARY_KEY]);
}

/** The bundles that are on, newest first, read in one go; a bundle the index names but storage lacks is left out. */
export async function getEnabledBundles(): Promise<Bundle[]> {
  const { entries } = await getLibraryIndex();
  const keys = entries.filter((entry) => entry.enabled).map((entry) => BUNDLE_PREFIX + entry.id);
  if (keys.length === 0) return [];
  const stored = await getBundleValues(keys);
  return keys.map((key) => stored[key]).filter((bundle): bundle is Bundle => bundle !== null && typeof bundle === 'object');
}

/** Values of many bundle keys, read a few at a time, all at once. */
export async function getBundleValues(keys: string[]): Promise<Record<string, unknown>> {
  if (keys.length <= BUNDLES_PER_READ) return browser.storage.local.get(keys);
  const reads: Promise<Record<string, unknown>>[] = [];
  for (let i = 0; i < keys.length; i += BUNDLES_PER_READ) reads.push(browser.storage.local.get(keys.slice(i, i + BUNDLES_PER_READ)));
  return Object.assign({}, ...(await Promise.all(reads)));
}

/** Calls `callback` whenever the index or any bundle changes (in any part of the extension). */
export function watchLibrary(callback: () => void): () => void {
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'local') return;
    if (Object.keys(changes).some((key) => key === LIBRARY_KEY || key.startsWith(BUNDLE_PREFIX))) callback();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
