/**
 * How long any end-to-end wait lasts before it gives up. Every wait is for a condition (a ready signal, an element,
 * a page state), never for a fixed time, so a generous deadline costs nothing when things go well: it only keeps a
 * busy, shared machine from failing a test that would have passed a moment later. Vitest's `expect.poll` gets the
 * same default (vitest.config.ts).
 */
export const PATIENCE_MS = 60_000;

/** Polls `check` (every `everyMs`) until it returns something other than undefined, false or null; throws after `timeoutMs`. */
export async function until<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  what: string,
  { timeoutMs = PATIENCE_MS, everyMs = 50 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = 'nothing yet';
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value as T;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}; last: ${String(last)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Anything that runs a function in a page: a Playwright page or frame, a Puppeteer page. */
interface Evaluates {
  evaluate(fn: (arg: number) => Promise<void>, arg: number): Promise<unknown>;
}

/**
 * For a check that something did NOT happen: resolves once a timer of `ms` that the page set now has fired. Timers
 * fire in the order they are due, so by then every timer of Side Notes that was due sooner (the hover delay, the
 * close grace, a change batch) has fired too, however slow a busy machine made the page: the wait is measured on the
 * page's own event loop, not in the test's seconds.
 */
export async function pageTimerFired(page: Evaluates, ms: number): Promise<void> {
  await page.evaluate((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)), ms);
}

/** Resolves after the page has drawn `frames` more frames: what was just changed is on screen. */
export async function framesDrawn(page: Evaluates, frames = 2): Promise<void> {
  await page.evaluate(
    (frames: number) =>
      new Promise<void>((resolve) => {
        const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
        step(frames);
      }),
    frames,
  );
}
