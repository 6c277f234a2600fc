import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SEED_DIR = join(ROOT, 'seeds', 'nato-south-korea-2023');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The seed article as a plain news page: its title, date and paragraphs, nothing else. */
export function seedArticlePage(): string {
  const text = readFileSync(join(SEED_DIR, 'article.txt'), 'utf8');
  const meta = JSON.parse(readFileSync(join(SEED_DIR, 'article.json'), 'utf8')) as { title: string; date: string };
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `    <p>${escapeHtml(paragraph)}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(meta.title)}</title>
  <style>
    body { font: 18px/1.6 Georgia, 'Times New Roman', serif; color: #1f2328; background: #fffdf8; margin: 0; }
    main { max-width: 680px; margin: 48px auto; padding: 0 24px; }
    h1 { font: 700 34px/1.2 system-ui, sans-serif; margin: 0 0 8px; }
    .date { font: 14px system-ui, sans-serif; color: #6b6b6b; margin-bottom: 32px; }
  </style>
</head>
<body>
  <main>
    <h1>${escapeHtml(meta.title)}</h1>
    <div class="date">${escapeHtml(meta.date)}</div>
    <article>
${paragraphs}
    </article>
  </main>
</body>
</html>
`;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface PageServer {
  origin: string;
  /** Pages the tests make up, by path ("/dynamic.html"). */
  pages: Map<string, string>;
  close(): Promise<void>;
}

/**
 * Serves the seed article at `/article.html`, pages a test registers in `pages`, and the files of each folder in
 * `folders` under its URL prefix (by default `tests/fixtures` at `/fixtures/`), on 127.0.0.1 only. HTML is sent as
 * UTF-8 whatever the page declares: saved pages sometimes declare a charset their bytes are not in.
 */
export async function startPageServer({
  folders = { '/fixtures/': join(ROOT, 'tests', 'fixtures') },
}: { folders?: Record<string, string> } = {}): Promise<PageServer> {
  const pages = new Map<string, string>([['/article.html', seedArticlePage()]]);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const page = pages.get(path);
    if (page !== undefined) {
      response.writeHead(200, { 'content-type': TYPES['.html'] });
      response.end(page);
      return;
    }
    for (const [prefix, folder] of Object.entries(folders)) {
      if (!path.startsWith(prefix)) continue;
      const file = normalize(join(folder, path.slice(prefix.length)));
      if (!file.startsWith(folder)) break;
      try {
        const body = readFileSync(file);
        response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        response.end(body);
        return;
      } catch {
        break; // 404 below
      }
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    pages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
