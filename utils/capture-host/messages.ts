import type { CaptureDraft, CaptureError, KnownName } from '@/utils/capture/types';

/**
 * "Take notes from this page" across the extension's parts (README, "Capture draft"). The heavy capture code
 * (Readability, compromise) runs in the capture host, an extension page the background opens only while capturing;
 * nothing here imports it, so the content script can.
 *
 *   anyone ──{ type: 'side-notes:capture-draft' }──► top frame's content script   (the contract; saves nothing)
 *   content script ──{ type: 'side-notes:capture-page', html, url }──► background
 *   background ──{ type: 'side-notes:capture-html', html, url, known }──► capture host (utils/capture-host/host.ts)
 */
export const CAPTURE_DRAFT_MESSAGE = 'side-notes:capture-draft';
export const CAPTURE_PAGE_MESSAGE = 'side-notes:capture-page';
export const CAPTURE_HTML_MESSAGE = 'side-notes:capture-html';

/** How long the capture host stays open after its last capture: a reader taking notes from several pages reuses it. */
export const CAPTURE_HOST_IDLE_MS = 60_000;

export interface CaptureDraftRequest {
  type: typeof CAPTURE_DRAFT_MESSAGE;
  /**
   * The review page also needs the article's text (each quote's offset in it); the contract's answer is the draft
   * alone.
   */
  withText?: boolean;
}

/** A draft with the article text its quotes come from. */
export interface CapturedArticle {
  draft: CaptureDraft;
  text: string;
}

/** Why a capture failed: no article, a part of the extension that could not be reached, or the capture broke. */
export interface CaptureFailure {
  error: CaptureError['error'] | 'unavailable' | 'failed';
  message: string;
}

export type CaptureAnswer = CapturedArticle | CaptureFailure;

export interface CapturePageMessage {
  type: typeof CAPTURE_PAGE_MESSAGE;
  html: string;
  url: string;
}

export interface CaptureHtmlMessage {
  type: typeof CAPTURE_HTML_MESSAGE;
  html: string;
  url: string;
  known: KnownName[];
}

const typed = (message: unknown, type: string) =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;

export const isCaptureDraftRequest = (message: unknown): message is CaptureDraftRequest =>
  typed(message, CAPTURE_DRAFT_MESSAGE);

export const isCapturePageMessage = (message: unknown): message is CapturePageMessage =>
  typed(message, CAPTURE_PAGE_MESSAGE) &&
  typeof (message as CapturePageMessage).html === 'string' &&
  typeof (message as CapturePageMessage).url === 'string';

export const isCaptureHtmlMessage = (message: unknown): message is CaptureHtmlMessage =>
  typed(message, CAPTURE_HTML_MESSAGE) && typeof (message as CaptureHtmlMessage).html === 'string';

export function isCaptureFailure(answer: CaptureAnswer | CaptureDraft | CaptureFailure): answer is CaptureFailure {
  return typeof answer === 'object' && answer !== null && 'error' in answer;
}

export function unavailable(message: string): CaptureFailure {
  return { error: 'unavailable', message };
}
