/**
 * The seed article in a real Chromium with the built extension: what the page-state contract reports, whether it
 * finds exactly the entities the article names, and that the page itself (DOM, text, layout) is left as it was —
 * compared with the same page in a second Chromium that has no extension.
 */
import type { Page } from 'playwright-core';
import type { browser as extensionApi } from 'wxt/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageState } from '../utils/page/page-state';
import { launchWithExtension, settledPageState, tabIdOf, type ExtensionBrowser } from './support/browser';
import {
  cardView,
  collectErrors,
  hoverText,
  launchPlain,
  pageHasHighlights,
  waitForPageState,
} from './support/journeys';
import { articleText, bundle, entitiesTheArticleNames } from './support/article-oracle';
import { startPageServer, type PageServer } from './support/pages';
import { pageTimerFired } from './support/patience';

/** Everything a layout or DOM comparison needs from one loaded page. */
interface PageSnapshot {
  html: string;
  bodyText: string;
  tags: string[];
  scrollHeight: number;
  paragraphs: { x: number; y: number; width: number; height: number }[];
}

async function snapshot(page: Page): Promise<PageSnapshot> {
  return page.evaluate(() => {
    const root = document.documentElement.cloneNode(true) as HTMLElement;
    for (const host of root.querySelectorAll('side-notes-card')) host.remove();
    return {
      html: root.outerHTML,
      bodyText: document.body.innerText,
      tags: [...document.querySelectorAll('*')].map((element) => element.localName),
      scrollHeight: document.documentElement.scrollHeight,
      paragraphs: [...document.querySelectorAll('p')].map((p) => {
        const { x, y, width, height } = p.getBoundingClientRect();
        return { x, y, width, height };
      }),
    };
  });
}

describe('the seed article', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let plain: Awaited<ReturnType<typeof launchPlain>>;
  let page: Page;
  let plainPage: Page;
  let errors: string[];
  let state: PageState;

  beforeAll(async () => {
    server = await startPageServer();
    [browser, plain] = await Promise.all([launchWithExtension(), launchPlain()]);
    page = await browser.context.newPage();
    errors = collectErrors(page);
    plainPage = await plain.context.newPage();
    await Promise.all([page.goto(`${server.origin}/article.html`), plainPage.goto(`${server.origin}/article.html`)]);
    state = await settledPageState(browser, page);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), plain?.close()]);
    await server?.close();
  });

  it('answers the page-state contract exactly', async () => {
    // The contract's fields, and `site`, which it gained (the popup and the shortcut ask it which site a tab is on).
    expect(Object.keys(state).sort()).toEqual(['enabled', 'host', 'mentions', 'openCard', 'site', 'stats']);
    expect(state.enabled).toBe(true);
    expect(state.host).toBe(new URL(server.origin).host);
    // The host the site switch matches: no port (README, "Sites").
    expect(state.site).toBe(new URL(server.origin).hostname);
    expect(state.openCard).toBeNull();

    expect(Object.keys(state.stats).sort()).toEqual(['loadMs', 'scanMs', 'textNodes', 'viewportMs']);
    expect(state.stats.viewportMs).toBeGreaterThanOrEqual(0);
    // The script's start until the compiled notes were loaded: some time on the clock, once they were.
    expect(state.stats.loadMs).toBeGreaterThan(0);
    // (viewportMs is time on the clock, scanMs time spent working: on a busy machine the pauses between slices make
    // the first larger than the second, so the two are not compared.)
    expect(Number.isFinite(state.stats.viewportMs)).toBe(true);
    expect(typeof state.stats.scanMs).toBe('number');
    expect(typeof state.stats.textNodes).toBe('number');
    expect(state.stats.scanMs).toBeGreaterThan(0);
    expect(Number.isFinite(state.stats.scanMs)).toBe(true);
    expect(Number.isInteger(state.stats.textNodes)).toBe(true);
    expect(state.stats.textNodes).toBeGreaterThan(0);

    expect(Array.isArray(state.mentions)).toBe(true);
    expect(state.mentions.length).toBeGreaterThan(50);
    const byId = new Map(bundle.entities.map((entity) => [entity.id, entity]));
    for (const mention of state.mentions) {
      expect(Object.keys(mention).sort()).toEqual(['entityId', 'kind', 'name', 'text']);
      for (const field of ['entityId', 'kind', 'name', 'text'] as const) expect(typeof mention[field]).toBe('string');
      const entity = byId.get(mention.entityId);
      expect(entity, `unknown entity ${mention.entityId}`).toBeDefined();
      expect(mention.name).toBe(entity!.name);
      expect(mention.kind).toBe(entity!.kind);
      expect(mention.text.trim()).toBe(mention.text);
      expect(mention.text.length).toBeGreaterThan(0);
    }

    // Document order: each mention's words are found, as whole words, after the previous one's in the page's text.
    const pageText = await page.evaluate(() => document.body.textContent ?? '');
    let from = 0;
    for (const [index, mention] of state.mentions.entries()) {
      const escaped = mention.text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu');
      pattern.lastIndex = from;
      const found = pattern.exec(pageText);
      expect(found, `mention ${index} "${mention.text}" is not after position ${from} of the page text`).not.toBeNull();
      from = found!.index + found![0].length;
    }
  });

  it('finds every entity the article names, and no other', () => {
    const expected = entitiesTheArticleNames();
    const found = [...new Set(state.mentions.map((mention) => mention.entityId))].sort();
    console.log(`article names ${expected.length} entities: ${expected.join(' ')}`);
    console.log(`page state lists ${found.length}: ${found.join(' ')}`);
    // The oracle itself is sane: it sees the obvious names, and "Washington" (the US government) through the
    // evidence the article gives: it names the United States.
    expect(expected).toEqual(
      expect.arrayContaining(['jens-stoltenberg', 'yoon-suk-yeol', 'arms-trade-treaty', 'kyiv', 'afp', 'washington']),
    );
    expect(found).toEqual(expected);
  });

  it('shows how many names it underlined on the toolbar badge', async () => {
    const tabId = await tabIdOf(browser, page);
    const badge = () =>
      browser.worker.evaluate(
        (tabId) => (globalThis as unknown as { chrome: typeof extensionApi }).chrome.action.getBadgeText({ tabId }),
        tabId,
      );
    await expect.poll(badge).toBe(String(state.mentions.length));
  });

  it('counts possessives, lower-case and hyphenated forms as the entity', () => {
    const texts = (id: string) => state.mentions.filter((mention) => mention.entityId === id).map((mention) => mention.text);

    // "Stoltenberg’s proposals": the possessive is Stoltenberg; the article names him 7 times in all.
    expect(articleText).toContain('Stoltenberg’s proposals');
    const stoltenberg = texts('jens-stoltenberg');
    expect(stoltenberg.length).toBe(articleText.match(/\bStoltenberg\b/g)!.length);
    expect(stoltenberg.filter((text) => text === 'Stoltenberg')).toHaveLength(4);
    expect(stoltenberg.filter((text) => text === 'Jens Stoltenberg')).toHaveLength(3);

    // The article writes the capital in lower case: "support for kyiv", "send weapons to kyiv".
    expect(texts('kyiv')).toEqual(['kyiv', 'kyiv']);

    // Both spellings of the president's name.
    expect(texts('yoon-suk-yeol')).toEqual(['Yoon Suk Yeol', 'Yoon Suk-Yeol']);

    expect(texts('arms-trade-treaty')).toEqual(['Arms Trade Treaty']);
  });

  it('leaves the page DOM as it is, and adds only its card host when a card opens', async () => {
    const mine = await snapshot(page);
    const theirs = await snapshot(plainPage);
    expect(mine.tags).toEqual(theirs.tags);
    expect(mine.html).toBe(theirs.html);
    expect(mine.bodyText).toBe(theirs.bodyText);
    expect(mine.tags).not.toContain('side-notes-card');

    // And against the served HTML, parsed in the page.
    const served = await page.evaluate(async () => {
      const html = await (await fetch(location.href)).text();
      const parsed = new DOMParser().parseFromString(html, 'text/html');
      return {
        bodyText: parsed.body.textContent,
        tags: [...parsed.querySelectorAll('*')].map((element) => element.localName),
        liveBodyText: document.body.textContent,
      };
    });
    expect(served.liveBodyText).toBe(served.bodyText);
    expect(mine.tags).toEqual(served.tags);

    expect(await pageHasHighlights(page)).toBe(true);

    await hoverText(page, 'Stoltenberg', 1);
    await waitForPageState(browser, page, (s) => s.openCard === 'jens-stoltenberg', { what: 'his card' });
    const card = await cardView(page);
    expect(card.open).toBe(true);
    expect(card.hosts).toBe(1);
    expect(card.hostOnHtml).toBe(true);

    const withCard = await snapshot(page);
    expect(withCard.tags).toEqual([...mine.tags, 'side-notes-card']);
    expect(withCard.html).toBe(theirs.html);
    expect(withCard.bodyText).toBe(theirs.bodyText);

    await page.keyboard.press('Escape');
    await waitForPageState(browser, page, (s) => s.openCard === null, { what: 'the card to close' });
  });

  it('shifts no layout: page height and every paragraph box match the extension-less browser', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await plainPage.evaluate(() => window.scrollTo(0, 0));
    const theirs = await snapshot(plainPage);
    const mine = await snapshot(page);
    expect(theirs.paragraphs.length).toBeGreaterThan(10);
    expect(mine.scrollHeight).toBe(theirs.scrollHeight);
    expect(mine.paragraphs).toEqual(theirs.paragraphs);

    // Also while a card is open (it floats above the page).
    await hoverText(page, 'Yoon Suk Yeol');
    await waitForPageState(browser, page, (s) => s.openCard === 'yoon-suk-yeol', { what: 'his card' });
    await page.evaluate(() => window.scrollTo(0, 0));
    const withCard = await snapshot(page);
    expect(withCard.scrollHeight).toBe(theirs.scrollHeight);
    expect(withCard.paragraphs).toEqual(theirs.paragraphs);
    await page.keyboard.press('Escape');
  });

  it('raises no page errors and logs no console errors', async () => {
    // Reload once more so start-up is covered from a fresh document too.
    await page.reload();
    await settledPageState(browser, page);
    await hoverText(page, 'Arms Trade Treaty');
    await waitForPageState(browser, page, (s) => s.openCard === 'arms-trade-treaty', { what: 'its card' });
    await page.keyboard.press('Escape');
    await waitForPageState(browser, page, (s) => s.openCard === null, { what: 'the card closed' });
    await pageTimerFired(page, 500);
    expect(errors).toEqual([]);
  });
});
