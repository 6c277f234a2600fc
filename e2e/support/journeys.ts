/**
 * Small steps the e2e journeys share: pointing at words on a page, reading the card's shadow root, waiting on the
 * page-state contract, opening the popup for a tab, and a second Chromium without the extension to compare with.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import type { browser as extensionApi } from 'wxt/browser';
import type { PageState } from '../../utils/page/page-state';
import { chromePath, CHROMIUM_FLAGS, pageStateOf, SCREENSHOT_DIR, tabIdOf, type ExtensionBrowser } from './browser';
import { cardView } from './card';
import { PATIENCE_MS } from './patience';
import { registeredRangesInPage, textBoxInPage, type RegisteredRanges, type TextBox } from './in-page';

export { CARD_HOST, cardView, clickInCard, type CardView } from './card';
export type { RegisteredRanges, TextBox } from './in-page';

/**
 * The box of the `occurrence`-th (0-based) occurrence of `text` inside one text node of the page's body, found with
 * a Range in the page: the first line box when it wraps. Scrolls it into view first. Throws when it is not there.
 */
export async function textBox(page: Page, text: string, occurrence = 0): Promise<TextBox> {
  const box = await page.evaluate(textBoxInPage, { text, occurrence, block: 'center' as const });
  if (!box) throw new Error(`"${text}" (occurrence ${occurrence}) is not on ${page.url()}`);
  return box;
}

/** Whether that occurrence of `text` is within the viewport now (its first line box), without scrolling. */
export async function textOnScreen(page: Page, text: string, occurrence = 0): Promise<boolean> {
  const box = await page.evaluate(textBoxInPage, { text, occurrence, block: null });
  return box !== null && box.top >= 0 && box.bottom <= (await page.evaluate(() => innerHeight));
}

/** Moves the mouse onto the middle of a word on the page and returns where it went. */
export async function hoverText(page: Page, text: string, occurrence = 0): Promise<TextBox> {
  const box = await textBox(page, text, occurrence);
  await page.mouse.move(box.x, box.y);
  return box;
}

/** The text of the card ('' when there is no card host). */
export async function cardShadowText(page: Page): Promise<string> {
  return (await cardView(page)).text;
}

/** Polls the page-state contract until `check` holds; returns that state or throws with the last one seen. */
export async function waitForPageState(
  browser: ExtensionBrowser,
  page: Page,
  check: (state: PageState) => boolean,
  { timeoutMs = PATIENCE_MS, what = 'the expected page state' }: { timeoutMs?: number; what?: string } = {},
): Promise<PageState> {
  const deadline = Date.now() + timeoutMs;
  let last: PageState | string = 'no answer';
  for (;;) {
    try {
      const state = await pageStateOf(browser, page);
      if (check(state)) return state;
      last = state;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() > deadline) break;
    await page.waitForTimeout(50);
  }
  const shown = typeof last === 'string' ? last : JSON.stringify({ ...last, mentions: last.mentions.map((m) => m.text) });
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last page state: ${shown}`);
}


/** What the extension keeps under `local:siteSettings` (chrome.storage.local key `siteSettings`). */
export async function storedSiteSettings(browser: ExtensionBrowser): Promise<unknown> {
  return browser.worker.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: typeof extensionApi }).chrome;
    return (await chrome.storage.local.get('siteSettings')).siteSettings ?? null;
  });
}

/**
 * Opens the popup in a tab of its own, describing `page`'s tab (`popup.html?tab=<id>`), at the popup's own size,
 * and waits until it is ready for typing.
 */
export async function openPopupFor(browser: ExtensionBrowser, page: Page): Promise<{ popup: Page; tabId: number }> {
  const tabId = await tabIdOf(browser, page);
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.getByTestId('search').waitFor({ state: 'visible' });
  return { popup, tabId };
}

/**
 * Whether the page's highlight registry, seen from the page's own world, holds anything. The test pages register no
 * highlights of their own, so anything there is Side Notes' (its names are random for each page load).
 */
export async function pageHasHighlights(page: Page): Promise<boolean> {
  return page.evaluate(() => CSS.highlights.size > 0);
}

/** What the page's highlight registry holds, seen from the page's own world: how much of it a page could read. */
export function registeredRanges(page: Page): Promise<RegisteredRanges> {
  return page.evaluate(registeredRangesInPage);
}

/** Collects uncaught page errors and console errors, except the browser's own favicon 404s. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    if (/\/favicon\.ico$/.test(message.location().url)) return;
    errors.push(`console.error: ${message.text()} (${message.location().url})`);
  });
  return errors;
}

/** Saves a screenshot (the viewport, or a clip of it) to e2e/screenshots/<name>.png and returns its path. */
export async function screenshotTo(
  page: Page,
  name: string,
  clip?: { x: number; y: number; width: number; height: number },
): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, clip });
  return path;
}

/** Chromium as the extension tests launch it (same flags, same viewport), but without any extension. */
export async function launchPlain(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profileDir = mkdtempSync(join(tmpdir(), 'side-notes-plain-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromePath(),
    headless: false,
    viewport: { width: 1200, height: 800 },
    args: ['--headless=new', ...CHROMIUM_FLAGS],
  });
  context.setDefaultTimeout(PATIENCE_MS);
  context.setDefaultNavigationTimeout(PATIENCE_MS);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
