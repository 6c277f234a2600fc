import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import cardStyles from '@/components/EntityCard.css?inline';
import kindStyles from '@/components/kinds.css?inline';
import { EntityCard } from '@/components/EntityCard';
import { quotesBySource } from '@/utils/catalogue/catalogue';
import type { CardEntry } from '@/utils/catalogue/card-entry';

export const CARD_HOST_NAME = 'side-notes-card';

/** The card's heading: the dialog is labelled by it. */
const TITLE_ID = 'sn-card-title';

/**
 * Inside the shadow root: the page's styles reach nothing in it, and its own reach nothing else. The host takes no
 * room and sits above the page, so opening a card never shifts the page's layout. `!important` inside the shadow
 * tree wins over any rule of the page, even an `!important` one.
 */
const SHADOW_STYLES = `:host {
  all: initial !important;
  position: fixed !important;
  inset: 0 auto auto 0 !important;
  width: 0 !important;
  height: 0 !important;
  z-index: 2147483647 !important;
  display: block !important;
  overflow: visible !important;
}
@media print { :host { display: none !important; } }
.sn-live { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
.side-notes-card-position:focus { outline: none; }
.side-notes-card-position:focus-visible > .sn-card { outline: 2px solid var(--sn-focus); outline-offset: 2px; }
${cardStyles}
${kindStyles}`;

/** Where the card points: a box on the page (the line of the name under the pointer), kept current on scroll. */
export interface CardAnchor {
  rect: () => DOMRect | null;
  contextElement: Element | null;
}

export interface CardView {
  known: CardEntry;
  mentionsOnPage: number;
  /** Which of those mentions the card points at (1-based; 0 when at none of them). */
  mentionAt: number;
  /** The last Next or Previous went round the page's end. */
  wrapped: 'first' | 'last' | null;
  /** Offers Back: the card was reached from another by a related entity. */
  canGoBack: boolean;
  /** A card come back to: its quotes as the reader left them, scrolled where it was, focus on the entity left by. */
  restore?: CardPlace;
  /** The reader's own note on the entity. */
  ownNote?: string;
}

/** Where the reader was in a card: how far its body was scrolled, whether all quotes showed. */
export interface CardPlace {
  scrollTop: number;
  expanded: boolean;
  /** Every related entity showed (the reader pressed "N more"). */
  relatedOpen: boolean;
  /** The related entity the reader left by (its chip gets focus back when focus was in the card). */
  leftBy?: string;
}

export interface CardCallbacks {
  onPointerEnter: () => void;
  onPointerLeave: () => void;
  onSelectEntity: (id: string) => void;
  onNextMention: () => void;
  onPreviousMention: () => void;
  onBack: () => void;
  onClose: () => void;
}

interface Mounted {
  host: HTMLElement;
  shadow: ShadowRoot;
  card: HTMLElement;
  /** Where the card is announced when it opens by keyboard (a polite live region). */
  live: HTMLElement;
}

/**
 * How often, in one second, the host is put back after the page took it out while a card showed. A page that takes
 * out whatever it did not write (frameworks that own the whole document) gets it back each time; one that removes it
 * the moment it returns would otherwise ping-pong with us forever, so past this the card closes instead.
 */
const RESTORES_PER_SECOND = 20;

/**
 * The card's single element in the page: a shadow root holding the Preact card, placed with Floating UI next to
 * the name. Created on first use, so a page where no card is ever opened gets no element at all; put back last in
 * `<html>` when the page removed or moved it (frameworks that own the whole document do) — at once while a card
 * shows, so the card is always where page state says it is, and at the next `show` otherwise. There is only ever the
 * one host. Mounting is synchronous — the styles are part of the script — so there is never a mount in flight for a
 * later call to race with: `show` draws what it is given now. Everything ends with `signal`.
 */
export class CardHost {
  private mounted: Mounted | null = null;
  private stopPlacing: (() => void) | null = null;
  /** Watches where the host is while a card shows (the page may take it out or move it). */
  private guard: MutationObserver | null = null;
  private guarded: Node[] = [];
  private restores: number[] = [];
  /** What the open card points at, to place it again after the host was put back. */
  private anchor: CardAnchor | null = null;
  /** The page element the card's colours were last worked out for, and what they were. */
  private themeFor: Element | null | undefined;
  private theme: 'light' | 'dark' | undefined;

  constructor(
    private readonly callbacks: CardCallbacks,
    private readonly signal: AbortSignal,
    /** Called when the card closed by itself (the page kept taking its host out). */
    private readonly onGone: () => void = () => {},
    /**
     * The element the host lives in: the document's root element, out of reach of page layout and of frameworks
     * that own `<body>`. Only the accessibility test's own page passes `<body>`, which is all axe-core lays out.
     */
    private readonly home: () => Element = () => document.documentElement,
  ) {
    signal.addEventListener('abort', () => this.remove(), { once: true });
  }

  /** The host element, once made (whether or not the page has it now): its own changes are not the page's. */
  get element(): HTMLElement | null {
    return this.mounted?.host ?? null;
  }

  show(view: CardView, anchor: CardAnchor): void {
    if (this.signal.aborted) return;
    const { card } = this.mount();
    const { entity, bundle, related } = view.known;
    // Worked out when the card opens or moves to another place on the page, not on every redraw.
    if (card.hidden || anchor.contextElement !== this.themeFor) {
      this.themeFor = anchor.contextElement;
      this.theme = pageTheme(anchor.contextElement);
    }
    const focusWasIn = this.hasFocus();
    render(
      // One card per entity: another entity's card is a new one, which opens at its top with its quotes collapsed.
      <EntityCard
        key={entity.id}
        entity={entity}
        source={bundle.source}
        sources={quotesBySource(view.known)}
        ownNote={view.ownNote}
        related={related}
        mentionsOnPage={view.mentionsOnPage}
        mentionAt={view.mentionAt}
        wrapped={view.wrapped}
        headingId={TITLE_ID}
        theme={this.theme}
        expandedAtStart={view.restore?.expanded}
        relatedOpenAtStart={view.restore?.relatedOpen}
        onSelectEntity={this.callbacks.onSelectEntity}
        onNextMention={view.mentionsOnPage > 1 ? this.callbacks.onNextMention : undefined}
        onPreviousMention={view.mentionsOnPage > 1 ? this.callbacks.onPreviousMention : undefined}
        onBack={view.canGoBack ? this.callbacks.onBack : undefined}
        onClose={this.callbacks.onClose}
      />,
      card,
    );
    card.hidden = false;
    const restore = view.restore;
    if (restore) {
      const body = card.querySelector('.sn-card__body');
      if (body) body.scrollTop = restore.scrollTop;
      if (focusWasIn) {
        const chip = [...card.querySelectorAll<HTMLElement>('.sn-card__chip')].find((chip) => chip.dataset.entity === restore.leftBy);
        chip?.focus({ preventScroll: true });
      }
    }
    this.anchor = anchor;
    this.place(card, anchor);
    this.guardPlace();
  }

  /** Where the reader is in the open card: kept when they go on to a related entity, for Back. */
  whereReaderIs(): CardPlace {
    const card = this.mounted?.card;
    return {
      scrollTop: card?.querySelector('.sn-card__body')?.scrollTop ?? 0,
      expanded: card?.querySelector('.sn-card__more')?.getAttribute('aria-expanded') === 'true',
      relatedOpen: !card?.querySelector('.sn-card__chip--more'),
    };
  }

  /** Moves focus into the open card (the dialog itself, so a screen reader reads its name first). */
  focus(): void {
    this.mounted?.card.focus();
  }

  /** Whether focus is inside the card. */
  hasFocus(): boolean {
    return !!this.mounted?.shadow.activeElement;
  }

  /**
   * Says `text` politely (a screen reader reads it when it is done speaking). Set a moment after it is cleared, so
   * the same words are said again, and a region just created is known to the reader before its text arrives.
   */
  announce(text: string): void {
    const live = this.mount().live;
    live.textContent = '';
    setTimeout(() => {
      if (!this.signal.aborted) live.textContent = text;
    }, 100);
  }

  hide(): void {
    this.stopGuarding();
    this.anchor = null;
    this.stopPlacing?.();
    this.stopPlacing = null;
    const card = this.mounted?.card;
    if (!card) return;
    render(null, card);
    card.hidden = true;
  }

  remove(): void {
    this.hide();
    this.mounted?.host.remove();
    this.mounted = null;
  }

  /** Whether the host is where it works: a child of its home (the document's root element), out of page layout. */
  private inPlace(host: HTMLElement): boolean {
    return host.parentNode === this.home();
  }

  /**
   * While a card shows, puts the host back the moment the page takes it out of `<html>` (or moves it into its own
   * layout, where a transform or a clip would hide it), and places the card again. Watches the document (the page
   * may replace its root element) and the root element's children.
   */
  private guardPlace(): void {
    const root = document.documentElement;
    if (this.guard && this.guarded[1] === root) return;
    this.stopGuarding();
    this.guard = new MutationObserver(() => this.restore());
    this.guarded = [...new Set<Node>([document, root, this.home()])];
    for (const node of this.guarded) this.guard.observe(node, { childList: true });
  }

  private stopGuarding(): void {
    this.guard?.disconnect();
    this.guard = null;
    this.guarded = [];
  }

  private restore(): void {
    const mounted = this.mounted;
    if (this.signal.aborted || !mounted || mounted.card.hidden) return;
    if (this.guarded[1] !== document.documentElement) this.guardPlace();
    if (this.inPlace(mounted.host)) return;
    const now = performance.now();
    this.restores = this.restores.filter((at) => now - at < 1000);
    if (this.restores.length >= RESTORES_PER_SECOND) {
      // The page will not have it: close the card rather than fight, and say so, so page state stays true.
      this.hide();
      this.onGone();
      return;
    }
    this.restores.push(now);
    this.home().append(mounted.host);
    if (this.anchor) this.place(mounted.card, this.anchor);
  }

  private mount(): Mounted {
    if (this.mounted) {
      // The page took our host out or moved it: put the same one back, last in its home.
      if (!this.inPlace(this.mounted.host)) this.home().append(this.mounted.host);
      return this.mounted;
    }
    const host = document.createElement(CARD_HOST_NAME);
    // Closed: the page cannot reach into the card, read what the notes say or rewrite them.
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = SHADOW_STYLES;
    const card = document.createElement('div');
    card.className = 'side-notes-card-position';
    card.style.position = 'fixed';
    card.style.left = '0';
    card.style.top = '0';
    card.hidden = true;
    // A non-modal dialog (WAI-ARIA): focus goes in only when the reader asks, Tab stays inside, Esc closes it.
    card.setAttribute('role', 'dialog');
    card.setAttribute('aria-labelledby', TITLE_ID);
    card.tabIndex = -1;
    card.addEventListener('pointerenter', this.callbacks.onPointerEnter);
    card.addEventListener('pointerleave', this.callbacks.onPointerLeave);
    card.addEventListener('keydown', (event) => {
      if (event.key !== 'Tab') return;
      const stops = card.querySelectorAll<HTMLElement>('button,a[href]');
      const first = stops[0];
      const last = stops[stops.length - 1];
      const at = shadow.activeElement;
      // Tab past the last control comes back to the first, Shift+Tab before the first goes round to the last.
      if (first && (event.shiftKey ? at === first || at === card : at === last)) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      }
    });
    const live = document.createElement('div');
    live.className = 'sn-live';
    live.setAttribute('role', 'status');
    shadow.append(style, card, live);
    this.home().append(host);
    this.mounted = { host, shadow, card, live };
    return this.mounted;
  }

  private place(card: HTMLElement, anchor: CardAnchor): void {
    this.stopPlacing?.();
    let last = anchor.rect();
    const reference = {
      getBoundingClientRect: () => (last = anchor.rect() ?? last ?? new DOMRect()),
      contextElement: anchor.contextElement ?? undefined,
    };
    const update = () =>
      computePosition(reference, card, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(6),
          flip({ padding: 8 }),
          shift({ padding: 8 }),
          size({
            padding: 8,
            apply: ({ availableHeight }) => card.style.setProperty('--side-notes-max-height', `${Math.max(160, availableHeight)}px`),
          }),
        ],
      }).then(({ x, y }) => {
        // A position worked out for a card that has since closed or moved on is not applied.
        if (this.signal.aborted || card.hidden) return;
        card.style.left = `${x}px`;
        card.style.top = `${y}px`;
      });
    this.stopPlacing = autoUpdate(reference, card, update, { animationFrame: false });
  }
}

/** Above this relative luminance a background is light: dark text on it contrasts more than light text would. */
const LIGHT_FROM = 0.179;

/**
 * Whether the page is light or dark behind `element`: the first opaque background among it and its ancestors (across
 * shadow roots to their hosts), with the translucent ones above it laid over it; where none is opaque, the canvas
 * (dark only when the page's root asks for a dark scheme the system has). Background images are not looked at.
 */
export function pageTheme(element: Element | null): 'light' | 'dark' {
  const layers: number[][] = [];
  let base: number[] | null = null;
  for (let at: Element | null = element ?? document.body; at && !base; ) {
    const colour = rgba(getComputedStyle(at).backgroundColor);
    if (colour && colour[3] >= 0.99) base = colour;
    else if (colour && colour[3] > 0) layers.push(colour);
    at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host || null);
  }
  if (!base) {
    const scheme = getComputedStyle(document.documentElement).colorScheme;
    const dark = /dark/.test(scheme) && (!/light/.test(scheme) || matchMedia('(prefers-color-scheme: dark)').matches);
    base = dark ? [18, 18, 18] : [255, 255, 255];
  }
  // From the bottom up, each translucent layer over what is under it.
  const [r, g, b] = layers.reduceRight((under, [r, g, b, a]) => [r, g, b].map((c, i) => c * a + under[i] * (1 - a)), base);
  const linear = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b) >= LIGHT_FROM ? 'light' : 'dark';
}

let probe: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null = null;

/** A computed colour as [r, g, b, a] (0–255, alpha 0–1); colours not written as rgb() are read through a canvas. */
function rgba(value: string): number[] | null {
  const numbers = /^rgba?\(([^)]*)\)$/.exec(value)?.[1].split(/[\s,/]+/).filter(Boolean).map(Number);
  if (numbers && numbers.length >= 3) return [numbers[0], numbers[1], numbers[2], numbers[3] ?? 1];
  probe ??= new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true });
  if (!probe) return null;
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = value;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
}
