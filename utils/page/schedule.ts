/**
 * Timers that belong to a lifetime: each one is cancelled when its signal aborts, and a callback never runs after
 * the abort, even when the timer had already been queued.
 */

/** Runs `callback` after `ms` unless `signal` aborts first; returns a function that cancels it. */
export function later(signal: AbortSignal, callback: () => void, ms: number): () => void {
  if (signal.aborted) return () => {};
  const cancel = () => {
    clearTimeout(id);
    signal.removeEventListener('abort', cancel);
  };
  const id = setTimeout(() => {
    signal.removeEventListener('abort', cancel);
    if (!signal.aborted) callback();
  }, ms);
  signal.addEventListener('abort', cancel, { once: true });
  return cancel;
}

/** Runs `callback` before the next repaint unless `signal` aborts first. */
export function nextFrame(signal: AbortSignal, callback: () => void): void {
  if (signal.aborted) return;
  const cancel = () => cancelAnimationFrame(id);
  const id = requestAnimationFrame(() => {
    signal.removeEventListener('abort', cancel);
    if (!signal.aborted) callback();
  });
  signal.addEventListener('abort', cancel, { once: true });
}

/** Resolves after `ms` (0: lets the page run its tasks first) with whether the lifetime is still going. */
export function pause(signal: AbortSignal, ms = 0): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(id);
      resolve(false);
    };
    const id = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(!signal.aborted);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Resolves once the page has been rendered (a frame has gone by: layout is done, so reading geometry forces none),
 * or after `fallbackMs` where frames do not come (a tab in the background); false when the lifetime ended.
 */
export function afterRender(signal: AbortSignal, fallbackMs = 100): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(fallback);
      cancelAnimationFrame(frame);
      signal.removeEventListener('abort', finish);
      resolve(!signal.aborted);
    };
    // rAF runs before the frame's layout and paint; a task queued from it runs after them.
    const frame = requestAnimationFrame(() => setTimeout(finish, 0));
    const fallback = setTimeout(finish, fallbackMs);
    signal.addEventListener('abort', finish, { once: true });
  });
}

/** Runs `callback` once the document has been parsed (at once if it has), unless `signal` aborts first. */
export function whenParsed(signal: AbortSignal, callback: () => void): void {
  if (signal.aborted) return;
  if (document.readyState !== 'loading') return callback();
  document.addEventListener('DOMContentLoaded', () => signal.aborted || callback(), { once: true, signal });
}

