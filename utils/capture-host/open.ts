import { browser } from 'wxt/browser';
import { buildCatalogue, knownNames } from '@/utils/catalogue/catalogue';
import { getEnabledBundles } from '@/utils/library/store';
import { CAPTURE_HOST_IDLE_MS, CAPTURE_HTML_MESSAGE, unavailable, type CaptureAnswer, type CaptureHtmlMessage } from './messages';

/**
 * The background's side of a capture: opens the capture host (entrypoints/capture-host) when it is not open, and
 * asks it for the draft of a page's HTML, with the names already in the reader's notes (a capture reuses their
 * names and kinds).
 */

export const CAPTURE_HOST_PATH = '/capture-host.html';

/** Chrome's offscreen documents: a hidden page for a service worker that needs a DOM (here, a parser). */
interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  hasDocument?(): Promise<boolean>;
}

let opening: Promise<void> | null = null;

/** Firefox: the frame the host runs in, and the timer that removes it once unused. */
let frame: HTMLIFrameElement | null = null;
let frameIdle: ReturnType<typeof setTimeout> | undefined;

async function openHost(): Promise<void> {
  const offscreen = (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;
  if (offscreen) {
    if (await offscreen.hasDocument?.()) return;
    await offscreen.createDocument({
      url: CAPTURE_HOST_PATH,
      reasons: ['DOM_PARSER'],
      justification: 'Reads the article of a page the reader asked to take notes from.',
    });
    return;
  }
  // Firefox's background is a page: the host is a frame of it, removed again once unused (a frame cannot close).
  if (typeof document === 'undefined') throw new Error('no place to run the capture');
  if (frame?.isConnected) return;
  const created = document.createElement('iframe');
  await new Promise<void>((resolve, reject) => {
    created.addEventListener('load', () => resolve(), { once: true });
    created.addEventListener('error', () => reject(new Error('the capture page did not load')), { once: true });
    created.src = browser.runtime.getURL(CAPTURE_HOST_PATH);
    document.body.append(created);
  });
  frame = created;
}

function closeFrameWhenIdle(): void {
  if (!frame) return;
  clearTimeout(frameIdle);
  frameIdle = setTimeout(() => {
    frame?.remove();
    frame = null;
  }, CAPTURE_HOST_IDLE_MS);
}

/** Opens the host once even when several captures ask at the same moment. */
function ensureHost(): Promise<void> {
  opening ??= openHost().finally(() => {
    opening = null;
  });
  return opening;
}

export async function captureHtml(html: string, url: string): Promise<CaptureAnswer> {
  try {
    const known = knownNames(buildCatalogue(await getEnabledBundles()));
    const message: CaptureHtmlMessage = { type: CAPTURE_HTML_MESSAGE, html, url, known };
    // Twice at most: the host may close itself (it was idle) between the check that it is open and the message.
    for (let attempt = 1; ; attempt++) {
      await ensureHost();
      try {
        const answer = (await browser.runtime.sendMessage(message)) as CaptureAnswer | undefined;
        closeFrameWhenIdle();
        if (answer) return answer;
        if (attempt === 2) return unavailable('The capture page did not answer.');
      } catch (error) {
        if (attempt === 2) throw error;
      }
    }
  } catch (error) {
    return unavailable(`The capture could not run: ${(error as Error).message}`);
  }
}
