/**
 * The popup, opened as a tab describing the article's tab (`popup.html?tab=<id>`): fuzzy search over the notes,
 * a chosen result's card, and the "On this page" list built from the page-state contract.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageState } from '../utils/page/page-state';
import { launchWithExtension, settledPageState, type ExtensionBrowser } from './support/browser';
import { collectErrors, openPopupFor, screenshotTo } from './support/journeys';
import { startPageServer, type PageServer } from './support/pages';

describe('the popup', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let article: Page;
  let popup: Page;
  let state: PageState;
  let errors: string[];

  async function search(query: string): Promise<string[]> {
    const box = popup.getByTestId('search');
    await box.fill(query);
    await expect.poll(() => box.inputValue()).toBe(query);
    // Each query is searched in a task of its own: wait until the list shows this query's results, not the last's.
    await popup.locator('section[aria-busy="false"]').waitFor();
    await popup.getByTestId('result').first().waitFor({ state: 'visible' });
    return popup.getByTestId('result').locator('.sn-list__name').allTextContents();
  }

  async function back() {
    await popup.getByTestId('back').click();
    await popup.getByTestId('search').waitFor({ state: 'visible' });
  }

  beforeAll(async () => {
    server = await startPageServer();
    browser = await launchWithExtension();
    article = await browser.context.newPage();
    await article.goto(`${server.origin}/article.html`);
    state = await settledPageState(browser, article);
    // Errors are collected from the popup's first moment on.
    browser.context.once('page', (opened) => (errors = collectErrors(opened)));
    ({ popup } = await openPopupFor(browser, article));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the article\'s entities "On this page" while nothing is typed', async () => {
    await popup.getByTestId('page-entity').first().waitFor({ state: 'visible' });
    const rows = popup.getByTestId('page-entity');
    const names = await rows.locator('.sn-list__name').allTextContents();
    const counts = await rows.locator('.sn-list__count').allTextContents();

    const firstNamed: string[] = [];
    const perName = new Map<string, number>();
    for (const mention of state.mentions) {
      if (!perName.has(mention.name)) firstNamed.push(mention.name);
      perName.set(mention.name, (perName.get(mention.name) ?? 0) + 1);
    }
    expect(names).toEqual(firstNamed);
    // One row per entity the page names: every entity of the seed bundle, since the page is its article.
    expect(names.length).toBe(new Set(state.mentions.map((mention) => mention.entityId)).size);
    expect(names.length).toBeGreaterThanOrEqual(33);
    expect(names).toEqual(expect.arrayContaining(['Jens Stoltenberg', 'Yoon Suk Yeol', 'Arms Trade Treaty', 'Kyiv']));
    expect(counts.map((count) => Number.parseInt(count, 10))).toEqual(firstNamed.map((name) => perName.get(name)));
    await screenshotTo(popup, 'popup-on-this-page');
  });

  it('finds "Arms Trade Treaty" for "arms trety" and opens its card', async () => {
    const results = await search('arms trety');
    expect(results[0]).toBe('Arms Trade Treaty');
    await screenshotTo(popup, 'popup-search-arms-trety');

    await popup.getByTestId('result').first().click();
    const card = popup.getByTestId('entity-card');
    await card.waitFor({ state: 'visible' });
    expect(await card.locator('h2').textContent()).toBe('Arms Trade Treaty');
    // The card knows how often the article names it.
    expect(await card.textContent()).toContain('1 mention on this page');
    await screenshotTo(popup, 'popup-card-arms-trade-treaty');
    await back();
  });

  it('finds Jens Stoltenberg first for "stoltenbrg"', async () => {
    const results = await search('stoltenbrg');
    expect(results[0]).toBe('Jens Stoltenberg');
    await popup.getByTestId('search').press('Enter');
    const card = popup.getByTestId('entity-card');
    await card.waitFor({ state: 'visible' });
    expect(await card.locator('h2').textContent()).toBe('Jens Stoltenberg');
    await back();
  });

  it('finds Yoon Suk Yeol first for "yoon suk-yeol"', async () => {
    const results = await search('yoon suk-yeol');
    expect(results[0]).toBe('Yoon Suk Yeol');
    await popup.getByTestId('search').fill('');
    await popup.getByTestId('page-entity').first().waitFor({ state: 'visible' });
    expect(errors).toEqual([]);
  });
});
