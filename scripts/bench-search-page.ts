/**
 * The in-page side of `npm run bench:search`. scripts/bench-search.ts bundles this file with esbuild into one IIFE
 * (global `SideNotesSearchBench`) and runs it in Chromium, so the search is measured where the popup runs it: the
 * popup's own `startNotesSearch`, `indexInBackground` and `search`. Nothing here is shipped.
 */
import { defaultBundle } from '@/utils/bundle/load';
import type { Bundle } from '@/utils/bundle/schema';
import { indexInBackground } from '@/utils/search/index-in-background';
import { startNotesSearch, type NotesSearch } from '@/utils/search/notes-search';
import { READER_QUERIES } from '../tests/fixtures/reader-queries';
import { syntheticNotesBundle } from './bench-synthetic';

export interface StartResult {
  entities: number;
  /** `startNotesSearch` itself: the only search work before the popup's first paint. */
  beforePaintMs: number;
  /** Indexing, from its first slice to the last: wall time, and the slices' busy time added up. */
  wallMs: number;
  busyMs: number;
  slices: number;
  longestSliceMs: number;
  /** Main-thread tasks over 50 ms while indexing, seen by a PerformanceObserver. */
  longTasks: number[];
}

export interface KeystrokeResult {
  /** Milliseconds per keystroke: each reader query typed one character at a time. */
  times: number[];
  /** The slowest keystrokes, as typed so far. */
  slowest: { typed: string; ms: number }[];
}

export interface QualityResult {
  hits: number;
  queries: number;
  misses: string[];
}

/** The seed bundle, the synthetic 10,000 entities, or a library given by `useLibrary` (`npm run bench:scale`). */
type Which = 'seed' | '10k' | 'library';

const bundles: Record<Which, Bundle[]> = { seed: [defaultBundle], '10k': [], library: [] };
const searches: Partial<Record<Which, NotesSearch>> = {};

/** Builds the 10,000-entity bundle from `english` (words of real pages); returns its entity count. */
export function prepareSynthetic(english: string[]): number {
  bundles['10k'] = [syntheticNotesBundle(defaultBundle, english)];
  return bundles['10k'][0].entities.length;
}

/** Fetches a library file (`scripts/generate-library.ts`) for `which = 'library'`, the seed bundle first; returns its entity count. */
export async function useLibrary(url: string): Promise<number> {
  const file = (await (await fetch(url)).json()) as { bundles: { bundle: Bundle }[] };
  bundles.library = [defaultBundle, ...file.bundles.map(({ bundle }) => bundle)];
  return bundles.library.reduce((sum, bundle) => sum + bundle.entities.length, 0);
}

/** What the popup does when it opens: create the search, then index in the background after the first paint. */
export async function start(which: Which): Promise<StartResult> {
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });

  const before = performance.now();
  const search = startNotesSearch(bundles[which]);
  const beforePaintMs = performance.now() - before;

  // Time each slice: wrap indexFor as the background loop calls it.
  let busyMs = 0;
  let slices = 0;
  let longestSliceMs = 0;
  const indexFor = search.indexFor.bind(search);
  search.indexFor = (budgetMs) => {
    const sliceStart = performance.now();
    const done = indexFor(budgetMs);
    const ms = performance.now() - sliceStart;
    busyMs += ms;
    slices++;
    longestSliceMs = Math.max(longestSliceMs, ms);
    return done;
  };
  const began = performance.now();
  await indexInBackground(search, new AbortController().signal);
  const wallMs = performance.now() - began;
  // Long-task entries arrive after their task: give the observer a turn.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  searches[which] = search;

  const entities = bundles[which].reduce((sum, bundle) => sum + bundle.entities.length, 0);
  return { entities, beforePaintMs, wallMs, busyMs, slices, longestSliceMs, longTasks };
}

/** Every reader query typed one character at a time, each prefix searched as the popup searches it. */
export function keystrokes(which: Which): KeystrokeResult {
  const search = searches[which]!;
  const times: number[] = [];
  const all: { typed: string; ms: number }[] = [];
  for (const { query } of READER_QUERIES) {
    for (let length = 1; length <= query.length; length++) {
      const typed = query.slice(0, length);
      const began = performance.now();
      search.search(typed);
      const ms = performance.now() - began;
      times.push(ms);
      all.push({ typed, ms });
    }
  }
  return { times, slowest: all.sort((a, b) => b.ms - a.ms).slice(0, 5) };
}

/** Reader queries with a right entity among the first three results. */
export function quality(which: Which): QualityResult {
  const search = searches[which]!;
  const misses: string[] = [];
  for (const { query, accept } of READER_QUERIES) {
    const top = search.search(query, 3).map((hit) => hit.entity.id);
    if (!top.some((id) => accept.includes(id))) misses.push(query);
  }
  return { hits: READER_QUERIES.length - misses.length, queries: READER_QUERIES.length, misses };
}
