/**
 * Issue 19's cases on pages written for the test, each as a reader meets it, then the fixed result: a long
 * article's 40-odd entries on a compact review page (its height measured), several removed at once and brought back
 * with Undo, two names run together split in two; the same page captured again offers to update its notes, and the
 * card then shows each quote once; an export edited and imported again adds no copy and the summary says what
 * happened; a JSON file that is not Side Notes' says so first; a page that is no article gets a notice and the
 * choice to go on; a PDF's popup says Side Notes can't read it.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as extensionApi } from 'wxt/browser';
import type { Bundle } from '../utils/bundle/schema';
import type { LibraryIndex } from '../utils/library/store';
import { launchWithExtension, settledPageState, tabIdOf, type ExtensionBrowser } from './support/browser';
import { cardView, collectErrors, hoverText, openPopupFor, screenshotTo, waitForPageState } from './support/journeys';
import { startPageServer, type PageServer } from './support/pages';
import { tinyPdf } from './support/pdf';
import { directoryPage, MAYORS_TITLE, mayorsArticle } from './support/review-pages';

type Chrome = typeof extensionApi;

/** The library as stored: each entry with its bundle. */
async function libraryOf(browser: ExtensionBrowser): Promise<{ id: string; bundle: Bundle }[]> {
  const stored = await browser.worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get(null));
  return (stored.library as LibraryIndex).entries.map((entry) => ({ id: entry.id, bundle: stored[`bundle:${entry.id}`] as Bundle }));
}

describe('captured notes the reader can trust: one bundle a page, a review that scales, clear messages', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let article: Page;
  const errors: string[] = [];

  /** The review page for a tab, as "Take notes from this page" opens it, once its draft is shown. */
  async function openReview(page: Page): Promise<Page> {
    const review = await browser.context.newPage();
    errors.push(...collectErrors(review));
    await review.setViewportSize({ width: 900, height: 1000 });
    await review.goto(`chrome-extension://${browser.extensionId}/review.html?tab=${await tabIdOf(browser, page)}`);
    await review.locator('[data-testid="review-entry"], [data-testid="shape-notice"]').first().waitFor();
    return review;
  }
  const namesIn = (review: Page) => review.getByTestId('name').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  async function entryNamed(review: Page, name: string) {
    const index = (await namesIn(review)).indexOf(name);
    if (index < 0) throw new Error(`no entry named "${name}" in ${JSON.stringify(await namesIn(review))}`);
    return review.getByTestId('review-entry').nth(index);
  }

  beforeAll(async () => {
    server = await startPageServer();
    server.pages.set('/mayors.html', mayorsArticle());
    server.pages.set('/directory.html', directoryPage());
    server.pages.set('/later.html', '<!doctype html><title>Later</title><p>Mayor Anna Berglund opened the new ferry terminal.</p>');
    server.pages.set('/report.pdf', tinyPdf('NATO Secretary General Jens Stoltenberg met Yoon Suk Yeol in Seoul.').toString('latin1'));
    server.headers.set('/report.pdf', { 'content-type': 'application/pdf' });
    browser = await launchWithExtension();
    article = await browser.context.newPage();
    await article.goto(`${server.origin}/mayors.html`);
    await settledPageState(browser, article);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists 38 and more entries one line each: the page stays short', async () => {
    const review = await openReview(article);
    const count = await review.getByTestId('review-entry').count();
    expect(count).toBeGreaterThanOrEqual(38);
    const list = (await review.locator('.review__entries').boundingBox())!;
    const page = await review.evaluate(() => document.documentElement.scrollHeight);
    console.log(`review page: ${count} entries, list ${Math.round(list.height)} px (${(list.height / count).toFixed(1)} px an entry), page ${page} px`);
    expect(list.height / count).toBeLessThanOrEqual(56);
    expect(page).toBeLessThan(3000);
    await screenshotTo(review, 'review-compact');
    await review.close();
  });

  it('removes several entries at once (shift-click selects a range) and Undo brings them back', async () => {
    const review = await openReview(article);
    const before = await namesIn(review);
    await review.getByTestId('select').nth(1).click();
    await review.getByTestId('select').nth(4).click({ modifiers: ['Shift'] });
    expect(await review.getByTestId('entry-count').textContent()).toBe(`${before.length} entries · 4 selected`);
    await review.getByTestId('remove-selected').click();
    expect(await namesIn(review)).toEqual([before[0], ...before.slice(5)]);
    expect(await review.getByTestId('undo-status').textContent()).toContain('Removed 4 entries.');
    // The keyboard goes on from Undo: the buttons it was on went with their entries.
    await expect.poll(() => review.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('undo-remove');
    await review.getByTestId('undo-remove').click();
    expect(await namesIn(review)).toEqual(before);
    expect(await review.getByTestId('undo-status').textContent()).toBe('');
    // Select all, and none again.
    await review.getByTestId('select-all').check();
    expect(await review.getByTestId('entry-count').textContent()).toBe(`${before.length} entries · ${before.length} selected`);
    await review.getByTestId('select-all').uncheck();
    expect(await review.getByTestId('entry-count').textContent()).toBe(`${before.length} entries`);
    await review.close();
  });

  it('splits two names run together, choosing where each quote goes, and saves', async () => {
    const review = await openReview(article);
    const joined = await entryNamed(review, 'Zohar Lahav Oren Morales');
    await joined.getByTestId('expand').click();
    await joined.getByTestId('split').click();
    const panel = joined.getByTestId('split-panel');
    expect(await panel.getByTestId('split-keep').inputValue()).toBe('Zohar Lahav');
    expect(await panel.getByTestId('split-new').inputValue()).toBe('Oren Morales');
    // The caption names both: it goes to both; the sentence naming "Lahav and Morales" too.
    const quotes = await panel.getByTestId('split-quote').count();
    for (let index = 0; index < quotes; index++) {
      expect(await panel.getByTestId('split-quote').nth(index).getByRole('radio', { name: 'Both' }).isChecked()).toBe(true);
    }
    await panel.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await screenshotTo(review, 'review-split');
    await panel.getByTestId('split-confirm').click();
    const names = await namesIn(review);
    expect(names).not.toContain('Zohar Lahav Oren Morales');
    expect(names.indexOf('Oren Morales')).toBe(names.indexOf('Zohar Lahav') + 1);
    expect(await (await entryNamed(review, 'Oren Morales')).getByTestId('fact').count()).toBe(quotes);

    await review.getByTestId('save').click();
    await review.getByTestId('review-saved').waitFor();
    const library = await libraryOf(browser);
    expect(library).toHaveLength(2);
    const saved = library[0].bundle.entities.map((entity) => entity.name);
    expect(saved).toEqual(expect.arrayContaining(['Zohar Lahav', 'Oren Morales']));
    expect(saved).not.toContain('Zohar Lahav Oren Morales');
    await review.close();
  });

  it('captures the same page again: it offers to update those notes, adds no copy, and the card shows each quote once', async () => {
    const before = await libraryOf(browser);
    const review = await openReview(article);
    await review.getByTestId('held-notice').waitFor();
    expect(await review.getByTestId('held-notice').textContent()).toContain(`“${MAYORS_TITLE}”`);
    expect(await review.getByTestId('update-held').isChecked()).toBe(true);
    expect(await review.getByTestId('save').textContent()).toMatch(/^Update notes/);
    await review.evaluate(() => scrollTo(0, 0));
    await screenshotTo(review, 'review-update');
    await review.getByTestId('save').click();
    await review.getByTestId('review-saved').waitFor();
    expect(await review.getByTestId('review-saved').textContent()).toContain(`Updated your notes from “${MAYORS_TITLE}”`);
    await review.close();

    const after = await libraryOf(browser);
    expect(after.map(({ id }) => id)).toEqual(before.map(({ id }) => id));
    const entities = after[0].bundle.entities;
    for (const entity of entities) {
      const quotes = entity.facts.map((fact) => fact.quote);
      expect(new Set(quotes).size, entity.name).toBe(quotes.length);
    }
    // The reader's split stays: the two doctors are still two.
    expect(entities.map((entity) => entity.name)).toEqual(expect.arrayContaining(['Zohar Lahav', 'Oren Morales']));

    const later = await browser.context.newPage();
    errors.push(...collectErrors(later));
    await later.goto(`${server.origin}/later.html`);
    await waitForPageState(browser, later, (state) => state.mentions.some((mention) => mention.entityId === 'anna-berglund'), {
      what: 'Anna Berglund underlined',
    });
    await hoverText(later, 'Anna Berglund');
    await expect.poll(async () => (await cardView(later)).name).toBe('Anna Berglund');
    const { quotes } = await cardView(later);
    expect(quotes).toHaveLength(2);
    expect(new Set(quotes).size).toBe(2);
    await later.close();
  });

  it('imports an edited export: no copy, the edit taken, and the summary says what happened to each bundle', async () => {
    const options = await browser.context.newPage();
    errors.push(...collectErrors(options));
    await options.setViewportSize({ width: 900, height: 1000 });
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => options.getByTestId('bundle').count()).toBe(2);
    const download = options.waitForEvent('download');
    await options.getByTestId('export-library').click();
    const file = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as { bundles: { bundle: Bundle }[] };
    const mayors = file.bundles.find(({ bundle }) => bundle.source.title === MAYORS_TITLE)!.bundle;
    mayors.entities.find((entity) => entity.name === 'Anna Berglund')!.description = 'Mayor of Uppsala since 2019';

    const importing = async (json: unknown) => {
      await options.getByTestId('import-file').setInputFiles({ name: 'library.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
      await options.locator('[data-testid="import-result"], [data-testid="import-errors"]').first().waitFor();
    };
    await importing(file);
    const results = options.getByTestId('import-result').locator('li');
    expect(await results.evaluateAll((items) => items.map((item) => item.getAttribute('data-result')))).toEqual(['updated', 'unchanged']);
    expect(await results.first().textContent()).toContain(`“${MAYORS_TITLE}” was already in the library: it was updated`);
    await options.getByTestId('import-result').scrollIntoViewIfNeeded();
    await screenshotTo(options, 'review-import-summary');
    const library = await libraryOf(browser);
    expect(library).toHaveLength(2);
    expect(library[0].bundle.entities.find((entity) => entity.name === 'Anna Berglund')?.description).toBe('Mayor of Uppsala since 2019');

    // The same file again: nothing to do, still no copy.
    await importing(file);
    await expect
      .poll(() => options.getByTestId('import-result').locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-result'))))
      .toEqual(['unchanged', 'unchanged']);
    expect(await libraryOf(browser)).toEqual(library);

    // A JSON file of something else: said in one sentence, the details after, closed.
    await importing({ name: 'my-app', version: '1.0.0', dependencies: {} });
    await options.getByTestId('import-foreign').waitFor();
    const shown = options.getByTestId('import-errors');
    expect((await shown.innerText()).split('\n')[0]).toBe('This is not a Side Notes file. Nothing was imported.');
    expect(await shown.locator('details').evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
    expect(await shown.locator('li').first().isVisible()).toBe(false);
    await screenshotTo(options, 'review-import-foreign');
    expect(await libraryOf(browser)).toEqual(library);
    await options.close();
  });

  it('says when a page does not look like an article, and lets the reader go on', async () => {
    const directory = await browser.context.newPage();
    await directory.goto(`${server.origin}/directory.html`);
    await settledPageState(browser, directory);
    const review = await openReview(directory);
    const notice = review.getByTestId('shape-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/doesn’t look like a news article.*The capture found \d+ entries in 1 sentence/);
    expect(await review.getByTestId('review-entry').count()).toBe(0);
    expect(await review.getByTestId('save').isDisabled()).toBe(true);
    await screenshotTo(review, 'review-not-an-article');
    await review.getByTestId('go-on').click();
    await review.getByTestId('review-entry').first().waitFor();
    expect(await review.getByTestId('save').isDisabled()).toBe(false);
    await review.close();
    await directory.close();
  });

  it('says plainly, in the popup, that a PDF cannot be read', async () => {
    const pdf = await browser.context.newPage();
    await pdf.goto(`${server.origin}/report.pdf`);
    const { popup } = await openPopupFor(browser, pdf);
    errors.push(...collectErrors(popup));
    const message = popup.getByTestId('unreadable-file');
    await message.waitFor();
    expect(await message.textContent()).toContain('This tab shows a PDF file, not a web page: Side Notes can\'t read it');
    expect(await popup.locator('body').textContent()).not.toContain('Nothing from your notes is named on this page');
    expect(await popup.getByTestId('take-notes').isDisabled()).toBe(true);
    await screenshotTo(popup, 'review-popup-pdf');
    await popup.close();
    await pdf.close();
  });

  it('raised no errors on the extension’s pages', () => {
    expect(errors).toEqual([]);
  });
});
