import { browser } from 'wxt/browser';
import { replyTo } from '@/utils/messages';
import {
  CAPTURE_PAGE_MESSAGE,
  isCaptureDraftRequest,
  isCaptureFailure,
  unavailable,
  type CaptureAnswer,
  type CapturePageMessage,
} from '@/utils/capture-host/messages';

/**
 * The capture-draft contract (README, "Capture draft"), the content script's side: on `side-notes:capture-draft`
 * the top frame sends its document, as it is now, to the background, which runs the capture in an extension page
 * and answers with the draft. Saves nothing. None of the capture code is in this script (it would be most of it).
 * Returns the function that stops listening.
 */
export function answerCaptureRequests(): () => void {
  const onMessage = replyTo(isCaptureDraftRequest, (message) => capture(message.withText === true));
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}

async function capture(withText: boolean) {
  const doctype = document.doctype ? `<!DOCTYPE ${document.doctype.name}>` : '';
  const request: CapturePageMessage = { type: CAPTURE_PAGE_MESSAGE, html: doctype + document.documentElement.outerHTML, url: location.href };
  let answer: CaptureAnswer;
  try {
    answer = ((await browser.runtime.sendMessage(request)) as CaptureAnswer | undefined) ?? unavailable('Side Notes did not answer.');
  } catch (error) {
    answer = unavailable(`Side Notes could not be reached: ${(error as Error).message}`);
  }
  if (isCaptureFailure(answer) || withText) return answer;
  return answer.draft;
}
