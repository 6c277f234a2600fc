import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultBundle } from '@/utils/bundle/load';
import { importBundles } from '@/utils/library/exchange';
import {
  MAX_IMPORT_BYTES,
  readFileInSteps,
  readImportFile,
  type ImportProgress,
  type ReadingMessage,
  type ReadingWorker,
} from '@/utils/library/read-import';
import { storageProblem } from '@/utils/library/storage-errors';
import { deleteBundle, getBundle, getLibraryIndex, installBuiltIn } from '@/utils/library/store';

/** A library file of `count` copies of the shipped bundle, each under an id of its own. */
function libraryBlob(count: number): Blob {
  const bundles = Array.from({ length: count }, (_, i) => ({ bundle: { ...defaultBundle, id: `copy-${i}` } }));
  return new Blob([JSON.stringify({ format: 'side-notes-library', schemaVersion: 1, bundles }, null, 2)]);
}

/** A worker that runs the reading here, answering one message per task, as a real one does across threads. */
function workerHere(): ReadingWorker & { terminated: boolean } {
  const worker = {
    terminated: false,
    onmessage: null as ReadingWorker['onmessage'],
    onerror: null as ReadingWorker['onerror'],
    postMessage(file: Blob) {
      void readFileInSteps(file, (message) =>
        setTimeout(() => !worker.terminated && worker.onmessage?.({ data: message } as MessageEvent<ReadingMessage>)),
      );
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker;
}

describe('reading a file to import', () => {
  it('reports reading, then checking, and hands every bundle back', async () => {
    const progress: ImportProgress[] = [];
    const messages: ReadingMessage['type'][] = [];
    await readFileInSteps(libraryBlob(40), (message) => {
      messages.push(message.type);
      if (message.type === 'progress') progress.push(message);
    });
    expect(progress.some((p) => p.phase === 'reading')).toBe(true);
    // Reading first, then checking, each moving forward (at most one report every 100 ms past the first).
    const phases = progress.map((p) => p.phase);
    expect(phases.indexOf('checking')).toBeGreaterThan(phases.lastIndexOf('reading'));
    expect(progress.filter((p) => p.phase === 'checking').every((p) => p.total === 40 && p.done < 40)).toBe(true);
    const reads = progress.filter((p) => p.phase === 'reading').map((p) => p.done);
    expect(reads).toEqual([...reads].sort((a, b) => a - b));
    expect(messages.filter((type) => type === 'bundle')).toHaveLength(40);
    expect(messages.at(-1)).toBe('done');
  });

  it('puts the bundles back together from a worker’s messages', async () => {
    const worker = workerHere();
    const reading = readImportFile(libraryBlob(5), () => {}, worker);
    const result = await reading.result;
    expect(result?.ok && result.bundles.map(({ bundle }) => bundle.id)).toEqual(['copy-0', 'copy-1', 'copy-2', 'copy-3', 'copy-4']);
    expect(worker.terminated).toBe(true);
  });

  it('can be cancelled: the worker is ended and the result is null', async () => {
    const worker = workerHere();
    worker.postMessage = () => {};
    const reading = readImportFile(libraryBlob(1), () => {}, worker);
    reading.cancel();
    expect(await reading.result).toBeNull();
    expect(worker.terminated).toBe(true);
  });

  it('refuses a file over the limit at once, with its size and the limit', async () => {
    const huge = { size: MAX_IMPORT_BYTES + 50 * 1024 * 1024 } as Blob;
    const result = await readImportFile(huge, () => {}).result;
    expect(result).toEqual({
      ok: false,
      errors: ['The file is 250 MB; Side Notes imports files of up to 200 MB. Export fewer articles at a time, or split the file.'],
      foreign: false,
    });
  });

  it('says a damaged file is not JSON', async () => {
    const text = await libraryBlob(3).text();
    const result = await readImportFile(new Blob([text.slice(0, -20)]), () => {}).result;
    expect(result?.ok).toBe(false);
    expect(!result?.ok && result?.errors[0]).toMatch(/^The file is not JSON: /);
  });
});

describe('a storage that refuses a write', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await installBuiltIn(defaultBundle);
  });
  afterEach(() => vi.restoreAllMocks());

  const failOn = (key: string, message = 'QUOTA_BYTES quota exceeded') => {
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    return vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      if (Object.keys(items).some((k) => k === key)) throw new Error(message);
      return set(items);
    });
  };

  it('keeps the library as it was, and takes away the bundles written for the import', async () => {
    const before = await getLibraryIndex();
    failOn('bundle:copy-2');
    const bundles = [0, 1, 2].map((i) => ({ bundle: { ...defaultBundle, id: `copy-${i}` }, enabled: true, hidden: false }));
    await expect(importBundles(bundles)).rejects.toThrow('QUOTA_BYTES quota exceeded');
    expect(await getLibraryIndex()).toEqual(before);
    expect(await fakeBrowser.storage.local.get(['bundle:copy-0', 'bundle:copy-1', 'bundle:copy-2'])).toEqual({});
    expect(await getBundle(defaultBundle.id)).toEqual(defaultBundle);
  });

  it('keeps the library as it was when the index cannot be written', async () => {
    const before = await getLibraryIndex();
    failOn('library');
    await expect(importBundles([{ bundle: { ...defaultBundle, id: 'copy-0' }, enabled: true, hidden: false }])).rejects.toThrow();
    expect(await getLibraryIndex()).toEqual(before);
    expect(await getBundle('copy-0')).toBeNull();
  });

  it('takes a deleted bundle’s text away only once the index without it is stored', async () => {
    await importBundles([{ bundle: { ...defaultBundle, id: 'copy-0' }, enabled: true, hidden: false }]);
    const spy = failOn('library');
    await expect(deleteBundle('copy-0')).rejects.toThrow();
    expect((await getLibraryIndex()).entries.map((entry) => entry.id)).toContain('copy-0');
    expect(await getBundle('copy-0')).toEqual({ ...defaultBundle, id: 'copy-0' });
    spy.mockRestore();
    await deleteBundle('copy-0');
    expect(await getBundle('copy-0')).toBeNull();
  });

  it('says a full storage is full, and that nothing saved was lost', () => {
    expect(storageProblem(new Error('QUOTA_BYTES quota exceeded'), 'Nothing was imported')).toBe(
      'Nothing was imported: the browser’s storage for Side Notes is full (QUOTA_BYTES quota exceeded). Everything you had ' +
        'saved is still there. Free some space on the disk, or delete notes you no longer need, and try again.',
    );
    expect(storageProblem(new Error('IO error: .../000123.ldb: FILE_ERROR_NO_SPACE'), 'Nothing was saved')).toMatch(/is full/);
    expect(storageProblem(new Error('Something else'), 'Nothing was saved')).toBe('Nothing was saved: Something else');
  });
});
