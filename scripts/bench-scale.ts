/**
 * `npm run bench:scale`: what a library of 1, 100 and 1,000 articles (scripts/generate-library.ts: about 30 entities
 * and 150 quotes an article) costs every page, the popup and the options page, measured in Chromium (Debian's
 * /usr/bin/chromium or CHROME_PATH) with the built extension. For each size, in a fresh profile:
 *
 * - the library imported through the options page (its file input, from the change event until the result shows),
 *   then the background's compile of it (polled every 50 ms), `storage.local` bytes (all, and the compiled form's);
 * - the options page opened until every article is listed ("library load"), and "Export library (JSON)" until its
 *   download starts;
 * - each bench page (../shared/corpus, as `npm run bench` picks them; the seed article; without the corpus, a page
 *   made of one generated article instead, and it says so) loaded fresh RUNS times in each size's browser, the
 *   sizes taking turns load by load (so that every size meets the machine as it is): the content script's own time
 *   on the page's main thread from its start to the end of its first scan (CPU profile of the tab: samples with a
 *   frame of the content script on the stack; what the page pays), its `loadMs` (its start until the compiled notes
 *   are loaded, time on the clock), `viewportMs` (first scan's start until the names on screen are registered),
 *   `scanMs` (the first scan's work), the tab's V8 heap after a garbage collection (CDP), and the main thread's
 *   tasks over 50 ms (a `longtask` observer from the page's start);
 * - the popup's notes search over the whole library (its own indexing and search code in a blank page,
 *   scripts/bench-search-page.ts): every reader query typed a character at a time, p95 per keystroke.
 *
 * Ratios are against the 1-article library of the same run. Flags: --sizes=1,100,1000  --runs=3  --pages=a,b
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { browser as extensionApi } from 'wxt/browser';
import { chromePath, CHROMIUM_FLAGS, launchWithExtension, localOnly, settledPageState, type ExtensionBrowser } from '../e2e/support/browser.ts';
import { whenCompiled } from '../e2e/support/library.ts';
import { ROOT, startPageServer } from '../e2e/support/pages.ts';
import { PATIENCE_MS } from '../e2e/support/patience.ts';
import { longestStretch, selfTimes } from './bench-cold.ts';
import { BENCH_FOLDERS, benchPages, CORPUS, hasCorpus } from './bench-pages.ts';
import { generateLibrary, libraryFile } from './generate-library.ts';
import { pageScript } from './page-script.ts';
import type * as SearchBenchPage from './bench-search-page.ts';

declare const SideNotesSearchBench: typeof SearchBenchPage;

const args = process.argv.slice(2);
const flag = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const SIZES = (flag('sizes') ?? '1,100,1000').split(',').map(Number);
const RUNS = Number(flag('runs') ?? 3);
const pageFilter = flag('pages')?.split(',');
const GENERATED = join(ROOT, '.generated');
/** Long work (a 44 MB import, indexing 30,000 entities) on a shared machine: far past the tests' patience. */
const LONG_MS = 10 * PATIENCE_MS;
const TARGETS = { pageCostRatio: 1.2, firstUnderlineMs: 20, searchP95Ms: 16, longTaskMs: 50 };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];
const ms = (value: number) => (value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US'));
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const check = (ok: boolean) => (ok ? '✓' : '✗');

interface PageFigures {
  /** The content script's own main-thread time, start to first scan done (profiled). */
  oursMs: number[];
  /** The longest stretch of the content script's code on the main thread in each load (profiled). */
  longestOursMs: number[];
  loadMs: number[];
  viewportMs: number[];
  scanMs: number[];
  heapMB: number[];
  longTasks: number[];
  mentions: number;
}

interface SizeFigures {
  articles: number;
  entities: number;
  quotes: number;
  fileMB: number;
  importMs: number;
  compileMs: number;
  storageBytes: number;
  compiledBytes: number;
  libraryLoadMs: number;
  exportMs: number;
  pages: Map<string, PageFigures>;
  search: { entities: number; p50: number; p95: number; max: number; indexMs: number; indexLongTasks: number; hits: string };
}

/** The library file of `articles` articles, made once (deterministic: the same file every time). */
function libraryOf(articles: number): { path: string; entities: number; quotes: number } {
  const path = join(GENERATED, `library-${articles}.json`);
  const library = generateLibrary(articles);
  if (!existsSync(path)) writeFileSync(path, JSON.stringify(libraryFile(library.bundles)));
  return { path, entities: library.entities, quotes: library.quotes };
}

/** A page made of one generated article (its quotes as paragraphs), for a machine without the corpus. */
function generatedPage(): string {
  const [bundle] = generateLibrary(3, 7).bundles;
  const paragraphs = bundle.entities.flatMap((entity) => entity.facts.map((fact) => `<p>${fact.quote}</p>`));
  return `<!doctype html><html><head><meta charset="utf-8"><title>${bundle.source.title}</title></head><body><h1>${bundle.source.title}</h1>${paragraphs.join('\n')}</body></html>`;
}

async function storageBytes(ext: ExtensionBrowser): Promise<{ all: number; compiled: number }> {
  return ext.worker.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: typeof extensionApi }).chrome;
    const keys = Object.keys(await chrome.storage.local.get(null)).filter((key) => key === 'compiled' || key.startsWith('compiled:'));
    return { all: await chrome.storage.local.getBytesInUse(null), compiled: await chrome.storage.local.getBytesInUse(keys) };
  });
}

/** Main-thread tasks over 50 ms, from the page's start (the content script's included). */
const LONG_TASKS = `(() => {
  const tasks = (globalThis.__sideNotesLongTasks = []);
  new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration))).observe({ type: 'longtask', buffered: true });
})()`;

async function measurePage(ext: ExtensionBrowser, url: string, into: PageFigures): Promise<void> {
  const page = await ext.context.newPage();
  await page.addInitScript(LONG_TASKS);
  const session = await ext.context.newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  await session.send('Profiler.start');
  await page.goto(url, { waitUntil: 'load', timeout: PATIENCE_MS }).catch(() => page.waitForLoadState('domcontentloaded'));
  const state = await settledPageState(ext, page);
  const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: Parameters<typeof selfTimes>[0] };
  into.oursMs.push(selfTimes(profile, new Map()));
  into.longestOursMs.push(longestStretch(profile).ms);
  into.loadMs.push(state.stats.loadMs);
  into.viewportMs.push(state.stats.viewportMs);
  into.scanMs.push(state.stats.scanMs);
  into.mentions = state.mentions.length;
  await session.send('HeapProfiler.collectGarbage');
  const heap = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  into.heapMB.push(heap.usedSize / 1e6);
  into.longTasks.push(...(await page.evaluate(() => (globalThis as unknown as { __sideNotesLongTasks: number[] }).__sideNotesLongTasks)));
  await session.detach();
  await page.close();
}

/** A browser with a library of `articles` imported and compiled, and what that took; its pages are measured after. */
async function setUpSize(articles: number): Promise<{ ext: ExtensionBrowser; figures: SizeFigures }> {
  const library = libraryOf(articles);
  const ext = await launchWithExtension();
  try {
    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await options.locator('[data-testid=import-file]').waitFor({ state: 'attached' });
    await options.evaluate(() => {
      const input = document.querySelector('[data-testid=import-file]')!;
      input.addEventListener('change', () => ((globalThis as unknown as { importStart: number }).importStart = performance.now()), { capture: true });
    });
    await options.setInputFiles('[data-testid=import-file]', library.path);
    const importMs = (await (
      await options.waitForFunction(
        () => document.querySelector('[data-testid=import-result]') && performance.now() - (globalThis as unknown as { importStart: number }).importStart,
        null,
        { polling: 'raf', timeout: LONG_MS },
      )
    ).jsonValue()) as number;
    const compileStart = performance.now();
    await whenCompiled(ext, LONG_MS);
    const compileMs = performance.now() - compileStart;
    const bytes = await storageBytes(ext);

    await options.reload();
    const libraryLoadMs = (await (
      await options.waitForFunction(
        (count) => document.querySelectorAll('[data-testid=bundle-open]').length >= count && performance.now(),
        articles + 1,
        { polling: 'raf', timeout: LONG_MS },
      )
    ).jsonValue()) as number;
    const exportStart = performance.now();
    const [download] = await Promise.all([options.waitForEvent('download', { timeout: LONG_MS }), options.click('[data-testid=export-library]')]);
    const exportMs = performance.now() - exportStart;
    await download.cancel();
    await options.close();

    return {
      ext,
      figures: {
        articles,
        entities: library.entities,
        quotes: library.quotes,
        fileMB: statSync(library.path).size / 1e6,
        importMs,
        compileMs,
        storageBytes: bytes.all,
        compiledBytes: bytes.compiled,
        libraryLoadMs,
        exportMs,
        pages: new Map(),
        search: { entities: 0, p50: 0, p95: 0, max: 0, indexMs: 0, indexLongTasks: 0, hits: '' },
      },
    };
  } catch (error) {
    await ext.close();
    throw error;
  }
}

/** Every page RUNS times in every size's browser, the sizes taking turns (in a changing order) load by load. */
async function measurePages(sizes: { ext: ExtensionBrowser; figures: SizeFigures }[], targets: { name: string; url: string }[]): Promise<void> {
  for (const target of targets) {
    for (const { figures } of sizes) {
      figures.pages.set(target.name, { oursMs: [], longestOursMs: [], loadMs: [], viewportMs: [], scanMs: [], heapMB: [], longTasks: [], mentions: 0 });
    }
    for (let run = 0; run < RUNS; run++) {
      const order = run % 2 === 0 ? sizes : [...sizes].reverse();
      for (const { ext, figures } of order) await measurePage(ext, target.url, figures.pages.get(target.name)!);
    }
    process.stdout.write('.');
  }
}

let searchScript: string | null = null;

/** The popup's search over the library (and the seed bundle), in a blank page of a browser without the extension. */
async function measureSearch(origin: string, articles: number): Promise<SizeFigures['search']> {
  searchScript ??= await pageScript('bench-search-page.ts', 'SideNotesSearchBench');
  const browser = await chromium.launch({ executablePath: chromePath(), headless: false, args: ['--headless=new', ...CHROMIUM_FLAGS] });
  try {
    const context = await browser.newContext();
    await localOnly(context);
    const page: Page = await context.newPage();
    page.setDefaultTimeout(LONG_MS);
    await page.goto(`${origin}/generated/none`).catch(() => {});
    await page.addScriptTag({ content: searchScript });
    const entities = await page.evaluate((url) => SideNotesSearchBench.useLibrary(url), `${origin}/generated/library-${articles}.json`);
    const start = await page.evaluate(() => SideNotesSearchBench.start('library'));
    const keys = await page.evaluate(() => SideNotesSearchBench.keystrokes('library'));
    const quality = await page.evaluate(() => SideNotesSearchBench.quality('library'));
    return {
      entities,
      p50: percentile(keys.times, 0.5),
      p95: percentile(keys.times, 0.95),
      max: Math.max(...keys.times),
      indexMs: start.wallMs,
      indexLongTasks: start.longTasks.length,
      hits: `${quality.hits}/${quality.queries}`,
    };
  } finally {
    await browser.close();
  }
}

function report(sizes: SizeFigures[]): void {
  const base = sizes.find((size) => size.articles === Math.min(...SIZES))!;
  console.log('');
  console.log('| library | entities | quotes | file MB | import ms | compile ms | storage.local MB (compiled) | library load ms | export ms | search p50 / p95 / max ms | index ms (tasks > 50 ms) | reader queries |');
  console.log('| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |');
  for (const size of sizes) {
    console.log(
      `| ${size.articles} article${size.articles === 1 ? '' : 's'} | ${size.entities.toLocaleString('en-US')} | ${size.quotes.toLocaleString('en-US')} | ${size.fileMB.toFixed(1)} | ` +
        `${ms(size.importMs)} | ${ms(size.compileMs)} | ${mb(size.storageBytes)} (${mb(size.compiledBytes)}) | ${ms(size.libraryLoadMs)} | ${ms(size.exportMs)} | ` +
        `${ms(size.search.p50)} / ${ms(size.search.p95)} / ${ms(size.search.max)} | ${ms(size.search.indexMs)} (${size.search.indexLongTasks}) | ${size.search.hits} |`,
    );
  }
  console.log('');
  console.log(
    `Pages (medians of ${RUNS} fresh loads, sizes taking turns; cost = the content script's own main-thread time from its start to its first scan done; ratios against ${base.articles} article${base.articles === 1 ? '' : 's'}):`,
  );
  console.log('| page | library | cost ms | ×base | load ms (clock) | viewport ms | scan ms | load + scan ×base | heap MB (Δ base) | mentions | longest stretch of ours ms | tasks > 50 ms |');
  console.log('| --- | --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |');
  const worst = { ratio: 0, clockRatio: 0, firstUnderline: 0, longTask: 0, longestOurs: 0, longestOursLargest: 0 };
  for (const name of base.pages.keys()) {
    const baseFigures = base.pages.get(name)!;
    const baseClock = median(baseFigures.loadMs) + median(baseFigures.scanMs);
    for (const size of sizes) {
      const figures = size.pages.get(name)!;
      const cost = median(figures.oursMs);
      const ratio = cost / median(baseFigures.oursMs);
      const clockRatio = (median(figures.loadMs) + median(figures.scanMs)) / baseClock;
      if (size !== base) {
        worst.ratio = Math.max(worst.ratio, ratio);
        worst.clockRatio = Math.max(worst.clockRatio, clockRatio);
      }
      if (size.articles === Math.max(...SIZES)) worst.firstUnderline = Math.max(worst.firstUnderline, median(figures.viewportMs));
      worst.longTask = Math.max(worst.longTask, ...figures.longTasks);
      worst.longestOurs = Math.max(worst.longestOurs, ...figures.longestOursMs);
      if (size.articles === Math.max(...SIZES)) worst.longestOursLargest = Math.max(worst.longestOursLargest, ...figures.longestOursMs);
      const heap = median(figures.heapMB);
      console.log(
        `| ${name} | ${size.articles} | ${ms(cost)} | ${ratio.toFixed(2)} | ${ms(median(figures.loadMs))} | ${ms(median(figures.viewportMs))} | ${ms(median(figures.scanMs))} | ` +
          `${clockRatio.toFixed(2)} | ${heap.toFixed(1)} (${(heap - median(baseFigures.heapMB) >= 0 ? '+' : '')}${(heap - median(baseFigures.heapMB)).toFixed(1)}) | ` +
          `${figures.mentions} | ${ms(Math.max(...figures.longestOursMs))} | ${figures.longTasks.length ? figures.longTasks.map((task) => Math.round(task)).join(', ') : '0'} |`,
      );
    }
  }
  const largest = sizes.find((size) => size.articles === Math.max(...SIZES))!;
  console.log('');
  console.log('Targets:');
  console.log(
    `  ${check(worst.ratio <= TARGETS.pageCostRatio)} page cost (our main-thread time) with ${largest.articles} articles ≤ ${TARGETS.pageCostRatio}× with ${base.articles}, every page: worst ${worst.ratio.toFixed(2)}× (load on the clock + scan: worst ${worst.clockRatio.toFixed(2)}×)`,
  );
  console.log(
    `  ${check(worst.firstUnderline <= TARGETS.firstUnderlineMs)} names on screen registered ≤ ${TARGETS.firstUnderlineMs} ms after the first scan starts, with ${largest.articles} articles: worst ${ms(worst.firstUnderline)} ms`,
  );
  console.log(`  ${check(largest.search.p95 <= TARGETS.searchP95Ms)} popup search p95 ≤ ${TARGETS.searchP95Ms} ms a keystroke at ${largest.search.entities.toLocaleString('en-US')} entities: ${ms(largest.search.p95)} ms`);
  console.log(
    `  ${check(worst.longestOursLargest <= TARGETS.longTaskMs)} no stretch of our code over ${TARGETS.longTaskMs} ms on the pages with ${largest.articles} articles: longest ${ms(worst.longestOursLargest)} ms (${ms(worst.longestOurs)} ms over every size)`,
  );
  console.log(`  (every main-thread task of the pages, theirs included: longest ${ms(worst.longTask)} ms)`);
}

async function main(): Promise<void> {
  const began = Date.now();
  const server = await startPageServer({ folders: { ...BENCH_FOLDERS, '/generated/': GENERATED } });
  const targets = [{ name: 'seed article', url: `${server.origin}/article.html` }];
  if (hasCorpus()) {
    for (const page of benchPages(pageFilter)) targets.push({ name: page.name, url: `${server.origin}/${page.dir}/${page.file}` });
  } else {
    console.log(`corpus not found at ${CORPUS}: measuring on the seed article and a page of one generated article instead`);
    server.pages.set('/generated-article.html', generatedPage());
    targets.push({ name: 'generated article', url: `${server.origin}/generated-article.html` });
  }
  mkdirSync(GENERATED, { recursive: true });
  console.log(`Side Notes bench:scale — libraries of ${SIZES.join(', ')} articles, ${targets.length} pages, ${RUNS} runs each, load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
  const set: { ext: ExtensionBrowser; figures: SizeFigures }[] = [];
  try {
    for (const articles of SIZES) {
      console.log(`  ${articles} article${articles === 1 ? '' : 's'}: importing, compiling, listing, exporting`);
      set.push(await setUpSize(articles));
    }
    process.stdout.write('  pages: ');
    await measurePages(set, targets);
    console.log('');
    for (const { figures } of set) figures.search = await measureSearch(server.origin, figures.articles);
  } finally {
    for (const { ext } of set) await ext.close();
  }
  await server.close();
  report(set.map(({ figures }) => figures));
  console.log(`\n${Math.round((Date.now() - began) / 1000)} s, load average ${loadavg()[0].toFixed(1)} at the end`);
}

await main();
