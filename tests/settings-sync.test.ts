import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { followSettings, type Settings } from '@/utils/settings/follow';
import { setSiteEnabled, siteSettings, updateAppearance } from '@/utils/settings/items';
import { changeSettings, reconcile, REPLICA_KEY, type Area } from '@/utils/settings/sync';
import { decodeReplica, encodeReplica, itemBytes, QUOTA_BYTES, QUOTA_BYTES_PER_ITEM, SYNC_SITES_PREFIX } from '@/utils/settings/sync-items';
import { readReplica, TOMBSTONE_DAYS } from '@/utils/settings/sync-state';

/** A storage area in memory, with `onChanged` like the browser's: each simulated device has its own two. */
class MemoryArea implements Area {
  items: Record<string, unknown> = {};
  listeners: ((changes: Record<string, { newValue?: unknown }>) => void)[] = [];
  failWith: string | null = null;

  async get(keys?: string | string[] | null) {
    const copy = structuredClone(this.items);
    if (keys === null || keys === undefined) return copy;
    return Object.fromEntries((Array.isArray(keys) ? keys : [keys]).filter((key) => key in copy).map((key) => [key, copy[key]]));
  }
  async set(items: Record<string, unknown>) {
    if (this.failWith) throw new Error(this.failWith);
    Object.assign(this.items, structuredClone(items));
    this.emit(Object.fromEntries(Object.entries(items).map(([key, value]) => [key, { newValue: structuredClone(value) }])));
  }
  async remove(keys: string | string[]) {
    const list = Array.isArray(keys) ? keys : [keys];
    for (const key of list) delete this.items[key];
    this.emit(Object.fromEntries(list.map((key) => [key, {}])));
  }
  private emit(changes: Record<string, { newValue?: unknown }>) {
    for (const listener of this.listeners) listener(changes);
  }
}

interface Device {
  local: MemoryArea;
  sync: MemoryArea;
}

const device = (): Device => ({ local: new MemoryArea(), sync: new MemoryArea() });

/**
 * The browser's sync between two devices: what one device's `storage.sync` changes reaches the other's, as its
 * `onChanged` reports it; `online` false holds the changes back (a device offline) until `deliver`.
 */
function syncBetween(a: Device, b: Device) {
  const held: [MemoryArea, Record<string, { newValue?: unknown }>][] = [];
  const link = { online: true, deliver };
  const apply = (to: MemoryArea, changes: Record<string, { newValue?: unknown }>) => {
    for (const [key, { newValue }] of Object.entries(changes)) {
      if (newValue === undefined) delete to.items[key];
      else to.items[key] = structuredClone(newValue);
    }
  };
  function deliver() {
    for (const [to, changes] of held.splice(0)) apply(to, changes);
  }
  a.sync.listeners.push((changes) => (link.online ? apply(b.sync, changes) : held.push([b.sync, changes])));
  b.sync.listeners.push((changes) => (link.online ? apply(a.sync, changes) : held.push([a.sync, changes])));
  return link;
}

/**
 * Back online: each device, told of the other's changes (its onChanged), merges and writes back what the other lacks;
 * the first, told of that, merges once more.
 */
async function reconnect(link: ReturnType<typeof syncBetween>, a: Device, b: Device, at: number) {
  link.online = true;
  link.deliver();
  await reconcile(a.local, a.sync, at);
  await reconcile(b.local, b.sync, at);
  await reconcile(a.local, a.sync, at);
}

const settingsOf = async ({ local }: Device) => (await local.get()) as { siteSettings?: Settings['sites']; appearance?: Settings['appearance'] };

const turnOff = (d: Device, site: string, at: number) =>
  changeSettings(d.local, (now) => ({ ...now, sites: { ...now.sites, disabledSites: [...now.sites.disabledSites, site] } }), at);
const turnOn = (d: Device, site: string, at: number) =>
  changeSettings(d.local, (now) => ({ ...now, sites: { ...now.sites, disabledSites: now.sites.disabledSites.filter((s) => s !== site) } }), at);

describe('settings across two devices', () => {
  it('brings a site turned off on one device to the other', async () => {
    const [a, b] = [device(), device()];
    syncBetween(a, b);
    await turnOff(a, 'example.com', 1000);
    expect(await reconcile(a.local, a.sync, 1000)).toEqual({ state: 'synced' });
    expect(await reconcile(b.local, b.sync, 2000)).toEqual({ state: 'synced' });
    expect((await settingsOf(b)).siteSettings?.disabledSites).toEqual(['example.com']);
  });

  it('keeps both devices’ changes made offline, and the newest write of each setting', async () => {
    const [a, b] = [device(), device()];
    const link = syncBetween(a, b);
    link.online = false;
    await turnOff(a, 'a.example', 1000);
    await changeSettings(a.local, (now) => ({ ...now, appearance: { ...now.appearance, underline: 'solid' } }), 1000);
    await turnOff(b, 'b.example', 2000);
    await changeSettings(b.local, (now) => ({ ...now, appearance: { ...now.appearance, underline: 'background', quiet: true } }), 2000);
    await changeSettings(a.local, (now) => ({ ...now, sites: { ...now.sites, paused: true } }), 3000);
    await reconcile(a.local, a.sync, 3000);
    await reconcile(b.local, b.sync, 3000);
    await reconnect(link, a, b, 4000);
    for (const d of [a, b]) {
      const { siteSettings: sites, appearance } = await settingsOf(d);
      expect(sites).toEqual({ paused: true, disabledSites: ['a.example', 'b.example'] });
      expect(appearance).toMatchObject({ underline: 'background', quiet: true });
    }
    expect(a.sync.items).toEqual(b.sync.items);
  });

  it('keeps a site turned back on as a tombstone, so an older "off" elsewhere does not bring it back', async () => {
    const [a, b] = [device(), device()];
    const link = syncBetween(a, b);
    await turnOff(a, 'example.com', 1000);
    await reconcile(a.local, a.sync, 1000);
    await reconcile(b.local, b.sync, 1500);
    link.online = false;
    await turnOn(b, 'example.com', 3000);
    await reconcile(b.local, b.sync, 3000);
    // Meanwhile A, not yet told, writes its (older) state again.
    await turnOff(a, 'other.example', 2000);
    await reconcile(a.local, a.sync, 2000);
    await reconnect(link, a, b, 4000);
    for (const d of [a, b]) expect((await settingsOf(d)).siteSettings?.disabledSites).toEqual(['other.example']);
    expect(readReplica((await a.local.get(REPLICA_KEY))[REPLICA_KEY]).sites['example.com']).toEqual({ off: false, at: 3000 });
  });

  it('forgets tombstones older than the limit, and keeps sites that are off however old', async () => {
    const d = device();
    await turnOff(d, 'old-off.example', 1000);
    await turnOff(d, 'old-on.example', 1000);
    await turnOn(d, 'old-on.example', 2000);
    const later = 2000 + (TOMBSTONE_DAYS + 1) * 24 * 60 * 60 * 1000;
    await reconcile(d.local, d.sync, later);
    const sites = readReplica((await d.local.get(REPLICA_KEY))[REPLICA_KEY]).sites;
    expect(Object.keys(sites)).toEqual(['old-off.example']);
    expect(decodeReplica(d.sync.items).sites).toEqual({ 'old-off.example': { off: true, at: 1000 } });
  });

  it('migrates settings from before sync without loss: both devices’ sites, older than any new write', async () => {
    const [a, b] = [device(), device()];
    syncBetween(a, b);
    a.local.items = { siteSettings: { paused: false, disabledSites: ['a.example'] }, appearance: { underline: 'solid' } };
    b.local.items = { siteSettings: { paused: false, disabledSites: ['b.example'] } };
    await reconcile(a.local, a.sync, 5000);
    await reconcile(b.local, b.sync, 6000);
    await reconcile(a.local, a.sync, 7000);
    for (const d of [a, b]) {
      expect((await settingsOf(d)).siteSettings?.disabledSites).toEqual(['a.example', 'b.example']);
      // B never chose an underline: A's choice, made before sync, is kept.
      expect((await settingsOf(d)).appearance?.underline).toBe('solid');
    }
    await changeSettings(b.local, (now) => ({ ...now, appearance: { ...now.appearance, underline: 'dotted' } }), 8000);
    await reconcile(b.local, b.sync, 8000);
    await reconcile(a.local, a.sync, 9000);
    expect((await settingsOf(a)).appearance?.underline).toBe('dotted');
  });

  it('takes a setting written by hand (or by an older version) as a change made here', async () => {
    const d = device();
    await turnOff(d, 'example.com', 1000);
    await reconcile(d.local, d.sync, 1000);
    await d.local.set({ siteSettings: { paused: false, disabledSites: [] } });
    await reconcile(d.local, d.sync, 2000);
    expect((await settingsOf(d)).siteSettings?.disabledSites).toEqual([]);
    expect(decodeReplica(d.sync.items).sites['example.com']).toEqual({ off: false, at: 2000 });
  });
});

describe('storage.sync quotas and failures', () => {
  const manySites = (count: number) => Array.from({ length: count }, (_, i) => `site-${String(i).padStart(5, '0')}.example`);

  it('shards a long list of sites into items under 8 KB each, read back whole', async () => {
    const d = device();
    await changeSettings(d.local, (now) => ({ ...now, sites: { ...now.sites, disabledSites: manySites(1500) } }), 1000);
    expect(await reconcile(d.local, d.sync, 1000)).toEqual({ state: 'synced' });
    const shards = Object.keys(d.sync.items).filter((key) => key.startsWith(SYNC_SITES_PREFIX));
    expect(shards.length).toBeGreaterThan(1);
    for (const [key, value] of Object.entries(d.sync.items)) expect(itemBytes(key, value)).toBeLessThanOrEqual(QUOTA_BYTES_PER_ITEM);
    const total = Object.entries(d.sync.items).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0);
    expect(total).toBeLessThanOrEqual(QUOTA_BYTES);
    expect(Object.keys(decodeReplica(d.sync.items).sites)).toHaveLength(1500);
    // Fewer sites later: the items no longer needed are removed.
    await changeSettings(d.local, (now) => ({ ...now, sites: { ...now.sites, disabledSites: ['one.example'] } }), 2000);
    await reconcile(d.local, d.sync, 2000);
    expect(Object.keys(decodeReplica(d.sync.items).sites)).toHaveLength(1501);
    expect(decodeReplica(d.sync.items).sites['one.example']).toEqual({ off: true, at: 2000 });
  });

  it('keeps sites that do not fit the sync quota on this device, and says so', async () => {
    const d = device();
    await changeSettings(d.local, (now) => ({ ...now, sites: { ...now.sites, disabledSites: manySites(5000) } }), 1000);
    const status = await reconcile(d.local, d.sync, 1000);
    expect(status.state).toBe('too-large');
    expect(status).toMatchObject({ detail: expect.stringMatching(/^5000 sites take \d+ KB/) });
    expect((await settingsOf(d)).siteSettings?.disabledSites).toHaveLength(5000);
    // The pause and the appearance still sync.
    expect(Object.keys(d.sync.items)).toEqual(['settings']);
    expect(encodeReplica(decodeReplica(d.sync.items)).ok).toBe(true);
  });

  it('reports a write storage.sync refuses, and keeps the settings here', async () => {
    const d = device();
    d.sync.failWith = 'This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.';
    await turnOff(d, 'example.com', 1000);
    expect(await reconcile(d.local, d.sync, 1000)).toEqual({ state: 'failed', detail: d.sync.failWith });
    expect((await settingsOf(d)).siteSettings?.disabledSites).toEqual(['example.com']);
    d.sync.failWith = null;
    expect(await reconcile(d.local, d.sync, 70_000)).toEqual({ state: 'synced' });
    expect(decodeReplica(d.sync.items).sites['example.com']?.off).toBe(true);
  });

  it('falls back to this device when there is no storage.sync', async () => {
    const d = device();
    await turnOff(d, 'example.com', 1000);
    expect(await reconcile(d.local, undefined, 1000)).toEqual({ state: 'unavailable', detail: 'this browser has no storage.sync' });
    expect((await settingsOf(d)).siteSettings?.disabledSites).toEqual(['example.com']);
  });

  it('reads what another device or version wrote leniently: what cannot be read is left out', () => {
    const replica = decodeReplica({
      settings: { v: 1, paused: { value: 'yes', at: 5 }, appearance: { underline: { value: 'wavy', at: 9 }, quiet: { value: true, at: 7 } } },
      'sites.0': { off: { 'Example.COM': 4, 'bad.example': 'x' }, on: 'nonsense' },
      unrelated: 1,
    });
    expect(replica.paused).toEqual({ value: false, at: 0 });
    expect(replica.appearance.underline).toEqual({ value: 'dotted', at: 0 });
    expect(replica.appearance.quiet).toEqual({ value: true, at: 7 });
    expect(replica.sites).toEqual({ 'example.com': { off: true, at: 4 } });
  });
});

describe('settings sync through the extension’s storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('stamps the popup’s and options page’s writes, and applies another device’s change where the content script reads', async () => {
    const local = fakeBrowser.storage.local as unknown as Area;
    const sync = fakeBrowser.storage.sync as unknown as Area;
    await setSiteEnabled('news.example.com', false);
    await updateAppearance({ quiet: true });
    await reconcile(local, sync);
    expect(decodeReplica(await sync.get(null)).sites['example.com']?.off).toBe(true);
    expect(decodeReplica(await sync.get(null)).appearance.quiet.value).toBe(true);

    const seen: Settings[] = [];
    const stop = followSettings((settings) => seen.push(settings));
    // Another device turns example.org off, later: its items arrive in this browser's storage.sync.
    const other = decodeReplica(await sync.get(null));
    other.sites['example.org'] = { off: true, at: Date.now() + 1000 };
    await sync.set(encodeReplica(other).items);
    await reconcile(local, sync);
    expect((await siteSettings.getValue()).disabledSites).toEqual(['example.com', 'example.org']);
    await expect.poll(() => seen.at(-1)?.sites.disabledSites).toEqual(['example.com', 'example.org']);
    stop();
  });
});
