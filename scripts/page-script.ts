/**
 * One place for the benchmarks' in-page scripts: a module of ours bundled by esbuild into a classic script that
 * defines `globalName` on the page, ready for `page.addScriptTag({ content })`.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT } from '../e2e/support/pages.ts';

/** Bundles `scripts/<file>` as an IIFE that assigns its exports to `globalName`. */
export async function pageScript(file: string, globalName: string): Promise<string> {
  const result = await build({
    entryPoints: [join(ROOT, 'scripts', file)],
    bundle: true,
    format: 'iife',
    globalName,
    platform: 'browser',
    target: 'chrome120',
    tsconfig: join(ROOT, 'tsconfig.json'),
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
