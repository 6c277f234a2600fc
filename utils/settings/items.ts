import { storage } from 'wxt/utils/storage';
import { withLock } from '@/utils/locks';
import { APPEARANCE_KEY, SITE_SETTINGS_KEY } from './follow';
import {
  DEFAULT_APPEARANCE,
  DEFAULT_SITE_SETTINGS,
  readAppearance,
  readSiteSettings,
  type Appearance,
  type SiteSettings,
} from './schema';
import { normalizeHost } from './sites';

export { normalizeHost, siteLabel, siteOf } from './sites';
export {
  DEFAULT_APPEARANCE,
  DEFAULT_SITE_SETTINGS,
  isEnabledOn,
  readAppearance,
  readSiteSettings,
  type Appearance,
  type SiteSettings,
} from './schema';

/**
 * The settings as storage items, for the extension's pages and its background (the content script reads them
 * itself: `follow.ts`). Kept in `storage.local`: they survive restarts, are shared by every part of the extension,
 * and changes reach open tabs live. Two items: where Side Notes is on (`siteSettings`), and how it marks names and
 * opens cards (`appearance`); both written through one lock, one change at a time.
 */

const storedSiteSettings = storage.defineItem<unknown>(`local:${SITE_SETTINGS_KEY}`, {
  fallback: DEFAULT_SITE_SETTINGS,
  version: 1,
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

const SETTINGS_LOCK = 'side-notes:settings';

/** Changes the stored site settings with `change`, applied to the value as it is when this write's turn comes. */
export function updateSiteSettings(change: (settings: SiteSettings) => SiteSettings): Promise<SiteSettings> {
  return withLock(SETTINGS_LOCK, async () => {
    const next = readSiteSettings(change(await siteSettings.getValue()));
    await storedSiteSettings.setValue(next);
    return next;
  });
}

/** Changes the stored appearance the same way, under the same lock: one settings write at a time. */
export function updateAppearance(change: Partial<Appearance> | ((value: Appearance) => Appearance)): Promise<Appearance> {
  return withLock(SETTINGS_LOCK, async () => {
    const now = await appearanceSettings.getValue();
    const next = readAppearance(typeof change === 'function' ? change(now) : { ...now, ...change });
    await storedAppearance.setValue(next);
    return next;
  });
}

/** A copy of `settings` with `site` switched on or off. */
export function withSite(settings: SiteSettings, site: string, enabled: boolean): SiteSettings {
  const key = normalizeHost(site);
  const others = settings.disabledSites.filter((other) => other !== key);
  return { ...settings, disabledSites: enabled ? others : [...others, key].sort() };
}

export async function setSiteEnabled(site: string, enabled: boolean): Promise<void> {
  await updateSiteSettings((settings) => withSite(settings, site, enabled));
}

export async function setPaused(paused: boolean): Promise<void> {
  await updateSiteSettings((settings) => ({ ...settings, paused }));
}

/** Switches Side Notes for `site` (a `siteOf` value); returns whether it is now on, or null for no site. */
export async function toggleSite(site: string | null | undefined): Promise<boolean | null> {
  if (!site) return null;
  const next = await updateSiteSettings((settings) => withSite(settings, site, settings.disabledSites.includes(site)));
  return !next.disabledSites.includes(site);
}
