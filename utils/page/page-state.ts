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
  /**
   * The host the site switch matches (`siteOf`: `location.hostname`, lower-case, ASCII, no port; `file://` for local
   * files). The extension's pages turn it into its site, a registrable domain (`siteForHost`; README, "Sites").
   */
  site: string;
  /** One per underlined occurrence, in document order. */
  mentions: PageMention[];
  /** entityId of the card now open. */
  openCard: string | null;
  /**
   * The last full scan, highlighting included; `viewportMs`: from the start of the first full scan until the names
   * on screen were registered (they are read first).
   */
  stats: { scanMs: number; textNodes: number; viewportMs: number };
}

export function isPageStateRequest(message: unknown): message is PageStateRequest {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === PAGE_STATE_MESSAGE;
}

/**
 * An open popup connects a port of this name to the tab's top frame (`tabs.connect`); the content script sends a
 * `PageSummary` at once and again whenever it changes, so the popup never polls. Only the extension's own pages can
 * open such a port.
 */
export const PAGE_SUMMARY_PORT = 'side-notes:page-summary';

/** What the popup shows of a page: whether Side Notes is on there, and what it names, counted per entity. */
export interface PageSummary {
  enabled: boolean;
  host: string;
  /** The host the site switch matches (`siteOf`, as in `PageState.site`). */
  site: string;
  /** Entities in the order the page first names them, with how often it names each. */
  entities: { entityId: string; count: number }[];
  /** Mentions in all. */
  total: number;
  openCard: string | null;
}

export function isPageSummary(message: unknown): message is PageSummary {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as PageSummary).enabled === 'boolean' &&
    typeof (message as PageSummary).site === 'string' &&
    Array.isArray((message as PageSummary).entities)
  );
}

/**
 * Follows the page summary of a tab's top frame: `onSummary` on connecting and on every change, `onGone` when no
 * content script answers (a browser page, a page open since before Side Notes was installed) or it went away.
 * Returns a function that stops following.
 */
export function followPageSummary(
  tabs: { connect(tabId: number, info: { name: string; frameId: number }): RuntimePort },
  tabId: number,
  onSummary: (summary: PageSummary) => void,
  onGone: () => void,
): () => void {
  let live = true;
  let port: RuntimePort;
  try {
    port = tabs.connect(tabId, { name: PAGE_SUMMARY_PORT, frameId: 0 });
  } catch {
    onGone();
    return () => {};
  }
  port.onMessage.addListener((message: unknown) => {
    if (live && isPageSummary(message)) onSummary(message);
  });
  port.onDisconnect.addListener(() => {
    if (live) onGone();
  });
  return () => {
    live = false;
    port.disconnect();
  };
}

/** The part of a runtime port `followPageSummary` uses. */
export interface RuntimePort {
  onMessage: { addListener(callback: (message: unknown) => void): void };
  onDisconnect: { addListener(callback: () => void): void };
  disconnect(): void;
}
