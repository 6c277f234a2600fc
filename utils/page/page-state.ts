/**
 * The page-state contract (README, "Page state"): the top frame's content script answers
 * `{ type: 'side-notes:page-state' }` with a `PageState`. The popup's "On this page" list and the acceptance
 * tests read it; keep it stable.
 */
export const PAGE_STATE_MESSAGE = 'side-notes:page-state';

export interface PageStateRequest {
  type: typeof PAGE_STATE_MESSAGE;
}

export interface PageMention {
  entityId: string;
  /** The entity's canonical name. */
  name: string;
  kind: string;
  /** The page's own words for it. */
  text: string;
}

export interface PageState {
  /** False when paused globally or for this site. */
  enabled: boolean;
  host: string;
  /** One per underlined occurrence, in document order. */
  mentions: PageMention[];
  /** entityId of the card now open. */
  openCard: string | null;
  /** The last full scan, highlighting included. */
  stats: { scanMs: number; textNodes: number };
}

export function isPageStateRequest(message: unknown): message is PageStateRequest {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === PAGE_STATE_MESSAGE;
}
