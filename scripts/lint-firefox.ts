/**
 * `npm run lint:firefox`: Mozilla's add-on linter (`web-ext lint`, the checks addons.mozilla.org runs on upload) on
 * the Firefox build. Fails on any error, and on any warning that is not one of the explained ones below, each of
 * which is checked, not just waved through.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const buildDir = join(root, '.output', 'firefox-mv3');

interface Message {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}
interface Report {
  summary: { errors: number; warnings: number; notices: number };
  errors: Message[];
  warnings: Message[];
  notices: Message[];
}

/**
 * Files of the extension's own code that write HTML (as markup) into a document; there should be none. (Reading
 * `outerHTML`, as the capture does to hand a page's markup to the capture page, writes nothing; the capture page
 * parses that markup with `DOMParser` into an inert document, which runs no script and is never shown.)
 */
function htmlSinksInSources(): string[] {
  try {
    const pattern = 'dangerouslySetInnerHTML|(inner|outer)HTML\\s*\\+?=[^=]|insertAdjacentHTML';
    const args = ['grep', '--untracked', '-l', '-E', pattern, '--', 'entrypoints/*.ts', 'entrypoints/*.tsx', 'components/*.tsx', 'components/*.ts', 'utils/*.ts', 'utils/**/*.ts'];
    return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return []; // git grep exits 1 when nothing matches
  }
}

/**
 * UNSAFE_VAR_ASSIGNMENT in Preact's renderer: `dom.innerHTML = props.dangerouslySetInnerHTML.__html`, reached only
 * when a component passes `dangerouslySetInnerHTML`. None of ours does (checked: no source file names it or any
 * other HTML-parsing sink), so every string from the notes reaches the DOM as text (README, "Privacy").
 */
function isPreactsDangerouslySetInnerHtml(warning: Message, sinks: string[]): boolean {
  if (warning.code !== 'UNSAFE_VAR_ASSIGNMENT' || !warning.file || !warning.line || warning.column === undefined) return false;
  const line = readFileSync(join(buildDir, warning.file), 'utf8').split('\n')[warning.line - 1] ?? '';
  const around = line.slice(Math.max(0, warning.column - 4), warning.column + 40);
  return /\b\w+\.innerHTML=\w+\.__html\b/.test(around) && sinks.length === 0;
}

/**
 * UNSAFE_VAR_ASSIGNMENT in Mozilla's Readability (`@mozilla/readability`), in the capture page's chunk: it rebuilds an
 * article inside a document the capture page parsed from a page's markup with `DOMParser` — a document that is never
 * shown and runs no script — to read its text. No page the reader sees is written to.
 */
function isReadabilityInCapturePage(warning: Message): boolean {
  if (warning.code !== 'UNSAFE_VAR_ASSIGNMENT' || !warning.file?.includes('capture-host') || !warning.line || warning.column === undefined) {
    return false;
  }
  const line = readFileSync(join(buildDir, warning.file), 'utf8').split('\n')[warning.line - 1] ?? '';
  const around = line.slice(Math.max(0, warning.column - 400), warning.column + 400);
  return /this\._(attempts|isSingleImage|charThreshold|getInnerText)\b/.test(around);
}

function lint(): Report {
  try {
    const args = ['lint', '--source-dir', buildDir, '--output', 'json', '--no-config-discovery'];
    const out = execFileSync(join(root, 'node_modules', '.bin', 'web-ext'), args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return JSON.parse(out) as Report;
  } catch (error) {
    // web-ext exits non-zero when there are errors; the report is still on stdout.
    const stdout = (error as { stdout?: string }).stdout;
    if (stdout) return JSON.parse(stdout) as Report;
    throw error;
  }
}

const report = lint();
const sinks = htmlSinksInSources();
const explanation = (warning: Message): string | null =>
  isPreactsDangerouslySetInnerHtml(warning, sinks)
    ? 'Preact’s dangerouslySetInnerHTML, used by no component'
    : isReadabilityInCapturePage(warning)
      ? 'Readability, in a parsed document of the capture page that is never shown'
      : null;
const unexplained = report.warnings.filter((warning) => explanation(warning) === null);
const where = (m: Message) => (m.file ? ` (${m.file}${m.line ? `:${m.line}:${m.column}` : ''})` : '');
for (const m of report.errors) console.log(`error   ${m.code}: ${m.message}${where(m)}`);
for (const m of report.warnings) {
  const note = explanation(m) ? ` — explained: ${explanation(m)}` : '';
  console.log(`warning ${m.code}: ${m.message}${where(m)}${note}`);
}
for (const m of report.notices) console.log(`notice  ${m.code}: ${m.message}${where(m)}`);
if (sinks.length > 0) console.log(`HTML sinks in the sources: ${sinks.join(', ')}`);
console.log(
  `web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings ` +
    `(${unexplained.length} unexplained), ${report.summary.notices} notices`,
);
if (report.summary.errors > 0 || unexplained.length > 0) process.exit(1);
