/**
 * `npm run bench:library` (also a section of `npm run bench`): what the notes library costs where it runs.
 *
 * (a) Compiling 10,000 entities (the synthetic bundle of scripts/bench-synthetic.ts: ~25,000 aliases) in Chromium
 *     in slices (`compileSteps` run by `runInSlices`, as the background compiles): the catalogue (entities merged across
 *     bundles), then the alias trie, a slice at a time. Target: no main-thread task over 50 ms.
 * (b) "Take notes from this page" in the real extension: the capture-draft contract asked of a tab's content
 *     script, which sends its HTML to the background, which opens the capture host (an offscreen document) and
 *     asks it. The first capture opens the host and loads the capture code (cold); the next ones reuse it.
 *     Pages: the seed article, and the largest news pages of ../shared/corpus when it is there.
 */
import { existsSync } from 'node:fs';
import { loadavg, availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { browser as extensionApi } from 'wxt/browser';
import { chromePath, CHROMIUM_FLAGS, launchWithExtension, localOnly, settledPageState, tabIdOf } from '../e2e/support/browser.ts';
import { ROOT, startPageServer } from '../e2e/support/pages.ts';
import { pageScript } from './page-script.ts';
import type * as LibraryPage from './bench-library-page.ts';

declare const SideNotesLibraryBench: typeof LibraryPage;

const RUNS = 5;
const CAPTURES = 6;
const CORPUS = resolve(process.env.SIDE_NOTES_CORPUS ?? join(ROOT, '..', 'shared', 'corpus'));
/** Big real news pages (HTML size 0.8–2.3 MB), when the corpus is there. */
const CORPUS_PAGES = ['readability/nytimes-4.html', 'readability/guardian-1.html', 'readability/yahoo-2.html'];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

async function benchCompile(): Promise<void> {
  const script = await pageScript('bench-library-page.ts', 'SideNotesLibraryBench');
  const browser = await chromium.launch({ executablePath: chromePath(), headless: false, args: ['--headless=new', ...CHROMIUM_FLAGS] });
  try {
    const tab = await browser.newPage();
    const results: LibraryPage.CompileResult[] = [];
    for (let run = 0; run < RUNS; run++) {
      await tab.goto('about:blank');
      await tab.addScriptTag({ content: script });
      results.push(await tab.evaluate(() => SideNotesLibraryBench.compile()));
    }
    const first = results[0];
    console.log(
      `Compiling ${first.entities.toLocaleString('en-US')} entities (${first.aliases.toLocaleString('en-US')} aliases) with ` +
        `compileSteps in slices, Chromium ${browser.version()}, ${RUNS} runs, load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores:`,
    );
    console.log(
      `  busy ${ms(median(results.map((r) => r.busyMs)))} ms in ${median(results.map((r) => r.slices))} slices ` +
        `(wall ${ms(median(results.map((r) => r.wallMs)))} ms); longest slice per run ${results.map((r) => ms(r.longestSliceMs)).join(', ')} ms; ` +
        `tasks over 50 ms per run: ${results.map((r) => r.longTasks.length).join(', ')}` +
        (results.some((r) => r.longTasks.length) ? ` (${results.flatMap((r) => r.longTasks).map(ms).join(', ')} ms)` : ''),
    );
  } finally {
    await browser.close();
  }
}

async function benchCapture(): Promise<void> {
  const server = await startPageServer({
    folders: existsSync(join(CORPUS, 'readability')) ? { '/readability/': join(CORPUS, 'readability') } : {},
  });
  const pages = ['/article.html', ...CORPUS_PAGES.filter((path) => existsSync(join(CORPUS, path))).map((path) => `/${path}`)];
  const extension = await launchWithExtension();
  try {
    await localOnly(extension.context);
    console.log(`"Take notes from this page" through the extension (content script → background → capture host), ${CAPTURES} captures a page:`);
    let cold = true;
    for (const path of pages) {
      const tab = await extension.context.newPage();
      await tab.goto(`${server.origin}${path}`, { waitUntil: 'load', timeout: 30_000 }).catch(() => tab.waitForLoadState('domcontentloaded'));
      await settledPageState(extension, tab, 30_000).catch(() => undefined);
      const tabId = await tabIdOf(extension, tab);
      const times: number[] = [];
      let entities = 0;
      for (let run = 0; run < CAPTURES; run++) {
        const { elapsed, count } = await extension.worker.evaluate(async (tabId) => {
          const chrome = (globalThis as unknown as { chrome: typeof extensionApi }).chrome;
          const start = performance.now();
          const answer = (await chrome.tabs.sendMessage(tabId, { type: 'side-notes:capture-draft' })) as { entities?: unknown[] };
          return { elapsed: performance.now() - start, count: answer.entities?.length ?? -1 };
        }, tabId);
        times.push(elapsed);
        entities = count;
      }
      const size = (await tab.evaluate(() => document.documentElement.outerHTML.length)) / 1e6;
      console.log(
        `  ${path.slice(1)} (${size.toFixed(2)} MB of HTML, ${entities} entities): ` +
          `${cold ? `first ${ms(times[0])} ms (opens the capture host), ` : `first ${ms(times[0])} ms, `}` +
          `then median ${ms(median(times.slice(1)))} ms (${times.slice(1).map(ms).join(', ')})`,
      );
      cold = false;
      await tab.close();
    }
  } finally {
    await extension.close();
    await server.close();
  }
}

export async function benchLibrary(which = process.argv.includes("--compile") ? ["compile"] : process.argv.includes("--capture") ? ["capture"] : ["compile", "capture"]): Promise<void> {
  if (which.includes('compile')) await benchCompile();
  if (which.length > 1) console.log('');
  if (which.includes('capture')) await benchCapture();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchLibrary().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
