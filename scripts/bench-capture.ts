/**
 * `npm run bench:capture`: how good a capture draft is, in Debian's Chromium (or CHROME_PATH). Prints tables,
 * writes nothing.
 *
 * (a) The seed article served as a page: how many of the seed bundle's curated entities the draft recovers (an
 *     entity counts when a draft entity's name or alias folds equal to one of its name and aliases: case,
 *     diacritics, hyphens, apostrophes; `aliasKey`), and whether every quote is verbatim in the article's text.
 * (b) Real news pages of ../shared/corpus, labelled by hand in tests/fixtures/capture-labels.json: precision and
 *     recall per kind (person, organisation, place), name-level, strict (see `score`).
 * Also the weight of the capture code (esbuild, minified, gzip -9) and the time of a capture on the seed article.
 *
 * The capture is the extension's own code (utils/capture/draft.ts) bundled by esbuild into an IIFE and added to
 * each page; pages are served from 127.0.0.1 and every other request is aborted.
 *
 * Flags: --text=NAME  print the article text the capture reads on the labelled page whose name contains NAME (what
 *                     a labeller reads), and stop.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { BundleSchema } from '../utils/bundle/schema.ts';
import { aliasKey } from '../utils/match/normalize.ts';
import type { CaptureDraft } from '../utils/capture/types.ts';
import { CHROMIUM_FLAGS, localOnly } from '../e2e/support/browser.ts';
import { ROOT, startPageServer } from '../e2e/support/pages.ts';
import { pageScript } from './page-script.ts';
import type * as CapturePage from './bench-capture-page.ts';
import * as v from 'valibot';

const CORPUS = resolve(process.env.SIDE_NOTES_CORPUS ?? join(ROOT, '..', 'shared', 'corpus'));
const LABELS = join(ROOT, 'tests', 'fixtures', 'capture-labels.json');
const SEED_BUNDLE = join(ROOT, 'assets', 'bundles', 'nato-south-korea-2023.json');
const SEED_RUNS = 5;
const TARGETS = { seedRecall: 0.8, personPrecision: 0.8 };
const LABELLED_KINDS = ['person', 'organisation', 'place'] as const;
type LabelledKind = (typeof LABELLED_KINDS)[number];

const textFlag = process.argv.slice(2).find((arg) => arg.startsWith('--text='))?.slice('--text='.length);

declare const SideNotesCapture: typeof CapturePage;

interface Label {
  name: string;
  /** One kind, or the kinds a reader could fairly give it ("White House": an organisation or a place). */
  kind: LabelledKind | LabelledKind[];
  aliases?: string[];
  /** A judgement call: a draft entity matching it counts neither way, and missing it is no miss. */
  borderline?: boolean;
}

interface LabelledPage {
  page: string;
  /** 'tuning': the rules were adjusted on it; 'tuning-2': scored once blind, then tuned on; 'held-out': never tuned on. */
  split: 'tuning' | 'tuning-2' | 'held-out';
  source: string;
  licence: string;
  notes?: string;
  entities: Label[];
}

interface Counts {
  /** Draft entities of the kind that match a label of it. */
  tp: number;
  /** Draft entities of the kind that match none (or a label another draft entity already matched). */
  fp: number;
  /** Non-borderline labels of the kind, and how many of them some draft entity found. */
  labels: number;
  foundLabels: number;
  wrongKind: number;
  falsePositives: string[];
  missed: string[];
}

const emptyCounts = (): Counts => ({ tp: 0, fp: 0, labels: 0, foundLabels: 0, wrongKind: 0, falsePositives: [], missed: [] });

function chromePath(): string {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`No Chromium at ${path}. Install it (apt-get install -y chromium) or set CHROME_PATH.`);
  return path;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A White House `.md` text as a page: front matter's title, one `<p>` per paragraph (corpus/README.md). */
function markdownPage(source: string): string {
  const front = /^---\n([\s\S]*?)\n---\n/.exec(source);
  const title = /^title:\s*"?(.*?)"?\s*$/m.exec(front?.[1] ?? '')?.[1].replace(/\\_/g, ' ') ?? '';
  const body = source.slice(front?.[0].length ?? 0);
  const paragraphs = body
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('\n');
  return `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title>\n<article>\n${paragraphs}\n</article>\n`;
}

async function bundleCapture(): Promise<{ script: string; gzip: number; raw: number; byPackage: Map<string, number> }> {
  const script = await pageScript('bench-capture-page.ts', 'SideNotesCapture');
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
  return { script, raw: output.length, gzip: gzipSync(output, { level: 9 }).length, byPackage: packageWeights(weight.metafile) };
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

async function runCapture(page: Page, url: string, script: string, runs: number): Promise<CapturePage.CaptureRun> {
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => page.waitForLoadState('domcontentloaded'));
  await page.addScriptTag({ content: script });
  return page.evaluate(({ url, runs }) => SideNotesCapture.capture(url, runs), { url, runs });
}

function keysOf(entity: { name: string; aliases?: string[] }): Set<string> {
  return new Set([entity.name, ...(entity.aliases ?? [])].map(aliasKey).filter(Boolean));
}

const overlaps = (a: Set<string>, b: Set<string>) => [...a].some((key) => b.has(key));
const kindsOf = (label: Label) => (Array.isArray(label.kind) ? label.kind : [label.kind]);

/**
 * Name-level scores per kind. A draft entity of kind K is a true positive when one of its forms folds equal to a
 * form of a label that may be K and that no earlier draft entity matched; a second draft entity for the same label
 * (a split entity) is a false positive, and so is one that matches only labels of another kind (wrong kind).
 * Matching a borderline label counts neither way. Recall: the non-borderline labels of kind K that some draft entity
 * of kind K matched.
 */
function score(draft: CaptureDraft, labels: Label[]): Map<LabelledKind, Counts> {
  const counts = new Map(LABELLED_KINDS.map((kind) => [kind, emptyCounts()]));
  const matched = new Set<Label>();
  const labelKeys = new Map(labels.map((label) => [label, keysOf(label)]));
  for (const entity of draft.entities) {
    const kind = entity.kind as LabelledKind;
    const count = counts.get(kind);
    if (!count) continue;
    const keys = keysOf(entity);
    const sameName = labels.filter((label) => overlaps(keys, labelKeys.get(label)!));
    const right = sameName.filter((label) => kindsOf(label).includes(kind));
    const fresh = right.find((label) => !label.borderline && !matched.has(label));
    if (fresh) {
      count.tp++;
      matched.add(fresh);
    } else if (!right.some((label) => label.borderline)) {
      count.fp++;
      if (sameName.length && !right.length) count.wrongKind++;
      count.falsePositives.push(right.length ? `${entity.name} (again)` : sameName.length ? `${entity.name} (${kindsOf(sameName[0]).join('/')})` : entity.name);
    }
  }
  // Recall counts each label once, under its first kind.
  for (const label of labels) {
    if (label.borderline) continue;
    const count = counts.get(kindsOf(label)[0])!;
    count.labels++;
    if (matched.has(label)) count.foundLabels++;
    else count.missed.push(label.name);
  }
  return counts;
}

function add(into: Counts, from: Counts): void {
  into.tp += from.tp;
  into.fp += from.fp;
  into.labels += from.labels;
  into.foundLabels += from.foundLabels;
  into.wrongKind += from.wrongKind;
}

const fraction = (part: number, whole: number) => (whole ? (part / whole).toFixed(2) : '—');
const precision = (count: Counts) => fraction(count.tp, count.tp + count.fp);
const recall = (count: Counts) => fraction(count.foundLabels, count.labels);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((width, i) => (i === 0 ? ':' : '-') + '-'.repeat(width) + (i === 0 ? '-' : ':')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Quotes that are not verbatim: in the capture's text exactly, and in Readability's textContent (HTML white space read as one space). */
function verbatim(draft: CaptureDraft, text: string, textContent: string): { quotes: number; inText: number; inTextContent: number; bad: string[] } {
  const collapsed = textContent.replace(/[ \t\n\r\f]+/g, ' ');
  const quotes = draft.entities.flatMap((entity) => entity.facts.map((fact) => fact.quote));
  const bad = quotes.filter((quote) => !text.includes(quote));
  return { quotes: quotes.length, inText: quotes.length - bad.length, inTextContent: quotes.filter((quote) => collapsed.includes(quote)).length, bad };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  if (!existsSync(join(CORPUS, 'readability')) || !existsSync(join(CORPUS, 'dev'))) {
    console.log(`corpus not found at ${CORPUS}: the capture benchmark needs ../shared/corpus (readability/ and dev/)`);
    process.exit(2);
  }
  const executablePath = chromePath();
  const labelled = (JSON.parse(readFileSync(LABELS, 'utf8')) as { pages: LabelledPage[] }).pages;
  const seed = v.parse(BundleSchema, JSON.parse(readFileSync(SEED_BUNDLE, 'utf8')));
  const code = await bundleCapture();

  const server = await startPageServer({ folders: { '/readability/': join(CORPUS, 'readability'), '/dev/': join(CORPUS, 'dev') } });
  for (const { page } of labelled) {
    if (page.endsWith('.md')) server.pages.set(`/${page.replace(/\.md$/, '.html')}`, markdownPage(readFileSync(join(CORPUS, page), 'utf8')));
  }
  const urlOf = (page: string) => `${server.origin}/${page.replace(/\.md$/, '.html')}`;
  const browser = await chromium.launch({ executablePath, headless: false, args: ['--headless=new', ...CHROMIUM_FLAGS] });
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, javaScriptEnabled: true });
  await localOnly(context);
  const page = await context.newPage();

  try {
    if (textFlag) {
      const target = labelled.find((entry) => entry.page.includes(textFlag));
      const run = await runCapture(page, target ? urlOf(target.page) : `${server.origin}/${textFlag}`, code.script, 1);
      console.log(run.text ?? '(no article)');
      return;
    }
    console.log(`Side Notes capture bench — Chromium ${browser.version()}`);

    // ── (a) The seed article ───────────────────────────────────────────────────────────────────────────────
    const seedRun = await runCapture(page, `${server.origin}/article.html`, code.script, SEED_RUNS);
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
    const seedQuotes = verbatim(draft, seedRun.text, seedRun.textContent);
    console.log('');
    console.log('(a) Seed article (seeds/nato-south-korea-2023 served as a page)');
    console.log(
      table(
        ['measure', 'result'],
        [
          ['curated entities recovered (name or alias)', `${hits.length} / ${seed.entities.length} = ${fraction(hits.length, seed.entities.length)} ${hits.length / seed.entities.length >= TARGETS.seedRecall ? '✓' : '✗'} (target ≥ 0.80)`],
          ['… of these with the curated kind', `${sameKind.length} / ${hits.length}`],
          ['not recovered', recovered.filter((entry) => !entry.by).map((entry) => entry.entity.name).join(', ') || 'none'],
          ['recovered with another kind', hits.filter((entry) => entry.by!.kind !== entry.entity.kind).map((entry) => `${entry.entity.name} (${entry.by!.kind})`).join(', ') || 'none'],
          ['draft entities (all kinds)', `${draft.entities.length}, of which ${unmatched.length} match no curated entity: ${unmatched.map((entity) => `${entity.name} (${entity.kind})`).join(', ') || 'none'}`],
          ['quotes verbatim in the capture’s text', `${seedQuotes.inText} / ${seedQuotes.quotes} ${seedQuotes.inText === seedQuotes.quotes ? '✓' : '✗'}`],
          ['quotes in Readability’s textContent (white space collapsed)', `${seedQuotes.inTextContent} / ${seedQuotes.quotes}`],
          ['descriptions', `${draft.entities.filter((entity) => entity.description).length} entities: ${draft.entities.filter((entity) => entity.description).map((entity) => `${entity.name} — “${entity.description}”`).join('; ')}`],
          ['source', JSON.stringify(draft.source)],
          ['page DOM unchanged after the captures', seedRun.pageUnchanged ? 'yes ✓' : 'NO ✗'],
          ['capture time (Readability + entities + facts)', `first ${seedRun.ms[0].toFixed(0)} ms, median of ${SEED_RUNS} ${median(seedRun.ms).toFixed(0)} ms`],
        ],
      ),
    );

    // ── (b) Labelled news pages ────────────────────────────────────────────────────────────────────────────
    const rows: string[][] = [];
    const totals = new Map<string, Map<LabelledKind, Counts>>();
    const details: string[] = [];
    let quotes = 0;
    let quotesInText = 0;
    let unchanged = true;
    for (const entry of labelled) {
      const run = await runCapture(page, urlOf(entry.page), code.script, 1);
      if ('error' in run.draft || !run.text || !run.textContent) {
        rows.push([entry.page, entry.split, 'no article', '', '', '', '', '', '', '']);
        continue;
      }
      const checked = verbatim(run.draft, run.text, run.textContent);
      quotes += checked.quotes;
      quotesInText += checked.inText;
      unchanged &&= run.pageUnchanged;
      const counts = score(run.draft, entry.entities);
      for (const split of [entry.split, 'all']) {
        const total = totals.get(split) ?? new Map(LABELLED_KINDS.map((kind) => [kind, emptyCounts()]));
        for (const kind of LABELLED_KINDS) add(total.get(kind)!, counts.get(kind)!);
        totals.set(split, total);
      }
      const cells = LABELLED_KINDS.flatMap((kind) => {
        const count = counts.get(kind)!;
        return [`${precision(count)} (${count.tp}/${count.tp + count.fp})`, `${recall(count)} (${count.foundLabels}/${count.labels})`];
      });
      const other = run.draft.entities.filter((entity) => !LABELLED_KINDS.includes(entity.kind as LabelledKind));
      rows.push([entry.page.replace(/\.(html|md)$/, ''), entry.split, ...cells, `${other.length}`, `${(run.ms[0] / 1000).toFixed(2)} s`]);
      const wrong = LABELLED_KINDS.map((kind) => [kind, counts.get(kind)!] as const).filter(([, count]) => count.falsePositives.length || count.missed.length);
      if (wrong.length) {
        details.push(`  ${entry.page}:`);
        for (const [kind, count] of wrong) {
          details.push(`    ${kind}: false ${count.falsePositives.join(', ') || '—'}; missed ${count.missed.join(', ') || '—'}`);
        }
        if (other.length) details.push(`    other kinds (not scored): ${other.map((entity) => `${entity.name} (${entity.kind})`).join(', ')}`);
      }
    }
    const totalRow = (split: string) => {
      const total = totals.get(split);
      if (!total) return [];
      return [[`**${split}**`, '', ...LABELLED_KINDS.flatMap((kind) => {
        const count = total.get(kind)!;
        return [`**${precision(count)}** (${count.tp}/${count.tp + count.fp})`, `**${recall(count)}** (${count.foundLabels}/${count.labels})`];
      }), '', '']];
    };
    console.log('');
    console.log(`(b) ${labelled.length} labelled news pages (tests/fixtures/capture-labels.json): precision (true/draft) and recall (found/labelled) per kind`);
    console.log(
      table(
        ['page', 'split', 'person P', 'person R', 'org P', 'org R', 'place P', 'place R', 'other kinds', 'capture'],
        [...rows, ...[...new Set(labelled.map((entry) => entry.split))].flatMap(totalRow), ...totalRow('all')],
      ),
    );
    const all = totals.get('all');
    if (all) {
      const person = all.get('person')!;
      const wrongKinds = LABELLED_KINDS.reduce((sum, kind) => sum + all.get(kind)!.wrongKind, 0);
      console.log(`  ${person.tp / (person.tp + person.fp) >= TARGETS.personPrecision ? '✓' : '✗'} person precision ≥ 0.80: ${precision(person)}; right name but wrong kind: ${wrongKinds}`);
    }
    console.log(`  quotes verbatim in the capture’s text on these pages: ${quotesInText} / ${quotes} ${quotesInText === quotes ? '✓' : '✗'}; page DOM unchanged: ${unchanged ? 'yes ✓' : 'NO ✗'}`);
    console.log('');
    console.log('Errors per page (false: draft entities matching no label of their kind; missed: labels no draft entity found):');
    console.log(details.join('\n'));

    console.log('');
    const weights = [...code.byPackage.entries()].sort((a, b) => b[1] - a[1]).map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)} KB`);
    console.log(`Capture code (utils/capture/draft.ts and its imports, esbuild --minify): ${(code.raw / 1024).toFixed(0)} KB, ${(code.gzip / 1024).toFixed(1)} KB gzipped (gzip -9); minified by input: ${weights.join(', ')}`);
  } finally {
    await context.close();
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
