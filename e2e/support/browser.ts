import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { browser as extensionApi } from 'wxt/browser';
import type { PageState } from '../../utils/page/page-state';
import { PATIENCE_MS } from './patience';
import { ROOT } from './pages';

export const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');
export const SCREENSHOT_DIR = join(ROOT, 'e2e', 'screenshots');

/** Debian's Chromium unless CHROME_PATH names another Chromium or Chrome for Testing. */
export function chromePath(): string {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`No Chromium at ${path}. Install it (apt-get install -y chromium) or set CHROME_PATH.`);
  }
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}. Run npm run build first.`);
  }
  return path;
}

/**
 * Flags for Chromium on this kind of machine: no sandbox as root, no GPU, and no background networking, which would
 * flood a closed network with refused connections.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  profileDir: string;
  /** The first-run page the install opened, when asked to keep it (`keepWelcome`). */
  welcome?: Page;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

/** Chromium with the built extension loaded, headless; a profile directory may be reused to test a restart. */
export async function launchWithExtension(
  profileDir = mkdtempSync(join(tmpdir(), 'side-notes-profile-')),
  {
    headed = false,
    hasTouch = false,
    keepWelcome = false,
    args = [] as string[],
    extensionDir = EXTENSION_DIR,
  }: { headed?: boolean; hasTouch?: boolean; keepWelcome?: boolean; args?: string[]; extensionDir?: string } = {},
): Promise<ExtensionBrowser> {
  // A new profile installs the extension, which opens its first-run page once (runtime.onInstalled, "install").
  const fresh = !existsSync(join(profileDir, 'Default'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromePath(),
    headless: false,
    viewport: headed ? null : { width: 1200, height: 800 },
    hasTouch,
    args: [
      ...(headed ? [] : ['--headless=new']),
      ...CHROMIUM_FLAGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...args,
    ],
    ignoreDefaultArgs: ['--disable-extensions'],
  });
  // Every action, locator wait and navigation gets the common patience (Playwright's default is 30 s).
  context.setDefaultTimeout(PATIENCE_MS);
  context.setDefaultNavigationTimeout(PATIENCE_MS);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  // The service worker puts the shipped notes in the library when it starts; pages read them from there.
  await worker.evaluate(async (patienceMs) => {
    const chrome = (globalThis as unknown as { chrome: typeof extensionApi }).chrome;
    const deadline = Date.now() + patienceMs;
    do {
      const { library } = await chrome.storage.local.get('library');
      if ((library as { entries?: unknown[] } | undefined)?.entries?.length) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } while (Date.now() < deadline);
    throw new Error(`the notes never reached the library in ${patienceMs} ms`);
  }, PATIENCE_MS);
  // The journeys start from a browser with only their own tabs: the first-run page is closed (or handed over).
  let welcome: Page | undefined;
  if (fresh) {
    const isWelcome = (page: Page) => page.url() === `chrome-extension://${extensionId}/welcome.html`;
    welcome =
      context.pages().find(isWelcome) ??
      (await context.waitForEvent('page', { predicate: isWelcome, timeout: PATIENCE_MS }));
    if (welcome && !keepWelcome) {
      await welcome.close();
      welcome = undefined;
    }
  }
  return {
    context,
    worker,
    extensionId,
    profileDir,
    welcome,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * The id of the tab that shows `page`, asked of the extension's service worker. The extension may not read tabs'
 * addresses (it holds no `tabs` permission), so the page is brought to the front and the active tab is the one.
 * One page is asked about at a time: another brought to the front in between would be the active tab.
 */
export async function tabIdOf(browser: ExtensionBrowser, page: Page): Promise<number> {
  const known = tabIds.get(page);
  if (known !== undefined) return known;
  const asked = tabAsked.then(async () => {
    await page.bringToFront();
    return browser.worker.evaluate(async () => {
      const chrome = (globalThis as unknown as { chrome: typeof extensionApi }).chrome;
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      if (tab?.id === undefined) throw new Error('no active tab');
      return tab.id;
    });
  });
  tabAsked = asked.catch(() => undefined);
  const id = await asked;
  tabIds.set(page, id);
  return id;
}
const tabIds = new WeakMap<Page, number>();
/** The last question of `tabIdOf`, answered or not: the next waits for it. */
let tabAsked: Promise<unknown> = Promise.resolve();

/**
 * Asks the page's content script for its page state, as the popup does (README, "Page state"). The answer crosses
 * to the test as one JSON string: Playwright's own serialisation of 4,000 mentions takes ~300 ms, which is the
 * driver's cost, not the extension's, and would slow every wait on a big page.
 */
export async function pageStateOf(browser: ExtensionBrowser, page: Page): Promise<PageState> {
  return (await timedPageStateOf(browser, page)).state;
}

/**
 * The page state, and how long the extension took to get it (ms): from `tabs.sendMessage` in the service worker to
 * the answer there, as any of the extension's pages would see it, with none of the test driver's costs.
 */
export async function timedPageStateOf(browser: ExtensionBrowser, page: Page): Promise<{ state: PageState; answerMs: number }> {
  const tabId = await tabIdOf(browser, page);
  const { json, answerMs } = await browser.worker.evaluate(async (tabId) => {
    const chrome = (globalThis as unknown as { chrome: typeof extensionApi }).chrome;
    const asked = performance.now();
    const state = (await chrome.tabs.sendMessage(tabId, { type: 'side-notes:page-state' })) as PageState;
    const answerMs = performance.now() - asked;
    return { json: JSON.stringify(state), answerMs };
  }, tabId);
  return { state: JSON.parse(json) as PageState, answerMs };
}

/** Saved pages point at the whole web; this machine reaches none of it, so only 127.0.0.1 is let through. */
export async function localOnly(context: BrowserContext): Promise<void> {
  await context.route('**/*', (route) =>
    new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort(),
  );
}

/** Waits until the page's full scan has run (stats.textNodes > 0) and returns the state. */
export async function settledPageState(browser: ExtensionBrowser, page: Page, timeoutMs = PATIENCE_MS): Promise<PageState> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const state = await pageStateOf(browser, page);
      if (state.stats.textNodes > 0 || !state.enabled) return state;
    } catch (error) {
      last = error;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`the content script never answered with a finished scan: ${String(last)}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
