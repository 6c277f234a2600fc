import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import { withLock } from '@/utils/locks';
import { normalizeHost } from './sites';

export { normalizeHost, siteLabel, siteOf } from './sites';

/**
 * What the user chose, kept in extension storage (local: it survives restarts, is shared by every part of the
 * extension, and `watch` delivers changes live to open tabs).
 */
export interface SiteSettings {
  /** Global pause: no underlines anywhere while true. */
  paused: boolean;
  /** Sites (`siteOf`: a host, lower-case, or `file://`) where the user turned Side Notes off; sorted, no repeats. */
  disabledSites: string[];
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = { paused: false, disabledSites: [] };

/**
 * Storage is shared with every past and future version of the extension (and can be edited by hand), so what is
 * there is read for what is usable in it: each field falls back on its own, and a list keeps the entries it can read.
 */
const StoredSiteSettings = v.object({
  paused: v.fallback(v.boolean(), false),
  disabledSites: v.fallback(
    v.pipe(
      v.array(v.unknown()),
      v.transform((sites) => [
        ...new Set(sites.filter((site): site is string => typeof site === 'string' && site.trim() !== '').map(normalizeHost)),
      ].sort()),
    ),
    [],
  ),
});

export function readSiteSettings(stored: unknown): SiteSettings {
  const result = v.safeParse(StoredSiteSettings, stored);
  return result.success ? result.output : { ...DEFAULT_SITE_SETTINGS };
}

const storedSiteSettings = storage.defineItem<unknown>('local:siteSettings', {
  fallback: DEFAULT_SITE_SETTINGS,
  version: 1,
});

/** The user's site settings; every read and every change delivered by `watch` goes through `readSiteSettings`. */
export const siteSettings = {
  getValue: async (): Promise<SiteSettings> => readSiteSettings(await storedSiteSettings.getValue()),
  watch: (callback: (value: SiteSettings) => void): (() => void) =>
    storedSiteSettings.watch((value) => callback(readSiteSettings(value))),
};

/**
 * Delivers the settings now and on every change, starting to watch before the first read so that a change made
 * while that read is under way is never missed (nor overwritten by the older value the read returns).
 */
export function followSiteSettings(callback: (value: SiteSettings) => void): () => void {
  let live = true;
  let changed = false;
  const unwatch = siteSettings.watch((value) => {
    changed = true;
    if (live) callback(value);
  });
  void siteSettings.getValue().then((value) => {
    if (live && !changed) callback(value);
  });
  return () => {
    live = false;
    unwatch();
  };
}

const SETTINGS_LOCK = 'side-notes:settings';

/** Changes the stored settings with `change`, applied to the value as it is when this write's turn comes. */
export function updateSiteSettings(change: (settings: SiteSettings) => SiteSettings): Promise<SiteSettings> {
  return withLock(SETTINGS_LOCK, async () => {
    const next = readSiteSettings(change(await siteSettings.getValue()));
    await storedSiteSettings.setValue(next);
    return next;
  });
}

/** True when Side Notes should underline on `site` (a `siteOf` value). */
export function isEnabledOn(settings: SiteSettings, site: string): boolean {
  return !settings.paused && !settings.disabledSites.includes(normalizeHost(site));
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
