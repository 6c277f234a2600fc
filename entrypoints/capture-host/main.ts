/**
 * The capture host: a page with no UI that the background opens only while capturing (Chrome: an offscreen
 * document; Firefox: a frame of its background page), because the capture needs a DOM parser and weighs 146 KB
 * gzipped. Loading it in the service worker would cost every wake-up of the worker (a badge update, a shortcut)
 * 0.3–0.9 s of evaluation; here it is paid once per capture session. It closes itself when unused for a while.
 */
import { browser } from 'wxt/browser';
import { CAPTURE_HOST_IDLE_MS, isCaptureHtmlMessage, type CaptureFailure } from '@/utils/capture-host/messages';
import { captureArticle, parsePage } from '@/utils/capture-host/run';

let idle = setTimeout(() => window.close(), CAPTURE_HOST_IDLE_MS);

browser.runtime.onMessage.addListener((message: unknown) => {
  if (!isCaptureHtmlMessage(message)) return undefined;
  clearTimeout(idle);
  try {
    return Promise.resolve(captureArticle(parsePage(message.html), message.url, message.known));
  } catch (error) {
    const failure: CaptureFailure = { error: 'failed', message: `The capture failed: ${(error as Error).message}` };
    return Promise.resolve(failure);
  } finally {
    idle = setTimeout(() => window.close(), CAPTURE_HOST_IDLE_MS);
  }
});
