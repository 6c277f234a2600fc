import { storage } from 'wxt/utils/storage';

/**
 * What the user chose, kept in extension storage (local: it survives restarts, is shared by every part of the
 * extension, and `watch` delivers changes live to open tabs).
 */
export interface SiteSettings {
  /** Global pause: no underlines anywhere while true. */
  paused: boolean;
  /** Hosts (`location.host`, lower-case) where the user turned Side Notes off. */
  disabledSites: string[];
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = { paused: false, disabledSites: [] };

const storedSiteSettings = storage.defineItem<unknown>('local:siteSettings', {
  fallback: DEFAULT_SITE_SETTINGS,
  version: 1,
});

/**
 * Settings as stored, made safe to use: storage is shared with every past and future version of the extension (and
 * can be edited by hand), so whatever is there is read for what is usable in it rather than trusted.
 */
export function readSiteSettings(stored: unknown): SiteSettings {
  const value = typeof stored === 'object' && stored !== null ? (stored as Partial<Record<keyof SiteSettings, unknown>>) : {};
  const sites = Array.isArray(value.disabledSites) ? value.disabledSites : [];
  return {
    paused: value.paused === true,
    disabledSites: [...new Set(sites.filter((site): site is string => typeof site === 'string').map(normalizeHost))].sort(),
  };
}

/** The user's site settings; every read and every change delivered by `watch` goes through `readSiteSettings`. */
export const siteSettings = {
  getValue: async (): Promise<SiteSettings> => readSiteSettings(await storedSiteSettings.getValue()),
  setValue: (value: SiteSettings): Promise<void> => storedSiteSettings.setValue(value),
  watch: (callback: (value: SiteSettings) => void): (() => void) =>
    storedSiteSettings.watch((value) => callback(readSiteSettings(value))),
};

export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/** The host of a page Side Notes can work on (http or https), normalised; null for any other URL. */
export function webHost(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol, host } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? normalizeHost(host) : null;
  } catch {
    return null;
  }
}

/** True when Side Notes should underline on `host`. */
export function isEnabledOn(settings: SiteSettings, host: string): boolean {
  return !settings.paused && !settings.disabledSites.includes(normalizeHost(host));
}

/** A copy of `settings` with `host` switched on or off. */
export function withSite(settings: SiteSettings, host: string, enabled: boolean): SiteSettings {
  const key = normalizeHost(host);
  const others = settings.disabledSites.filter((site) => site !== key);
  return { ...settings, disabledSites: enabled ? others : [...others, key].sort() };
}

export async function setSiteEnabled(host: string, enabled: boolean): Promise<void> {
  await siteSettings.setValue(withSite(await siteSettings.getValue(), host, enabled));
}

export async function setPaused(paused: boolean): Promise<void> {
  await siteSettings.setValue({ ...(await siteSettings.getValue()), paused });
}

/** Switches Side Notes for the site of `url`; returns whether it is now on, or null for a page it cannot work on. */
export async function toggleSiteOf(url: string | undefined): Promise<boolean | null> {
  const host = webHost(url);
  if (!host) return null;
  const enabled = !isEnabledOn(await siteSettings.getValue(), host);
  await setSiteEnabled(host, enabled);
  return enabled;
}
