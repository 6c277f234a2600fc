import { browser } from 'wxt/browser';
import { readAppearance, readSiteSettings, type Appearance, type SiteSettings } from './schema';

/** Storage keys of the settings (`storage.local`); the extension's pages define them as items in `items.ts`. */
export const SITE_SETTINGS_KEY = 'siteSettings';
export const APPEARANCE_KEY = 'appearance';

export interface Settings {
  sites: SiteSettings;
  appearance: Appearance;
}

/**
 * Delivers the settings now and after every change, read straight from `storage.local` (the content script's way:
 * no storage library in it). Every change is answered by a fresh read, and only the newest read started is
 * delivered, so a change made while an earlier read is under way is never lost to that read's older value.
 */
export function followSettings(callback: (settings: Settings) => void): () => void {
  let live = true;
  let turn = 0;
  const read = () => {
    const mine = ++turn;
    browser.storage.local.get([SITE_SETTINGS_KEY, APPEARANCE_KEY]).then(
      (stored) => {
        if (live && mine === turn) {
          callback({ sites: readSiteSettings(stored[SITE_SETTINGS_KEY]), appearance: readAppearance(stored[APPEARANCE_KEY]) });
        }
      },
      () => {},
    );
  };
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && (SITE_SETTINGS_KEY in changes || APPEARANCE_KEY in changes)) read();
  };
  browser.storage.onChanged.addListener(onChanged);
  read();
  return () => {
    live = false;
    browser.storage.onChanged.removeListener(onChanged);
  };
}
