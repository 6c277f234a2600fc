import { readReplica, type SettingsReplica, type SiteEntry } from './sync-state';

/**
 * The replica as `storage.sync` items, within its quotas (Chrome's, which Firefox's are not above): 8,192 bytes per
 * item (its key and its value as JSON), 102,400 in all, 512 items. One item holds the pause and the appearance; the
 * sites go into as many items as they need (`sites.0`, `sites.1`, …), sorted and packed in order, so that two
 * devices with the same sites write the same items (and nothing when nothing changed).
 */

export const SYNC_SETTINGS_KEY = 'settings';
export const SYNC_SITES_PREFIX = 'sites.';

export const QUOTA_BYTES = 102_400;
export const QUOTA_BYTES_PER_ITEM = 8_192;
export const MAX_ITEMS = 512;
/** Room left in each item and in all, in case a browser counts a few bytes more than `itemBytes`. */
const MARGIN = 192;

type SitesShard = { off: Record<string, number>; on: Record<string, number> };

/** What an item costs against the quotas: its key and its value as JSON, in UTF-8 bytes. */
export function itemBytes(key: string, value: unknown): number {
  return new TextEncoder().encode(key + JSON.stringify(value)).length;
}

export type SyncItems = Record<string, unknown>;

export type Encoded = { ok: true; items: SyncItems } | { ok: false; items: SyncItems; sites: number; bytes: number };

/**
 * The items for `replica`. When its sites do not fit, `ok` is false and `items` holds the rest only (the sites stay
 * on this device).
 */
export function encodeReplica(replica: SettingsReplica): Encoded {
  const items: SyncItems = { [SYNC_SETTINGS_KEY]: { v: 1, paused: replica.paused, appearance: replica.appearance } };
  const shards: SitesShard[] = [];
  let shard: SitesShard = { off: {}, on: {} };
  let size = itemBytes(`${SYNC_SITES_PREFIX}0`, shard);
  for (const site of Object.keys(replica.sites).sort()) {
    const { off, at } = replica.sites[site];
    const cost = itemBytes(site, at) + 4;
    if (size + cost > QUOTA_BYTES_PER_ITEM - MARGIN && Object.keys(shard.off).length + Object.keys(shard.on).length > 0) {
      shards.push(shard);
      shard = { off: {}, on: {} };
      size = itemBytes(`${SYNC_SITES_PREFIX}${shards.length}`, shard);
    }
    (off ? shard.off : shard.on)[site] = at;
    size += cost;
  }
  if (Object.keys(shard.off).length + Object.keys(shard.on).length > 0) shards.push(shard);
  const sites: SyncItems = Object.fromEntries(shards.map((value, index) => [`${SYNC_SITES_PREFIX}${index}`, value]));
  const bytes = Object.entries({ ...items, ...sites }).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0);
  if (bytes > QUOTA_BYTES - MARGIN || shards.length + 1 > MAX_ITEMS) {
    return { ok: false, items, sites: Object.keys(replica.sites).length, bytes };
  }
  return { ok: true, items: { ...items, ...sites } };
}

/** The replica that `storage.sync` items hold (every `sites.N` item read, whatever their number). */
export function decodeReplica(items: SyncItems): SettingsReplica {
  const sites: Record<string, SiteEntry> = {};
  for (const [key, value] of Object.entries(items)) {
    if (!key.startsWith(SYNC_SITES_PREFIX) || typeof value !== 'object' || value === null) continue;
    const { off, on } = value as Partial<SitesShard>;
    for (const [group, isOff] of [[on, false], [off, true]] as const) {
      if (typeof group !== 'object' || group === null) continue;
      for (const [site, at] of Object.entries(group)) {
        const known = sites[site];
        if (!known || (typeof at === 'number' && at >= known.at)) sites[site] = { off: isOff, at: at as number };
      }
    }
  }
  const meta = (items[SYNC_SETTINGS_KEY] ?? {}) as Record<string, unknown>;
  return readReplica({ paused: meta.paused, appearance: meta.appearance, sites });
}
