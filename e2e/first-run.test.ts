/**
 * Finding one's way (issue 13, item 7): the first-run page opened on install only, with the real keyboard shortcuts
 * and a live example where the seed article's names open the real card; the toolbar badge's tooltip says what it
 * counts; "Browse all notes" in the popup, so a page that names nothing still offers the notes; the shortcuts in the
 * popup; the options page opening a bundle to list its entities. Screenshots in e2e/screenshots/first-run-*.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as extensionApi } from 'wxt/browser';
import { launchWithExtension, settledPageState, tabIdOf, type ExtensionBrowser } from './support/browser';
import { collectErrors, openPopupFor, screenshotTo } from './support/journeys';
import { startPageServer, type PageServer } from './support/pages';

const PLAIN_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A quiet page</title></head>
<body><main><h1>Gardening in November</h1><p>Rake the leaves, plant the bulbs, and wait for spring.</p></main></body></html>`;

describe('first run and finding one’s way', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let welcome: Page;
  const profileDir = mkdtempSync(join(tmpdir(), 'side-notes-first-run-'));

  beforeAll(async () => {
    server = await startPageServer();
    server.pages.set('/plain.html', PLAIN_PAGE);
    browser = await launchWithExtension(profileDir, { keepWelcome: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the first-run page on install, with the real shortcuts and a live example', async () => {
    expect(browser.welcome, 'the install opened the first-run page').toBeDefined();
    welcome = browser.welcome!;
    const errors = collectErrors(welcome);
    await welcome.setViewportSize({ width: 1200, height: 900 });
    await welcome.getByRole('heading', { level: 1 }).waitFor();
    expect(await welcome.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome to Side Notes');
    expect(await welcome.locator('main > section > h2').allTextContents()).toEqual([
      'Try it here',
      'Where the notes come from',
      'Keyboard',
      'Privacy',
    ]);

    // The keys are the browser's, as commands.getAll() has them.
    const commands = await browser.worker.evaluate(async () => {
      const chrome = (globalThis as unknown as { chrome: typeof extensionApi }).chrome;
      return (await chrome.commands.getAll()).filter((command) => command.name !== '_execute_action');
    });
    const keys = welcome.getByTestId('welcome-keys');
    await expect.poll(() => keys.locator('kbd').count()).toBe(commands.filter((command) => command.shortcut).length);
    const keysText = await keys.textContent();
    for (const command of commands) {
      expect(keysText).toContain(command.description);
      if (command.shortcut) expect(keysText).toContain(command.shortcut);
    }

    // The passage marks the seed article's names, found by the pages' own matcher; each is a button.
    const names = welcome.getByTestId('example-name');
    const marked = await names.allTextContents();
    expect(marked).toEqual(expect.arrayContaining(['North Atlantic Treaty Organization', 'Jens Stoltenberg', 'Yoon Suk Yeol']));
    const card = welcome.getByTestId('entity-card');
    // The first name's card shows at once: the passage opens with NATO's full name.
    expect(await names.first().getAttribute('data-entity')).toBe('nato');
    expect(await card.locator('h2').textContent()).toBe('NATO');

    // By keyboard: Tab onto a name shows its card.
    await names.first().focus();
    for (let press = 0; press < 12; press++) {
      if ((await welcome.evaluate(() => document.activeElement?.textContent)) === 'Yoon Suk Yeol') break;
      await welcome.keyboard.press('Tab');
    }
    expect(await welcome.evaluate(() => document.activeElement?.textContent)).toBe('Yoon Suk Yeol');
    await expect.poll(() => card.locator('h2').textContent()).toBe('Yoon Suk Yeol');
    expect(await welcome.locator('[aria-pressed="true"]').textContent()).toBe('Yoon Suk Yeol');

    // By pointer: a click shows another; the card is the real one, with the article's quotes.
    await welcome.getByTestId('example-name').filter({ hasText: /^Jens Stoltenberg$/ }).click();
    await expect.poll(() => card.locator('h2').textContent()).toBe('Jens Stoltenberg');
    expect(await card.locator('blockquote').count()).toBeGreaterThan(0);
    expect(await welcome.getByRole('region', { name: 'Privacy' }).textContent()).toContain('Nothing leaves your computer');
    expect(await welcome.getByRole('region', { name: 'Where the notes come from' }).textContent()).toContain(
      'Take notes from this page',
    );
    await screenshotTo(welcome, 'first-run-welcome');
    await welcome.screenshot({ path: join(import.meta.dirname, 'screenshots', 'first-run-welcome-full.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('the badge tooltip says what it counts; the popup shows the same total and the shortcuts', async () => {
    const article = await browser.context.newPage();
    await article.goto(`${server.origin}/article.html`);
    const state = await settledPageState(browser, article);
    const tabId = await tabIdOf(browser, article);
    const names = new Set(state.mentions.map((mention) => mention.entityId)).size;
    const line = `${state.mentions.length} mentions of ${names} names on this page`;
    const toolbar = () =>
      browser.worker.evaluate(async (tabId) => {
        const chrome = (globalThis as unknown as { chrome: typeof extensionApi }).chrome;
        return { badge: await chrome.action.getBadgeText({ tabId }), title: await chrome.action.getTitle({ tabId }) };
      }, tabId);
    await expect.poll(toolbar).toEqual({ badge: String(state.mentions.length), title: `Side Notes: ${line}` });

    const { popup } = await openPopupFor(browser, article);
    await expect.poll(() => popup.getByTestId('page-total').textContent()).toBe(line);
    const keys = popup.getByTestId('popup-keys');
    await keys.waitFor();
    expect(await keys.textContent()).toBe(
      'Alt+Shift+Period / Alt+Shift+Comma walk the names on a page · Alt+Shift+S turns this site on or off',
    );
    await popup.close();
    await article.close();
  });

  it('on a page that names nothing, the popup still offers every note, by kind', async () => {
    const plain = await browser.context.newPage();
    await plain.goto(`${server.origin}/plain.html`);
    await settledPageState(browser, plain);
    const tabId = await tabIdOf(browser, plain);
    await expect
      .poll(() =>
        browser.worker.evaluate(async (tabId) => {
          const chrome = (globalThis as unknown as { chrome: typeof extensionApi }).chrome;
          return chrome.action.getTitle({ tabId });
        }, tabId),
      )
      .toBe('Side Notes: no names from your notes on this page');

    const { popup } = await openPopupFor(browser, plain);
    const errors = collectErrors(popup);
    await expect.poll(() => popup.getByTestId('page-message').textContent()).toContain('Nothing from your notes');
    const browse = popup.getByTestId('browse-all');
    expect(await browse.textContent()).toBe('Browse all notes (34)');
    await browse.click();
    const view = popup.getByTestId('browse-all-view');
    await view.waitFor();
    // Focus goes to the view's heading, so a screen reader says where it is.
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe('All notes (34)');
    const groups = popup.getByTestId('browse-group');
    const kinds = await groups.evaluateAll((sections) => sections.map((section) => section.getAttribute('data-kind')));
    expect(kinds).toEqual(['person', 'organisation', 'place', 'treaty', 'equipment', 'event'].filter((kind) => kinds.includes(kind)));
    expect(kinds.length).toBeGreaterThanOrEqual(4);
    expect(await popup.getByTestId('browse-note').count()).toBe(34);
    const people = await groups.first().getByTestId('browse-note').allTextContents();
    expect(people).toEqual([...people].sort((a, b) => a.localeCompare(b)));
    expect(people).toContain('Jens Stoltenberg');
    expect(await popup.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(600);
    await screenshotTo(popup, 'first-run-browse-all');

    // A note opens its card; Back returns to the list of all notes, and Esc from there to the popup's start.
    await popup.getByTestId('browse-note').filter({ hasText: /^Arms Trade Treaty$/ }).click();
    const card = popup.getByTestId('entity-card');
    await card.waitFor();
    expect(await card.locator('h2').textContent()).toBe('Arms Trade Treaty');
    // The page does not name it: no walk through mentions.
    expect(await popup.getByTestId('mentions-bar').count()).toBe(0);
    await popup.getByTestId('back').click();
    await view.waitFor();
    await popup.keyboard.press('Escape');
    await popup.getByTestId('search').waitFor();
    expect(await view.count()).toBe(0);
    expect(errors).toEqual([]);
    await popup.close();
    await plain.close();
  });

  it('the options page opens a bundle to list its entities', async () => {
    const options = await browser.context.newPage();
    const errors = collectErrors(options);
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const open = options.getByTestId('bundle-open').first();
    await open.waitFor();
    expect(await open.textContent()).toBe('Show its 34 entities');
    expect(await open.getAttribute('aria-expanded')).toBe('false');
    await open.click();
    expect(await open.getAttribute('aria-expanded')).toBe('true');
    const list = options.getByTestId('bundle-entities');
    expect(await list.getAttribute('id')).toBe(await open.getAttribute('aria-controls'));
    expect(await list.getByTestId('bundle-entity').count()).toBe(34);
    const stoltenberg = list.getByTestId('bundle-entity').filter({ hasText: /^Jens Stoltenberg/ });
    expect(await stoltenberg.textContent()).toContain('Secretary General of NATO');
    await list.scrollIntoViewIfNeeded();
    await options.evaluate(() => document.querySelector('[data-testid="bundle-open"]')!.scrollIntoView({ block: 'start' }));
    await screenshotTo(options, 'first-run-options-bundle');
    await open.click();
    expect(await list.count()).toBe(0);
    expect(errors).toEqual([]);
    await options.close();
  });

  it('does not open the first-run page again when the browser starts again', async () => {
    await welcome.close();
    await browser.close({ keepProfile: true });
    browser = await launchWithExtension(profileDir, { keepWelcome: true });
    const opened: string[] = [];
    browser.context.on('page', (page) => opened.push(page.url()));
    // The service worker has started (launchWithExtension waits for it and for its library) and Chromium has told it
    // "install" again; its first-run listener reads one storage key before it would open a tab. Once the worker has
    // read that key too and a second of its own clock has passed, a tab it meant to open would be there.
    await browser.worker.evaluate(async () => {
      const chrome = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<unknown> } } } }).chrome;
      await chrome.storage.local.get('firstRunShown');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    });
    expect(opened).toEqual([]);
    expect(browser.context.pages().some((page) => page.url().endsWith('/welcome.html'))).toBe(false);
  });
});
