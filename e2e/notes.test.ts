/**
 * Notes from a selection, the reader's own notes, and editing a bundle later (issue 17), end to end in Chromium:
 * a passage selected on a page (a Range in the page) and the "Add to Side Notes" shortcut open the add-note page;
 * Esc leaves no trace; Save puts the verbatim quote, with the page as its source, on the entity chosen (named in the
 * passage, found in the notes, or new), and the card on another page shows it. An own note written in the add-note
 * page and in the popup shows on the card as "Your note", the popup's search finds it by a word only it holds, and it
 * goes through an export into a fresh profile. "Edit" in the notes library opens the captured bundle in the review
 * page; a rename and a dropped quote reach the card.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as extensionApi } from 'wxt/browser';
import type { Bundle } from '../utils/bundle/schema';
import type { LibraryIndex } from '../utils/library/store';
import type { ReaderNote } from '../utils/library/reader-notes-read';
import { launchWithExtension, settledPageState, type ExtensionBrowser } from './support/browser';
import { followUpPage, vilniusArticle, VILNIUS_TITLE } from './support/capture-pages';
import { cardView, collectErrors, hoverText, openPopupFor, screenshotTo, waitForPageState } from './support/journeys';
import { bindShortcut, pressShortcut } from './support/keys';
import { startPageServer, type PageServer } from './support/pages';

type Chrome = typeof extensionApi;

const KEY = 'Alt+Shift+N';
const STOLTENBERG_PARAGRAPH =
  'NATO Secretary General Stoltenberg told reporters that the alliance would triple the number of troops on high readiness along its eastern flank.';
/** A part of that paragraph that names nobody. */
const TROOPS = 'the alliance would triple the number of troops on high readiness along its eastern flank';
const NIINISTO_PARAGRAPH =
  'Finnish President Sauli Niinisto attended his first summit as the leader of a member state, after Finland joined the alliance in April.';
const NIINISTO_NOTE = 'Sauna diplomacy, he calls it.';
const STOLTENBERG_NOTE = 'Keeps a rowing machine in his office.';

/** Everything the extension keeps in `storage.local`. */
function storageOf(browser: ExtensionBrowser): Promise<Record<string, unknown>> {
  return browser.worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get(null));
}

async function libraryOf(browser: ExtensionBrowser): Promise<{ index: LibraryIndex; bundles: Bundle[]; notes: ReaderNote[] }> {
  const stored = await storageOf(browser);
  const index = stored.library as LibraryIndex;
  return {
    index,
    bundles: index.entries.map((entry) => stored[`bundle:${entry.id}`] as Bundle),
    notes: ((stored.readerNotes as { notes?: ReaderNote[] } | undefined)?.notes ?? []) as ReaderNote[],
  };
}

/** Selects text on the page with a Range: a whole paragraph, or `part` of it. */
async function select(page: Page, paragraph: string, part?: string): Promise<void> {
  await page.evaluate(
    ({ paragraph, part }) => {
      const element = [...document.querySelectorAll('p')].find((candidate) => candidate.textContent === paragraph);
      if (!element) throw new Error(`no paragraph "${paragraph}"`);
      const range = document.createRange();
      if (part) {
        const text = element.firstChild as Text;
        const at = text.data.indexOf(part);
        range.setStart(text, at);
        range.setEnd(text, at + part.length);
      } else {
        range.selectNodeContents(element);
      }
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    },
    { paragraph, part },
  );
}

describe('notes from a selection, the reader’s own notes, editing later', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let article: Page;
  let after: Page;
  let exported: string;
  const errors: string[] = [];
  /** Requests other than the test's own pages and the extension's files: none of this fetches anything. */
  const requests: string[] = [];

  /** Selects, presses the shortcut, and returns the add-note page that opens, at the size of its window. */
  async function addNoteFor(paragraph: string, part?: string): Promise<Page> {
    await article.bringToFront();
    await select(article, paragraph, part);
    const opened = browser.context.waitForEvent('page', (page) => page.url().includes('/add-note.html'));
    await pressShortcut(article, KEY);
    const page = await opened;
    errors.push(...collectErrors(page));
    await page.setViewportSize({ width: 560, height: 720 });
    await page.getByTestId('add-note-quote').waitFor({ state: 'visible' });
    return page;
  }

  const choiceNames = (page: Page) => page.getByTestId('add-note-choice').locator('.add-note__choice-name').allTextContents();

  /** Hovers a name on the "after" page and waits for its card. */
  async function cardFor(text: string, name: string) {
    await after.bringToFront();
    await after.mouse.move(5, 5);
    await expect.poll(async () => (await cardView(after)).open).toBe(false);
    await hoverText(after, text);
    await expect.poll(async () => (await cardView(after)).name).toBe(name);
    return cardView(after);
  }

  beforeAll(async () => {
    server = await startPageServer();
    server.pages.set('/vilnius.html', vilniusArticle());
    server.pages.set('/after.html', followUpPage());
    browser = await launchWithExtension();
    browser.context.on('request', (request) => {
      const url = request.url();
      if (url.startsWith(`${server.origin}/`) && request.isNavigationRequest()) return;
      if (url.startsWith(`chrome-extension://${browser.extensionId}/`) || url === `${server.origin}/favicon.ico`) return;
      if (url.startsWith('chrome://')) return;
      requests.push(`${request.method()} ${url}`);
    });
    article = await browser.context.newPage();
    errors.push(...collectErrors(article));
    await article.goto(`${server.origin}/vilnius.html`);
    await settledPageState(browser, article);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('gives "Add to Side Notes" a key (Chrome suggests none: four is its limit), and lists it in the options', async () => {
    expect(await bindShortcut(browser, 'add-selection', KEY)).toBe(KEY);
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByTestId('keyboard').locator('kbd', { hasText: KEY }).waitFor();
    expect(await options.getByTestId('keyboard').textContent()).toContain('Add the selected passage to Side Notes');
    await options.close();
  });

  it('opens the add-note page with the passage verbatim, its source and the entities it names; Esc leaves no trace', async () => {
    const before = await storageOf(browser);
    const page = await addNoteFor(STOLTENBERG_PARAGRAPH);
    expect(await page.getByTestId('add-note-quote').textContent()).toBe(STOLTENBERG_PARAGRAPH);
    expect(await page.getByTestId('add-note-source').textContent()).toBe(`From ${VILNIUS_TITLE}, The Baltic Courier, 11 July 2023`);
    expect(await choiceNames(page)).toEqual(['NATO', 'Jens Stoltenberg']);
    // The first one named is chosen, and has focus.
    const first = page.getByTestId('add-note-choice').first().locator('input');
    expect(await first.isChecked()).toBe(true);
    expect(await first.evaluate((input) => input === document.activeElement)).toBe(true);
    const closed = page.waitForEvent('close');
    // The page closes on the key's way down: the rest of the press has no page left to reach.
    await page.keyboard.press('Escape').catch(() => {});
    await closed;
    expect(await storageOf(browser)).toEqual(before);
  });

  it('says so when nothing is selected, and writes nothing', async () => {
    const before = await storageOf(browser);
    await article.bringToFront();
    await article.evaluate(() => getSelection()!.removeAllRanges());
    const opened = browser.context.waitForEvent('page', (page) => page.url().includes('/add-note.html'));
    await pressShortcut(article, KEY);
    const page = await opened;
    errors.push(...collectErrors(page));
    await page.getByTestId('add-note-error').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Nothing is selected.');
    const closed = page.waitForEvent('close');
    await page.getByRole('button', { name: 'Close' }).click();
    await closed;
    expect(await storageOf(browser)).toEqual(before);
  });

  it('saves the quote on the entity chosen, in a new bundle for the page', async () => {
    const page = await addNoteFor(STOLTENBERG_PARAGRAPH);
    await page.getByTestId('add-note-choice').filter({ hasText: 'Jens Stoltenberg' }).click();
    await screenshotTo(page, 'add-note-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshotTo(page, 'add-note-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    const closed = page.waitForEvent('close');
    await page.getByTestId('add-note-save').click();
    await closed;

    const { index, bundles } = await libraryOf(browser);
    expect(index.entries.map((entry) => [entry.enabled, entry.builtIn])).toEqual([
      [true, false],
      [true, true],
    ]);
    const saved = bundles[0];
    expect(saved.source).toEqual({ title: VILNIUS_TITLE, date: '2023-07-11', publisher: 'The Baltic Courier', url: `${server.origin}/vilnius.html` });
    expect(saved.entities).toHaveLength(1);
    expect(saved.entities[0]).toMatchObject({ id: 'jens-stoltenberg', name: 'Jens Stoltenberg', kind: 'person' });
    expect(saved.entities[0].facts.map((fact) => fact.quote)).toEqual([STOLTENBERG_PARAGRAPH]);
    expect(saved.entities[0].facts[0].start).toBeGreaterThan(0);
  });

  it('shows the quote on the entity’s card on another page, with the page as its source', async () => {
    after = await browser.context.newPage();
    errors.push(...collectErrors(after));
    await after.goto(`${server.origin}/after.html`);
    await settledPageState(browser, after);
    const card = await cardFor('Jens Stoltenberg', 'Jens Stoltenberg');
    expect(card.quotes[0]).toBe(STOLTENBERG_PARAGRAPH);
    expect(card.text).toContain(`From ${VILNIUS_TITLE}, The Baltic Courier, 11 July 2023`);
    expect(card.text).toContain('NATO and the US seek military aid to Ukraine from South Korea');
  });

  it('puts a passage that names nobody on an entity found with the search, in the page’s bundle', async () => {
    const page = await addNoteFor(STOLTENBERG_PARAGRAPH, TROOPS);
    expect(await choiceNames(page)).toEqual([]);
    expect(await page.getByTestId('add-note-new').locator('input').isChecked()).toBe(true);
    await page.getByRole('combobox', { name: 'Find another entity in your notes' }).fill('stoltenbrg');
    await page.getByTestId('add-note-result').first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => choiceNames(page)).toEqual(['Jens Stoltenberg']);
    expect(await page.getByTestId('add-note-choice').locator('input').isChecked()).toBe(true);
    const closed = page.waitForEvent('close');
    await page.getByTestId('add-note-save').click();
    await closed;
    const { bundles } = await libraryOf(browser);
    expect(bundles).toHaveLength(2);
    expect(bundles[0].entities[0].facts.map((fact) => fact.quote)).toEqual([STOLTENBERG_PARAGRAPH, TROOPS]);
  });

  it('creates a new entity with the reader’s own note; it is underlined on a page naming it, its card shows both', async () => {
    const page = await addNoteFor(NIINISTO_PARAGRAPH);
    expect(await choiceNames(page)).toEqual([]);
    await page.getByTestId('new-name').fill('Sauli Niinisto');
    await page.getByTestId('new-kind').selectOption('person');
    await page.getByTestId('new-description').fill('President of Finland');
    await page.getByTestId('own-note').fill(NIINISTO_NOTE);
    await screenshotTo(page, 'add-note-new-entity');
    const closed = page.waitForEvent('close');
    await page.getByTestId('add-note-save').click();
    await closed;

    const { bundles, notes } = await libraryOf(browser);
    expect(bundles[0].entities.map((entity) => entity.id)).toEqual(['jens-stoltenberg', 'sauli-niinisto']);
    expect(bundles[0].entities[1]).toMatchObject({ description: 'President of Finland', facts: [{ quote: NIINISTO_PARAGRAPH }] });
    expect(notes).toMatchObject([{ kind: 'person', key: 'sauli niinisto', text: NIINISTO_NOTE }]);

    await after.reload();
    await waitForPageState(browser, after, (state) => state.mentions.some((mention) => mention.entityId === 'sauli-niinisto'), {
      what: 'the new entity underlined',
    });
    const card = await cardFor('Niinistö', 'Sauli Niinisto');
    expect(card.quotes).toEqual([NIINISTO_PARAGRAPH]);
    expect(card.ownNote).toBe(NIINISTO_NOTE);
    expect(card.text).toContain('President of Finland');
    await screenshotTo(after, 'notes-card-your-note');
  });

  it('writes an own note from the popup’s card; the page’s card shows it as the reader’s, the search finds it', async () => {
    const { popup } = await openPopupFor(browser, after);
    errors.push(...collectErrors(popup));
    await popup.getByTestId('search').fill('stoltenberg');
    await popup.locator('section[aria-busy="false"]').waitFor();
    await popup.keyboard.press('Enter');
    await popup.getByTestId('entity-card').waitFor();
    await popup.getByTestId('own-note-edit').click();
    await popup.getByTestId('own-note-text').fill(STOLTENBERG_NOTE);
    await screenshotTo(popup, 'notes-popup-note-form');
    await popup.getByTestId('own-note-save').click();
    await popup.getByTestId('card-own-note').waitFor();
    expect(await popup.getByTestId('card-own-note').textContent()).toBe(`Your note${STOLTENBERG_NOTE}`);
    await screenshotTo(popup, 'notes-popup-your-note');
    // The card and the note's button fit the popup (600 px at most): nothing scrolls.
    expect(await popup.evaluate(() => document.documentElement.scrollHeight <= innerHeight)).toBe(true);

    // A word only the note holds.
    await popup.getByTestId('back').click();
    await popup.getByTestId('search').fill('rowing');
    await popup.locator('section[aria-busy="false"]').waitFor();
    const first = popup.getByTestId('result').first();
    await first.waitFor();
    expect(await first.locator('.sn-list__name').textContent()).toBe('Jens Stoltenberg');
    expect(await first.getByTestId('match').textContent()).toBe(`Your note: ${STOLTENBERG_NOTE}`);
    await popup.close();

    const card = await cardFor('Jens Stoltenberg', 'Jens Stoltenberg');
    expect(card.ownNote).toBe(STOLTENBERG_NOTE);
    expect(card.quotes).not.toContain(STOLTENBERG_NOTE);
  });

  it('exports the notes with the library, and imports them into a fresh profile', async () => {
    const options = await browser.context.newPage();
    errors.push(...collectErrors(options));
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => options.getByTestId('bundle').count()).toBe(2);
    const download = options.waitForEvent('download');
    await options.getByTestId('export-library').click();
    exported = readFileSync(await (await download).path(), 'utf8');
    const file = JSON.parse(exported) as { schemaVersion: number; readerNotes: ReaderNote[] };
    expect(file.schemaVersion).toBe(2);
    expect(file.readerNotes.map((note) => note.text).sort()).toEqual([NIINISTO_NOTE, STOLTENBERG_NOTE].sort());
    await options.close();

    const { bundles, notes } = await libraryOf(browser);
    const fresh = await launchWithExtension();
    try {
      const page = await fresh.context.newPage();
      await page.goto(`chrome-extension://${fresh.extensionId}/options.html`);
      await page.getByTestId('import-file').setInputFiles({ name: 'library.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
      await page.getByTestId('import-result').waitFor({ state: 'visible' });
      expect(await page.getByTestId('import-notes').textContent()).toBe('Your own notes: 2 of your notes were added.');
      const imported = await libraryOf(fresh);
      expect(imported.bundles).toEqual(bundles);
      expect(imported.notes).toEqual(notes);

      const seed = await fresh.context.newPage();
      await seed.goto(`${server.origin}/after.html`);
      await settledPageState(fresh, seed);
      const { popup } = await openPopupFor(fresh, seed);
      await popup.getByTestId('search').fill('sauna');
      await popup.locator('section[aria-busy="false"]').waitFor();
      await popup.getByTestId('result').first().waitFor();
      expect(await popup.getByTestId('result').first().locator('.sn-list__name').textContent()).toBe('Sauli Niinisto');
    } finally {
      await fresh.close();
    }
  });

  it('edits the captured bundle later from the notes library: a rename and a dropped quote reach the card', async () => {
    const before = await libraryOf(browser);
    const options = await browser.context.newPage();
    errors.push(...collectErrors(options));
    await options.setViewportSize({ width: 900, height: 1000 });
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const row = options.getByTestId('bundle').filter({ hasText: VILNIUS_TITLE });
    // The built-in bundle offers no Edit: an update would write it again.
    expect(await options.getByTestId('bundle').filter({ hasText: 'NATO and the US' }).getByTestId('edit-bundle').count()).toBe(0);
    const opened = browser.context.waitForEvent('page', (page) => page.url().includes('/review.html'));
    await row.getByTestId('edit-bundle').click();
    const review = await opened;
    errors.push(...collectErrors(review));
    await review.setViewportSize({ width: 900, height: 1000 });
    await review.getByTestId('review-entry').first().waitFor({ state: 'visible' });
    expect(await review.locator('h1').textContent()).toBe('Edit notes');
    expect(await review.getByTestId('name').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toEqual([
      'Jens Stoltenberg',
      'Sauli Niinisto',
    ]);
    // Jens Stoltenberg's description is the seed's, written into the page's bundle with the first quote; the new
    // entity's is the reader's line.
    expect(await review.getByTestId('description').first().inputValue()).toBe(
      'Secretary General of NATO, who urged South Korea to send weapons to Ukraine',
    );
    expect(await review.getByTestId('description').nth(1).inputValue()).toBe('President of Finland');

    const niinisto = review.getByTestId('review-entry').nth(1).getByTestId('name');
    await niinisto.fill('Sauli Väinämö Niinistö');
    await niinisto.press('Tab');
    const stoltenberg = review.getByTestId('review-entry').first();
    expect(await stoltenberg.getByTestId('fact').count()).toBe(2);
    await stoltenberg.getByTestId('expand').click();
    await stoltenberg.getByTestId('drop-fact').last().click();
    expect(await stoltenberg.getByTestId('fact').count()).toBe(1);
    await screenshotTo(review, 'notes-review-edit');
    await review.getByTestId('save').click();
    await review.getByTestId('review-saved').waitFor({ state: 'visible' });
    expect(await review.getByTestId('review-saved').textContent()).toContain(`Saved your changes to “${VILNIUS_TITLE}”`);

    const now = await libraryOf(browser);
    expect(now.index).toEqual(before.index);
    expect(now.bundles[0].id).toBe(before.bundles[0].id);
    expect(now.bundles[0].entities.map((entity) => entity.name)).toEqual(['Jens Stoltenberg', 'Sauli Väinämö Niinistö']);
    expect(now.bundles[0].entities[0].facts.map((fact) => fact.quote)).toEqual([STOLTENBERG_PARAGRAPH]);

    await after.bringToFront();
    await waitForPageState(browser, after, (state) => state.mentions.some((mention) => mention.name === 'Sauli Väinämö Niinistö'), {
      what: 'the renamed entity',
    });
    const renamed = await cardFor('Niinistö', 'Sauli Väinämö Niinistö');
    // The own note follows the entity through the rename (its old name is now an alias).
    expect(renamed.ownNote).toBe(NIINISTO_NOTE);
    const card = await cardFor('Jens Stoltenberg', 'Jens Stoltenberg');
    expect(card.quotes).toContain(STOLTENBERG_PARAGRAPH);
    expect(card.quotes).not.toContain(TROOPS);
    await options.close();
    await review.close();
  });

  it('raised no errors on the pages and the extension’s pages, and made no request', () => {
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });
});
