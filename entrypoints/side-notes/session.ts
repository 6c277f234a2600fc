import { hoverTransition, IDLE, openTarget, type HoverEvent, type HoverState } from '@/utils/hover/machine';
import type { Matcher } from '@/utils/match/compile';
import type { StartCause } from '@/utils/page/lifetime';
import { Highlights, type HighlightNames } from '@/utils/page/highlights';
import { mentionAt } from '@/utils/page/hit-test';
import { liveRange, type Mention } from '@/utils/page/mentions';
import { observeText } from '@/utils/page/observe';
import type { PageMention } from '@/utils/page/page-state';
import { PageScanner, type ScanStats } from '@/utils/page/scanner';
import { later, nextFrame, whenParsed } from '@/utils/page/schedule';
import { CardHost } from './card-host';

/**
 * After an SPA navigation the new view is scanned once it has rendered: at the first settled batch of changes, or
 * after this long when the page changes nothing more (it rendered before telling us it navigated).
 */
export const NAVIGATION_SCAN_CAP_MS = 400;

export interface SessionDeps {
  matcher: Matcher;
  /** This page load's highlight names (random, so a page cannot probe for them; their rules: `PageStyle`). */
  names: HighlightNames;
  /** Mentions, the open card or anything else page state reports changed. */
  onChange: () => void;
  /** False once the extension is gone (updated, reloaded, removed); the caller then ends every lifetime. */
  alive: () => boolean;
  /** Brings the underline rules into a shadow root of the page that holds mentions. */
  paintInto: (root: ShadowRoot) => void;
}

/** What one "on" period of Side Notes on this page exposes to the rest of the content script. */
export interface Session {
  mentions(): PageMention[];
  entityCounts(): { entityId: string; count: number }[];
  mentionCount(): number;
  /** Differs whenever `mentions` or `openCard` may have changed. */
  version(): string;
  openCard(): string | null;
  stats(): ScanStats;
  /** Resolves once the scanner has nothing left to do (tests and the benchmark wait on it). */
  whenIdle(): Promise<void>;
}

/**
 * Everything Side Notes does while it is on for this page: the scan and the observer that keeps it current, the
 * underlines, and the card with the pointer, keyboard and touch handling that opens it. All of it is started with
 * `signal` and ends with it: listeners are registered with the signal, timers are cancelled by it, the card is
 * removed and the underlines taken out of the page's registry.
 */
export function startSession(signal: AbortSignal, cause: StartCause, deps: SessionDeps): Session {
  const { matcher } = deps;
  const highlights = new Highlights(deps.names);
  highlights.show();
  signal.addEventListener('abort', () => highlights.dispose(), { once: true });
  let cardVersion = 0;
  const scanner = new PageScanner(matcher, highlights, signal, deps.onChange, undefined, {
    // Web components' text: watched like the document's, and painted by rules adopted into the shadow root.
    onShadowRoot: (root) => watch(root),
    onShadowMention: (root) => deps.paintInto(root),
  });

  // ── The card and when it shows ──────────────────────────────────────────────────────────────────────────
  let hover: HoverState = IDLE;
  let cancelHoverTimer: (() => void) | null = null;
  /** The mention the card points at, and the line of it the pointer was on. */
  let anchor: { mention: Mention; line: number } | null = null;

  const card = new CardHost(
    matcher,
    {
      onPointerEnter: () => send({ type: 'enter-card' }),
      onPointerLeave: () => send({ type: 'leave-card' }),
      onSelectEntity: (id) => send({ type: 'switch', target: id }),
      onNextMention: () => showNextMention(),
      onClose: () => send({ type: 'dismiss' }),
    },
    signal,
  );

  function send(event: HoverEvent) {
    if (signal.aborted) return;
    const before = openTarget(hover);
    const { state, timer } = hoverTransition(hover, event);
    hover = state;
    if (timer !== 'keep') {
      cancelHoverTimer?.();
      cancelHoverTimer = timer === 'cancel' ? null : later(signal, () => send({ type: 'timer' }), timer.ms);
    }
    const after = openTarget(hover);
    if (after !== before || event.type === 'switch' || event.type === 'open-now') {
      cardVersion++;
      renderCard();
      deps.onChange();
    }
  }

  /** Draws the card for the machine's state as it is now. */
  function renderCard() {
    const target = openTarget(hover);
    const known = target ? matcher.entities.get(target) : undefined;
    if (!target || !known) {
      card.hide();
      highlights.setActive([]);
      return;
    }
    // A related entity chosen in the card may not be named on this page: the card stays where it is.
    const current = anchor && anchor.mention.entityId === target ? anchor : null;
    highlights.setActive(current ? [current.mention.range] : []);
    const pointed = anchor;
    card.show(
      { known, mentionsOnPage: scanner.index.countOf(target) },
      {
        rect: () => {
          const range = pointed ? liveRange(pointed.mention) : null;
          if (!range) return null;
          return range.getClientRects()[pointed!.line] ?? range.getBoundingClientRect();
        },
        contextElement: pointed?.mention.nodes[0].parentElement ?? null,
      },
    );
  }

  function showNextMention() {
    const target = openTarget(hover);
    if (!target) return;
    const mentions = scanner.index.ofEntity(target);
    if (mentions.length === 0) return;
    const at = anchor ? mentions.indexOf(anchor.mention) : -1;
    const next = mentions[(at + 1) % mentions.length];
    anchor = { mention: next, line: 0 };
    next.nodes[0].parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    send({ type: 'switch', target });
  }

  function lineOf(mention: Mention, rect: DOMRect): number {
    const rects = [...(liveRange(mention)?.getClientRects() ?? [])];
    const index = rects.findIndex((r) => r.top === rect.top && r.left === rect.left);
    return Math.max(0, index);
  }

  const onCard = (target: EventTarget | null) => card.element !== null && target === card.element;

  // Pointer: one hit-test per animation frame at most. Only the reader's own input counts: a page can synthesise
  // events, and must not open cards by itself.
  let pendingPoint: { x: number; y: number; target: EventTarget | null } | null = null;
  let overName: string | null = null;
  function onPointerMove(event: PointerEvent) {
    if (!event.isTrusted || event.pointerType === 'touch') return;
    const scheduled = pendingPoint !== null;
    pendingPoint = { x: event.clientX, y: event.clientY, target: event.target };
    if (!scheduled) nextFrame(signal, hitTest);
  }
  function hitTest() {
    const point = pendingPoint;
    pendingPoint = null;
    if (!point || !deps.alive()) return;
    // Over the card, the card's own pointer events drive the machine.
    if (onCard(point.target)) return;
    const hit = mentionAt(scanner.index, point.x, point.y, scanner.shadowRoots);
    const entityId = hit?.mention.entityId ?? null;
    if (hit && entityId !== overName) {
      overName = entityId;
      anchor = { mention: hit.mention, line: lineOf(hit.mention, hit.rect) };
      send({ type: 'enter-name', target: hit.mention.entityId });
    } else if (!hit && overName !== null) {
      overName = null;
      send({ type: 'leave-name' });
    }
  }

  // Touch: a tap on a name opens its card at once; a tap elsewhere closes it.
  function onPointerUp(event: PointerEvent) {
    if (!event.isTrusted || event.pointerType === 'mouse' || onCard(event.target)) return;
    const hit = mentionAt(scanner.index, event.clientX, event.clientY, scanner.shadowRoots);
    if (hit) {
      anchor = { mention: hit.mention, line: lineOf(hit.mention, hit.rect) };
      send({ type: 'open-now', target: hit.mention.entityId });
    } else if (openTarget(hover)) {
      send({ type: 'dismiss' });
    }
  }

  // Keyboard: focusing a link or control that holds a name opens its card like a hover would.
  function onFocusIn(event: FocusEvent) {
    if (!event.isTrusted || !(event.target instanceof Element) || onCard(event.target)) return;
    const mention = firstMentionIn(event.target);
    if (!mention) return;
    anchor = { mention, line: 0 };
    send({ type: 'enter-name', target: mention.entityId });
  }
  /** The first mention inside a focused element (a link, a button: small), read from its own text nodes. */
  function firstMentionIn(element: Element): Mention | null {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const mention = scanner.index.at(node as Text)[0];
      if (mention) return mention;
    }
    return null;
  }
  function onFocusOut(event: FocusEvent) {
    if (!event.isTrusted || onCard(event.target)) return;
    if (anchor && (event.target as Element | null)?.contains?.(anchor.mention.nodes[0])) send({ type: 'leave-name' });
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.isTrusted && event.key === 'Escape' && openTarget(hover)) send({ type: 'dismiss' });
  }

  function onPointerDown(event: PointerEvent) {
    // A click outside an open card closes it; clicks on the page itself are never stopped.
    if (event.isTrusted && event.pointerType === 'mouse' && openTarget(hover) && !onCard(event.target)) {
      send({ type: 'dismiss' });
    }
  }

  const listen = <K extends keyof DocumentEventMap>(type: K, handler: (event: DocumentEventMap[K]) => void, passive: boolean) =>
    document.addEventListener(type, handler, { capture: true, passive, signal });
  listen('pointermove', onPointerMove, true);
  listen('pointerup', onPointerUp, true);
  listen('pointerdown', onPointerDown, true);
  listen('focusin', onFocusIn, false);
  listen('focusout', onFocusOut, false);
  listen('keydown', onKeyDown, false);

  // After an SPA navigation the old view may still be on screen: wait for the new one before the fresh scan.
  let waitingForView = cause === 'navigation';
  function scanNewView() {
    if (!waitingForView) return;
    waitingForView = false;
    scanner.scanDocument();
  }

  /** Keeps up with changes to the text under `root` (the document, or one of its open shadow roots). */
  function watch(root: Document | ShadowRoot) {
    observeText(
      root,
      () => card.element,
      ({ changed, removed, visibilityMayHaveChanged }) => {
        if (!deps.alive()) return;
        if (waitingForView) return scanNewView();
        if (changed.length > 0 || removed.length > 0) scanner.rescan(changed, removed);
        if (visibilityMayHaveChanged) scanner.recheckHidden();
      },
      signal,
    );
  }

  // ── Reading the page and keeping up with it ───────────────────────────────────────────────────────────────
  // The script starts before the page is parsed (so that the underline rules join the page's first styling rather
  // than restyle it later): reading and watching begin once the document is parsed.
  whenParsed(signal, () => {
    if (waitingForView) later(signal, scanNewView, NAVIGATION_SCAN_CAP_MS);
    else scanner.scanDocument();
    watch(document);
  });

  return {
    mentions: () =>
      scanner.index.inDocumentOrder().map((mention) => {
        const { entity } = matcher.entities.get(mention.entityId)!;
        return { entityId: entity.id, name: entity.name, kind: entity.kind, text: mention.text };
      }),
    entityCounts: () => scanner.index.entityCounts(),
    mentionCount: () => scanner.index.size,
    version: () => `${scanner.version}:${cardVersion}`,
    openCard: () => openTarget(hover),
    stats: () => ({ ...scanner.stats }),
    whenIdle: () => scanner.whenIdle(),
  };
}
