/**
 * The bench pages, shared by `npm run bench` and `npm run bench:scale`: the four pages of ../shared/corpus/large/
 * and the three largest of ../shared/corpus/readability/ (or `SIDE_NOTES_CORPUS`).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from '../e2e/support/pages.ts';

export const CORPUS = resolve(process.env.SIDE_NOTES_CORPUS ?? join(ROOT, '..', 'shared', 'corpus'));

export interface BenchPageFile {
  name: string;
  dir: string;
  file: string;
  bytes: number;
}

/** Whether the corpus is there. */
export function hasCorpus(): boolean {
  return existsSync(join(CORPUS, 'large')) && existsSync(join(CORPUS, 'readability'));
}

/** The bench pages; `filter`: only those whose name contains one of these strings. */
export function benchPages(filter?: string[]): BenchPageFile[] {
  const large = readdirSync(join(CORPUS, 'large'))
    .filter((file) => file.endsWith('.html'))
    .sort()
    .map((file) => ({ dir: 'large', file }));
  const readability = readdirSync(join(CORPUS, 'readability'))
    .filter((file) => file.endsWith('.html'))
    .map((file) => ({ dir: 'readability', file, bytes: statSync(join(CORPUS, 'readability', file)).size }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3);
  return [...large, ...readability]
    .map(({ dir, file }) => ({ name: `${dir}/${file}`, dir, file, bytes: statSync(join(CORPUS, dir, file)).size }))
    .filter((page) => !filter || filter.some((part) => page.name.includes(part)));
}

/** The server folders that serve them. */
export const BENCH_FOLDERS = { '/large/': join(CORPUS, 'large'), '/readability/': join(CORPUS, 'readability') };
