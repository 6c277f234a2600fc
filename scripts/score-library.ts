/**
 * `npm run score:library`: the detection baselines (tests/fixtures/baselines.json, e2e/support/baselines.ts) with
 * the built-in notes alone, then again with a library of captured notes on: every labelled page of
 * `npm run score:capture` (tests/fixtures/capture-labels.json: pages of ../shared/corpus and the seed article)
 * captured with the capture's own code and saved as the review page saves an untouched draft. Precision and recall
 * are over (page, seed entity) pairs; an entry a capture merged into a seed entity counts as that entity; names of
 * captures alone have no baseline label and are counted apart. Needs the built extension (the npm script builds it)
 * and Chromium; run it through the browser lock on a shared machine. Prints, writes nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle } from '../utils/bundle/schema.ts';
import { launchWithExtension, localOnly } from '../e2e/support/browser.ts';
import { scoreBaselines, type BaselineScore } from '../e2e/support/baselines.ts';
import { addToLibrary, reviewedAsIs, seedIdsOfEntries } from '../e2e/support/library.ts';
import { ROOT, startPageServer } from '../e2e/support/pages.ts';
import { bundleFromDraft } from '../utils/library/from-draft.ts';
import { openCaptureBench, readLabels, requireCorpus, table } from './capture-corpus.ts';

const seed = JSON.parse(readFileSync(join(ROOT, 'assets', 'bundles', 'nato-south-korea-2023.json'), 'utf8')) as Bundle;

/** Captures every labelled page and saves each as a bundle (ids made unique), as a reader who changes nothing. */
async function capturedLibrary(): Promise<{ bundles: Bundle[]; pages: number; failed: string[] }> {
  const labelled = readLabels();
  const bench = await openCaptureBench();
  const bundles: Bundle[] = [];
  const failed: string[] = [];
  const takenIds = new Set([seed.id]);
  try {
    for (const { page } of labelled) {
      const run = await bench.capture(bench.urlOf(page));
      if ('error' in run.draft || !run.text) {
        failed.push(`${page}: no article`);
        continue;
      }
      const saved = bundleFromDraft({ source: run.draft.source, entities: reviewedAsIs(run.draft) }, run.text, { takenIds });
      if (!saved.ok) {
        failed.push(`${page}: ${saved.errors.join('; ')}`);
        continue;
      }
      takenIds.add(saved.bundle.id);
      bundles.push(saved.bundle);
    }
  } finally {
    await bench.close();
  }
  return { bundles, pages: labelled.length, failed };
}

async function main(): Promise<void> {
  requireCorpus();
  const library = await capturedLibrary();
  const entities = library.bundles.reduce((total, bundle) => total + bundle.entities.length, 0);
  console.log(`Side Notes detection with a captured library — ${library.bundles.length} of ${library.pages} labelled pages captured and saved (${entities} entities)`);
  for (const failure of library.failed) console.log(`  not saved: ${failure}`);

  const server = await startPageServer();
  const browser = await launchWithExtension();
  let seedOnly: BaselineScore;
  let withLibrary: BaselineScore;
  let capturedOnly = 0;
  try {
    await localOnly(browser.context);
    seedOnly = await scoreBaselines(browser, server);
    await addToLibrary(browser, library.bundles);
    const seedIds = seedIdsOfEntries(library.bundles, seed);
    withLibrary = await scoreBaselines(browser, server, (id) => seedIds.get(id) ?? []);
    capturedOnly = withLibrary.results.reduce((total, result) => total + result.capturedOnly.length, 0);
  } finally {
    await browser.close();
    await server.close();
  }
  const row = (label: string, score: BaselineScore) => [label, String(score.tp), String(score.fp), String(score.fn), score.precision.toFixed(3), score.recall.toFixed(3)];
  console.log('');
  console.log(table(['notes loaded', 'true +', 'false +', 'false −', 'precision', 'recall'], [row('seed only', seedOnly), row(`seed + ${library.bundles.length} captures`, withLibrary)]));
  console.log(`(page, captured-only entity) pairs underlined, not scored (no baseline label): ${capturedOnly}`);
  console.log('');
  console.log(`Seed only:\n${seedOnly.report}`);
  console.log('');
  console.log(`With the captured library:\n${withLibrary.report}`);
  const pages = withLibrary.results.filter((result) => result.capturedOnly.length > 0);
  console.log('');
  console.log('Captured-only names underlined per page (for reading by hand):');
  for (const result of pages) console.log(`  ${result.page}: ${result.capturedOnly.join(', ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
