/**
 * The in-page side of `npm run bench`. scripts/bench.ts bundles this file with esbuild into one IIFE (global
 * `SideNotesBench`) and adds it to each page, so the page runs the very code the content script runs:
 * `compileMatcher` + `PageScanner` + `Highlights` over `defaultBundle`. Nothing here is shipped.
 */
import type { Bundle } from '@/utils/bundle/schema';
import { defaultBundle } from '@/utils/bundle/load';
import { compileMatcher } from '@/utils/match/compile';
import { Highlights, type HighlightNames } from '@/utils/page/highlights';
import { PageScanner } from '@/utils/page/scanner';
import { aliasCount, syntheticBundle } from './bench-synthetic';

/** The highlight names the bench registers under (the extension draws random ones per page load). */
export const BENCH_NAMES: HighlightNames = { mention: 'side-notes-mention', active: 'side-notes-active' };

export interface FloorResult {
  ms: number;
  textNodes: number;
  chars: number;
}

export interface LongTasks {
  supported: boolean;
  count: number;
  maxMs: number;
}

export interface ScanResult {
  compileMs: number;
  /** The scanner's own busy time (its slices added up): `scanner.stats.scanMs`. */
  scanMs: number;
  /** From the call to the resolved promise, yields to the page included. */
  wallMs: number;
  mentions: number;
  textNodes: number;
  entities: number;
  aliases: number;
  longTasks: LongTasks;
}

export interface MarkResult {
  ms: number;
  marks: number;
}

/** (a) The floor: a bare TreeWalker read of every text node under body. */
export function floor(): FloorResult {
  const start = performance.now();
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  let textNodes = 0;
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    textNodes++;
    chars += (node as Text).data.length;
  }
  return { ms: performance.now() - start, textNodes, chars };
}

let synthetic: Bundle | null = null;
function bundlesFor(which: 'seed' | '10k'): Bundle[] {
  if (which === 'seed') return [defaultBundle];
  synthetic ??= syntheticBundle(defaultBundle);
  return [synthetic];
}

/** Generates the synthetic bundle now (so its generation never counts) and says how big it is. */
export function prepareSynthetic(): { entities: number; aliases: number } {
  const [bundle] = bundlesFor('10k');
  return { entities: bundle.entities.length, aliases: aliasCount(bundle) };
}

const nextFrame = () =>
  new Promise<void>((resolve) => {
    // rAF does not run in a hidden page: never wait on it alone.
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });

/** Long tasks (> 50 ms) of the main thread from now until `stop`, which first lets the page render once more. */
function watchLongTasks(): { stop(): Promise<LongTasks> } {
  const durations: number[] = [];
  let observer: PerformanceObserver | null = null;
  const supported = PerformanceObserver.supportedEntryTypes?.includes('longtask') ?? false;
  if (supported) {
    observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) durations.push(entry.duration);
    });
    observer.observe({ type: 'longtask' });
  }
  return {
    async stop() {
      // The highlights are painted in the rendering step after the last slice: let it happen, and let the
      // observer deliver its entries.
      await nextFrame();
      await nextFrame();
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (observer) {
        for (const entry of observer.takeRecords()) durations.push(entry.duration);
        observer.disconnect();
      }
      return { supported, count: durations.length, maxMs: durations.length ? Math.max(...durations) : 0 };
    },
  };
}

/** (b)/(d) The extension's full scan with highlighting, as the content script runs it. */
export async function ours(which: 'seed' | '10k'): Promise<ScanResult> {
  const bundles = bundlesFor(which);
  const compileStart = performance.now();
  const matcher = compileMatcher(bundles);
  const compileMs = performance.now() - compileStart;
  const aliases = matcher.aliasCount;

  const highlights = new Highlights(BENCH_NAMES);
  highlights.show();
  const lifetime = new AbortController();
  const scanner = new PageScanner(matcher, highlights, lifetime.signal, () => {});
  const longTasks = watchLongTasks();
  const start = performance.now();
  scanner.scanDocument();
  await scanner.whenIdle();
  const wallMs = performance.now() - start;
  const tasks = await longTasks.stop();
  const result: ScanResult = {
    compileMs,
    scanMs: scanner.stats.scanMs,
    wallMs,
    mentions: scanner.index.size,
    textNodes: scanner.stats.textNodes,
    entities: matcher.entities.size,
    aliases,
    longTasks: tasks,
  };
  lifetime.abort();
  highlights.hide();
  return result;
}

/** Every alias text of the seed bundle: the surface forms mark.js is asked to mark. */
export function seedAliasTexts(): string[] {
  return [...new Set(defaultBundle.entities.flatMap((entity) => entity.aliases.map((alias) => alias.text)))];
}

interface MarkInstance {
  mark(keywords: string[], options: Record<string, unknown>): void;
}
type MarkConstructor = new (context: Element) => MarkInstance;

let markResult: MarkResult | null = null;

/** (c) Starts mark.js (added to the page beforehand as the global `Mark`); `markDone` reports when it finished. */
export function startMark(terms: string[]): void {
  markResult = null;
  const Mark = (globalThis as unknown as { Mark?: MarkConstructor }).Mark;
  if (!Mark) throw new Error('mark.js is not on the page');
  setTimeout(() => {
    const start = performance.now();
    new Mark(document.body).mark(terms, {
      accuracy: 'exactly',
      separateWordSearch: false,
      caseSensitive: false,
      done: (marks: number) => {
        markResult = { ms: performance.now() - start, marks };
      },
    });
  }, 0);
}

export function markDone(): MarkResult | null {
  return markResult;
}
