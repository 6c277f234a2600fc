import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { defaultBundle } from '@/utils/bundle/load';
import { hoverTransition, IDLE, openTarget, type HoverEvent, type HoverState } from '@/utils/hover/machine';
import { compileMatcher } from '@/utils/match/compile';
import { Highlights } from '@/utils/page/highlights';
import { mentionAt } from '@/utils/page/hit-test';
import { liveRange, type Mention } from '@/utils/page/mentions';
import { observeText } from '@/utils/page/observe';
import { isPageStateRequest, type PageState } from '@/utils/page/page-state';
import { PageScanner } from '@/utils/page/scanner';
import { isEnabledOn, siteSettings } from '@/utils/settings/items';
import { MENTION_COUNT_MESSAGE } from '@/utils/messages';
import { CardHost } from './card-host';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*', 'file:///*'],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',

  async main(ctx) {
    const matcher = compileMatcher([defaultBundle]);
    const highlights = new Highlights();
    const isTopFrame = window === window.top;
    let enabled = false;
    let stopObserving: (() => void) | null = null;

    const scanner = new PageScanner(matcher, highlights, () => reportCount());

    // ── Mention count on the toolbar badge ──────────────────────────────────────────────────────────────────
    let lastCount = -1;
    let countTimer: number | undefined;
    function reportCount() {
      if (!isTopFrame || countTimer !== undefined) return;
      countTimer = ctx.setTimeout(() => {
        countTimer = undefined;
        const count = enabled ? scanner.index.size : 0;
        if (count === lastCount) return;
        lastCount = count;
        browser.runtime.sendMessage({ type: MENTION_COUNT_MESSAGE, count }).catch(() => {});
      }, 250);
    }

    // ── The card and when it shows ──────────────────────────────────────────────────────────────────────────
    let hover: HoverState = IDLE;
    let hoverTimer: number | undefined;
    /** The mention the card points at, and the line of it the pointer was on. */
    let anchor: { mention: Mention; line: number } | null = null;

    const card = new CardHost(ctx, matcher, {
      onPointerEnter: () => send({ type: 'enter-card' }),
      onPointerLeave: () => send({ type: 'leave-card' }),
      onSelectEntity: (id) => send({ type: 'switch', target: id }),
      onNextMention: () => showNextMention(),
      onClose: () => send({ type: 'dismiss' }),
    });

    function send(event: HoverEvent) {
      const before = openTarget(hover);
      const { state, timer } = hoverTransition(hover, event);
      hover = state;
      if (timer !== 'keep') {
        if (hoverTimer !== undefined) clearTimeout(hoverTimer);
        hoverTimer = undefined;
        if (timer !== 'cancel') hoverTimer = ctx.setTimeout(() => send({ type: 'timer' }), timer.ms);
      }
      const after = openTarget(hover);
      if (after !== before || event.type === 'switch' || event.type === 'open-now') void renderCard();
    }

    async function renderCard() {
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
      await card.show(
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
      const at = anchor ? mentions.findIndex((mention) => mention === anchor!.mention) : -1;
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

    // Pointer: one hit-test per animation frame at most.
    let pendingPoint: { x: number; y: number; target: EventTarget | null } | null = null;
    let overName: string | null = null;
    function onPointerMove(event: PointerEvent) {
      if (!enabled || event.pointerType === 'touch') return;
      const scheduled = pendingPoint !== null;
      pendingPoint = { x: event.clientX, y: event.clientY, target: event.target };
      if (!scheduled) ctx.requestAnimationFrame(hitTest);
    }
    function hitTest() {
      const point = pendingPoint;
      pendingPoint = null;
      if (!point) return;
      // Over the card, the card's own pointer events drive the machine.
      if (card.element !== null && point.target === card.element) return;
      const hit = mentionAt(scanner.index, point.x, point.y);
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
      if (!enabled || event.pointerType === 'mouse') return;
      if (card.element && event.target === card.element) return;
      const hit = mentionAt(scanner.index, event.clientX, event.clientY);
      if (hit) {
        anchor = { mention: hit.mention, line: lineOf(hit.mention, hit.rect) };
        send({ type: 'open-now', target: hit.mention.entityId });
      } else if (openTarget(hover)) {
        send({ type: 'dismiss' });
      }
    }

    // Keyboard: focusing a link or control that holds a name opens its card like a hover would.
    function onFocusIn(event: FocusEvent) {
      if (!enabled || !(event.target instanceof Element) || event.target === card.element) return;
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
      if (event.target !== card.element && anchor && (event.target as Element | null)?.contains?.(anchor.mention.nodes[0])) {
        send({ type: 'leave-name' });
      }
    }

    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape' && openTarget(hover)) send({ type: 'dismiss' });
    }

    function onPointerDown(event: PointerEvent) {
      // A click outside an open card closes it; clicks on the page itself are never stopped.
      if (event.pointerType === 'mouse' && openTarget(hover) && event.target !== card.element) send({ type: 'dismiss' });
    }

    ctx.addEventListener(document, 'pointermove', onPointerMove, { passive: true, capture: true });
    ctx.addEventListener(document, 'pointerup', onPointerUp, { passive: true, capture: true });
    ctx.addEventListener(document, 'pointerdown', onPointerDown, { passive: true, capture: true });
    ctx.addEventListener(document, 'focusin', onFocusIn, { capture: true });
    ctx.addEventListener(document, 'focusout', onFocusOut, { capture: true });
    ctx.addEventListener(document, 'keydown', onKeyDown, { capture: true });
    // An SPA navigation is a new page: what counted as evidence on the old view must not carry over.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      send({ type: 'dismiss' });
      if (enabled) void scanner.scanDocument();
    });

    // ── On and off ─────────────────────────────────────────────────────────────────────────────────────────
    function enable() {
      if (enabled) return;
      enabled = true;
      highlights.show();
      void scanner.scanDocument();
      stopObserving = observeText(
        document,
        () => card.element,
        ({ changed, visibilityMayHaveChanged }) => {
          if (changed === 'everything') return void scanner.scanDocument();
          if (changed.length > 0) scanner.rescan(changed);
          if (visibilityMayHaveChanged) scanner.recheckHidden();
        },
        (callback, ms) => ctx.setTimeout(callback, ms),
      );
    }

    function disable() {
      if (!enabled) return;
      enabled = false;
      stopObserving?.();
      stopObserving = null;
      send({ type: 'dismiss' });
      scanner.reset();
      highlights.hide();
      reportCount();
    }

    const apply = (settings: Parameters<typeof isEnabledOn>[0]) =>
      isEnabledOn(settings, location.host) ? enable() : disable();
    apply(await siteSettings.getValue());
    const unwatch = siteSettings.watch((settings) => apply(settings));

    // ── Page state (README, "Page state") ──────────────────────────────────────────────────────────────────
    function pageState(): PageState {
      return {
        enabled,
        host: location.host,
        mentions: scanner.index.inDocumentOrder().map((mention) => {
          const { entity } = matcher.entities.get(mention.entityId)!;
          return { entityId: entity.id, name: entity.name, kind: entity.kind, text: mention.text };
        }),
        openCard: openTarget(hover),
        stats: { ...scanner.stats },
      };
    }
    const onMessage = (message: unknown) => (isPageStateRequest(message) ? Promise.resolve(pageState()) : undefined);
    if (isTopFrame) browser.runtime.onMessage.addListener(onMessage);

    ctx.onInvalidated(() => {
      unwatch();
      stopObserving?.();
      browser.runtime.onMessage.removeListener(onMessage);
      scanner.reset();
      highlights.hide();
      card.remove();
    });
  },
});
