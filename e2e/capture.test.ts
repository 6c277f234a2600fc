/**
 * "Take notes from this page", end to end: the capture-draft contract, the review page (rename one entry, remove
 * one, merge two), Save; the new notes underlined on another page, with the captured quote and its attribution in
 * the card, and a card merged with the seed's; the notes library; export, then import into a fresh profile; a
 * malformed import refused whole.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as extensionApi } from 'wxt/browser';
import type { CaptureDraft } from '../utils/capture/types';
import type { LibraryIndex } from '../utils/library/store';
import { launchWithExtension, settledPageState, tabIdOf, type ExtensionBrowser } from './support/browser';
import { followUpPage, malformedLibraryFile, vilniusArticle, VILNIUS_TITLE } from './support/capture-pages';
import { cardView, collectErrors, hoverText, openPopupFor, screenshotTo, waitForPageState } from './support/journeys';
import { startPageServer, type PageServer } from './support/pages';

type Chrome = typeof extensionApi;

/** Everything the extension keeps in `storage.local`. */
function storageOf(browser: ExtensionBrowser): Promise<Record<string, unknown>> {
  return browser.worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get(null));
}

/** The library as stored: each entry with its bundle. */
async function libraryOf(browser: ExtensionBrowser) {
  const stored = await storageOf(browser);
  return (stored.library as LibraryIndex).entries.map((entry) => ({ entry, bundle: stored[`bundle:${entry.id}`] }));
}

async function askDraft(browser: ExtensionBrowser, page: Page): Promise<CaptureDraft> {
  const tabId = await tabIdOf(browser, page);
  return browser.worker.evaluate(
    (tabId) => (globalThis as unknown as { chrome: Chrome }).chrome.tabs.sendMessage(tabId, { type: 'side-notes:capture-draft' }),
    tabId,
  ) as Promise<CaptureDraft>;
}

describe('taking notes from an article', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let article: Page;
  let review: Page;
  let contractDraft: CaptureDraft;
  let exported: string;
  const errors: string[] = [];
  /** Requests other than the test's own pages and the extension's files: the capture reads the page, fetches nothing. */
  const requests: string[] = [];

  /** The review page's entry whose name field holds `name`. */
  async function entry(name: string) {
    const names = await review.getByTestId('name').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    const index = names.indexOf(name);
    if (index < 0) throw new Error(`no entry named "${name}" in ${JSON.stringify(names)}`);
    return review.getByTestId('review-entry').nth(index);
  }
  const entryNames = () => review.getByTestId('name').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));

  beforeAll(async () => {
    server = await startPageServer();
    server.pages.set('/vilnius.html', vilniusArticle());
    server.pages.set('/after.html', followUpPage());
    browser = await launchWithExtension();
    browser.context.on('request', (request) => {
      const url = request.url();
      if (url.startsWith(`${server.origin}/`) && request.isNavigationRequest()) return;
      if (url.startsWith(`chrome-extension://${browser.extensionId}/`) || url === `${server.origin}/favicon.ico`) return;
      requests.push(`${request.method()} ${url}`);
    });
    article = await browser.context.newPage();
    await article.goto(`${server.origin}/vilnius.html`);
    await settledPageState(browser, article);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('answers the capture-draft contract with the draft, verbatim quotes, and saves nothing', async () => {
    const before = await storageOf(browser);
    contractDraft = await askDraft(browser, article);
    expect(contractDraft.source).toEqual({
      url: `${server.origin}/vilnius.html`,
      title: VILNIUS_TITLE,
      site: 'The Baltic Courier',
      published: '2023-07-11T08:00:00Z',
    });
    const names = contractDraft.entities.map((entity) => entity.name);
    expect(names).toEqual(expect.arrayContaining(['Gitanas Nauseda', 'Sauli Niinisto', 'Vilnius', 'OSCE', 'Spain', 'Jens Stoltenberg']));
    // A name the reader's notes already hold comes back under the notes' name.
    expect(contractDraft.entities.find((entity) => entity.name === 'Jens Stoltenberg')?.aliases).toEqual(['Stoltenberg']);
    const html = vilniusArticle();
    expect(contractDraft.entities.find((entity) => entity.name === 'OSCE')?.kind).toBe('organisation');
    for (const entity of contractDraft.entities) {
      expect(Object.keys(entity).sort()).toEqual(expect.arrayContaining(['aliases', 'facts', 'kind', 'kindReason', 'name']));
      expect(entity.kindReason, entity.name).toMatch(/\S/);
      for (const { quote } of entity.facts) expect(html).toContain(quote);
    }
    expect(await storageOf(browser)).toEqual(before);
  });

  it('opens the review page from the popup, with the same draft', async () => {
    const { popup } = await openPopupFor(browser, article);
    const opened = browser.context.waitForEvent('page', (page) => page.url().includes('/review.html'));
    await popup.getByTestId('take-notes').click();
    review = await opened;
    errors.push(...collectErrors(review));
    await review.setViewportSize({ width: 900, height: 1000 });
    await review.getByTestId('review-entry').first().waitFor({ state: 'visible' });
    expect(await entryNames()).toEqual(contractDraft.entities.map((entity) => entity.name));
    expect(await review.getByTestId('source-title').inputValue()).toBe(VILNIUS_TITLE);
    // Each entry's kind is the draft's, with the capture's reason for it beside it.
    const kinds = await review.getByTestId('kind').evaluateAll((selects) => selects.map((select) => (select as HTMLSelectElement).value));
    expect(kinds).toEqual(contractDraft.entities.map((entity) => entity.kind));
    expect(await review.getByTestId('kind-reason').allTextContents()).toEqual(contractDraft.entities.map((entity) => entity.kindReason));
  });

  it('cancelling leaves no trace', async () => {
    const before = await storageOf(browser);
    const { popup } = await openPopupFor(browser, article);
    const opened = browser.context.waitForEvent('page', (page) => page.url().includes('/review.html'));
    await popup.getByTestId('take-notes').click();
    const second = await opened;
    await second.getByTestId('review-entry').first().waitFor({ state: 'visible' });
    await second.getByTestId('remove').first().click();
    const closed = second.waitForEvent('close');
    await second.getByTestId('cancel').click();
    await closed;
    expect(await storageOf(browser)).toEqual(before);
  });

  it('renames one entry, removes one, merges two, and saves them as a bundle', async () => {
    const rename = (await entry('Sauli Niinisto')).getByTestId('name');
    await rename.fill('Sauli Väinämö Niinistö');
    await rename.press('Tab');
    // The old name stays an alias: the article, and pages like it, write it so.
    expect(await (await entry('Sauli Väinämö Niinistö')).getByTestId('aliases').textContent()).toContain('Sauli Niinisto');

    await (await entry('Spain')).getByTestId('remove').click();
    expect(await entryNames()).not.toContain('Spain');

    // The capture splits the OSCE's full name (cut before "in Europe") from its acronym: put the name right, merge.
    const organisation = (await entry('Organization for Security and Co-operation')).getByTestId('name');
    await organisation.fill('Organization for Security and Co-operation in Europe');
    await organisation.press('Tab');
    await (await entry('Organization for Security and Co-operation in Europe')).getByTestId('select').check();
    await (await entry('OSCE')).getByTestId('select').check();
    await review.getByTestId('merge').click();
    expect(await entryNames()).not.toContain('OSCE');
    const merged = await entry('Organization for Security and Co-operation in Europe');
    expect(await merged.getByTestId('aliases').textContent()).toContain('OSCE');
    expect(await merged.getByTestId('fact').count()).toBe(1);

    // Dropping a quote: Vilnius has two.
    const vilnius = await entry('Vilnius');
    expect(await vilnius.getByTestId('fact').count()).toBe(2);
    await vilnius.getByTestId('drop-fact').last().click();
    expect(await vilnius.getByTestId('fact').count()).toBe(1);
    expect(await vilnius.getByTestId('drop-fact').isDisabled()).toBe(true);

    await review.evaluate(() => window.scrollTo(0, 0));
    await screenshotTo(review, 'capture-review');
    const count = (await entryNames()).length;
    await review.getByTestId('save').click();
    await review.getByTestId('review-saved').waitFor({ state: 'visible' });
    await screenshotTo(review, 'capture-saved');

    const library = await libraryOf(browser);
    expect(library).toHaveLength(2);
    const saved = library[0].bundle as {
      id: string;
      source: Record<string, unknown>;
      entities: { id: string; name: string; kind: string; aliases: { text: string }[]; facts: { quote: string }[] }[];
    };
    expect(saved.source).toEqual({ title: VILNIUS_TITLE, date: '2023-07-11', publisher: 'The Baltic Courier', url: `${server.origin}/vilnius.html` });
    expect(saved.entities).toHaveLength(count);
    expect(saved.entities.map((entity) => entity.name)).not.toContain('Spain');
    // Kinds reach the bundle as the capture drafted them: the reader changed none.
    const drafted = new Map(contractDraft.entities.map((entity) => [entity.name, entity.kind]));
    for (const entity of saved.entities) if (drafted.has(entity.name)) expect(entity.kind, entity.name).toBe(drafted.get(entity.name));
    expect(saved.entities.find((entity) => entity.name === 'Organization for Security and Co-operation in Europe')?.kind).toBe('organisation');
    const osce = saved.entities.find((entity) => entity.id === 'organization-for-security-and-co-operation-in-europe')!;
    expect(osce.aliases.map((alias) => alias.text)).toEqual(expect.arrayContaining(['OSCE', 'Organization for Security and Co-operation']));
    expect(saved.entities.find((entity) => entity.id === 'sauli-vainamo-niinisto')?.name).toBe('Sauli Väinämö Niinistö');
  });

  it('underlines the new notes on another page; their card shows the captured quote with its attribution', async () => {
    const page = await browser.context.newPage();
    errors.push(...collectErrors(page));
    await page.goto(`${server.origin}/after.html`);
    const state = await waitForPageState(browser, page, (s) => s.mentions.some((m) => m.entityId === 'organization-for-security-and-co-operation-in-europe'), {
      what: 'the captured OSCE underlined',
    });
    const named = new Set(state.mentions.map((mention) => mention.entityId));
    for (const id of ['organization-for-security-and-co-operation-in-europe', 'vilnius', 'gitanas-nauseda', 'sauli-vainamo-niinisto', 'jens-stoltenberg']) {
      expect(named, id).toContain(id);
    }
    expect(named).not.toContain('spain');

    await hoverText(page, 'OSCE');
    await expect.poll(async () => (await cardView(page)).name).toBe('Organization for Security and Co-operation in Europe');
    const card = await cardView(page);
    expect(card.quotes).toEqual([
      'The Organization for Security and Co-operation in Europe sent observers to the summit, and the OSCE said it would publish their report in September.',
    ]);
    expect(card.text).toContain(`From ${VILNIUS_TITLE}, 11 July 2023`);
    await screenshotTo(page, 'capture-card');

    // Stoltenberg: the seed's notes and the capture's, one card, the newer article first.
    await page.mouse.move(5, 5);
    await expect.poll(async () => (await cardView(page)).open).toBe(false);
    await hoverText(page, 'Jens Stoltenberg');
    await expect.poll(async () => (await cardView(page)).name).toBe('Jens Stoltenberg');
    const stoltenberg = await cardView(page);
    expect(stoltenberg.text).toContain('NATO Secretary General');
    expect(stoltenberg.quotes[0]).toBe(
      'NATO Secretary General Stoltenberg told reporters that the alliance would triple the number of troops on high readiness along its eastern flank.',
    );
    const attributions = stoltenberg.text.match(/From (?:(?!From ).)+?, \d{1,2} \w+ \d{4}/g) ?? [];
    expect(attributions[0]).toContain(`${VILNIUS_TITLE}, The Baltic Courier, 11 July 2023`);
    expect(attributions[1]).toContain('NATO and the US seek military aid to Ukraine from South Korea');
    await screenshotTo(page, 'capture-merged-card');
  });

  it('finds the captured notes in the popup’s search', async () => {
    const { popup } = await openPopupFor(browser, article);
    await popup.getByTestId('search').fill('observers report');
    await popup.locator('section[aria-busy="false"]').waitFor();
    await popup.getByTestId('result').first().waitFor({ state: 'visible' });
    expect(await popup.getByTestId('result').first().locator('.sn-list__name').textContent()).toBe(
      'Organization for Security and Co-operation in Europe',
    );
    await popup.close();
  });

  it('lists both bundles in the notes library and exports the library as JSON', async () => {
    const options = await browser.context.newPage();
    errors.push(...collectErrors(options));
    await options.setViewportSize({ width: 900, height: 1000 });
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => options.getByTestId('bundle').count()).toBe(2);
    const rows = await options.getByTestId('bundle').allTextContents();
    expect(rows[0]).toContain(VILNIUS_TITLE);
    expect(rows[0]).toContain('The Baltic Courier');
    expect(rows[0]).toContain('11 July 2023');
    await options.locator('#library-heading').scrollIntoViewIfNeeded();
    await screenshotTo(options, 'capture-library');
    const download = options.waitForEvent('download');
    await options.getByTestId('export-library').click();
    exported = readFileSync(await (await download).path(), 'utf8');
    expect(JSON.parse(exported)).toMatchObject({ format: 'side-notes-library', schemaVersion: 1 });
    await options.close();
  });

  it('imports the export into a fresh profile, giving the same library; a malformed file changes nothing', async () => {
    const before = await libraryOf(browser);
    const fresh = await launchWithExtension();
    try {
      const options = await fresh.context.newPage();
      await options.setViewportSize({ width: 900, height: 1000 });
      await options.goto(`chrome-extension://${fresh.extensionId}/options.html`);
      await expect.poll(() => options.getByTestId('bundle').count()).toBe(1);

      const unchanged = await storageOf(fresh);
      await options.getByTestId('import-file').setInputFiles({
        name: 'broken.json',
        mimeType: 'application/json',
        buffer: Buffer.from(malformedLibraryFile(before[0].bundle)),
      });
      await options.getByTestId('import-errors').waitFor({ state: 'visible' });
      const shown = await options.getByTestId('import-errors').locator('li').allTextContents();
      expect(shown).toContain('bundles[1].bundle.id: ids are kebab-case: a-z, 0-9 and -');
      expect(shown.some((error) => error.startsWith('bundles[1].bundle.entities[0].kind: '))).toBe(true);
      expect(shown).toContain('bundles[1].bundle.entities[0].facts: every entity needs at least one fact');
      await screenshotTo(options, 'capture-import-errors');
      expect(await storageOf(fresh)).toEqual(unchanged);

      await options.getByTestId('import-file').setInputFiles({ name: 'library.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
      await options.getByTestId('import-result').waitFor({ state: 'visible' });
      await expect.poll(() => options.getByTestId('bundle').count()).toBe(2);
      expect(await libraryOf(fresh)).toEqual(before);
    } finally {
      await fresh.close();
    }
  });

  it('raised no errors on the extension’s pages, and made no request', () => {
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });
});
