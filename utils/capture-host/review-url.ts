import { browser } from 'wxt/browser';

/** The context menu item "Take notes from this page". */
export const REVIEW_MENU_ID = 'side-notes:take-notes';

/** The review page for the page in tab `tabId` (entrypoints/review). */
export function reviewPageUrl(tabId: number): string {
  return browser.runtime.getURL(`/review.html?tab=${tabId}`);
}

/** The review page opened on a bundle of the library, to edit it ("Edit" in the notes library). */
export function editPageUrl(bundleId: string): string {
  return browser.runtime.getURL(`/review.html?bundle=${encodeURIComponent(bundleId)}`);
}
