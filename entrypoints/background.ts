import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { defaultBundle } from '@/utils/bundle/load';
import { isCapturePageMessage } from '@/utils/capture-host/messages';
import { captureHtml } from '@/utils/capture-host/open';
import { COMPILE_MESSAGE } from '@/utils/library/read';
import { installBuiltIn } from '@/utils/library/store';
import { CompiledKeeper } from '@/utils/match/store-compiled';
import { badgeText, badgeTitle, isMentionCountMessage } from '@/utils/messages';
import { REVIEW_MENU_ID, reviewPageUrl } from '@/utils/capture-host/review-url';
import { CONTENT_MATCHES } from '@/utils/content-matches';
import { toggleActiveTabSite } from '@/utils/settings/shortcut';
import { startSettingsSync } from '@/utils/settings/items';
import { isCardCommand, sendCardCommand } from '@/utils/keyboard/card-commands';
import { ADD_NOTE_COMMAND, ADD_NOTE_MENU_ID, addSelectionFrom } from '@/utils/add-note/open';

/** Set once the first-run page has been opened: it opens on install only, once. */
const FIRST_RUN_KEY = 'firstRunShown';

export default defineBackground(() => {
  // The notes shipped with the extension go into the library (on install, on update, and on any start, in case
  // storage was cleared); the content script reads them from there.
  void installBuiltIn(defaultBundle);

  // Settings follow the reader through the browser's sync; notes stay on this device (README, "Settings across devices").
  startSettingsSync();

  // The matcher is compiled here, once per change of the library, and stored for every page to load as it is
  // (README, "Compiled once"); at start-up, again if the library changed while the background was stopped. A page
  // that finds none stored yet, and every writer of the library, asks with `COMPILE_MESSAGE`; the answer comes
  // once the stored form is current.
  const compiled = new CompiledKeeper();
  compiled.watch();
  browser.runtime.onMessage.addListener((message) => {
    if ((message as { type?: unknown } | null)?.type !== COMPILE_MESSAGE) return undefined;
    return compiled.ensure().then(() => true);
  });

  // The first-run page, on install only (not on updates or browser restarts): what Side Notes does, a live example,
  // the keys, where notes come from, privacy.
  // Chromium reports an unpacked extension loaded from its command line as installed at every start, so the page
  // also remembers that it was shown (storage key `firstRunShown`).
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void browser.storage.local.get(FIRST_RUN_KEY).then(async (stored) => {
      if (stored[FIRST_RUN_KEY]) return;
      await browser.storage.local.set({ [FIRST_RUN_KEY]: true });
      await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
    });
  });

  // Both builds are Manifest V3 (README, "Firefox"), where the toolbar button is `action`.
  const toolbarButton = browser.action;
  void toolbarButton.setBadgeBackgroundColor({ color: '#92400e' });

  // The badge counts the names underlined in each tab (nothing while paused or off), and its tooltip says so.
  browser.runtime.onMessage.addListener((message, sender) => {
    if (!isMentionCountMessage(message) || sender.tab?.id === undefined) return undefined;
    const tabId = sender.tab.id;
    void toolbarButton.setBadgeText({ tabId, text: message.state === 'on' || !message.state ? badgeText(message.count) : '' });
    void toolbarButton.setTitle({ tabId, title: badgeTitle(message) });
    return undefined;
  });

  // "Take notes from this page": a content script sends its page, the capture host reads it (utils/capture-host).
  browser.runtime.onMessage.addListener((message, sender) => {
    if (!isCapturePageMessage(message) || sender.tab?.id === undefined) return undefined;
    return captureHtml(message.html, message.url);
  });

  // The same from the page's context menu: the review page of that tab opens beside it. And "Add to Side Notes" on a
  // selection: the add-note page opens with the passage (utils/add-note).
  void browser.contextMenus.removeAll().then(() => {
    browser.contextMenus.create({
      id: REVIEW_MENU_ID,
      title: 'Take notes from this page',
      contexts: ['page'],
      documentUrlPatterns: CONTENT_MATCHES,
    });
    browser.contextMenus.create({
      id: ADD_NOTE_MENU_ID,
      title: 'Add to Side Notes',
      contexts: ['selection'],
      documentUrlPatterns: CONTENT_MATCHES,
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (tab?.id === undefined) return;
    if (info.menuItemId === REVIEW_MENU_ID) {
      void browser.tabs.create({ url: reviewPageUrl(tab.id), index: tab.index + 1, openerTabId: tab.id });
    } else if (info.menuItemId === ADD_NOTE_MENU_ID) {
      void addSelectionFrom(tab.id);
    }
  });

  // The keyboard shortcuts: one turns Side Notes on or off for the active tab's site, others walk its names and move
  // into the card, one adds the selected passage to the notes.
  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command === 'toggle-site') await toggleActiveTabSite();
    else if (isCardCommand(command)) await sendCardCommand(command);
    else if (command === ADD_NOTE_COMMAND) {
      const active = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      if (active?.id !== undefined) await addSelectionFrom(active.id);
    }
  });
});
