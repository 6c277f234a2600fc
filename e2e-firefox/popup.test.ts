/**
 * The popup in Firefox, opened as a tab describing the article's tab (`popup.html?tab=<id>`): reader queries typed
 * key by key, a result's card opened with Enter; and the site switch, which turns Side Notes off for the site at
 * once, keeps it off across a reload, and brings the underlines back in the same document when switched on again.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READER_QUERIES } from '../tests/fixtures/reader-queries';
import { bundle } from '../e2e/support/article-oracle';
import { startPageServer, type PageServer } from '../e2e/support/pages';
import {
  collectErrors,
  FIREFOX_SCREENSHOT_DIR,
  launchFirefox,
  openPopupFor,
  pageStateOf,
  screenshotTo,
  settledPageState,
  storedSiteSettings,
  VIEWPORT,
  waitForPageState,
  type FirefoxWithExtension,
} from './support/firefox';

/**
 * The first reader query of each kind (a role, a quote word, a number, a phrase, a typo, another spelling), and one
 * in another script, typed as Hangul characters.
 */
const QUERIES = READER_QUERIES.filter(
  (query, index, all) => all.findIndex((other) => other.kind === query.kind) === index || query.query === '윤석열',
);
const nameOf = (id: string) => bundle.entities.find((entity) => entity.id === id)!.name;

/** The page's own world sees Side Notes: highlights registered, a style sheet adopted. */
function seenByPage(page: Page): Promise<{ highlights: number; sheets: number }> {
  return page.evaluate(() => ({ highlights: CSS.highlights.size, sheets: document.adoptedStyleSheets.length }));
}

describe('the popup in Firefox', () => {
  let server: PageServer;
  let firefox: FirefoxWithExtension;
  let article: Page;
  let popup: Page;
  let errors: string[];

  const search = '[data-testid="search"]';
  const resultNames = () =>
    popup.$$eval('[data-testid="result"] .sn-list__name', (names) => names.map((name) => name.textContent));
  const switchChecked = (testId: string) =>
    popup.$eval(`[data-testid="${testId}"]`, (element) => element.getAttribute('aria-checked'));

  /** Empties the search box and types `query` a key at a time, as a reader would. */
  async function typeQuery(query: string) {
    await popup.focus(search);
    await popup.keyboard.down('Control');
    await popup.keyboard.press('a');
    await popup.keyboard.up('Control');
    await popup.keyboard.press('Backspace');
    await popup.keyboard.type(query);
    expect(await popup.$eval(search, (box) => (box as HTMLInputElement).value)).toBe(query);
  }

  beforeAll(async () => {
    server = await startPageServer();
    firefox = await launchFirefox();
    article = await firefox.browser.newPage();
    await article.setViewport(VIEWPORT);
    await article.goto(`${server.origin}/article.html`);
    await settledPageState(firefox, article);
    popup = await openPopupFor(firefox, article);
    errors = collectErrors(popup);
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  it('lists what the page names, and is ready for typing', async () => {
    await popup.waitForSelector('[data-testid="page-entity"]');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search');
    await screenshotTo(popup, join(FIREFOX_SCREENSHOT_DIR, 'popup.png'));
  });

  it.each(QUERIES.map((query) => [query.query, query.kind, query.accept] as const))(
    '"%s" (%s) finds a right entity in the top three',
    async (query, _kind, accept) => {
      await typeQuery(query);
      const names = accept.map(nameOf);
      await expect
        .poll(async () => (await resultNames()).slice(0, 3).some((name) => names.includes(name!)))
        .toBe(true);
    },
  );

  it('opens the best result’s card with Enter and goes back with Esc', async () => {
    await typeQuery('nato chief');
    await expect.poll(async () => (await resultNames())[0]).toBe('Jens Stoltenberg');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('[data-testid="entity-card"]');
    expect(await popup.$eval('[data-testid="entity-card"] h2', (heading) => heading.textContent)).toBe('Jens Stoltenberg');
    await screenshotTo(popup, join(FIREFOX_SCREENSHOT_DIR, 'popup-card.png'));
    await popup.keyboard.press('Escape');
    await popup.waitForSelector(search);
    await popup.keyboard.press('Escape');
    expect(await popup.$eval(search, (box) => (box as HTMLInputElement).value)).toBe('');
    expect(errors).toEqual([]);
  });

  it('switches Side Notes off for the site, at once and across a reload, and on again without one', async () => {
    // The site as the switch knows it: the host without its port (README, "Sites").
    const host = new URL(server.origin).hostname;
    expect(await switchChecked('site-switch')).toBe('true');
    expect(await seenByPage(article)).toEqual({ highlights: 2, sheets: 1 });

    await popup.click('[data-testid="site-switch"]');
    await expect.poll(() => switchChecked('site-switch')).toBe('false');
    await waitForPageState(firefox, article, (s) => !s.enabled && s.mentions.length === 0, { what: 'Side Notes off' });
    // Off means the page sees nothing of Side Notes: no highlight, no adopted style sheet.
    expect(await seenByPage(article)).toEqual({ highlights: 0, sheets: 0 });
    expect(await storedSiteSettings(firefox)).toEqual({ paused: false, disabledSites: [host] });
    await expect
      .poll(() => popup.$eval('[data-testid="page-message"]', (message) => message.textContent))
      .toContain('off on this site');

    await article.reload();
    const reloaded = await settledPageState(firefox, article);
    expect(reloaded).toMatchObject({ enabled: false, mentions: [] });
    expect(await seenByPage(article)).toEqual({ highlights: 0, sheets: 0 });

    // On again from a popup opened afresh: the same document is underlined again, no reload.
    await popup.close();
    await article.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    popup = await openPopupFor(firefox, article);
    await expect.poll(() => switchChecked('site-switch')).toBe('false');
    await popup.click('[data-testid="site-switch"]');
    await expect.poll(() => switchChecked('site-switch')).toBe('true');
    // Mentions show as the scan finds them; its figures once it has read the whole page.
    const back = await waitForPageState(firefox, article, (s) => s.enabled && s.mentions.length > 50 && s.stats.textNodes > 0, {
      what: 'the article underlined again',
    });
    expect(back.stats.textNodes).toBeGreaterThan(0);
    expect(await article.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await seenByPage(article)).toEqual({ highlights: 2, sheets: 1 });
    expect(await storedSiteSettings(firefox)).toEqual({ paused: false, disabledSites: [] });
    expect((await pageStateOf(firefox, article)).site).toBe(host);
  });
});
