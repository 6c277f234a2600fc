/**
 * The in-page side of `npm run bench:library`. scripts/bench-library.ts bundles this file with esbuild into one IIFE
 * (global `SideNotesLibraryBench`) and runs it in Chromium, so the content script's own compile is measured where it
 * runs: `compileSteps` (the catalogue, then the alias trie) in slices (`runInSlices`), as the background does it.
 * Nothing here is shipped.
 */
import { defaultBundle } from '@/utils/bundle/load';
import { compileSteps } from '@/utils/match/compile';
import { runInSlices } from '@/utils/match/store-compiled';
import { pause } from '@/utils/page/schedule';
import { syntheticBundle } from './bench-synthetic';

export interface CompileResult {
  entities: number;
  aliases: number;
  /** From the first slice to the matcher: wall time, and the slices' busy time added up. */
  wallMs: number;
  busyMs: number;
  slices: number;
  longestSliceMs: number;
  /** Main-thread tasks over 50 ms while compiling, seen by a PerformanceObserver. */
  longTasks: number[];
}

const bundle = syntheticBundle(defaultBundle);

export async function compile(): Promise<CompileResult> {
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => longTasks.push(entry.duration)));
  observer.observe({ type: 'longtask' });
  const signal = new AbortController().signal;
  const slices: number[] = [];
  let sliceStart = performance.now();
  const start = sliceStart;
  const matcher = await runInSlices(compileSteps([bundle]), async () => {
    slices.push(performance.now() - sliceStart);
    const going = await pause(signal);
    sliceStart = performance.now();
    return going;
  });
  slices.push(performance.now() - sliceStart);
  const wallMs = performance.now() - start;
  // Long tasks are reported after they end: let the last one arrive.
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  return {
    entities: matcher!.catalogue.size,
    aliases: matcher!.aliasCount,
    wallMs,
    busyMs: slices.reduce((sum, ms) => sum + ms, 0),
    slices: slices.length,
    longestSliceMs: Math.max(...slices),
    longTasks,
  };
}
