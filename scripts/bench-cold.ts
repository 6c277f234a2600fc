/**
 * `npm run bench`, first section: the scan as a content script really runs it — cold, in an isolated world — against
 * anchors measured the same way. A content script's first scan of a page touches every DOM node from a world where
 * none has a wrapper yet; measured warm in the page's own world it looks several times faster than it is.
 *
 * - floor: a bare `TreeWalker(SHOW_TEXT)` read of every text node's `.data`;
 * - plain scanner: one combined regex of the seed bundle's aliases per text node, a Range per match, one
 *   `CSS.highlights` entry — what a scanner that knows nothing of visibility, blocks or ambiguity costs;
 * - mark.js 8.11.1 marking the same aliases (it wraps each in an element);
 * each run in a fresh isolated world of its own (`Page.createIsolatedWorld`, then `Runtime.evaluate` in it), in a
 * browser without the extension; and Side Notes: the built extension's own `stats.scanMs` and `stats.viewportMs` on a
 * fresh load of the page, plus the longest stretch of its code on the main thread (CPU profile of the tab).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchWithExtension, localOnly, settledPageState, type ExtensionBrowser } from '../e2e/support/browser.ts';
import { ROOT } from '../e2e/support/pages.ts';

export interface ColdRow {
  name: string;
  textNodes: number;
  floor: number[];
  plain: number[];
  mark: number | 'timeout' | 'error' | 'skipped';
  ours: number[];
  viewport: number[];
  mentions: number;
  /** The longest stretch of Side Notes' code on the main thread during one load and scan, ms. */
  longestOurs: number;
  /** What that stretch was doing: the outermost functions of ours in it. */
  longestWhat: string;
  /** With `--profile`: where the content script's time went, by function (self time), over every profiled load. */
  profile?: { name: string; ms: number }[];
  /** With `--profile`: the content script's sampled time per load (its samples added up). */
  profiledMs?: number;
}

const MARK_TIMEOUT_MS = 120_000;
const LOAD_TIMEOUT_MS = 30_000;

const FLOOR = `(() => {
  const start = performance.now();
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  let textNodes = 0;
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    textNodes++;
    chars += node.data.length;
  }
  return { ms: performance.now() - start, textNodes, chars };
})()`;

/** The plain scanner, with the alias list spliced in. */
const plain = (terms: string[]) => `(() => {
  const terms = ${JSON.stringify(terms)};
  const escape = (text) => text.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&').replace(/\\s+/g, '\\\\s+');
  const start = performance.now();
  const pattern = new RegExp('(?<![\\\\p{L}\\\\p{N}])(?:' + terms.map(escape).sort((a, b) => b.length - a.length).join('|') + ')(?![\\\\p{L}\\\\p{N}])', 'giu');
  const highlight = new Highlight();
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  let found = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = node.data;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(data); match; match = pattern.exec(data)) {
      const range = new Range();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      highlight.add(range);
      found++;
    }
  }
  CSS.highlights.set('bench-plain', highlight);
  const ms = performance.now() - start;
  CSS.highlights.delete('bench-plain');
  return { ms, found };
})()`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
export { median };

async function open(page: Page, url: string): Promise<void> {
  try {
    await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
  } catch {
    await page.waitForLoadState('domcontentloaded', { timeout: LOAD_TIMEOUT_MS });
  }
}

/** Evaluates `expression` in a fresh isolated world of the page's main frame: every wrapper it touches is new. */
async function inFreshWorld<T>(session: CDPSession, expression: string, name: string, awaitPromise = false): Promise<T> {
  const { frameTree } = await session.send('Page.getFrameTree');
  const { executionContextId } = await session.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: name });
  const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
    expression,
    contextId: executionContextId,
    returnByValue: true,
    awaitPromise,
    timeout: MARK_TIMEOUT_MS,
  });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value as T;
}

let worlds = 0;

/** The three anchors on one page, each run cold; mark.js once, on a page of its own (it changes the DOM). */
async function anchors(context: BrowserContext, url: string, terms: string[], runs: number, markSource: string | null) {
  const page = await context.newPage();
  await open(page, url);
  await page.waitForTimeout(300);
  const session = await context.newCDPSession(page);
  const floor: number[] = [];
  const plainMs: number[] = [];
  let textNodes = 0;
  for (let run = 0; run < runs; run++) {
    const result = await inFreshWorld<{ ms: number; textNodes: number }>(session, FLOOR, `bench-${worlds++}`);
    floor.push(result.ms);
    textNodes = result.textNodes;
    plainMs.push((await inFreshWorld<{ ms: number }>(session, plain(terms), `bench-${worlds++}`)).ms);
  }
  await page.close();
  if (markSource === null) return { floor, plain: plainMs, mark: 'skipped' as const, textNodes };

  const marked = await context.newPage();
  await open(marked, url);
  await marked.waitForTimeout(300);
  const markSession = await context.newCDPSession(marked);
  let mark: ColdRow['mark'];
  try {
    const world = `bench-${worlds++}`;
    const { frameTree } = await markSession.send('Page.getFrameTree');
    const { executionContextId } = await markSession.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: world });
    await markSession.send('Runtime.evaluate', { expression: markSource, contextId: executionContextId });
    const { result } = await markSession.send('Runtime.evaluate', {
      expression: `new Promise((resolve) => {
        const start = performance.now();
        new Mark(document.body).mark(${JSON.stringify(terms)}, {
          accuracy: 'exactly', separateWordSearch: false, caseSensitive: false,
          done: () => resolve(performance.now() - start),
        });
      })`,
      contextId: executionContextId,
      awaitPromise: true,
      returnByValue: true,
      timeout: MARK_TIMEOUT_MS,
    });
    mark = typeof result.value === 'number' ? result.value : 'timeout';
  } catch (error) {
    mark = /timeout|terminated/i.test(String(error)) ? 'timeout' : 'error';
  }
  await Promise.race([marked.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  return { floor, plain: plainMs, mark, textNodes };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/**
 * The longest stretch of the content script's code in a CPU profile: samples in its code, joined across garbage
 * collection inside it, broken by anything else (the event loop between two tasks, the page's own code): an
 * estimate of its longest task.
 */
export function longestStretch(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): { ms: number; top: string } {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const ours = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    let known = ours.get(id);
    if (known !== undefined) return known;
    known = false;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (byId.get(at)?.callFrame.url.includes('/side-notes.js')) {
        known = true;
        break;
      }
    }
    ours.set(id, known);
    return known;
  };
  /** The outermost frame of the content script's on a sample's stack: what the stretch was doing. */
  const entry = (id: number): string => {
    let name = '';
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame?.url.includes('/side-notes.js')) name = frame.functionName || '(anonymous)';
    }
    return name;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let longest = 0;
  let longestFrom = 0;
  let longestTo = 0;
  let stretch = 0;
  let from = 0;
  let gap = 0;
  for (let i = 0; i < samples.length; i++) {
    const ms = (deltas[i + 1] ?? 0) / 1000;
    if (isOurs(samples[i])) {
      if (stretch === 0) from = i;
      stretch += gap + ms;
      gap = 0;
      if (stretch > longest) [longest, longestFrom, longestTo] = [stretch, from, i];
    } else if (byId.get(samples[i])?.callFrame.functionName === '(garbage collector)' && stretch > 0) {
      gap += ms;
    } else {
      stretch = 0;
      gap = 0;
    }
  }
  const counts = new Map<string, number>();
  for (let i = longestFrom; i <= longestTo; i++) {
    const name = entry(samples[i]) || byId.get(samples[i])?.callFrame.functionName || '?';
    counts.set(name, (counts.get(name) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join(', ');
  return { ms: longest, top };
}

/**
 * Where the content script's time went in a CPU profile: self time by function (the browser's own functions it
 * calls, such as a TreeWalker's `nextNode`, count as such), over the samples with a frame of the content script on
 * the stack. Added into `into`; returns the sampled time.
 */
export function selfTimes(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }, into: Map<string, number>): number {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const ours = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (byId.get(at)?.callFrame.url.includes('/side-notes.js')) return true;
    }
    return false;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    if (!ours(samples[i])) continue;
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const frame = byId.get(samples[i])!.callFrame as ProfileNode['callFrame'] & { lineNumber?: number };
    const where = frame.url.includes('/side-notes.js') ? `:${(frame.lineNumber ?? 0) + 1}` : ' (browser)';
    const name = `${frame.functionName || '(anonymous)'}${where}`;
    into.set(name, (into.get(name) ?? 0) + ms);
    total += ms;
  }
  return total;
}

/** Side Notes itself: fresh loads of the page with the extension, its own figures from page state. */
async function ours(browser: ExtensionBrowser, url: string, runs: number, profileAll: boolean) {
  const page = await browser.context.newPage();
  const self = new Map<string, number>();
  let profiledMs = 0;
  const scan: number[] = [];
  const viewport: number[] = [];
  let mentions = 0;
  let longestOurs = 0;
  let longestWhat = '';
  for (let run = 0; run < runs; run++) {
    // The first load is profiled: the longest stretch of our code, on a load like the others.
    const session = run === 0 || profileAll ? await browser.context.newCDPSession(page) : null;
    if (session) {
      await session.send('Profiler.enable');
      await session.send('Profiler.setSamplingInterval', { interval: profileAll ? 100 : 200 });
      await session.send('Profiler.start');
    }
    await open(page, url);
    const state = await settledPageState(browser, page, 60_000);
    if (session) {
      await page.waitForTimeout(300);
      const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: Parameters<typeof longestStretch>[0] };
      if (run === 0) ({ ms: longestOurs, top: longestWhat } = longestStretch(profile));
      if (profileAll) profiledMs += selfTimes(profile, self);
      await session.detach();
    }
    scan.push(state.stats.scanMs);
    viewport.push(state.stats.viewportMs);
    mentions = state.mentions.length;
  }
  await page.close();
  const profile = profileAll
    ? [...self].map(([name, ms]) => ({ name, ms: ms / runs })).sort((a, b) => b.ms - a.ms).slice(0, 25)
    : undefined;
  return { ours: scan, viewport, mentions, longestOurs, longestWhat, profile, profiledMs: profileAll ? profiledMs / runs : undefined };
}

export async function runColdBench(
  context: BrowserContext,
  targets: { name: string; url: string }[],
  terms: string[],
  runs: number,
  { profile = false, mark = true }: { profile?: boolean; mark?: boolean } = {},
): Promise<ColdRow[]> {
  const markSource = readFileSync(join(ROOT, 'node_modules', 'mark.js', 'dist', 'mark.min.js'), 'utf8');
  const rows: ColdRow[] = [];
  const extension = await launchWithExtension();
  await localOnly(extension.context);
  try {
    for (const target of targets) {
      process.stdout.write(`  ${target.name}: anchors`);
      const anchor = await anchors(context, target.url, terms, runs, mark ? markSource : null);
      process.stdout.write(', Side Notes');
      const measured = await ours(extension, target.url, runs, profile);
      console.log('');
      rows.push({ name: target.name, ...anchor, ...measured });
    }
  } finally {
    await extension.close();
  }
  return rows;
}
