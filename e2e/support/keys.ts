/**
 * Pressing keys the way a reader does, for the keyboard journeys. The extension's shortcuts are the browser's own
 * accelerators: Playwright's `keyboard.press` sends its keys to the page and never reaches them, but a raw key event
 * sent over the DevTools protocol goes through the browser's shortcut handling first, as a real key press does.
 */
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './browser';

/** Keys the shortcuts use: DOM `key`/`code` and the Windows virtual-key code Chromium matches accelerators by. */
const KEYS: Record<string, { key: string; code: string; keyCode: number }> = {
  Period: { key: '.', code: 'Period', keyCode: 190 },
  Comma: { key: ',', code: 'Comma', keyCode: 188 },
  Down: { key: 'ArrowDown', code: 'ArrowDown', keyCode: 40 },
  S: { key: 's', code: 'KeyS', keyCode: 83 },
  N: { key: 'n', code: 'KeyN', keyCode: 78 },
};

/** CDP modifier bits. */
const MODIFIERS: Record<string, number> = { Alt: 1, Ctrl: 2, Meta: 4, Shift: 8 };

/** Presses an extension shortcut as written in the manifest ("Alt+Shift+Period"). */
export async function pressShortcut(page: Page, shortcut: string): Promise<void> {
  const parts = shortcut.split('+');
  const key = KEYS[parts.pop()!];
  const modifiers = parts.reduce((bits, part) => bits | MODIFIERS[part], 0);
  const session = await page.context().newCDPSession(page);
  try {
    for (const type of ['rawKeyDown', 'keyUp'] as const) {
      await session.send('Input.dispatchKeyEvent', {
        type,
        modifiers,
        key: key.key,
        code: key.code,
        windowsVirtualKeyCode: key.keyCode,
        nativeVirtualKeyCode: key.keyCode,
      });
    }
  } finally {
    await session.detach().catch(() => {});
  }
}

/**
 * Gives a command of the extension a key, as a reader does at chrome://extensions/shortcuts (that page's own API,
 * called from the page): Chrome takes at most four suggested keys from a manifest, so "Add to Side Notes" ships
 * without one there (wxt.config.ts). Returns the shortcut as `commands.getAll()` then reports it.
 */
export async function bindShortcut(browser: ExtensionBrowser, command: string, shortcut: string): Promise<string> {
  const page = await browser.context.newPage();
  try {
    await page.goto('chrome://extensions/shortcuts');
    await page.evaluate(
      ({ extensionId, command, shortcut }) =>
        (globalThis as unknown as { chrome: { developerPrivate: { updateExtensionCommand(update: object): Promise<void> } } }).chrome.developerPrivate.updateExtensionCommand({
          extensionId,
          commandName: command,
          keybinding: shortcut,
        }),
      { extensionId: browser.extensionId, command, shortcut },
    );
  } finally {
    await page.close();
  }
  return browser.worker.evaluate(
    async (command) =>
      ((await (globalThis as unknown as { chrome: { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } } }).chrome.commands.getAll()).find(
        (candidate) => candidate.name === command,
      )?.shortcut ?? ''),
    command,
  );
}
