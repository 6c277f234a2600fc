import { useEffect, useState } from 'preact/hooks';
import { siteSettings, type SiteSettings } from '@/utils/settings/items';

/** The stored site settings, kept live through `watch`; `null` until the first read completes. */
export function useSiteSettings(): SiteSettings | null {
  const [settings, setSettings] = useState<SiteSettings | null>(null);
  useEffect(() => {
    let live = true;
    // A change delivered by `watch` is newer than whatever the first read returns, so that read must not overwrite it.
    let changed = false;
    const unwatch = siteSettings.watch((value) => {
      changed = true;
      setSettings(value);
    });
    void siteSettings.getValue().then((value) => {
      if (live && !changed) setSettings(value);
    });
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return settings;
}
