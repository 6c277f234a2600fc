/**
 * Pressing keys the way a reader does, for the keyboard journeys. The extension's shortcuts are the browser's own
 * accelerators: Playwright's `keyboard.press` sends its keys to the page and never reaches them, but a raw key event
 * sent over the DevTools protocol goes through the browser's shortcut handling first, as a real key press does.
 */
import type { Page } from 'playwright-core';

/** Keys the shortcuts use: DOM `key`/`code` and the Windows virtual-key code Chromium matches accelerators by. */
const KEYS: Record<string, { key: string; code: string; keyCode: number }> = {
  Period: { key: '.', code: 'Period', keyCode: 190 },
  Comma: { key: ',', code: 'Comma', keyCode: 188 },
  Down: { key: 'ArrowDown', code: 'ArrowDown', keyCode: 40 },
  S: { key: 's', code: 'KeyS', keyCode: 83 },
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
