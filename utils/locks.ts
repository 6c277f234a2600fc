/**
 * Runs read-modify-write steps one at a time per name, so that writes made together (`Promise.all` of two switches,
 * the popup and the options page at once) all land instead of the last one overwriting the others. The Web Locks
 * API spans every extension page and the service worker of one extension (same origin); where it is missing, a
 * queue in this context does the same for the steps started here.
 */
const queues = new Map<string, Promise<unknown>>();

export function withLock<T>(name: string, step: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks?.request) return locks.request(name, step) as Promise<T>;
  const run = (queues.get(name) ?? Promise.resolve()).then(() => step());
  queues.set(name, run.catch(() => {}));
  return run;
}
