import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import cardStyles from '@/components/EntityCard.css?inline';
import kindStyles from '@/components/kinds.css?inline';
import { EntityCard } from '@/components/EntityCard';
import { quotesBySource } from '@/utils/catalogue/catalogue';
import type { KnownEntity, Matcher } from '@/utils/match/compile';

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
  known: KnownEntity;
  mentionsOnPage: number;
}

export interface CardCallbacks {
  onPointerEnter: () => void;
  onPointerLeave: () => void;
  onSelectEntity: (id: string) => void;
  onNextMention: () => void;
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
 * The card's single element in the page: a shadow root holding the Preact card, placed with Floating UI next to
 * the name. Created on first use, so a page where no card is ever opened gets no element at all; created again when
 * the page removed it (frameworks that own the whole document do). Mounting is synchronous — the styles are part of
 * the script — so there is never a mount in flight for a later call to race with: `show` draws what it is given now.
 * Everything ends with `signal`.
 */
export class CardHost {
  private mounted: Mounted | null = null;
  private stopPlacing: (() => void) | null = null;

  constructor(
    private readonly matcher: Matcher,
    private readonly callbacks: CardCallbacks,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.remove(), { once: true });
  }

  /** The host element while it is in the page. */
  get element(): HTMLElement | null {
    return this.mounted?.host.isConnected ? this.mounted.host : null;
  }

  show(view: CardView, anchor: CardAnchor): void {
    if (this.signal.aborted) return;
    const { card } = this.mount();
    const { entity, bundle } = view.known;
    const related = entity.related.flatMap((id) => {
      const known = this.matcher.entities.get(id);
      return known ? [known.entity] : [];
    });
    render(
      <EntityCard
        entity={entity}
        source={bundle.source}
        sources={quotesBySource(view.known)}
        related={related}
        mentionsOnPage={view.mentionsOnPage}
        headingId={TITLE_ID}
        onSelectEntity={this.callbacks.onSelectEntity}
        onNextMention={view.mentionsOnPage > 1 ? this.callbacks.onNextMention : undefined}
        onClose={this.callbacks.onClose}
      />,
      card,
    );
    card.hidden = false;
    this.place(card, anchor);
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

  private mount(): Mounted {
    if (this.mounted) {
      // The page took our host out: put the same one back, last in <html>.
      if (!this.mounted.host.isConnected) document.documentElement.append(this.mounted.host);
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
    document.documentElement.append(host);
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
