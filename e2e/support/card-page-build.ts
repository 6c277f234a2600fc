import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { build, type Plugin } from 'esbuild';
import { ROOT } from './pages';

/** `?inline` style imports as text (Vite's way, which the card host uses), other style imports as nothing. */
const styles: Plugin = {
  name: 'styles',
  setup(builder) {
    builder.onResolve({ filter: /\.css\?inline$/ }, (args) => ({
      path: join(args.path.startsWith('@/') ? ROOT : args.resolveDir, args.path.replace(/^@\//, '').replace(/\?inline$/, '')),
      namespace: 'inline-css',
    }));
    builder.onLoad({ filter: /.*/, namespace: 'inline-css' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' }));
  },
};

/** The card page's script (`card-page.tsx`): an IIFE exposing `SideNotesCard.showCard`. */
export async function buildCardPageScript(): Promise<string> {
  const result = await build({
    entryPoints: [join(ROOT, 'e2e', 'support', 'card-page.tsx')],
    bundle: true,
    format: 'iife',
    globalName: 'SideNotesCard',
    platform: 'browser',
    target: 'chrome120',
    tsconfig: join(ROOT, 'tsconfig.json'),
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.css': 'empty' },
    plugins: [styles],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** A page with a line of text to point the card at, in the page's own colours; it loads the card's script. */
export function cardPage(background = '#fffdf8', color = '#1f2328'): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>The card, for axe</title>
<style>body { margin: 0; background: ${background}; color: ${color}; font: 18px/1.6 Georgia, serif; }
main { max-width: 640px; margin: 48px auto; padding: 0 24px; }</style></head>
<body><main><h1>The card</h1><p>The Secretary General, <span id="anchor">Jens Stoltenberg</span>, spoke in Seoul.</p></main>
<script src="/card.js"></script></body></html>`;
}
