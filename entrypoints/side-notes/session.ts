import { KIND_LABELS } from '@/components/kinds';
import { hoverTransition, IDLE, openTarget, type HoverEvent, type HoverState } from '@/utils/hover/machine';
import type { Entity } from '@/utils/bundle/schema';
import type { CardEntry } from '@/utils/catalogue/card-entry';
import type { Matcher } from '@/utils/match/matcher';
import type { CardAnswer, CardRequest } from '@/utils/messages';
import type { StartCause } from '@/utils/page/lifetime';
import { Highlights, type HighlightNames } from '@/utils/page/highlights';
import { mentionAt } from '@/utils/page/hit-test';
import { liveRange, type Mention } from '@/utils/page/mentions';
import { observeText } from '@/utils/page/observe';
import type { PageMention } from '@/utils/page/page-state';
import { PageScanner, type ScanStats } from '@/utils/page/scanner';
import { later, nextFrame, whenParsed } from '@/utils/page/schedule';
import { NAVIGATION_SCAN_CAP_MS } from '@/utils/page/navigation';
import type { Appearance } from '@/utils/settings/schema';
import { CardHost, type CardPlace } from './card-host';

/** The key of each hover modifier the options offer, as key events and `getModifierState` name it. */
const MODIFIER_KEYS = { alt: 'Alt', ctrl: 'Control', shift: 'Shift' } as const;

export interface SessionDeps {
  matcher: Matcher;
  /** What an entity's card shows, read when its card is about to open (the notes are not all in the page). */
  cardEntry: (entityId: string) => Promise<CardEntry | null>;
  /** This page load's highlight names (random, so a page cannot probe for them; their rules: `PageStyle`). */
  names: HighlightNames;
  /** How names are marked and cards open, as the reader set it when the lifetime started (`setAppearance` after). */
  appearance: Appearance;
  /** Mentions, the open card or anything else page state reports changed. */
  onChange: () => void;
  /** False once the extension is gone (updated, reloaded, removed); the caller then ends every lifetime. */
  alive: () => boolean;
  /** Brings the underline rules into a shadow root of the page that holds mentions. */
  paintInto: (root: ShadowRoot) => void;
  /** The reader's own note on an entity of the catalogue, shown on its card. */
  ownNote: (entity: Entity) => string | undefined;
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
  /** The reader changed how names are marked or cards open: applied at once, nothing read again. */
  setAppearance(appearance: Appearance): void;
  /** The keyboard shortcuts and the popup: walk the names, go into the card, show an entity (`CardRequest`). */
  command(request: CardRequest): CardAnswer | null;
  /** The entities whose mentions a range of the document touches, in page order ("Add to Side Notes"). */
  entitiesIn(range: Range): string[];
}

/**
 * Everything Side Notes does while it is on for this page: the scan and the observer that keeps it current, the
 * underlines, and the card with the pointer, keyboard and touch handling that opens it. All of it is started with
 * `signal` and ends with it: listeners are registered with the signal, timers are cancelled by it, the card is
 * removed and the underlines taken out of the page's registry.
 */
export function startSession(signal: AbortSignal, cause: StartCause, deps: SessionDeps): Session {
  const { matcher } = deps;
  let appearance = deps.appearance;
  const highlights = new Highlights(deps.names);
  highlights.show();
  signal.addEventListener('abort', () => highlights.dispose(), { once: true });
  let cardVersion = 0;
  const scanner = new PageScanner(
    matcher,
    highlights,
    signal,
    () => {
      // Quiet mode marks each entity's first mention: which one that is may change with what the page changed.
      if (appearance.quiet) {
        findFirsts();
        highlights.refresh();
      }
      deps.onChange();
    },
    undefined,
    {
      // Web components' text: watched like the document's, and painted by rules adopted into the shadow root.
      onShadowRoot: (root) => watch(root),
      onShadowMention: (root) => deps.paintInto(root),
    },
  );

  // ── Which mentions are marked ─────────────────────────────────────────────────────────────────────────────
  /** Each entity's first mention in the document (quiet mode); a mention found before the next count claims it. */
  let firsts = new Map<string, Mention>();
  function findFirsts() {
    firsts = new Map();
    for (const mention of scanner.index.inDocumentOrder()) if (!firsts.has(mention.entityId)) firsts.set(mention.entityId, mention);
  }
  /** A mention of a kind the reader marks, and the first of its entity in quiet mode: the keyboard walks these. */
  function walkable(mention: Mention): boolean {
    if (appearance.unmarkedKinds.includes(mention.alias.kind)) return false;
    if (!appearance.quiet) return true;
    if (!firsts.has(mention.entityId)) firsts.set(mention.entityId, mention);
    return firsts.get(mention.entityId) === mention;
  }
  /** Underlined, and opened by pointer and touch: with the underline style "none", no mention is. */
  const marked = (mention: Mention) => appearance.underline !== 'none' && walkable(mention);
  highlights.setMarks(marked);

  // ── The card and when it shows ──────────────────────────────────────────────────────────────────────────
  let hover: HoverState = IDLE;
  let cancelHoverTimer: (() => void) | null = null;
  /** The mention the card points at, and the line of it the pointer was on. */
  let anchor: { mention: Mention; line: number } | null = null;
  /** The card was asked for by keyboard focus (a link holding a name): it is announced when it opens. */
  let announceOnOpen = false;
  /** How to move into the card with the reader's own shortcut (sent with each keyboard command). */
  let focusHint = '';
  /** Where focus was before it moved into the card: it goes back there when the card closes. */
  let returnTo: HTMLElement | null = null;
  /** The cards the reader went on from by a related entity, latest last: Back returns along them. */
  let trail: (CardPlace & { entityId: string })[] = [];
  /** Focus goes into the card once it is drawn: asked for while its entry was still being read. */
  let focusWhenDrawn = false;
  /** The card Back is returning to, drawn as the reader left it (one render). */
  let restoring: CardPlace | undefined;
  /** The last Next or Previous in the card went round the page's end (until the card shows anything else). */
  let wrapped: 'first' | 'last' | null = null;

  // ── What the cards show: read when a card is about to open (a pointer resting on a name), kept for the lifetime.
  const cards = new Map<string, CardEntry | null>();
  const reading = new Set<string>();
  /** The card of `entityId`: undefined while it is being read (the card is drawn once it is there). */
  function cardOf(entityId: string): CardEntry | null | undefined {
    if (cards.has(entityId)) return cards.get(entityId);
    if (!reading.has(entityId)) {
      reading.add(entityId);
      const done = (entry: CardEntry | null) => {
        reading.delete(entityId);
        if (signal.aborted) return;
        cards.set(entityId, entry);
        if (openTarget(hover) === entityId) {
          renderCard();
          deps.onChange();
        }
      };
      deps.cardEntry(entityId).then(done, () => done(null));
    }
    return undefined;
  }
  /** The name and kind of an entity the page names, or whose card was read. */
  function nameOf(entityId: string): Pick<Entity, 'name' | 'kind'> | null {
    const alias = scanner.index.ofEntity(entityId)[0]?.alias;
    if (alias) return { name: alias.entityName, kind: alias.kind };
    return cards.get(entityId)?.entity ?? null;
  }

  const card = new CardHost(
    {
      onPointerEnter: () => send({ type: 'enter-card' }),
      onPointerLeave: () => send({ type: 'leave-card' }),
      onSelectEntity: (id) => {
        const from = openTarget(hover);
        if (from) trail.push({ entityId: from, ...card.whereReaderIs(), leftBy: id });
        send({ type: 'switch', target: id });
      },
      onBack: () => {
        const back = trail.pop();
        if (!back) return;
        restoring = back;
        send({ type: 'switch', target: back.entityId });
      },
      onNextMention: () => stepMention(1),
      onPreviousMention: () => stepMention(-1),
      onClose: () => send({ type: 'dismiss' }),
    },
    signal,
    // The page would not keep the card's host: the card is closed, and page state says so.
    () => send({ type: 'dismiss' }),
  );

  function send(event: HoverEvent) {
    if (signal.aborted) return;
    if ('target' in event) cardOf(event.target);
    const before = openTarget(hover);
    const { state, timer } = hoverTransition(hover, event, appearance.hoverDelayMs);
    hover = state;
    if (timer !== 'keep') {
      cancelHoverTimer?.();
      cancelHoverTimer = timer === 'cancel' ? null : later(signal, () => send({ type: 'timer' }), timer.ms);
    }
    const after = openTarget(hover);
    // Back goes along related entities only: a card opened any other way starts a new trail.
    if (after === null || (after !== before && event.type !== 'switch')) trail = [];
    if (after !== before || event.type === 'switch' || event.type === 'open-now') {
      cardVersion++;
      renderCard();
      restoring = undefined;
      wrapped = null;
      deps.onChange();
      if (after && after !== before && announceOnOpen) announce(after);
    }
  }

  /** Draws the card for the machine's state as it is now. */
  function renderCard() {
    const target = openTarget(hover);
    const known = target ? cardOf(target) : null;
    // Still being read: drawn when it is there.
    if (known === undefined) return;
    const focused = card.hasFocus() || focusWhenDrawn;
    focusWhenDrawn = false;
    if (!target || !known) {
      card.hide();
      highlights.setActive([]);
      // Focus goes back exactly where it was before the reader moved it into the card.
      if (focused) returnTo?.focus({ preventScroll: true });
      returnTo = null;
      return;
    }
    // A related entity chosen in the card may not be named on this page: the card stays where it is.
    const current = anchor && anchor.mention.entityId === target ? anchor : null;
    highlights.setActive(current ? [current.mention.range] : []);
    const pointed = anchor;
    card.show(
      {
        known,
        mentionsOnPage: scanner.index.countOf(target),
        mentionAt: current ? scanner.index.ofEntity(target).indexOf(current.mention) + 1 : 0,
        wrapped,
        canGoBack: trail.length > 0,
        restore: restoring,
        ownNote: deps.ownNote(known.entity),
      },
      {
        rect: () => {
          const range = pointed ? liveRange(pointed.mention) : null;
          if (!range) return null;
          return range.getClientRects()[pointed!.line] ?? range.getBoundingClientRect();
        },
        contextElement: pointed?.mention.nodes[0].parentElement ?? null,
      },
    );
    // The control that had focus may have gone with the card's old content: focus stays in the card.
    if (focused && !card.hasFocus()) card.focus();
  }

  /** Scrolls the page so that a mention is on screen, near the middle, without motion. */
  function bringIntoView(mention: Mention) {
    mention.nodes[0].parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    // A paragraph taller than the screen is centred on its middle: the name itself may still be off screen.
    const box = liveRange(mention)?.getBoundingClientRect();
    if (box && (box.top < 0 || box.bottom > innerHeight)) scrollBy({ top: box.top - innerHeight / 3, behavior: 'instant' as ScrollBehavior });
  }

  /** Says which card opened, and how to move into it with the reader's own shortcut. */
  function announce(entityId: string, before = '') {
    const entity = nameOf(entityId);
    if (entity) card.announce(`${before}${entity.name}, ${KIND_LABELS[entity.kind]}: card open. ${focusHint}`);
  }

  /** Opens the card of `mention` and keeps it open until dismissed, the page scrolled to it. */
  function reveal(mention: Mention, focus = false): CardAnswer {
    anchor = { mention, line: 0 };
    bringIntoView(mention);
    announceOnOpen = false;
    send({ type: 'open-now', target: mention.entityId });
    if (focus) focusCard();
    const all = scanner.index.ofEntity(mention.entityId);
    return { entityId: mention.entityId, at: all.indexOf(mention), of: all.length };
  }

  /**
   * The card's Next and Previous: the open entity's next (or previous) mention on the page, going round at the ends,
   * which the card says beside its count and the live region says aloud.
   */
  function stepMention(step: 1 | -1) {
    const target = openTarget(hover);
    if (!target) return;
    const mentions = scanner.index.ofEntity(target);
    if (mentions.length === 0) return;
    const from = anchor ? mentions.indexOf(anchor.mention) : -1;
    // From a card that points at none of them (a related entity's), Next goes to the first and Previous to the last.
    let at = from < 0 ? (step > 0 ? 0 : mentions.length - 1) : from + step;
    const wrap = at >= mentions.length ? 'first' : at < 0 ? 'last' : null;
    at = (at + mentions.length) % mentions.length;
    // Set for the render `reveal` causes, and cleared after it.
    wrapped = wrap;
    reveal(mentions[at]);
    const { entityName } = mentions[at].alias;
    card.announce(`${wrap ? `Back to the ${wrap} mention of ${entityName}. ` : ''}${at + 1} of ${mentions.length}.`);
  }

  /**
   * The keyboard's walk through the page's marked names, one mention at a time: from the open card's mention, or
   * else from where the reader is (the first name on screen or below it; going back, the last above the screen's
   * bottom). Past the last it comes round to the first, and says so.
   */
  function walk(step: 1 | -1): CardAnswer | null {
    const names = scanner.index.inDocumentOrder().filter(walkable);
    if (names.length === 0) return null;
    let at = anchor && openTarget(hover) ? names.indexOf(anchor.mention) : -1;
    let wrapped = false;
    if (at >= 0) {
      at += step;
      wrapped = at < 0 || at >= names.length;
    } else {
      const top = (mention: Mention) => liveRange(mention)?.getBoundingClientRect().top ?? -Infinity;
      at = step > 0 ? names.findIndex((mention) => top(mention) >= 0) : names.findLastIndex((mention) => top(mention) < innerHeight);
      wrapped = at < 0;
    }
    const mention = names[(at + names.length) % names.length];
    const answer = reveal(mention);
    announce(mention.entityId, wrapped ? `Back to the ${step > 0 ? 'first' : 'last'} name on the page. ` : '');
    return answer;
  }

  /** Moves focus into the open card (opening the next name's when none is open); Esc brings it back. */
  function focusCard(): CardAnswer | null {
    let answer: CardAnswer | null = null;
    if (!openTarget(hover)) answer = walk(1);
    const target = openTarget(hover);
    if (!target) return null;
    if (!card.hasFocus()) {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      returnTo = active instanceof HTMLElement && !onCard(active) ? active : null;
      // Pinned: with focus inside, the card stays however the pointer moves.
      send({ type: 'open-now', target });
      // A card still being read takes focus when it is drawn.
      if (cardOf(target) === undefined) focusWhenDrawn = true;
      else card.focus();
    }
    return answer ?? { entityId: target, at: anchor ? scanner.index.ofEntity(target).indexOf(anchor.mention) : -1, of: scanner.index.countOf(target) };
  }

  function command(request: CardRequest): CardAnswer | null {
    if (request.action === 'show') {
      const mention = scanner.index.ofEntity(request.entityId)[request.at];
      return mention ? reveal(mention, request.focus) : null;
    }
    focusHint = request.hint ?? focusHint;
    return request.action === 'focus' ? focusCard() : walk(request.action === 'next' ? 1 : -1);
  }

  function lineOf(mention: Mention, rect: DOMRect): number {
    const rects = [...(liveRange(mention)?.getClientRects() ?? [])];
    const index = rects.findIndex((r) => r.top === rect.top && r.left === rect.left);
    return Math.max(0, index);
  }

  const onCard = (target: EventTarget | null) => card.element !== null && target === card.element;

  // Pointer: one hit-test per animation frame at most. Only the reader's own input counts: a page can synthesise
  // events, and must not open cards by itself.
  interface Point {
    x: number;
    y: number;
    target: EventTarget | null;
    /** The hover modifier was down (or none is needed). */
    held: boolean;
  }
  let pendingPoint: Point | null = null;
  let lastPoint: Point | null = null;
  let overName: string | null = null;
  /** Whether the key the reader chose to hold for hovering is down (always, when none was chosen). */
  const held = (event: MouseEvent | KeyboardEvent) =>
    appearance.hoverModifier === 'none' || event.getModifierState(MODIFIER_KEYS[appearance.hoverModifier]);
  function pointAt(point: Point) {
    const scheduled = pendingPoint !== null;
    pendingPoint = point;
    if (!scheduled) nextFrame(signal, hitTest);
  }
  function onPointerMove(event: PointerEvent) {
    if (!event.isTrusted || event.pointerType === 'touch') return;
    pointAt((lastPoint = { x: event.clientX, y: event.clientY, target: event.target, held: held(event) }));
  }
  function hitTest() {
    const point = pendingPoint;
    pendingPoint = null;
    if (!point || !deps.alive()) return;
    // Over the card, the card's own pointer events drive the machine.
    if (onCard(point.target)) return;
    let hit = mentionAt(scanner.index, point.x, point.y, scanner.shadowRoots);
    // A name opens only when it is marked, and with the reader's modifier key held (the open card's name needs none).
    if (hit && !(marked(hit.mention) && (point.held || openTarget(hover) === hit.mention.entityId))) hit = null;
    const entityId = hit?.mention.entityId ?? null;
    if (hit && entityId !== overName) {
      overName = entityId;
      announceOnOpen = false;
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
    if (hit && marked(hit.mention)) {
      announceOnOpen = false;
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
    announceOnOpen = true;
    anchor = { mention, line: 0 };
    send({ type: 'enter-name', target: mention.entityId });
  }
  /** The first marked mention inside a focused element (a link, a button: small), read from its own text nodes. */
  function firstMentionIn(element: Element): Mention | null {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const mention = scanner.index.at(node as Text).find(walkable);
      if (mention) return mention;
    }
    return null;
  }
  function onFocusOut(event: FocusEvent) {
    if (!event.isTrusted || onCard(event.target)) return;
    if (anchor && (event.target as Element | null)?.contains?.(anchor.mention.nodes[0])) send({ type: 'leave-name' });
  }

  function onKeyDown(event: KeyboardEvent) {
    if (!event.isTrusted) return;
    if (event.key === 'Escape' && openTarget(hover)) send({ type: 'dismiss' });
    // The modifier pressed while the pointer rests on a name opens it, as if the pointer had just arrived.
    else if (appearance.hoverModifier !== 'none' && event.key === MODIFIER_KEYS[appearance.hoverModifier] && lastPoint) {
      pointAt({ ...lastPoint, held: true });
    }
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

  /** The page state's mentions as last built, and the version of the index they were built from. */
  let pageMentions: { version: string; list: PageMention[] } | null = null;

  // ── Reading the page and keeping up with it ───────────────────────────────────────────────────────────────
  // The script starts before the page is parsed (so that the underline rules join the page's first styling rather
  // than restyle it later): reading and watching begin once the document is parsed.
  whenParsed(signal, () => {
    if (waitingForView) later(signal, scanNewView, NAVIGATION_SCAN_CAP_MS);
    else scanner.scanDocument();
    watch(document);
  });

  return {
    mentions: () => {
      // Built once per change of the page's mentions: a popup and the tests may ask many times in between.
      const version = scanner.version;
      if (pageMentions?.version !== version) {
        pageMentions = {
          version,
          list: scanner.index
            .inDocumentOrder()
            .map(({ entityId, alias, text }) => ({ entityId, name: alias.entityName, kind: alias.kind, text })),
        };
      }
      return pageMentions.list;
    },
    entityCounts: () => scanner.index.entityCounts(),
    mentionCount: () => scanner.index.size,
    version: () => `${scanner.version}:${cardVersion}`,
    openCard: () => openTarget(hover),
    stats: () => ({ ...scanner.stats }),
    whenIdle: () => scanner.whenIdle(),
    setAppearance(next) {
      appearance = next;
      findFirsts();
      highlights.refresh();
    },
    command,
    entitiesIn(range) {
      const ids = new Set<string>();
      for (const { entityId, range: at } of scanner.index.inDocumentOrder()) {
        if (ids.has(entityId)) continue;
        try {
          // Touching the selection counts; only ending where it starts, or starting where it ends, does not.
          if (
            range.comparePoint(at.endContainer, at.endOffset) >= 0 &&
            range.comparePoint(at.startContainer, at.startOffset) <= 0 &&
            !(at.endContainer === range.startContainer && at.endOffset === range.startOffset) &&
            !(at.startContainer === range.endContainer && at.startOffset === range.endOffset)
          ) {
            ids.add(entityId);
          }
        } catch {
          // A mention in a shadow tree: another root than the selection's.
        }
      }
      return [...ids];
    },
  };
}
