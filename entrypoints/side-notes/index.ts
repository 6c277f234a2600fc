/**
 * The content script, on every page (manifest: see `wxt.config.ts`). It only wires the pieces together: the
 * settings decide whether Side Notes is on for this page, `PageLifetime` turns that into one lifetime per "on"
 * period (restarted by SPA navigations), and `startSession` does the work of one lifetime.
 *
 * It is an unlisted script declared in the manifest rather than a WXT content script on purpose: WXT's content
 * script context announces itself to the page (a `postMessage` and DOM events named after the extension id) and
 * stops when the page dispatches those events. Nothing here posts, dispatches or listens to anything a page can send.
 */
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { COMPILE_MESSAGE } from '@/utils/library/read';
import { noteFor, READER_NOTES_KEY, readReaderNotes, type ReaderNote } from '@/utils/library/reader-notes-read';
import { COMPILED_KEY, StoredMatcher } from '@/utils/match/stored';
import { isCardRequest, MENTION_COUNT_MESSAGE, replyTo } from '@/utils/messages';
import { PageLifetime } from '@/utils/page/lifetime';
import { PageStyle, randomHighlightNames } from '@/utils/page/page-style';
import { watchNavigation } from '@/utils/page/navigation';
import { isPageStateRequest, PAGE_SUMMARY_PORT, type PageState, type PageSummary } from '@/utils/page/page-state';
import { later } from '@/utils/page/schedule';
import { followSettings } from '@/utils/settings/follow';
import { DEFAULT_APPEARANCE, isEnabledOn } from '@/utils/settings/schema';
import { siteOf } from '@/utils/settings/sites';
import { answerCaptureRequests } from './capture';
import { answerSelectionRequests } from './selection';
import { startSession, type Session } from './session';

/** Whether this frame's top frame is of the same origin (its address can be read from here). */
function sameOriginAsTop(): boolean {
  try {
    return typeof window.top?.location.href === 'string';
  } catch {
    return false;
  }
}

/** Changes are told to the badge and to an open popup at most this often. */
const REPORT_EVERY_MS = 250;

export default defineUnlistedScript(() => {
  const isTopFrame = window === window.top;
  // In frames, Side Notes reads only what belongs to the page itself: frames of the page's own origin (an embedded
  // article, a `srcdoc` or `about:blank` frame the page wrote). Other sites' frames (adverts, players) are left alone.
  if (!isTopFrame && !sameOriginAsTop()) return;
  // A frame the page wrote (`about:blank`, `about:srcdoc`) belongs to the page's site.
  const pageSite = siteOf(location.href) ?? siteOf(origin);
  if (!pageSite) return;
  const site: string = pageSite;

  /** The whole script's life: ends only when the extension goes away. */
  const script = new AbortController();
  /** The reader's notes as the background compiled them; null until they have been read once. */
  let matcher: StoredMatcher | null = null;
  const names = randomHighlightNames();
  /**
   * The underline rules, in the page only while Side Notes is on for it. Adding a style sheet restyles the whole
   * document (350 ms on a big page), so it is added as early as the settings allow — before the page's first
   * styling, on most pages — and kept across a new view or new notes; only switching off takes it away.
   */
  const style = new PageStyle(names);
  let session: Session | null = null;
  /** How the reader wants names marked and cards opened; every change reaches the running session at once. */
  let appearance = DEFAULT_APPEARANCE;
  /** The reader's own notes, shown on the cards (read from storage, and again when they change). */
  let readerNotes: ReaderNote[] = [];

  /**
   * Undoes a registration with the extension's APIs when the script ends. Once the extension is gone those APIs
   * throw ("Extension context invalidated"); the listeners are dead anyway, and the page must never see an error.
   */
  function whenGone(undo: () => void) {
    script.signal.addEventListener('abort', () => {
      try {
        undo();
      } catch {
        // The extension is gone: nothing left to undo.
      }
    });
  }

  /** Whether the extension is still there; once it is not, everything stops for good. */
  function alive(): boolean {
    if (script.signal.aborted) return false;
    let id: string | undefined;
    try {
      id = browser.runtime?.id;
    } catch {
      id = undefined;
    }
    if (id) return true;
    lifetime.end();
    script.abort();
    return false;
  }

  const lifetime = new PageLifetime((signal, cause) => {
    const current = matcher!;
    session = startSession(signal, cause, {
      matcher: matcher!,
      cardEntry: (entityId) => current.cardEntry(entityId),
      names,
      appearance,
      onChange: changed,
      alive,
      paintInto: (root) => style.attachTo(root),
      ownNote: (entity) => noteFor(readerNotes, entity)?.text,
    });
    signal.addEventListener('abort', () => {
      session = null;
      changed();
    });
  });

  // ── Page state (README, "Page state"): listened for from the first moment, answered once the settings said
  // whether Side Notes is on here (a few milliseconds after load), so no answer ever describes a page half started.
  let settled: () => void;
  const decided = new Promise<void>((resolve) => (settled = resolve));
  function pageState(): PageState {
    return {
      enabled: session !== null,
      host: location.host,
      site,
      mentions: session?.mentions() ?? [],
      openCard: session?.openCard() ?? null,
      stats: { ...(session?.stats() ?? { scanMs: 0, textNodes: 0, viewportMs: 0 }), loadMs },
    };
  }
  function summary(): PageSummary {
    return {
      enabled: session !== null,
      host: location.host,
      site,
      entities: session?.entityCounts() ?? [],
      total: session?.mentionCount() ?? 0,
      openCard: session?.openCard() ?? null,
      type: document.contentType,
    };
  }

  const subscribers = new Set<ReturnType<typeof browser.runtime.connect>>();
  if (isTopFrame) {
    const onMessage = replyTo(isPageStateRequest, () => decided.then(pageState));
    browser.runtime.onMessage.addListener(onMessage);
    // The keyboard shortcuts (through the background) and the popup open and enter cards.
    const onCardRequest = replyTo(isCardRequest, (request) => decided.then(() => session?.command(request) ?? null));
    browser.runtime.onMessage.addListener(onCardRequest);
    whenGone(() => browser.runtime.onMessage.removeListener(onCardRequest));
    const onConnect = (port: ReturnType<typeof browser.runtime.connect>) => {
      if (port.name !== PAGE_SUMMARY_PORT) return;
      subscribers.add(port);
      port.onDisconnect.addListener(() => subscribers.delete(port));
      void decided.then(() => {
        if (subscribers.has(port)) port.postMessage(summary());
      });
    };
    browser.runtime.onConnect.addListener(onConnect);
    whenGone(() => browser.runtime.onMessage.removeListener(onMessage));
    whenGone(() => browser.runtime.onConnect.removeListener(onConnect));
    whenGone(answerCaptureRequests());
    whenGone(answerSelectionRequests((range) => session?.entitiesIn(range) ?? []));
  }

  // ── Telling the badge and an open popup what changed, a few times a second at most ─────────────────────────
  let reportScheduled = false;
  let lastCount = '';
  let lastVersion = '';
  function changed() {
    if (!isTopFrame || reportScheduled || script.signal.aborted) return;
    reportScheduled = true;
    later(script.signal, report, REPORT_EVERY_MS);
  }
  function report() {
    reportScheduled = false;
    if (!alive()) return;
    const count = session?.mentionCount() ?? 0;
    const names = session?.entityCounts().length ?? 0;
    const state = session ? 'on' : pausedNow ? 'paused' : 'off';
    const told = `${count} ${names} ${state}`;
    if (told !== lastCount) {
      lastCount = told;
      browser.runtime.sendMessage({ type: MENTION_COUNT_MESSAGE, count, names, state }).catch(() => {});
    }
    const version = session ? `on:${session.version()}` : 'off';
    if (version !== lastVersion && subscribers.size > 0) {
      lastVersion = version;
      const current = summary();
      for (const port of subscribers) port.postMessage(current);
    }
  }

  // ── On and off, the notes, and new views ──────────────────────────────────────────────────────────────────
  // Side Notes is on for the page once both the settings and the notes have been read.
  let wantOn: boolean | null = null;
  /** Paused everywhere (the badge's tooltip says why there is no count). */
  let pausedNow = false;
  function apply() {
    if (wantOn === null || !alive()) return;
    if (wantOn) style.attach();
    if (matcher === null) return;
    lifetime.setOn(wantOn);
    if (!wantOn) style.detach();
    settled();
  }
  const unfollow = followSettings((settings) => {
    wantOn = isEnabledOn(settings.sites, site);
    pausedNow = settings.sites.paused;
    appearance = settings.appearance;
    style.setUnderline(appearance.underline);
    session?.setAppearance(appearance);
    apply();
    changed();
  });
  whenGone(() => style.detach());

  // The notes are compiled by the background (utils/match/store-compiled.ts) and read here as it stored them: the
  // trie's nodes at once, the rest when a page's words or a card need it. Read again whenever a new form is stored;
  // a newer read supersedes one still under way. With none stored yet (just installed), the background is asked.
  let reading = 0;
  const scriptStart = performance.now();
  let loadMs = 0;
  async function readNotes() {
    const turn = ++reading;
    let loaded = await StoredMatcher.open().catch(() => null);
    if (!loaded && turn === reading && alive()) {
      await browser.runtime.sendMessage({ type: COMPILE_MESSAGE }).catch(() => {});
      if (turn === reading && alive()) loaded = await StoredMatcher.open().catch(() => null);
    }
    if (!loaded || turn !== reading || !alive()) return;
    const first = matcher === null;
    if (first) loadMs = Math.round((performance.now() - scriptStart) * 10) / 10;
    matcher = loaded;
    if (first) apply();
    else lifetime.renewed();
  }
  const onCompiled = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && COMPILED_KEY in changes) void readNotes();
  };
  browser.storage.onChanged.addListener(onCompiled);
  whenGone(() => browser.storage.onChanged.removeListener(onCompiled));
  void readNotes();
  const readOwnNotes = () =>
    browser.storage.local.get(READER_NOTES_KEY).then((stored) => (readerNotes = readReaderNotes(stored[READER_NOTES_KEY])), () => {});
  const onOwnNotes = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && READER_NOTES_KEY in changes) void readOwnNotes();
  };
  void readOwnNotes();
  browser.storage.onChanged.addListener(onOwnNotes);
  whenGone(() => browser.storage.onChanged.removeListener(onOwnNotes));
  whenGone(unfollow);
  watchNavigation(script.signal, () => {
    if (alive()) lifetime.navigated();
  });
});
