import type { NotesSearch } from './notes-search';

/**
 * How long one slice of indexing may hold the main thread. Keystrokes wait at most this long, and a frame
 * (16 ms) still has room to paint what they change.
 */
export const INDEX_SLICE_MS = 8;

/** Resolves in a new task, after whatever input and rendering is waiting (a message, so no timer clamping). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Indexes every note in slices of `INDEX_SLICE_MS`, each in a task of its own, so the page stays responsive
 * meanwhile. Resolves true once all notes are indexed, false if `signal` aborted first.
 */
export async function indexInBackground(search: NotesSearch, signal: AbortSignal): Promise<boolean> {
  while (!signal.aborted) {
    if (search.indexFor(INDEX_SLICE_MS)) return true;
    await nextTask();
  }
  return false;
}
