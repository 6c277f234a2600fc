import { APPEARANCE_KEY, SITE_SETTINGS_KEY, type Settings } from './follow';
import { readAppearance, readSiteSettings } from './schema';
import { SYNC_SITES_PREFIX, decodeReplica, encodeReplica } from './sync-items';
import {
  MIGRATED_AT,
  defaultReplica,
  effectiveSettings,
  latest,
  merge,
  pruneTombstones,
  readReplica,
  sameReplica,
  stamp,
  type SettingsReplica,
} from './sync-state';

/**
 * Settings that follow the reader (README, "Settings across devices"). `storage.local` keeps what every part of the
 * extension reads (`siteSettings`, `appearance`: the content script reads nothing else) and the replica they come
 * from (`settingsReplica`, with the time of every write). `storage.sync` holds the replica's encoding
 * (`sync-items.ts`), which the browser carries to the reader's other devices. `reconcile` merges the two ways, under
 * the settings lock: the one writer of settings stays the one writer.
 */

export const REPLICA_KEY = 'settingsReplica';
/** How the last reconcile went (`SyncStatus`), for the options page. */
export const SYNC_STATUS_KEY = 'settingsSync';
/** The lock every settings write takes (utils/locks.ts): popup, options page and background, one at a time. */
export const SETTINGS_LOCK = 'side-notes:settings';

/** The part of a `storage.StorageArea` used here (tests give each simulated device its own). */
export interface Area {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export type SyncStatus =
  | { state: 'synced' }
  | { state: 'unavailable'; detail: string }
  | { state: 'too-large'; detail: string }
  | { state: 'failed'; detail: string };

const LOCAL_KEYS = [SITE_SETTINGS_KEY, APPEARANCE_KEY, REPLICA_KEY];

/**
 * The replica as stored here, with what the stored settings say folded in: settings written without it (by a version
 * from before sync, which is the migration, or by hand) count as written here, now; from before sync, as old.
 */
function localReplica(stored: Record<string, unknown>, now: number): SettingsReplica {
  const known = stored[REPLICA_KEY] !== undefined;
  const replica = known ? readReplica(stored[REPLICA_KEY]) : defaultReplica();
  const at = known ? Math.max(now, latest(replica) + 1) : MIGRATED_AT;
  return stamp(replica, readSiteSettings(stored[SITE_SETTINGS_KEY]), readAppearance(stored[APPEARANCE_KEY]), at);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Writes the replica and the settings it stands for, in one `set`, only the keys that change. */
async function writeLocal(local: Area, stored: Record<string, unknown>, replica: SettingsReplica): Promise<Settings> {
  const settings = effectiveSettings(replica);
  const changes: Record<string, unknown> = {};
  if (stored[REPLICA_KEY] === undefined || !sameReplica(readReplica(stored[REPLICA_KEY]), replica)) changes[REPLICA_KEY] = replica;
  if (!same(readSiteSettings(stored[SITE_SETTINGS_KEY]), settings.sites)) changes[SITE_SETTINGS_KEY] = settings.sites;
  if (!same(readAppearance(stored[APPEARANCE_KEY]), settings.appearance)) changes[APPEARANCE_KEY] = settings.appearance;
  if (Object.keys(changes).length > 0) await local.set(changes);
  return settings;
}

/**
 * Changes the settings here: `change` gets them as they are, and every setting it changes is stamped with the time
 * (after any write this device knows, so it wins here even if the clock went back). Call under `SETTINGS_LOCK`.
 */
export async function changeSettings(local: Area, change: (settings: Settings) => Settings, now = Date.now()): Promise<Settings> {
  const stored = await local.get(LOCAL_KEYS);
  const replica = localReplica(stored, now);
  const wanted = change(effectiveSettings(replica));
  const next = stamp(replica, readSiteSettings(wanted.sites), readAppearance(wanted.appearance), Math.max(now, latest(replica) + 1));
  return writeLocal(local, stored, next);
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Merges this device's settings with what `storage.sync` holds, writes the result here (what changed) and there
 * (the items that differ, in one `set`; items no longer needed removed), and says how it went. With no
 * `storage.sync`, or when it refuses a write, the settings stay here, as they are, and the status says why. Call
 * under `SETTINGS_LOCK`.
 */
export async function reconcile(local: Area, sync: Area | undefined, now = Date.now()): Promise<SyncStatus> {
  const stored = await local.get(LOCAL_KEYS);
  let replica = localReplica(stored, now);
  let remote: Record<string, unknown>;
  try {
    if (!sync) throw new Error('this browser has no storage.sync');
    remote = await sync.get(null);
  } catch (error) {
    await writeLocal(local, stored, replica);
    return { state: 'unavailable', detail: message(error) };
  }
  replica = pruneTombstones(merge(replica, decodeReplica(remote)), now);
  await writeLocal(local, stored, replica);
  const encoded = encodeReplica(replica);
  const changed = Object.fromEntries(Object.entries(encoded.items).filter(([key, value]) => !same(remote[key], value)));
  const stale = encoded.ok ? Object.keys(remote).filter((key) => key.startsWith(SYNC_SITES_PREFIX) && !(key in encoded.items)) : [];
  try {
    if (Object.keys(changed).length > 0) await sync.set(changed);
    if (stale.length > 0) await sync.remove(stale);
  } catch (error) {
    return { state: 'failed', detail: message(error) };
  }
  if (!encoded.ok) {
    return {
      state: 'too-large',
      detail: `${encoded.sites} sites take ${Math.ceil(encoded.bytes / 1024)} KB, more than the browser syncs for an extension (100 KB)`,
    };
  }
  return { state: 'synced' };
}

/** Records `status` for the options page, when it changed. */
export async function saveSyncStatus(local: Area, status: SyncStatus): Promise<void> {
  const stored = (await local.get(SYNC_STATUS_KEY))[SYNC_STATUS_KEY];
  if (!same(stored, status)) await local.set({ [SYNC_STATUS_KEY]: status });
}

export function readSyncStatus(stored: unknown): SyncStatus | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const { state, detail } = stored as { state?: unknown; detail?: unknown };
  if (state === 'synced') return { state };
  if ((state === 'unavailable' || state === 'too-large' || state === 'failed') && typeof detail === 'string') return { state, detail };
  return null;
}
