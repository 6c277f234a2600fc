/**
 * Detection against hand-made baselines (tests/fixtures/baselines.json): for every real page in tests/fixtures/pages,
 * the entities it really names, judged by reading it. Ids a labeller marked borderline count neither way. Precision
 * and recall are over (page, entity) pairs. Shared by e2e/baselines.test.ts and `npm run score:library`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { settledPageState, type ExtensionBrowser } from './browser';
import { ROOT, type PageServer } from './pages';
import { PATIENCE_MS } from './patience';
import { inTabs, TAB_POOL_SIZE } from './tabs';

interface Baseline {
  entities: string[];
  borderline?: string[];
  traps: string[];
  notes: string;
}

export const baselines = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'baselines.json'), 'utf8')) as Record<string, Baseline>;
/** The White House texts are kept as .md and as a page; the page is what the extension reads. */
export const baselinePages = Object.keys(baselines).filter((name) => name.endsWith('.html'));
/** Look-alike pages: none of them may gain an entity it does not name. */
export const TRAP_PAGES = [
  'dev-trafilatura_kxan_austin_texas.html', 'dev-trafilatura_parallels_mac_os_x_leopard.html',
  'dev-trafilatura_weinlachgummis_nicola_yoon.html', 'dev-trafilatura_cbsnews_senator_contains_nato.html',
];

export interface PageResult {
  page: string;
  falsePositives: string[];
  falseNegatives: string[];
  truePositives: number;
  /** Borderline ids found and not found: the strict figures count them as things the page names. */
  borderlineFound: number;
  borderlineMissed: number;
  /** Names found that are notes of captures alone (no baseline id: not scored), as "name (kind)". */
  capturedOnly: string[];
}

export interface BaselineScore {
  results: PageResult[];
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  /** The figures and every page with an error, for the log. */
  report: string;
}

/**
 * Opens every baseline page, in a few tabs at once (`tabs`), and scores what the extension underlines. `idsOf`: the
 * baseline ids a found entry stands for (the built-in bundle's ids; with captures loaded, the seed's entities an
 * entry holds, none for a capture's own).
 */
export async function scoreBaselines(
  browser: ExtensionBrowser,
  server: PageServer,
  idsOf: (entityId: string) => string[] = (entityId) => [entityId],
  { tabs = TAB_POOL_SIZE } = {},
): Promise<BaselineScore> {
  const results = await inTabs(browser.context, baselinePages, async (tab, page): Promise<PageResult> => {
    const baseline = baselines[page];
    await tab.goto(`${server.origin}/fixtures/pages/${page}`, { waitUntil: 'domcontentloaded', timeout: PATIENCE_MS });
    const state = await settledPageState(browser, tab);
    const found = new Set(state.mentions.flatMap((mention) => idsOf(mention.entityId)));
    const capturedOnly = [...new Set(state.mentions.filter((mention) => idsOf(mention.entityId).length === 0).map((m) => `${m.name} (${m.kind})`))];
    const expected = new Set(baseline.entities);
    const either = new Set(baseline.borderline ?? []);
    return {
      page,
      falsePositives: [...found].filter((id) => !expected.has(id) && !either.has(id)).sort(),
      falseNegatives: [...expected].filter((id) => !found.has(id) && !either.has(id)).sort(),
      truePositives: [...expected].filter((id) => found.has(id) && !either.has(id)).length,
      borderlineFound: [...either].filter((id) => found.has(id)).length,
      borderlineMissed: [...either].filter((id) => !found.has(id)).length,
      capturedOnly,
    };
  }, { tabs });
  const sum = (pick: (r: PageResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const tp = sum((r) => r.truePositives);
  const fp = sum((r) => r.falsePositives.length);
  const fn = sum((r) => r.falseNegatives.length);
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  const strictTp = tp + sum((r) => r.borderlineFound);
  const strictRecall = strictTp / (strictTp + fn + sum((r) => r.borderlineMissed));
  const misses = results.filter((r) => r.falsePositives.length + r.falseNegatives.length > 0);
  const report = [
    `baselines: ${results.length} pages, ${tp} true positives, ${fp} false positives, ${fn} false negatives`,
    `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
    `strict (borderline ids count as named): precision ${(strictTp / (strictTp + fp)).toFixed(3)}, recall ${strictRecall.toFixed(3)}`,
    ...misses.map((r) => `  ${r.page}: ${r.falsePositives.map((id) => `+${id}`).concat(r.falseNegatives.map((id) => `-${id}`)).join(' ')}`),
  ].join('\n');
  return { results, tp, fp, fn, precision, recall, report };
}
