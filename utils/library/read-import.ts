import { readImport, type ImportedBundle, type ReadImport } from './import-file';
import type { ReaderNote } from './reader-notes-read';
import ReadImportWorker from './read-import.worker.ts?worker';

/**
 * Reading a file to import without freezing the page that asked (README, "Import limits"). The file is read and
 * checked in a Web Worker (`read-import.worker.ts`), which reports its progress, can be cancelled (the worker is
 * ended), and hands the bundles back one message each, so no single step on the page costs more than one bundle's
 * copy. Where there is no Worker (unit tests), the same steps run here.
 */

/** The largest file read: past this a file is refused at once, with a message, before a byte is read. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export interface ImportProgress {
  /** `reading`: bytes of the file read; `checking`: bundles checked. */
  phase: 'reading' | 'checking';
  done: number;
  total: number;
}

/** What the reading sends back, one message at a time. */
export type ReadingMessage =
  | ({ type: 'progress' } & ImportProgress)
  | { type: 'failed'; errors: string[]; foreign: boolean }
  | { type: 'bundle'; bundle: ImportedBundle }
  | { type: 'done'; readerNotes: ReaderNote[] };

/** How often progress is reported at most: often enough for a bar to move, rarely enough to cost nothing. */
const PROGRESS_EVERY_MS = 100;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** The reading itself: the worker's body, and the fallback's. */
export async function readFileInSteps(file: Blob, post: (message: ReadingMessage) => void): Promise<void> {
  let last = 0;
  let lastPhase: ImportProgress['phase'] | null = null;
  // At most one report every PROGRESS_EVERY_MS, but always a phase's first and last: the reader sees each step.
  const progress = (phase: ImportProgress['phase'], done: number, total: number) => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS && done < total && phase === lastPhase) return;
    last = now;
    lastPhase = phase;
    post({ type: 'progress', phase, done, total });
  };
  const reader = file.stream().getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let read = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(decoder.decode(value, { stream: true }));
    read += value.byteLength;
    progress('reading', read, file.size);
  }
  parts.push(decoder.decode());
  const result = readImport(parts.join(''), (done, total) => progress('checking', done, total));
  if (!result.ok) {
    post({ type: 'failed', errors: result.errors, foreign: result.foreign });
    return;
  }
  for (const bundle of result.bundles) post({ type: 'bundle', bundle });
  post({ type: 'done', readerNotes: result.readerNotes });
}

/** The part of a Worker used here (tests give their own). */
export interface ReadingWorker {
  postMessage(file: Blob): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<ReadingMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

function startWorker(): ReadingWorker | null {
  if (typeof Worker === 'undefined') return null;
  return new ReadImportWorker() as unknown as ReadingWorker;
}

/** A file's reading under way: its result (null when cancelled), and how to cancel it. */
export interface ImportReading {
  result: Promise<ReadImport | null>;
  cancel(): void;
}

/** Reads `file` to import, off the page's thread, reporting progress. */
export function readImportFile(
  file: Blob,
  onProgress: (progress: ImportProgress) => void,
  worker: ReadingWorker | null = file.size > MAX_IMPORT_BYTES ? null : startWorker(),
): ImportReading {
  if (file.size > MAX_IMPORT_BYTES) {
    const errors = [
      `The file is ${megabytes(file.size)}; Side Notes imports files of up to ${megabytes(MAX_IMPORT_BYTES)}. ` +
        'Export fewer articles at a time, or split the file.',
    ];
    return { result: Promise.resolve({ ok: false, errors, foreign: false }), cancel: () => {} };
  }
  let settle: (result: ReadImport | null) => void = () => {};
  const result = new Promise<ReadImport | null>((resolve) => (settle = resolve));
  const bundles: ImportedBundle[] = [];
  let cancelled = false;
  const onMessage = (message: ReadingMessage) => {
    if (cancelled) return;
    if (message.type === 'progress') onProgress(message);
    else if (message.type === 'bundle') bundles.push(message.bundle);
    else if (message.type === 'failed') settle({ ok: false, errors: message.errors, foreign: message.foreign });
    else settle({ ok: true, bundles, readerNotes: message.readerNotes });
    if (message.type === 'failed' || message.type === 'done') worker?.terminate();
  };
  const fail = (reason: string) => {
    worker?.terminate();
    settle({ ok: false, errors: [`The file could not be read: ${reason}`], foreign: false });
  };
  if (worker) {
    worker.onmessage = (event) => onMessage(event.data);
    worker.onerror = (event) => fail(event.message || 'the reader stopped');
    worker.postMessage(file);
  } else {
    readFileInSteps(file, onMessage).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
  }
  return {
    result,
    cancel() {
      cancelled = true;
      worker?.terminate();
      settle(null);
    },
  };
}
