/**
 * Debian's Firefox ESR with the built Firefox extension installed as a temporary add-on, driven over WebDriver BiDi
 * by puppeteer-core (Playwright cannot drive a stock Firefox). Nothing is downloaded: the browser is the system's.
 *
 * The extension's APIs are reached from one of its own pages, the options page, kept open in a tab: that is where
 * the tests ask a tab's content script for its page state, as the popup does. Firefox sends no load event for
 * extension pages over BiDi, so they are opened without waiting for one and waited on by their content.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { browser as extensionApi } from 'wxt/browser';
import type { PageState } from '../../utils/page/page-state';
import {
  registeredRangesInPage,
  textBoxInPage,
  type RegisteredRanges,
  type TextBox,
} from '../../e2e/support/in-page';
import { ROOT } from '../../e2e/support/pages';
import { PATIENCE_MS } from '../../e2e/support/patience';

export const FIREFOX_EXTENSION_DIR = join(ROOT, '.output', 'firefox-mv3');
export const FIREFOX_SCREENSHOT_DIR = join(ROOT, 'e2e', 'screenshots', 'firefox');
/** The same viewport as the Chromium journeys. */
export const VIEWPORT = { width: 1200, height: 800 };

/**
 * The extension's internal UUID, fixed so its pages have a known address (`moz-extension://<uuid>/popup.html`);
 * Firefox otherwise draws one at random for each profile.
 */
const EXTENSION_UUID = '5ee0a7e5-0000-4000-8000-51de0a7e5000';

/** Debian's Firefox ESR unless FIREFOX_PATH names another Firefox. */
export function firefoxPath(): string {
  const path = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(path)) {
    throw new Error(`No Firefox at ${path}. Install it (apt-get install -y firefox-esr) or set FIREFOX_PATH.`);
  }
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${FIREFOX_EXTENSION_DIR}. Run npm run build:firefox first.`);
  }
  return path;
}

/** The add-on id the build declares (`browser_specific_settings.gecko.id`, wxt.config.ts). */
function geckoId(): string {
  const manifest = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  return manifest.browser_specific_settings.gecko.id;
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** `moz-extension://<uuid>`: the extension's pages are under it. */
  origin: string;
  /** An extension page (the options page) to call the extension's APIs from. */
  extensionPage: Page;
  close(): Promise<void>;
}

/**
 * Firefox, headless, with the built extension installed and the shipped notes in its library. `colorScheme: 'dark'`
 * makes web pages and the extension's pages see `prefers-color-scheme: dark`.
 */
export async function launchFirefox({
  colorScheme = 'light',
}: { colorScheme?: 'light' | 'dark' } = {}): Promise<FirefoxWithExtension> {
  const id = geckoId();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    // Lets BiDi open and script the extension's own moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [id]: EXTENSION_UUID }),
      // 0: dark, 1: light, whatever the (absent) desktop theme says.
      'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1,
    },
  });
  // Every page the journeys open waits with the common patience (Puppeteer's default is 30 s).
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args: Parameters<Browser['newPage']>) => {
    const page = await newPage(...args);
    page.setDefaultTimeout(PATIENCE_MS);
    page.setDefaultNavigationTimeout(PATIENCE_MS);
    return page;
  };
  try {
    await browser.installExtension(FIREFOX_EXTENSION_DIR);
    const origin = `moz-extension://${EXTENSION_UUID}`;
    // Opening an extension page while the add-on is still being installed may be dropped by Firefox:
    // openExtensionPage navigates again until the page is there.
    const extensionPage = await openExtensionPage(browser, `${origin}/options.html`, 'main');
    // The background puts the shipped notes in the library when it starts; pages read them from there.
    await extensionPage.waitForFunction(
      async () => {
        const api = (globalThis as unknown as { browser: typeof extensionApi }).browser;
        const { library } = await api.storage.local.get('library');
        return Boolean((library as { entries?: unknown[] } | undefined)?.entries?.length);
      },
      { timeout: PATIENCE_MS, polling: 50 },
    );
    // Installing opens the first-run page once (runtime.onInstalled, "install"); the journeys start without it. Its
    // tab's address reads about:blank over BiDi (Firefox reports no navigation of extension pages), so it is found
    // from the extension's side, as one of its views, and closes its own tab.
    await extensionPage.waitForFunction(
      async () => {
        const api = (globalThis as unknown as { browser: typeof extensionApi }).browser;
        type View = { location: Location; document: Document; browser: typeof extensionApi };
        const welcome = (api.extension.getViews({ type: 'tab' }) as unknown as View[]).find(
          (view) => view.location.pathname === '/welcome.html' && view.document.readyState === 'complete',
        );
        if (!welcome) return false;
        const tab = await welcome.browser.tabs.getCurrent();
        if (tab?.id === undefined) return false;
        await api.tabs.remove(tab.id);
        return true;
      },
      { timeout: PATIENCE_MS, polling: 50 },
    );
    return { browser, origin, extensionPage, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** How long one attempt to open an extension page waits for its content before it navigates there again. */
const EXTENSION_PAGE_ATTEMPT_MS = 15_000;
/** How often a failed attempt is tried again: the cadence of a condition's polling, not a wait for time to pass. */
const RETRY_EVERY_MS = 250;

/**
 * Opens one of the extension's pages in a new tab and waits until `ready` (a selector) is in it. The navigation is
 * not awaited: Firefox reports no load event for extension pages, so the wait is on the page's content. A navigation
 * that Firefox dropped (it can, while the machine is busy or the add-on still starting) is tried again, and a tab
 * that went away under the attempt (its browsing context closed or detached) or never left about:blank is replaced by
 * a new one, until the page is there or the patience runs out.
 */
export async function openExtensionPage(
  browser: Browser,
  url: string,
  ready: string,
  viewport: { width: number; height: number } = VIEWPORT,
): Promise<Page> {
  const deadline = Date.now() + PATIENCE_MS;
  let page: Page | null = null;
  let lastError: unknown = null;
  for (let attempt = 1; ; attempt++) {
    try {
      if (!page || page.isClosed() || page.mainFrame().detached) {
        if (page && !page.isClosed()) await page.close().catch(() => {});
        page = await browser.newPage();
        await page.setViewport(viewport);
      }
      void page.goto(url, { timeout: 0 }).catch(() => {});
      await page.waitForSelector(ready, { timeout: Math.min(EXTENSION_PAGE_ATTEMPT_MS, Math.max(1, deadline - Date.now())) });
      return page;
    } catch (error) {
      lastError = error;
      const at = page?.url();
      if (Date.now() >= deadline) {
        const cause = (error as Error).cause;
        throw new Error(
          `${url} never showed ${ready} in ${PATIENCE_MS} ms (${attempt} attempts; at ${at}): ${String(lastError)}` +
            (cause ? ` (cause: ${String(cause)})` : ''),
        );
      }
      // A tab whose navigation never even started (still blank) is not asked again: a CI run saw one ignore four
      // navigations in a row. The next attempt opens a new tab.
      if (page && at === 'about:blank') {
        await page.close().catch(() => {});
        page = null;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_EVERY_MS));
    }
  }
}

/**
 * The id of the tab that shows `page`. The extension holds no `tabs` permission and so cannot read tabs' addresses:
 * the page is brought to the front and the active tab is the one, as in the Chromium journeys.
 */
export async function tabIdOf(firefox: FirefoxWithExtension, page: Page): Promise<number> {
  const known = tabIds.get(page);
  if (known !== undefined) return known;
  await page.bringToFront();
  const id = await firefox.extensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser: typeof extensionApi }).browser;
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return tab.id;
  });
  tabIds.set(page, id);
  return id;
}
const tabIds = new WeakMap<Page, number>();

/** Asks the page's content script for its page state, as the popup does (README, "Page state"). */
export async function pageStateOf(firefox: FirefoxWithExtension, page: Page): Promise<PageState> {
  const tabId = await tabIdOf(firefox, page);
  return firefox.extensionPage.evaluate(async (tabId) => {
    const api = (globalThis as unknown as { browser: typeof extensionApi }).browser;
    return (await api.tabs.sendMessage(tabId, { type: 'side-notes:page-state' })) as PageState;
  }, tabId);
}

/** Polls the page-state contract until `check` holds; returns that state or throws with the last one seen. */
export async function waitForPageState(
  firefox: FirefoxWithExtension,
  page: Page,
  check: (state: PageState) => boolean,
  { timeoutMs = PATIENCE_MS, what = 'the expected page state' }: { timeoutMs?: number; what?: string } = {},
): Promise<PageState> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  do {
    try {
      const state = await pageStateOf(firefox, page);
      if (check(state)) return state;
      last = JSON.stringify({ ...state, mentions: state.mentions.map((mention) => mention.text) });
    } catch (error) {
      last = String(error);
    }
    await sleep(50);
  } while (Date.now() < deadline);
  throw new Error(`waited ${timeoutMs} ms for ${what}; last page state: ${last}`);
}

/** The page state once the first full scan has run (or Side Notes is off for the page). */
export function settledPageState(firefox: FirefoxWithExtension, page: Page): Promise<PageState> {
  return waitForPageState(firefox, page, (state) => state.stats.textNodes > 0 || !state.enabled, {
    what: 'a finished scan',
  });
}

/** The settings as stored (`storage.local`, key `siteSettings`). */
export function storedSiteSettings(firefox: FirefoxWithExtension): Promise<unknown> {
  return firefox.extensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser: typeof extensionApi }).browser;
    return (await api.storage.local.get('siteSettings')).siteSettings ?? null;
  });
}

/** Opens the popup in a tab of its own, describing `page`'s tab (`popup.html?tab=<id>`), at the popup's size. */
export async function openPopupFor(firefox: FirefoxWithExtension, page: Page): Promise<Page> {
  const tabId = await tabIdOf(firefox, page);
  return openExtensionPage(firefox.browser, `${firefox.origin}/popup.html?tab=${tabId}`, '[data-testid="search"]', {
    width: 380,
    height: 600,
  });
}

/** Collects the page's uncaught errors and console errors. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${String(error)}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  return errors;
}

/**
 * The box of the `occurrence`-th (0-based) occurrence of `text` in the page's body, scrolled into view only if it is
 * not (so boxes taken one after the other stay where they were).
 */
export async function textBox(page: Page, text: string, occurrence = 0): Promise<TextBox> {
  const box = await page.evaluate(textBoxInPage, { text, occurrence, block: 'nearest' as const });
  if (!box) throw new Error(`"${text}" (occurrence ${occurrence}) is not on ${page.url()}`);
  return box;
}

/** Moves the real pointer onto the middle of a word on the page. */
export async function hoverText(page: Page, text: string, occurrence = 0): Promise<TextBox> {
  const box = await textBox(page, text, occurrence);
  await page.mouse.move(box.x, box.y);
  return box;
}

/** Waits two animation frames, so what was just drawn is on screen, then saves a screenshot; returns its path. */
export async function screenshotTo(page: Page, path: string): Promise<string> {
  mkdirSync(join(path, '..'), { recursive: true });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path: path as `${string}.png` });
  return path;
}

/** What the page's highlight registry holds, seen from the page's own world (e2e/support/in-page.ts). */
export function registeredRanges(page: Page): Promise<RegisteredRanges> {
  return page.evaluate(registeredRangesInPage);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
