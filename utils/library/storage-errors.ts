/**
 * A failed write to extension storage, said to the reader. A full disk (or a quota, where the browser keeps one) is
 * named as such, with what to do; the library's writes leave everything saved before as it was (`updateLibrary`).
 */
export function storageProblem(error: unknown, what: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/quota|disk|space|full|IO error/i.test(message)) {
    return (
      `${what}: the browser’s storage for Side Notes is full (${message}). Everything you had saved is still there. ` +
      'Free some space on the disk, or delete notes you no longer need, and try again.'
    );
  }
  return `${what}: ${message}`;
}
