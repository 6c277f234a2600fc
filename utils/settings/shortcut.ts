import { browser } from 'wxt/browser';
import { PAGE_STATE_MESSAGE, type PageState } from '@/utils/page/page-state';
import { toggleSite } from './items';

/**
 * The keyboard shortcut: turns Side Notes on or off for the active tab's site. The tab's own content script says
 * which site that is, so the extension needs no permission to read the addresses of the reader's tabs. Returns
 * whether the site is now on, or null where no content script answers (a browser page, one open since before
 * Side Notes was installed).
 */
export async function toggleActiveTabSite(): Promise<boolean | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return null;
  const state = (await browser.tabs.sendMessage(tab.id, { type: PAGE_STATE_MESSAGE }, { frameId: 0 }).catch(() => null)) as
    | PageState
    | null;
  return toggleSite(typeof state?.site === 'string' ? state.site : null);
}
