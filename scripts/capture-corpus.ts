/**
 * What `npm run bench:capture` and `npm run score:capture` share: the labelled pages of ../shared/corpus
 * (tests/fixtures/capture-labels.json), a page server and Chromium that run the capture's own code in each page,
 * and the scoring of a draft against hand labels. Nothing here is shipped.
 *
 * The capture is utils/capture/draft.ts bundled by esbuild into an IIFE (scripts/bench-capture-page.ts) and added
 * to each page; pages are served from 127.0.0.1 and every other request is aborted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ENTITY_KINDS, type EntityKind } from '../utils/bundle/schema.ts';
import { aliasKey } from '../utils/match/normalize.ts';
import type { CaptureDraft } from '../utils/capture/types.ts';
import { CHROMIUM_FLAGS, localOnly } from '../e2e/support/browser.ts';
import { ROOT, startPageServer, type PageServer } from '../e2e/support/pages.ts';
import { pageScript } from './page-script.ts';
import type * as CapturePage from './bench-capture-page.ts';

export const CORPUS = resolve(process.env.SIDE_NOTES_CORPUS ?? join(ROOT, '..', 'shared', 'corpus'));
export const LABELS = join(ROOT, 'tests', 'fixtures', 'capture-labels.json');
/** The seed article's page in the labels: served at /article.html by the page server. */
export const SEED_PAGE = 'seed/nato-south-korea-2023';
const CORPUS_FOLDERS = ['readability', 'dev', 'large'] as const;

export const KINDS = ENTITY_KINDS;
/** Treaties, equipment and events: the kinds the issue counts together as "other". */
export const OTHER_KINDS: readonly EntityKind[] = ['treaty', 'equipment', 'event'];

declare const SideNotesCapture: typeof CapturePage;

export interface Label {
  name: string;
  /** One kind, or the kinds a reader could fairly give it ("White House": an organisation or a place). */
  kind: EntityKind | EntityKind[];
  aliases?: string[];
  /** A judgement call: a draft entity matching it counts neither way, and missing it is no miss. */
  borderline?: boolean;
}

export interface LabelledPage {
  page: string;
  /**
   * 'tuning…': the rules were adjusted on it (each 'tuning-N' set was first scored once blind); 'held-out…': labelled
   * after the rules it is scored with and never tuned on. The blind first scores are in utils/capture/README.md.
   */
  split: string;
  source: string;
  licence: string;
  notes?: string;
  entities: Label[];
}

/** Exits with a plain message when ../shared/corpus is not there: the scores need its pages. */
export function requireCorpus(): void {
  const missing = CORPUS_FOLDERS.filter((folder) => !existsSync(join(CORPUS, folder)));
  if (missing.length) {
    console.log(`The corpus is not at ${CORPUS} (missing ${missing.join(', ')}/): these scores need ../shared/corpus, or SIDE_NOTES_CORPUS set to it. Nothing was measured.`);
    process.exit(2);
  }
}

export function readLabels(): LabelledPage[] {
  return (JSON.parse(readFileSync(LABELS, 'utf8')) as { pages: LabelledPage[] }).pages;
}

export function chromePath(): string {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`No Chromium at ${path}. Install it (apt-get install -y chromium) or set CHROME_PATH.`);
  return path;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A White House `.md` text as a page: front matter's title, one `<p>` per paragraph (corpus/README.md). */
export function markdownPage(source: string): string {
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

export interface CaptureBench {
  browser: Browser;
  server: PageServer;
  /** The URL a labelled page (or any corpus path, "readability/cnn.html", or SEED_PAGE) is served at. */
  urlOf(page: string): string;
  /** Captures the page at `url` `runs` times in the page itself, and once more as the capture host does. */
  capture(url: string, runs?: number): Promise<CapturePage.CaptureRun>;
  close(): Promise<void>;
}

/** Chromium, a page server for the corpus and the seed, and the capture's code ready for each page. */
export async function openCaptureBench(): Promise<CaptureBench> {
  const executablePath = chromePath();
  const script = await pageScript('bench-capture-page.ts', 'SideNotesCapture');
  const server = await startPageServer({ folders: Object.fromEntries(CORPUS_FOLDERS.map((folder) => [`/${folder}/`, join(CORPUS, folder)])) });
  const urlOf = (page: string) => {
    if (page === SEED_PAGE) return `${server.origin}/article.html`;
    if (page.endsWith('.md')) {
      const path = `/${page.replace(/\.md$/, '.html')}`;
      if (!server.pages.has(path)) server.pages.set(path, markdownPage(readFileSync(join(CORPUS, page), 'utf8')));
      return `${server.origin}${path}`;
    }
    return `${server.origin}/${page}`;
  };
  const browser = await chromium.launch({ executablePath, headless: false, args: ['--headless=new', ...CHROMIUM_FLAGS] });
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1200, height: 800 }, javaScriptEnabled: true });
  await localOnly(context);
  const page: Page = await context.newPage();
  return {
    browser,
    server,
    urlOf,
    async capture(url, runs = 1) {
      await page.goto(url, { waitUntil: 'load', timeout: 60_000 }).catch(() => page.waitForLoadState('domcontentloaded'));
      await page.addScriptTag({ content: script });
      return page.evaluate(({ url, runs }) => SideNotesCapture.capture(url, runs), { url, runs });
    },
    async close() {
      await context.close();
      await browser.close();
      await server.close();
    },
  };
}

// ── Scoring ──────────────────────────────────────────────────────────────────────────────────────────────────

export interface Counts {
  /** Draft entities of the kind that match a label of it. */
  tp: number;
  /** Draft entities of the kind that match none (or a label another draft entity already matched). */
  fp: number;
  /** Non-borderline labels of the kind, and how many of them some draft entity of the kind found. */
  labels: number;
  foundLabels: number;
  falsePositives: string[];
  missed: string[];
}

/** Of the draft entities that name a labelled entity (not a borderline one), how many have one of its kinds. */
export interface KindAccuracy {
  named: number;
  right: number;
  wrong: string[];
}

export interface PageScore {
  kinds: Map<EntityKind, Counts>;
  accuracy: KindAccuracy;
}

export const emptyCounts = (): Counts => ({ tp: 0, fp: 0, labels: 0, foundLabels: 0, falsePositives: [], missed: [] });
const emptyScore = (): PageScore => ({ kinds: new Map(KINDS.map((kind) => [kind, emptyCounts()])), accuracy: { named: 0, right: 0, wrong: [] } });

export function keysOf(entity: { name: string; aliases?: string[] }): Set<string> {
  return new Set([entity.name, ...(entity.aliases ?? [])].map(aliasKey).filter(Boolean));
}

export const overlaps = (a: Set<string>, b: Set<string>) => [...a].some((key) => b.has(key));
export const kindsOf = (label: Label) => (Array.isArray(label.kind) ? label.kind : [label.kind]);

/**
 * Name-level scores per kind. A draft entity of kind K is a true positive when one of its forms folds equal to a
 * form of a label that may be K and that no earlier draft entity matched; a second draft entity for the same label
 * (a split entity, "again") is a false positive, and so is one that matches only labels of another kind (wrong
 * kind) or no label at all. Matching a borderline label counts neither way. Recall: the non-borderline labels of
 * kind K (each counted once, under its first kind) that some draft entity of a kind it may have matched.
 * Kind accuracy: of the draft entities whose forms name a non-borderline label, the share whose kind is one of that
 * label's.
 */
export function score(draft: CaptureDraft, labels: Label[]): PageScore {
  const result = emptyScore();
  const matched = new Set<Label>();
  const labelKeys = new Map(labels.map((label) => [label, keysOf(label)]));
  for (const entity of draft.entities) {
    const kind = entity.kind;
    const count = result.kinds.get(kind)!;
    const keys = keysOf(entity);
    const sameName = labels.filter((label) => overlaps(keys, labelKeys.get(label)!));
    const right = sameName.filter((label) => kindsOf(label).includes(kind));
    const named = sameName.filter((label) => !label.borderline);
    if (named.length) {
      result.accuracy.named++;
      if (named.some((label) => kindsOf(label).includes(kind))) result.accuracy.right++;
      else result.accuracy.wrong.push(`${entity.name} (${kind}, not ${kindsOf(named[0]).join('/')})`);
    }
    const fresh = right.find((label) => !label.borderline && !matched.has(label));
    if (fresh) {
      count.tp++;
      matched.add(fresh);
    } else if (!right.some((label) => label.borderline) && !(sameName.length && sameName.every((label) => label.borderline))) {
      count.fp++;
      count.falsePositives.push(right.length ? `${entity.name} (again)` : named.length ? `${entity.name} (${kindsOf(named[0]).join('/')})` : entity.name);
    }
  }
  for (const label of labels) {
    if (label.borderline) continue;
    const count = result.kinds.get(kindsOf(label)[0])!;
    count.labels++;
    if (matched.has(label)) count.foundLabels++;
    else count.missed.push(label.name);
  }
  return result;
}

export function addScore(into: PageScore, from: PageScore): void {
  for (const kind of KINDS) {
    const a = into.kinds.get(kind)!;
    const b = from.kinds.get(kind)!;
    a.tp += b.tp;
    a.fp += b.fp;
    a.labels += b.labels;
    a.foundLabels += b.foundLabels;
  }
  into.accuracy.named += from.accuracy.named;
  into.accuracy.right += from.accuracy.right;
}

export function totalScore(): PageScore {
  return emptyScore();
}

/** Several kinds' counts as one ("other" = treaty + equipment + event). */
export function sumCounts(score: PageScore, kinds: readonly EntityKind[]): Counts {
  const sum = emptyCounts();
  for (const kind of kinds) {
    const count = score.kinds.get(kind)!;
    sum.tp += count.tp;
    sum.fp += count.fp;
    sum.labels += count.labels;
    sum.foundLabels += count.foundLabels;
  }
  return sum;
}

export const fraction = (part: number, whole: number) => (whole ? (part / whole).toFixed(2) : '—');
export const precisionOf = (count: Counts) => `${fraction(count.tp, count.tp + count.fp)} (${count.tp}/${count.tp + count.fp})`;
export const recallOf = (count: Counts) => `${fraction(count.foundLabels, count.labels)} (${count.foundLabels}/${count.labels})`;

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell = '', i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((width, i) => (i === 0 ? ':' : '-') + '-'.repeat(width) + (i === 0 ? '-' : ':')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Quotes that are not verbatim: in the capture's text exactly, and in Readability's textContent (HTML white space read as one space). */
export function verbatim(draft: CaptureDraft, text: string, textContent: string): { quotes: number; inText: number; inTextContent: number; bad: string[] } {
  const collapsed = textContent.replace(/[ \t\n\r\f]+/g, ' ');
  const quotes = draft.entities.flatMap((entity) => entity.facts.map((fact) => fact.quote));
  const bad = quotes.filter((quote) => !text.includes(quote));
  return { quotes: quotes.length, inText: quotes.length - bad.length, inTextContent: quotes.filter((quote) => collapsed.includes(quote)).length, bad };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
