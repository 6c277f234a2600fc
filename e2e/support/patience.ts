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
