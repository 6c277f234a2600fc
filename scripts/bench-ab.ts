/**
 * `npm run bench:ab -- --against=<dir>`: this build's first scan against another build's (the folder of its
 * `.output/chrome-mv3`, such as main's), on the bench pages, the two builds' loads taking turns so that both see
 * the machine as it is. Reports, per page, the median `stats.scanMs` and `stats.viewportMs` of each and their ratio:
 * what a change does to the cold scan, measured in one run. Needs ../shared/corpus.
 * Flags: --against=<dir> (required)  --runs=7  --pages=a,b
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launchWithExtension, localOnly, settledPageState, type ExtensionBrowser } from '../e2e/support/browser.ts';
import { startPageServer } from '../e2e/support/pages.ts';
import { median } from './bench-cold.ts';
import { BENCH_FOLDERS, benchPages, CORPUS, hasCorpus } from './bench-pages.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const against = flag('against');
const runs = Number(flag('runs') ?? 7);

async function load(browser: ExtensionBrowser, page: Page, url: string): Promise<{ scan: number; viewport: number; mentions: number }> {
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 }).catch(() => page.waitForLoadState('domcontentloaded'));
  const state = await settledPageState(browser, page, 60_000);
  return { scan: state.stats.scanMs, viewport: state.stats.viewportMs, mentions: state.mentions.length };
}

async function main() {
  if (!against) throw new Error('--against=<dir of another build, e.g. ../main/.output/chrome-mv3> is required');
  if (!hasCorpus()) {
    console.log(`corpus not found at ${CORPUS}: the A/B bench needs ../shared/corpus`);
    return;
  }
  const server = await startPageServer({ folders: BENCH_FOLDERS });
  const builds = [
    { name: 'this', browser: await launchWithExtension(mkdtempSync(join(tmpdir(), 'ab-')), { extensionDir: EXTENSION_DIR }) },
    { name: 'other', browser: await launchWithExtension(mkdtempSync(join(tmpdir(), 'ab-')), { extensionDir: resolve(against) }) },
  ];
  for (const { browser } of builds) await localOnly(browser.context);
  const tabs = await Promise.all(builds.map(({ browser }) => browser.context.newPage()));
  console.log(`A/B cold first scan: this build (${EXTENSION_DIR}) against ${resolve(against)}, median of ${runs} loads each, taking turns`);
  console.log('| page | this scan ms | other scan ms | this ÷ other | this viewport ms | other viewport ms | mentions (this / other) |');
  console.log('| --- | --: | --: | --: | --: | --: | --: |');
  const totals = [0, 0];
  for (const file of benchPages(flag('pages')?.split(','))) {
    const url = `${server.origin}/${file.dir}/${file.file}`;
    const results: { scan: number; viewport: number; mentions: number }[][] = [[], []];
    for (let run = 0; run < runs; run++) {
      // Alternate which goes first, so that neither always meets the machine warmed or cooled by the other.
      const order = run % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) results[i].push(await load(builds[i].browser, tabs[i], url));
    }
    const scan = results.map((r) => median(r.map((x) => x.scan)));
    const viewport = results.map((r) => median(r.map((x) => x.viewport)));
    totals[0] += scan[0];
    totals[1] += scan[1];
    console.log(
      `| ${file.name} | ${scan[0].toFixed(1)} | ${scan[1].toFixed(1)} | ${(scan[0] / scan[1]).toFixed(2)} | ${viewport[0].toFixed(1)} | ${viewport[1].toFixed(1)} | ${results[0][0].mentions} / ${results[1][0].mentions} |`,
    );
  }
  console.log(`| total | ${totals[0].toFixed(1)} | ${totals[1].toFixed(1)} | ${(totals[0] / totals[1]).toFixed(2)} | | | |`);
  for (const { browser } of builds) await browser.close();
  await server.close();
}

await main();
