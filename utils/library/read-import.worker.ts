import { readFileInSteps, type ReadingMessage } from './read-import';

/** Reads and checks a file to import off the options page's thread (`read-import.ts`). */
const scope = self as unknown as { onmessage: ((event: MessageEvent<Blob>) => void) | null; postMessage(message: ReadingMessage): void };

scope.onmessage = (event) => {
  readFileInSteps(event.data, (message) => scope.postMessage(message)).catch((error: unknown) =>
    scope.postMessage({ type: 'failed', errors: [`The file could not be read: ${error instanceof Error ? error.message : String(error)}`], foreign: false }),
  );
};
