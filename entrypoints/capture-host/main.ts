/**
 * The capture host: a page with no UI that the background opens only while capturing (Chrome: an offscreen
 * document; Firefox: a frame of its background page), because the capture needs a DOM parser and weighs 146 KB
 * gzipped. Loading it in the service worker would cost every wake-up of the worker (a badge update, a shortcut)
 * 0.3–0.9 s of evaluation; here it is paid once per capture session. It closes itself when unused for a while.
 */
import { browser } from 'wxt/browser';
import { isCaptureHtmlMessage, type CaptureFailure } from '@/utils/capture-host/messages';
import { captureArticle, parsePage } from '@/utils/capture-host/run';

/** How long the host stays open after its last capture: a reader reviewing several pages in a row reuses it. */
const IDLE_CLOSE_MS = 60_000;

let idle = setTimeout(() => window.close(), IDLE_CLOSE_MS);

browser.runtime.onMessage.addListener((message: unknown) => {
  if (!isCaptureHtmlMessage(message)) return undefined;
  clearTimeout(idle);
  try {
    return Promise.resolve(captureArticle(parsePage(message.html), message.url, message.known));
  } catch (error) {
    const failure: CaptureFailure = { error: 'failed', message: `The capture failed: ${(error as Error).message}` };
    return Promise.resolve(failure);
  } finally {
    idle = setTimeout(() => window.close(), IDLE_CLOSE_MS);
  }
});
