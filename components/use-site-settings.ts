import { useEffect, useState } from 'preact/hooks';
import { followSiteSettings, type SiteSettings } from '@/utils/settings/items';

/** The stored site settings, kept live; `null` until the first read completes. */
export function useSiteSettings(): SiteSettings | null {
  const [settings, setSettings] = useState<SiteSettings | null>(null);
  useEffect(() => followSiteSettings(setSettings), []);
  return settings;
}
