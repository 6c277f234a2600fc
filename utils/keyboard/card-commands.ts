import { browser } from 'wxt/browser';
import { CARD_MESSAGE, type CardRequest } from '@/utils/messages';

/** The keyboard commands that reach the card (wxt.config.ts declares them), and what each asks the page for. */
export const CARD_COMMANDS = {
  'next-name': 'next',
  'previous-name': 'previous',
  'focus-card': 'focus',
} as const;

export type CardCommand = keyof typeof CARD_COMMANDS;

export function isCardCommand(command: string): command is CardCommand {
  return command in CARD_COMMANDS;
}

/** The reader's shortcut for a command as the browser shows it ('' when it has none). */
export async function shortcutOf(command: string): Promise<string> {
  const commands = await Promise.resolve()
    .then(() => browser.commands.getAll())
    .catch(() => []);
  return commands.find((candidate) => candidate.name === command)?.shortcut ?? '';
}

/**
 * Carries a card command to the active tab's top frame, whose content script walks its names or moves focus into
 * its card. Like the site shortcut, it needs no permission to read tabs: the tab's own content script acts.
 */
export async function sendCardCommand(command: CardCommand): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return;
  const focusKey = await shortcutOf('focus-card');
  const request: CardRequest = {
    type: CARD_MESSAGE,
    action: CARD_COMMANDS[command],
    hint: focusKey ? `${focusKey} moves into it.` : '',
  };
  await browser.tabs.sendMessage(tab.id, request, { frameId: 0 }).catch(() => null);
}
