/**
 * "Add to Side Notes" in Firefox: the content script answers the selection request with the passage a Range selected
 * in the page (through Firefox's Xray wrappers), the add-note page takes it from `storage.session` as the background
 * leaves it there, and Save puts the verbatim quote on the chosen entity, with the reader's own note: the card on
 * another page shows both. (The menu and the key only start this; a key pressed over BiDi never reaches Firefox's
 * shortcuts, so the journey starts from the message the background sends.)
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as extensionApi } from 'wxt/browser';
import type { Bundle } from '../utils/bundle/schema';
import type { PageSelection } from '../utils/messages';
import { followUpPage, vilniusArticle } from '../e2e/support/capture-pages';
import { startPageServer, type PageServer } from '../e2e/support/pages';
import { cardView } from './support/card';
import {
  collectErrors,
  FIREFOX_SCREENSHOT_DIR,
  hoverText,
  launchFirefox,
  openExtensionPage,
  screenshotTo,
  settledPageState,
  tabIdOf,
  VIEWPORT,
  type FirefoxWithExtension,
} from './support/firefox';

const PARAGRAPH =
  'NATO Secretary General Stoltenberg told reporters that the alliance would triple the number of troops on high readiness along its eastern flank.';
const NOTE = 'Keeps a rowing machine in his office.';

describe('Add to Side Notes in Firefox', () => {
  let server: PageServer;
  let firefox: FirefoxWithExtension;
  let article: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startPageServer();
    server.pages.set('/vilnius.html', vilniusArticle());
    server.pages.set('/after.html', followUpPage());
    firefox = await launchFirefox();
    article = await firefox.browser.newPage();
    await article.setViewport(VIEWPORT);
    await article.goto(`${server.origin}/vilnius.html`);
    await settledPageState(firefox, article);
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  it('answers with the selection, and the add-note page saves the quote and the reader’s note; the card shows both', async () => {
    await article.evaluate((paragraph) => {
      const element = [...document.querySelectorAll('p')].find((candidate) => candidate.textContent === paragraph)!;
      const range = document.createRange();
      range.selectNodeContents(element);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    }, PARAGRAPH);
    const tabId = await tabIdOf(firefox, article);
    const selection = await firefox.extensionPage.evaluate(async (tabId) => {
      const api = (globalThis as unknown as { browser: typeof extensionApi }).browser;
      return (await api.tabs.sendMessage(tabId, { type: 'side-notes:selection' }, { frameId: 0 })) as PageSelection;
    }, tabId);
    expect(selection).toMatchObject({
      text: PARAGRAPH,
      url: `${server.origin}/vilnius.html`,
      site: 'The Baltic Courier',
      published: '2023-07-11T08:00:00Z',
      entities: ['nato', 'jens-stoltenberg'],
    });
    expect(selection.start).toBeGreaterThan(0);

    // What the background leaves for the add-note window (utils/add-note/open.ts).
    await firefox.extensionPage.evaluate(async (selection) => {
      const api = (globalThis as unknown as { browser: typeof extensionApi }).browser;
      await api.storage.session.set({ 'pendingNote:firefox': { selection } });
    }, selection);
    const page = await openExtensionPage(firefox.browser, `${firefox.origin}/add-note.html?note=firefox`, '[data-testid="add-note-choice"]', {
      width: 560,
      height: 720,
    });
    errors.push(...collectErrors(page));
    expect(await page.$$eval('[data-testid="add-note-choice"] .add-note__choice-name', (names) => names.map((name) => name.textContent))).toEqual([
      'NATO',
      'Jens Stoltenberg',
    ]);
    const stoltenberg = await page.$$('[data-testid="add-note-choice"]');
    await stoltenberg[1].click();
    await page.type('[data-testid="own-note"]', NOTE);
    await screenshotTo(page, join(FIREFOX_SCREENSHOT_DIR, 'add-note.png'));
    await page.click('[data-testid="add-note-save"]');
    // Saved, and the page closed itself. (Over BiDi Firefox reports no close of an extension page: it is looked for
    // among the extension's own views.)
    await expect
      .poll(() =>
        firefox.extensionPage.evaluate(() => {
          const api = (globalThis as unknown as { browser: typeof extensionApi }).browser;
          return (api.extension.getViews({ type: 'tab' }) as unknown as globalThis.Window[]).some((view) => view.location.pathname === '/add-note.html');
        }),
      )
      .toBe(false);
    const stored = await firefox.extensionPage.evaluate(async () => {
      const api = (globalThis as unknown as { browser: typeof extensionApi }).browser;
      return api.storage.local.get(null);
    });
    const index = stored.library as { entries: { id: string }[] };
    const saved = stored[`bundle:${index.entries[0].id}`] as Bundle;
    expect(saved.entities[0]).toMatchObject({ id: 'jens-stoltenberg', facts: [{ quote: PARAGRAPH }] });
    expect(stored.readerNotes).toMatchObject({ notes: [{ kind: 'person', key: 'jens stoltenberg', text: NOTE }] });

    const after = await firefox.browser.newPage();
    await after.setViewport(VIEWPORT);
    await after.goto(`${server.origin}/after.html`);
    await settledPageState(firefox, after);
    await hoverText(after, 'Jens Stoltenberg');
    await expect.poll(async () => (await cardView(after)).name).toBe('Jens Stoltenberg');
    const card = await cardView(after);
    expect(card.quotes[0]).toBe(PARAGRAPH);
    expect(card.ownNote).toBe(NOTE);
    await screenshotTo(after, join(FIREFOX_SCREENSHOT_DIR, 'card-your-note.png'));
    expect(errors).toEqual([]);
  });
});
