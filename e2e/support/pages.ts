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
  /** Extra response headers for a path (a Content-Security-Policy, say). */
  headers: Map<string, Record<string, string>>;
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
  const headers = new Map<string, Record<string, string>>();
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const page = pages.get(path);
    if (page !== undefined) {
      response.writeHead(200, { 'content-type': TYPES['.html'], ...headers.get(path) });
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
    headers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The shape of the big page (`bigPage`): enough to freeze a tab that handles mentions carelessly. */
export const BIG_PAGE = { paragraphs: 20_000, nodesPerParagraph: 10, namedEvery: 5, churners: 401, churnEveryMs: 100 };

/**
 * A page of 200,000 text nodes in 20,000 `<p>` (each split by inline elements into ten text nodes), with a name
 * from the seed bundle in every fifth paragraph: about 4,000 mentions. With `churn`, 401 hidden paragraphs also
 * change their text every 100 ms, as a live ticker or a framework's hidden template would. The page keeps its own
 * 10 ms timer and records how late it ran (`window.timerLateness`, ms) so a test can see whether it was starved.
 */
export function bigPage({ churn = false } = {}): string {
  const names = ['NATO', 'Seoul', 'Jens Stoltenberg', 'South Korea', 'Ukraine', 'Yoon Suk Yeol', 'Pyongyang', 'Russia'];
  const filler = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
  const parts: string[] = [];
  for (let p = 0; p < BIG_PAGE.paragraphs; p++) {
    const words: string[] = [];
    for (let n = 0; n < BIG_PAGE.nodesPerParagraph / 2; n++) {
      const word = p % BIG_PAGE.namedEvery === 0 && n === 2 ? names[(p / BIG_PAGE.namedEvery) % names.length] : filler[(p + n) % 10];
      words.push(`${word} and ${filler[(p * 3 + n) % 10]} <b>${filler[(p + 2 * n) % 10]}</b> `);
    }
    parts.push(`<p>${words.join('')}</p>`);
  }
  const churners = churn
    ? `<div id="churn" style="display:none">${'<p>NATO ticker 0</p>'.repeat(BIG_PAGE.churners)}</div>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A very big page</title></head>
<body>
<main>${parts.join('\n')}</main>
${churners}
<script>
  window.timerLateness = [];
  let expected = performance.now() + 10;
  setInterval(() => {
    const now = performance.now();
    window.timerLateness.push(now - expected);
    expected = now + 10;
  }, 10);
  ${churn ? `let tick = 0;
  const churners = document.querySelectorAll('#churn p');
  setInterval(() => { tick++; for (const p of churners) p.textContent = 'NATO ticker ' + tick; }, ${BIG_PAGE.churnEveryMs});` : ''}
</script>
</body></html>`;
}
