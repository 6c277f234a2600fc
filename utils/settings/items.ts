import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { withLock } from '@/utils/locks';
import { APPEARANCE_KEY, SITE_SETTINGS_KEY, type Settings } from './follow';
import {
  DEFAULT_APPEARANCE,
  DEFAULT_SITE_SETTINGS,
  readAppearance,
  readSiteSettings,
  isSiteOn,
  type Appearance,
  type SiteSettings,
} from './schema';
import { siteForHost, tidySites } from './site-names';
import { covers, normalizeHost } from './sites';
import { changeSettings, reconcile, REPLICA_KEY, saveSyncStatus, SETTINGS_LOCK, type Area } from './sync';

export { covers, normalizeHost, siteOf } from './sites';
export { parseSiteInput, siteForHost, siteLabel } from './site-names';
export {
  DEFAULT_APPEARANCE,
  DEFAULT_SITE_SETTINGS,
  isEnabledOn,
  isSiteOn,
  readAppearance,
  readSiteSettings,
  type Appearance,
  type SiteSettings,
} from './schema';

/**
 * The settings as storage items, for the extension's pages and its background (the content script reads them
 * itself: `follow.ts`). Kept in `storage.local`: they survive restarts, are shared by every part of the extension,
 * and changes reach open tabs live. Two items: where Side Notes is on (`siteSettings`), and how it marks names and
 * opens cards (`appearance`); both written through one lock, one change at a time, and merged with the reader's
 * other devices through `storage.sync` by the background (`sync.ts`).
 */

/**
 * Version 2 of the site list (README, "Sites"): version 1 kept hosts with their ports (`news.example.com:8080`); from
 * version 2 every entry is a site (`example.com`), in ASCII, once. Nothing is lost: each old entry becomes the site
 * that covers it, so every page that was off stays off. Run by WXT's storage when an extension page or the background
 * first defines the item; until then the content script reads an old list leniently (ports dropped, and it compares
 * by suffix), so an old entry keeps covering its own host.
 */
export function migrateSiteSettingsV2(stored: unknown): unknown {
  if (typeof stored !== 'object' || stored === null) return stored;
  const old = stored as { disabledSites?: unknown };
  return { ...old, disabledSites: Array.isArray(old.disabledSites) ? tidySites(old.disabledSites) : [] };
}

export const storedSiteSettings = storage.defineItem<unknown>(`local:${SITE_SETTINGS_KEY}`, {
  fallback: DEFAULT_SITE_SETTINGS,
  version: 2,
  migrations: { 2: migrateSiteSettingsV2 },
});

const storedAppearance = storage.defineItem<unknown>(`local:${APPEARANCE_KEY}`, {
  fallback: DEFAULT_APPEARANCE,
  version: 1,
});

interface Setting<T> {
  getValue(): Promise<T>;
  watch(callback: (value: T) => void): () => void;
}

function setting<T>(item: typeof storedSiteSettings, read: (stored: unknown) => T): Setting<T> {
  return {
    getValue: async () => read(await item.getValue()),
    watch: (callback) => item.watch((value) => callback(read(value))),
  };
}

/** The user's site settings; every read and every change delivered by `watch` goes through `readSiteSettings`. */
export const siteSettings = setting(storedSiteSettings, readSiteSettings);

/** How names are marked and cards open; read through `readAppearance`. */
export const appearanceSettings = setting(storedAppearance, readAppearance);

/**
 * Delivers the value now and on every change, starting to watch before the first read so that a change made while
 * that read is under way is never missed (nor overwritten by the older value the read returns).
 */
function follow<T>(item: Setting<T>, callback: (value: T) => void): () => void {
  let live = true;
  let changed = false;
  const unwatch = item.watch((value) => {
    changed = true;
    if (live) callback(value);
  });
  void item.getValue().then((value) => {
    if (live && !changed) callback(value);
  });
  return () => {
    live = false;
    unwatch();
  };
}

export function followSiteSettings(callback: (value: SiteSettings) => void): () => void {
  return follow(siteSettings, callback);
}

export function followAppearance(callback: (value: Appearance) => void): () => void {
  return follow(appearanceSettings, callback);
}

/** Waits for WXT's migrations of the stored settings (version 2 of the site list) before a write reads them. */
const migrated = () => Promise.all([storedSiteSettings.getValue(), storedAppearance.getValue()]);

/**
 * Changes the stored settings with `change`, applied to them as they are when this write's turn comes: one settings
 * write at a time (`SETTINGS_LOCK`), each stamped for sync (`sync.ts`).
 */
function updateSettings(change: (settings: Settings) => Settings): Promise<Settings> {
  return withLock(SETTINGS_LOCK, async () => {
    await migrated();
    return changeSettings(browser.storage.local, change);
  });
}

/** Changes the stored site settings with `change`, applied to the value as it is when this write's turn comes. */
export async function updateSiteSettings(change: (settings: SiteSettings) => SiteSettings): Promise<SiteSettings> {
  return (await updateSettings((now) => ({ ...now, sites: change(now.sites) }))).sites;
}

/** Changes the stored appearance the same way, under the same lock. */
export async function updateAppearance(change: Partial<Appearance> | ((value: Appearance) => Appearance)): Promise<Appearance> {
  const next = await updateSettings((now) => ({
    ...now,
    appearance: typeof change === 'function' ? change(now.appearance) : { ...now.appearance, ...change },
  }));
  return next.appearance;
}

/** How long local changes wait to be synced, so that a burst becomes one write (`storage.sync` limits writes a minute). */
const SYNC_DELAY_MS = 2000;
/** After a refused write (too many a minute, a quota), the next try. */
const SYNC_RETRY_MS = 60_000;

/**
 * The background's part (README, "Settings across devices"): merges the settings with `storage.sync` at start, after
 * changes here (a burst at a time) and after changes another device made, and records how it went.
 */
export function startSettingsSync(sync: Area | undefined = browser.storage.sync as Area | undefined): void {
  const local = browser.storage.local as Area;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    return withLock(SETTINGS_LOCK, async () => {
      await migrated();
      const status = await reconcile(local, sync);
      await saveSyncStatus(local, status);
      if (status.state === 'failed') schedule(SYNC_RETRY_MS);
    }).catch(() => schedule(SYNC_RETRY_MS));
  };
  const schedule = (delay: number) => {
    timer ??= setTimeout(() => void run(), delay);
  };
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' || (area === 'local' && [SITE_SETTINGS_KEY, APPEARANCE_KEY, REPLICA_KEY].some((key) => key in changes))) {
      schedule(SYNC_DELAY_MS);
    }
  });
  schedule(0);
}

/**
 * A copy of `settings` with Side Notes on or off for the page host (or site) `host`. Off adds its site
 * (`news.example.com` → `example.com`); on removes every entry that covers it, so the page is really on again.
 */
export function withSite(settings: SiteSettings, host: string, enabled: boolean): SiteSettings {
  const key = normalizeHost(host);
  const others = settings.disabledSites.filter((site) => !covers(site, key));
  return { ...settings, disabledSites: enabled ? others : tidySites([...others, siteForHost(key)]) };
}

export async function setSiteEnabled(host: string, enabled: boolean): Promise<void> {
  await updateSiteSettings((settings) => withSite(settings, host, enabled));
}

export async function setPaused(paused: boolean): Promise<void> {
  await updateSiteSettings((settings) => ({ ...settings, paused }));
}

/** Switches Side Notes for the site of `host` (a `siteOf` value); returns whether it is now on, or null for none. */
export async function toggleSite(host: string | null | undefined): Promise<boolean | null> {
  if (!host) return null;
  const next = await updateSiteSettings((settings) => withSite(settings, host, !isSiteOn(settings, host)));
  return isSiteOn(next, host);
}
