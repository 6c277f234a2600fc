/**
 * Detection against hand-made baselines (e2e/support/baselines.ts): the extension must find the entities each real
 * page names and nothing else — with the built-in notes alone, and again with a library of captured notes on (every
 * baseline page captured and saved as a reader would, issue 19), where a captured name must not add a false mention
 * of the seed's entities nor lose one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBundle } from '@/utils/bundle/load';
import { launchWithExtension, localOnly, type ExtensionBrowser } from './support/browser';
import { baselinePages, scoreBaselines, TRAP_PAGES, type BaselineScore } from './support/baselines';
import { addToLibrary, captureBundles, seedIdsOfEntries } from './support/library';
import { startPageServer, type PageServer } from './support/pages';

/** Floors the detection must stay above; the run prints the figures it reached. */
const MIN_PRECISION = 0.97;
const MIN_RECALL = 0.95;

function expectClean(score: BaselineScore): void {
  expect(score.results).toHaveLength(baselinePages.length);
  expect(score.precision).toBeGreaterThanOrEqual(MIN_PRECISION);
  expect(score.recall).toBeGreaterThanOrEqual(MIN_RECALL);
  for (const trap of TRAP_PAGES) expect(score.results.find((r) => r.page === trap)?.falsePositives, trap).toEqual([]);
}

describe('detection on real pages against hand-made baselines', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let seedOnly: BaselineScore;

  beforeAll(async () => {
    server = await startPageServer();
    browser = await launchWithExtension();
    await localOnly(browser.context);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(`finds exactly the entities each of ${baselinePages.length} pages names`, { timeout: 600_000 }, async () => {
    seedOnly = await scoreBaselines(browser, server);
    console.log(seedOnly.report);
    expectClean(seedOnly);
  });

  it('finds the same with every baseline page captured and saved in the library: no false mention gained, none lost', { timeout: 900_000 }, async () => {
    const captured = await captureBundles(browser.context, baselinePages.map((page) => `${server.origin}/fixtures/pages/${page}`));
    await addToLibrary(browser, captured);
    const seedIds = seedIdsOfEntries(captured, defaultBundle);
    const withCaptures = await scoreBaselines(browser, server, (id) => seedIds.get(id) ?? []);
    const capturedNames = withCaptures.results.reduce((total, r) => total + r.capturedOnly.length, 0);
    console.log(`with ${captured.length} captured bundles (${captured.reduce((n, b) => n + b.entities.length, 0)} entities; ${capturedNames} (page, captured-only entity) pairs found, not scored):\n${withCaptures.report}`);
    expectClean(withCaptures);
    expect(withCaptures.precision).toBeGreaterThanOrEqual(seedOnly.precision);
    expect(withCaptures.recall).toBeGreaterThanOrEqual(seedOnly.recall);
  });
});
