/**
 * `npm run bench:capture`: the capture on the seed article, in Debian's Chromium (or CHROME_PATH). Prints a table,
 * writes nothing. (Scores over the labelled corpus pages: `npm run score:capture`, scripts/score-capture.ts.)
 *
 * The seed article served as a page: how many of the seed bundle's curated entities the draft recovers (an entity
 * counts when a draft entity's name or alias folds equal to one of its name and aliases: case, diacritics, hyphens,
 * apostrophes; `aliasKey`), with which kind, whether every quote is verbatim in the article's text, whether the page
 * is unchanged, and the time of a capture. Also the weight of the capture code (esbuild, minified, gzip -9).
 *
 * Flags: --text=NAME  print the article text the capture reads on the labelled page whose name contains NAME, or on
 *                     the corpus page at that path ("readability/cnn.html", "dev/x.md"): what a labeller reads. Only
 *                     the text is printed, never the draft.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import * as v from 'valibot';
import { BundleSchema } from '../utils/bundle/schema.ts';
import { aliasKey } from '../utils/match/normalize.ts';
import { ROOT } from '../e2e/support/pages.ts';
import { fraction, keysOf, median, openCaptureBench, overlaps, readLabels, requireCorpus, SEED_PAGE, table, verbatim } from './capture-corpus.ts';

const SEED_BUNDLE = join(ROOT, 'assets', 'bundles', 'nato-south-korea-2023.json');
const SEED_RUNS = 5;
const SEED_RECALL_TARGET = 0.8;

const textFlag = process.argv.slice(2).find((arg) => arg.startsWith('--text='))?.slice('--text='.length);

async function captureWeight(): Promise<{ gzip: number; raw: number; byPackage: Map<string, number> }> {
  // The weight of what "Take notes" loads: utils/capture/draft.ts and everything it imports, minified.
  const weight = await build({
    entryPoints: [join(ROOT, 'utils', 'capture', 'draft.ts')],
    bundle: true,
    format: 'esm',
    minify: true,
    platform: 'browser',
    target: 'chrome120',
    tsconfig: join(ROOT, 'tsconfig.json'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = weight.outputFiles[0].contents;
  return { raw: output.length, gzip: gzipSync(output, { level: 9 }).length, byPackage: packageWeights(weight.metafile) };
}

function packageWeights(metafile: Metafile): Map<string, number> {
  const weights = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
      const name = match ? match[1] : 'side notes (utils/)';
      weights.set(name, (weights.get(name) ?? 0) + bytesInOutput);
    }
  }
  return weights;
}

async function main(): Promise<void> {
  if (textFlag) requireCorpus();
  const bench = await openCaptureBench();
  try {
    if (textFlag) {
      const target = readLabels().find((entry) => entry.page.includes(textFlag));
      const run = await bench.capture(bench.urlOf(target?.page ?? textFlag), 1);
      console.log(run.text ?? '(no article)');
      return;
    }
    const seed = v.parse(BundleSchema, JSON.parse(readFileSync(SEED_BUNDLE, 'utf8')));
    console.log(`Side Notes capture bench — Chromium ${bench.browser.version()}`);
    const seedRun = await bench.capture(bench.urlOf(SEED_PAGE), SEED_RUNS);
    if ('error' in seedRun.draft || !seedRun.text || !seedRun.textContent) throw new Error('no draft for the seed article');
    const draft = seedRun.draft;
    const draftKeys = draft.entities.map((entity) => ({ entity, keys: keysOf(entity) }));
    const recovered = seed.entities.map((entity) => {
      const keys = new Set([entity.name, ...entity.aliases.map((alias) => alias.text)].map(aliasKey));
      return { entity, by: draftKeys.find((draftEntity) => overlaps(draftEntity.keys, keys))?.entity };
    });
    const hits = recovered.filter((entry) => entry.by);
    const seedKeys = new Set(seed.entities.flatMap((entity) => [entity.name, ...entity.aliases.map((alias) => alias.text)].map(aliasKey)));
    const unmatched = draft.entities.filter((entity) => !overlaps(keysOf(entity), seedKeys));
    const sameKind = hits.filter((entry) => entry.by!.kind === entry.entity.kind);
    const quotes = verbatim(draft, seedRun.text, seedRun.textContent);
    const described = draft.entities.filter((entity) => entity.description);
    console.log('');
    console.log('Seed article (seeds/nato-south-korea-2023 served as a page)');
    console.log(
      table(
        ['measure', 'result'],
        [
          ['curated entities recovered (name or alias)', `${hits.length} / ${seed.entities.length} = ${fraction(hits.length, seed.entities.length)} ${hits.length / seed.entities.length >= SEED_RECALL_TARGET ? '✓' : '✗'} (target ≥ 0.80)`],
          ['… of these with the curated kind', `${sameKind.length} / ${hits.length}`],
          ['not recovered', recovered.filter((entry) => !entry.by).map((entry) => entry.entity.name).join(', ') || 'none'],
          ['recovered with another kind', hits.filter((entry) => entry.by!.kind !== entry.entity.kind).map((entry) => `${entry.entity.name} (${entry.by!.kind})`).join(', ') || 'none'],
          ['draft entities (all kinds)', `${draft.entities.length}, of which ${unmatched.length} match no curated entity: ${unmatched.map((entity) => `${entity.name} (${entity.kind})`).join(', ') || 'none'}`],
          ['quotes verbatim in the capture’s text', `${quotes.inText} / ${quotes.quotes} ${quotes.inText === quotes.quotes ? '✓' : '✗'}`],
          ['quotes in Readability’s textContent (white space collapsed)', `${quotes.inTextContent} / ${quotes.quotes}`],
          ['descriptions', `${described.length} entities: ${described.map((entity) => `${entity.name} — “${entity.description}”`).join('; ')}`],
          ['source', JSON.stringify(draft.source)],
          ['page DOM unchanged after the captures', seedRun.pageUnchanged ? 'yes ✓' : 'NO ✗'],
          ['capture time (Readability + entities + facts)', `first ${seedRun.ms[0].toFixed(0)} ms, median of ${SEED_RUNS} ${median(seedRun.ms).toFixed(0)} ms; as the host does it (parse + capture) ${seedRun.hostMs.toFixed(0)} ms`],
        ],
      ),
    );
    const code = await captureWeight();
    console.log('');
    const weights = [...code.byPackage.entries()].sort((a, b) => b[1] - a[1]).map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)} KB`);
    console.log(`Capture code (utils/capture/draft.ts and its imports, esbuild --minify): ${(code.raw / 1024).toFixed(0)} KB, ${(code.gzip / 1024).toFixed(1)} KB gzipped (gzip -9); minified by input: ${weights.join(', ')}`);
  } finally {
    await bench.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
