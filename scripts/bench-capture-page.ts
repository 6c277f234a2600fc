/**
 * The in-page side of `npm run bench:capture` and `npm run score:capture`. scripts/capture-corpus.ts bundles this
 * file with esbuild into one IIFE (global `SideNotesCapture`) and adds it to each page, so the page runs the
 * capture's own code in real Chromium. Nothing here is shipped.
 */
import { Readability } from '@mozilla/readability';
import { extractArticle } from '@/utils/capture/article';
import { captureDraft } from '@/utils/capture/draft';
import type { CaptureDraft, CaptureError } from '@/utils/capture/types';
import { captureArticle, parsePage } from '@/utils/capture-host/run';

export interface CaptureRun {
  draft: CaptureDraft | CaptureError;
  /** Time of each capture of the live document (Readability, entities, facts), the first one cold. */
  ms: number[];
  /**
   * Time of one capture as the capture host makes it, after those: the page's HTML parsed into a document of its
   * own (DOMParser), then the capture. The host runs in an extension page, off the page's thread.
   */
  hostMs: number;
  /** The size of the page's HTML as the content script sends it (`outerHTML`), in characters. */
  htmlChars: number;
  /** The article's text as the capture reads it: what every quote must be a substring of. */
  text: string | null;
  /** Readability's own `textContent` of the same article. */
  textContent: string | null;
  /** Whether the page's DOM was the same, to the character, after the captures. */
  pageUnchanged: boolean;
}

export function capture(url: string, runs: number): CaptureRun {
  const before = document.documentElement.outerHTML;
  const ms: number[] = [];
  let draft: CaptureDraft | CaptureError = { error: 'no-article', message: 'not run' };
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    draft = captureDraft(document, { url });
    ms.push(performance.now() - start);
  }
  const hostStart = performance.now();
  captureArticle(parsePage(before), url, []);
  const hostMs = performance.now() - hostStart;
  const text = extractArticle(document)?.text ?? null;
  const textContent = new Readability(document.cloneNode(true) as Document).parse()?.textContent ?? null;
  return { draft, ms, hostMs, htmlChars: before.length, text, textContent, pageUnchanged: document.documentElement.outerHTML === before };
}

/**
 * The draft and the article's text alone, as `capture` makes them: what the journeys save (e2e/support/library.ts),
 * without the timings, the host's second capture and Readability's own text, which they do not need.
 */
export function draft(url: string): Pick<CaptureRun, 'draft' | 'text'> {
  return { draft: captureDraft(document, { url }), text: extractArticle(document)?.text ?? null };
}
