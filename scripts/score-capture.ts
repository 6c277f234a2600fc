/**
 * `npm run score:capture`: how right a capture draft is on real news pages, labelled by hand in
 * tests/fixtures/capture-labels.json (pages of ../shared/corpus, and the seed article). Runs the capture's own code
 * in each page in Debian's Chromium (or CHROME_PATH); run it through the browser lock on a shared machine:
 * `flock /tmp/sidenotes-browser.lock npm run score:capture`. Prints tables, writes nothing.
 *
 * Per kind (person, organisation, place, treaty, equipment, event, and "other" = the last three together):
 * precision (draft entities of the kind that name a labelled entity of it / draft entities of the kind) and recall
 * (labelled entities found with their kind / labelled entities), name-level and strict (`score` in
 * capture-corpus.ts); the share of drafted entities that name a labelled entity and have its kind ("kinds right");
 * per page, per set (tuning…, held-out…) and overall; every quote checked verbatim against the article's text; the
 * page's DOM checked unchanged; the time of each capture.
 *
 * Flags: --page=NAME   only the labelled pages whose name contains NAME (repeatable)
 *        --split=NAME  only the pages of that set (repeatable)
 *        --quiet       no per-page list of errors
 *        --runs=N      capture each page N times and report the median too (the first capture in a page is cold)
 */
import type { EntityKind } from '../utils/bundle/schema.ts';
import {
  addScore, KINDS, median, openCaptureBench, OTHER_KINDS, precisionOf, readLabels, recallOf, requireCorpus, score, sumCounts, table,
  totalScore, verbatim, fraction, type Counts, type PageScore,
} from './capture-corpus.ts';

const args = process.argv.slice(2);
const values = (flag: string) => args.filter((arg) => arg.startsWith(`--${flag}=`)).map((arg) => arg.slice(flag.length + 3));
const pageFilter = values('page');
const splitFilter = values('split');
const quiet = args.includes('--quiet');
const runs = Math.max(1, Number(values('runs')[0] ?? 1));

const SHORT: Record<EntityKind, string> = { person: 'person', organisation: 'org', place: 'place', treaty: 'treaty', equipment: 'equip', event: 'event' };

/** "tp/drafted · found/labelled" for one page and kind, or "—" when it has neither. */
function cell(count: Counts): string {
  if (!count.tp && !count.fp && !count.labels) return '—';
  return `${count.tp}/${count.tp + count.fp} · ${count.foundLabels}/${count.labels}`;
}

async function main(): Promise<void> {
  requireCorpus();
  const labelled = readLabels().filter(
    (entry) => (!pageFilter.length || pageFilter.some((name) => entry.page.includes(name))) && (!splitFilter.length || splitFilter.includes(entry.split)),
  );
  if (!labelled.length) {
    console.log('No labelled page matches.');
    return;
  }
  const bench = await openCaptureBench();
  const rows: string[][] = [];
  const totals = new Map<string, PageScore>();
  const details: string[] = [];
  let quotes = 0;
  let quotesInText = 0;
  let unchanged = true;
  let largest: { page: string; chars: number; ms: number; median: number; hostMs: number } | undefined;
  try {
    console.log(`Side Notes capture scores — Chromium ${bench.browser.version()}, ${labelled.length} labelled pages (tests/fixtures/capture-labels.json)`);
    for (const entry of labelled) {
      const run = await bench.capture(bench.urlOf(entry.page), runs);
      const name = entry.page.replace(/\.(html|md)$/, '');
      if ('error' in run.draft || !run.text || !run.textContent) {
        rows.push([name, entry.split, 'no article']);
        continue;
      }
      const checked = verbatim(run.draft, run.text, run.textContent);
      quotes += checked.quotes;
      quotesInText += checked.inText;
      unchanged &&= run.pageUnchanged;
      const pageScore = score(run.draft, entry.entities);
      for (const split of [entry.split, 'all']) {
        const total = totals.get(split) ?? totalScore();
        addScore(total, pageScore);
        totals.set(split, total);
      }
      if (!largest || run.htmlChars > largest.chars) largest = { page: name, chars: run.htmlChars, ms: run.ms[0], median: median(run.ms), hostMs: run.hostMs };
      const { accuracy } = pageScore;
      rows.push([
        name,
        entry.split,
        ...KINDS.map((kind) => cell(pageScore.kinds.get(kind)!)),
        `${accuracy.right}/${accuracy.named}`,
        `${checked.inText}/${checked.quotes}`,
        `${(run.htmlChars / 1e6).toFixed(2)} MB`,
        `${run.ms[0].toFixed(0)} ms${runs > 1 ? ` / ${median(run.ms).toFixed(0)} ms` : ''}`,
        `${run.hostMs.toFixed(0)} ms`,
      ]);
      const errors = KINDS.map((kind) => [kind, pageScore.kinds.get(kind)!] as const).filter(([, count]) => count.falsePositives.length || count.missed.length);
      if (errors.length || accuracy.wrong.length) {
        details.push(`  ${entry.page}:`);
        for (const [kind, count] of errors) details.push(`    ${kind}: false ${count.falsePositives.join(', ') || '—'}; missed ${count.missed.join(', ') || '—'}`);
        if (accuracy.wrong.length) details.push(`    wrong kind: ${accuracy.wrong.join(', ')}`);
      }
    }
  } finally {
    await bench.close();
  }

  console.log('');
  console.log(`Per page: for each kind "right/drafted · found/labelled"; kinds right = drafted entities naming a labelled entity with its kind; capture = first (cold) capture of the live page${runs > 1 ? ` / median of ${runs}` : ''}; host = parse the HTML + capture, as the capture host does (after the others)`);
  console.log(table(['page', 'set', ...KINDS.map((kind) => SHORT[kind]), 'kinds right', 'quotes verbatim', 'html', 'capture', 'host'], rows));

  const sets = [...new Set(labelled.map((entry) => entry.split))].filter((split) => totals.has(split));
  const columns = [...sets, 'all'];
  const kindRow = (label: string, countOf: (total: PageScore) => Counts) =>
    [label, ...columns.flatMap((split) => {
      const count = countOf(totals.get(split)!);
      return [precisionOf(count), recallOf(count)];
    })];
  console.log('');
  console.log('Per kind and set: precision (right/drafted) and recall (found/labelled)');
  console.log(
    table(
      ['kind', ...columns.flatMap((split) => [`${split} P`, `${split} R`])],
      [
        ...KINDS.map((kind) => kindRow(kind, (total) => total.kinds.get(kind)!)),
        kindRow('other (treaty+equipment+event)', (total) => sumCounts(total, OTHER_KINDS)),
        ['kinds right', ...columns.flatMap((split) => {
          const { right, named } = totals.get(split)!.accuracy;
          return [`${fraction(right, named)} (${right}/${named})`, ''];
        })],
      ],
    ),
  );
  console.log('');
  console.log(`Quotes verbatim in the capture’s text: ${quotesInText} / ${quotes} ${quotesInText === quotes ? '✓' : '✗'}; page DOM unchanged after every capture: ${unchanged ? 'yes ✓' : 'NO ✗'}`);
  if (largest) {
    const medianText = runs > 1 ? `, median of ${runs} ${largest.median.toFixed(0)} ms` : '';
    console.log(`Largest page: ${largest.page} (${(largest.chars / 1e6).toFixed(2)} MB of HTML): capture ${largest.ms.toFixed(0)} ms (first, cold)${medianText}; as the host does it (parse + capture) ${largest.hostMs.toFixed(0)} ms`);
  }
  if (!quiet && details.length) {
    console.log('');
    console.log('Errors per page (false: draft entities naming no labelled entity of their kind; missed: labelled entities not found with their kind):');
    console.log(details.join('\n'));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
