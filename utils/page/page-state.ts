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
   * on screen were registered (they are read first); `loadMs`: from the script's start until the compiled notes were
   * loaded (README, "Compiled once"), the part of start-up that depends on the library's size.
   */
  stats: { scanMs: number; textNodes: number; viewportMs: number; loadMs: number };
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
  /** The document's type (`document.contentType`): the browser shows a PDF or an image in a page with no text to read. */
  type?: string;
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

/** What tells an extension page that a tab's content script is (again) there to follow. */
export interface TabSignals {
  /** `runtime.onMessage`: every content script tells the badge its count when it starts (`MENTION_COUNT_MESSAGE`). */
  onMessage: Listenable<(message: unknown, sender: { tab?: { id?: number }; frameId?: number }) => void>;
  /** `tabs.onUpdated`: a tab finished loading (no `tabs` permission is needed for its status). */
  onUpdated: Listenable<(tabId: number, info: { status?: string }) => void>;
}

interface Listenable<T> {
  addListener(callback: T): void;
  removeListener(callback: T): void;
}

/**
 * Follows a tab's page summary for as long as the caller wants, across the tab's own life: a popup opened while the
 * page is still loading (no content script yet), or kept open while the tab reloads or goes to another page, connects
 * again as soon as the page's content script is there — it says so when it starts, and the tab says when it has
 * loaded — rather than staying on "can't read this page". `onGone(wasReady)` says the port went, and whether it had
 * described a page (a page that went away) or not (nothing answered yet). Returns a function that stops following.
 */
export function followTabSummary(
  tabs: { connect(tabId: number, info: { name: string; frameId: number }): RuntimePort },
  signals: TabSignals,
  tabId: number,
  onSummary: (summary: PageSummary) => void,
  onGone: (wasReady: boolean) => void,
): () => void {
  let live = true;
  /** Stops the port now open; null while none is. */
  let stopPort: (() => void) | null = null;
  let turn = 0;
  function connect(retryWhenGone: boolean) {
    const mine = ++turn;
    let ready = false;
    let gone = false;
    const stop = followPageSummary(
      tabs,
      tabId,
      (summary) => {
        ready = true;
        if (live && mine === turn) onSummary(summary);
      },
      () => {
        gone = true;
        if (!live || mine !== turn) return;
        stopPort = null;
        onGone(ready);
        // A page that went away (a reload, another address) may have its successor up already: ask it at once.
        // An attempt that never got an answer is not retried here, only when the tab says it is back.
        if (ready && retryWhenGone) connect(false);
      },
    );
    if (!gone && mine === turn) stopPort = stop;
  }
  const fromTab = (sender: { tab?: { id?: number }; frameId?: number }) => sender.tab?.id === tabId && (sender.frameId ?? 0) === 0;
  const onMessage = (_message: unknown, sender: { tab?: { id?: number }; frameId?: number }) => {
    if (live && stopPort === null && fromTab(sender)) connect(true);
  };
  const onUpdated = (id: number, info: { status?: string }) => {
    if (live && stopPort === null && id === tabId && info.status === 'complete') connect(true);
  };
  signals.onMessage.addListener(onMessage);
  signals.onUpdated.addListener(onUpdated);
  connect(true);
  return () => {
    live = false;
    signals.onMessage.removeListener(onMessage);
    signals.onUpdated.removeListener(onUpdated);
    stopPort?.();
    stopPort = null;
  };
}

/** The part of a runtime port `followPageSummary` uses. */
export interface RuntimePort {
  onMessage: { addListener(callback: (message: unknown) => void): void };
  onDisconnect: { addListener(callback: () => void): void };
  disconnect(): void;
}
