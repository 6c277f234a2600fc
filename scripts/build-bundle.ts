/**
 * Builds one bundle per seed: seeds/<slug>/{article.txt, article.json, entities.json} → assets/bundles/<slug>.json.
 * Nothing is written unless every seed builds cleanly, so a broken seed never leaves a half-updated set behind.
 * Run: npm run bundle
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildBundle, serializeBundle } from '../utils/bundle/build.ts';

const root = join(import.meta.dirname, '..');
const seedsDir = join(root, 'seeds');
const bundlesDir = join(root, 'assets', 'bundles');

type SeedResult = { slug: string; json: string } | { slug: string; problems: string[] };

type Read = { value: unknown } | { problem: string };

function readJson(dir: string, file: string): Read {
  try {
    return { value: JSON.parse(readFileSync(join(dir, file), 'utf8')) };
  } catch (error) {
    return { problem: `${file}: not valid JSON: ${(error as Error).message}` };
  }
}

function buildSeed(slug: string): SeedResult {
  const dir = join(seedsDir, slug);
  const missing = ['article.txt', 'article.json', 'entities.json'].filter((file) => !existsSync(join(dir, file)));
  if (missing.length) return { slug, problems: missing.map((file) => `${file}: missing`) };
  const meta = readJson(dir, 'article.json');
  const entities = readJson(dir, 'entities.json');
  if ('problem' in meta || 'problem' in entities) {
    return { slug, problems: [meta, entities].flatMap((read) => ('problem' in read ? [read.problem] : [])) };
  }
  const article = readFileSync(join(dir, 'article.txt'), 'utf8');
  const { bundle, problems } = buildBundle(slug, article, meta.value, entities.value);
  return bundle ? { slug, json: serializeBundle(bundle) } : { slug, problems };
}

function main(): number {
  const slugs = readdirSync(seedsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  if (!slugs.length) {
    console.error(`No seeds in ${relative(root, seedsDir)}/`);
    return 1;
  }
  const results = slugs.map(buildSeed);
  const failed = results.filter((result) => 'problems' in result);
  const built = results.filter((result) => 'json' in result);
  if (failed.length) {
    for (const result of failed) {
      console.error(`seeds/${result.slug}: ${result.problems.length} problem(s)`);
      for (const problem of result.problems) console.error(`  ${problem}`);
    }
    console.error('No bundle written.');
    return 1;
  }

  mkdirSync(bundlesDir, { recursive: true });
  const written = new Set<string>();
  for (const result of built) {
    const file = `${result.slug}.json`;
    writeFileSync(join(bundlesDir, file), result.json);
    written.add(file);
    console.log(`wrote ${relative(root, join(bundlesDir, file))}`);
  }
  // The folder holds generated output only: a bundle whose seed was removed would otherwise ship forever.
  for (const file of readdirSync(bundlesDir)) {
    if (file.endsWith('.json') && !written.has(file)) {
      rmSync(join(bundlesDir, file));
      console.log(`removed ${relative(root, join(bundlesDir, file))} (no seed)`);
    }
  }
  return 0;
}

process.exitCode = main();
