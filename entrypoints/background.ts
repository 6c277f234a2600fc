import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { defaultBundle } from '@/utils/bundle/load';
import { installBuiltIn } from '@/utils/library/store';
import { badgeText, isMentionCountMessage } from '@/utils/messages';
import { toggleActiveTabSite } from '@/utils/settings/shortcut';

export default defineBackground(() => {
  // The notes shipped with the extension go into the library (on install, on update, and on any start, in case
  // storage was cleared); the content script reads them from there.
  void installBuiltIn(defaultBundle);

  // Both builds are Manifest V3 (README, "Firefox"), where the toolbar button is `action`.
  const toolbarButton = browser.action;
  void toolbarButton.setBadgeBackgroundColor({ color: '#92400e' });

  // The badge counts the names underlined in each tab.
  browser.runtime.onMessage.addListener((message, sender) => {
    if (!isMentionCountMessage(message) || sender.tab?.id === undefined) return undefined;
    void toolbarButton.setBadgeText({ tabId: sender.tab.id, text: badgeText(message.count) });
    return undefined;
  });

  // The keyboard shortcut turns Side Notes on or off for the active tab's site.
  browser.commands.onCommand.addListener(async (command) => {
    if (command === 'toggle-site') await toggleActiveTabSite();
  });
});
