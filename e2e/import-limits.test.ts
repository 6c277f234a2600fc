/**
 * Bad and huge input on the options page (README, "Import limits"): a ~50 MB library file is read and checked with
 * a progress bar while the page keeps drawing frames, and can be cancelled; a damaged 50 MB file gives its error; a
 * storage that refuses the write (full) is said as such, and the notes already saved stay as they were.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './support/browser';
import { collectErrors } from './support/journeys';
import { until } from './support/patience';

const SEED = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'assets', 'bundles', 'nato-south-korea-2023.json'), 'utf8')) as {
  id: string;
  source: { title: string };
};

/** How many articles make the big file: ~52 MB written as an export is (indented JSON). */
const ARTICLES = 800;

/** A library file of `count` articles, each the seed bundle under an id and title of its own, as exports write it. */
function libraryText(count: number): string {
  const bundles = Array.from({ length: count }, (_, i) => ({
    enabled: false,
    bundle: { ...SEED, id: `generated-${i}`, source: { ...SEED.source, title: `${SEED.source.title} (${i + 1})` } },
  }));
  return JSON.stringify({ format: 'side-notes-library', schemaVersion: 1, exportedAt: new Date().toISOString(), bundles }, null, 2);
}

/** The library's entry ids and the stored bundle keys, as the service worker reads them. */
function stored(browser: ExtensionBrowser): Promise<{ entries: string[]; bundleKeys: string[] }> {
  return browser.worker.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    const all = await chrome.storage.local.get(null);
    const library = all.library as { entries: { id: string }[] };
    return { entries: library.entries.map((entry) => entry.id), bundleKeys: Object.keys(all).filter((key) => key.startsWith('bundle:')).sort() };
  });
}

/**
 * Counts the frames the page draws, by what the import's progress says when each is drawn ("Reading", "Checking",
 * "Saving", or "idle"), and the longest wait between two frames, from now on: a page that is frozen draws none.
 */
function startFrameMeter(page: Page): Promise<void> {
  return page.evaluate(() => {
    const meter = { byStep: {} as Record<string, number>, longestGapMs: 0, last: performance.now() };
    (window as unknown as { meter: typeof meter }).meter = meter;
    const frame = (now: number) => {
      meter.longestGapMs = Math.max(meter.longestGapMs, now - meter.last);
      meter.last = now;
      const text = document.querySelector('[data-testid="import-progress"]')?.textContent ?? '';
      const step = /^(Reading|Checking|Saving)/.exec(text)?.[1] ?? 'idle';
      meter.byStep[step] = (meter.byStep[step] ?? 0) + 1;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

const meter = (page: Page) =>
  page.evaluate(() => (window as unknown as { meter: { byStep: Record<string, number>; longestGapMs: number } }).meter);

describe('importing bad and huge files', () => {
  let browser: ExtensionBrowser;
  let options: Page;
  let errors: string[];
  const dir = mkdtempSync(join(tmpdir(), 'side-notes-import-'));
  const big = join(dir, 'library-50mb.json');
  const damaged = join(dir, 'damaged-50mb.json');
  let bigBytes = 0;

  beforeAll(async () => {
    const text = libraryText(ARTICLES);
    bigBytes = Buffer.byteLength(text);
    writeFileSync(big, text);
    // Cut off before its end: not JSON.
    writeFileSync(damaged, text.slice(0, text.length - 1000));
    browser = await launchWithExtension();
    options = await browser.context.newPage();
    errors = collectErrors(options);
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByTestId('bundle').first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows progress and can be cancelled, leaving the library as it was', async () => {
    const before = await stored(browser);
    await options.getByTestId('import-file').setInputFiles(big);
    await options.getByTestId('import-cancel').click();
    await options.getByTestId('import-cancelled').waitFor();
    expect(await options.getByTestId('import-progress').count()).toBe(0);
    expect(await stored(browser)).toEqual(before);
  });

  it('imports a ~50 MB file with a progress bar while the page keeps drawing frames', async () => {
    expect(bigBytes).toBeGreaterThan(48 * 1024 * 1024);
    await options.bringToFront();
    await startFrameMeter(options);
    await options.getByTestId('import-file').setInputFiles(big);
    const progress = options.getByTestId('import-progress');
    // The bar moves through the file, then through the articles, each step said in words.
    await until(async () => new RegExp(`Checking the notes: \\d[\\d,]* of ${ARTICLES} articles`).test((await progress.textContent()) ?? ''), 'checking progress');
    await progress.scrollIntoViewIfNeeded();
    await screenshot(options, 'import-progress');
    await options.getByTestId('import-result').waitFor();
    const { byStep, longestGapMs } = await meter(options);
    console.log(
      `Import of ${(bigBytes / 1024 / 1024).toFixed(1)} MB, ${ARTICLES} articles: frames drawn while reading ` +
        `${byStep.Reading ?? 0}, checking ${byStep.Checking ?? 0}, saving ${byStep.Saving ?? 0}; longest gap ${longestGapMs.toFixed(0)} ms`,
    );
    // The page kept drawing while the file was read and checked (on the page's thread it would draw none) and while
    // the articles were saved.
    expect((byStep.Reading ?? 0) + (byStep.Checking ?? 0)).toBeGreaterThanOrEqual(10);
    expect(byStep.Saving).toBeGreaterThanOrEqual(1);
    expect(await options.getByTestId('import-result').locator('li').count()).toBe(ARTICLES);
    expect((await stored(browser)).entries).toHaveLength(ARTICLES + 1);
    expect(errors).toEqual([]);
  });

  it('says a damaged 50 MB file is not JSON, and imports nothing', async () => {
    const before = await stored(browser);
    await options.getByTestId('import-file').setInputFiles(damaged);
    await options.getByTestId('import-errors').waitFor();
    expect(await options.getByTestId('import-errors').textContent()).toContain('The file is not JSON');
    expect(await stored(browser)).toEqual(before);
  });

  it('says a full storage is full, and keeps every note already saved', async () => {
    const before = await stored(browser);
    // The options page's storage refuses bundles as a full disk would (Chrome's message for a quota).
    await options.evaluate(() => {
      const local = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.storage.local;
      const set = local.set.bind(local);
      local.set = (items: Record<string, unknown>) =>
        Object.keys(items).some((key) => key.startsWith('bundle:') && key.includes('full-'))
          ? Promise.reject(new Error('QUOTA_BYTES quota exceeded'))
          : set(items);
    });
    const text = JSON.stringify({
      format: 'side-notes-library',
      schemaVersion: 1,
      bundles: ['full-1', 'full-2'].map((id) => ({ bundle: { ...SEED, id, source: { ...SEED.source, title: id } } })),
    });
    await options.getByTestId('import-file').setInputFiles({ name: 'small.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    const alert = options.getByTestId('import-not-saved');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Nothing was imported: the browser’s storage for Side Notes is full');
    expect(await alert.textContent()).toContain('Everything you had saved is still there');
    await alert.scrollIntoViewIfNeeded();
    await screenshot(options, 'import-storage-full');
    expect(await stored(browser)).toEqual(before);
    expect(await options.getByTestId('bundle').count()).toBe(ARTICLES + 1);
  });
});
