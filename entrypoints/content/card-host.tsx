import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { EntityCard } from '@/components/EntityCard';
import type { KnownEntity, Matcher } from '@/utils/match/compile';

export const CARD_HOST_NAME = 'side-notes-card';

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

/**
 * The card's single element in the page: a shadow root holding the Preact card, placed with Floating UI next to
 * the name. Created on first use, so a page where no card is ever opened gets no element at all.
 */
export class CardHost {
  private ui: Awaited<ReturnType<typeof createShadowRootUi<HTMLElement>>> | null = null;
  private stopPlacing: (() => void) | null = null;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly matcher: Matcher,
    private readonly callbacks: CardCallbacks,
  ) {}

  get element(): HTMLElement | null {
    return this.ui?.shadowHost ?? null;
  }

  async show(view: CardView, anchor: CardAnchor): Promise<void> {
    const card = await this.mount();
    const { entity, bundle } = view.known;
    const related = entity.related.flatMap((id) => {
      const known = this.matcher.entities.get(id);
      return known ? [known.entity] : [];
    });
    render(
      <EntityCard
        entity={entity}
        source={bundle.source}
        related={related}
        mentionsOnPage={view.mentionsOnPage}
        onSelectEntity={this.callbacks.onSelectEntity}
        onNextMention={view.mentionsOnPage > 1 ? this.callbacks.onNextMention : undefined}
        onClose={this.callbacks.onClose}
      />,
      card,
    );
    card.hidden = false;
    this.place(card, anchor);
  }

  hide(): void {
    this.stopPlacing?.();
    this.stopPlacing = null;
    const card = this.ui?.mounted;
    if (!card) return;
    render(null, card);
    card.hidden = true;
  }

  remove(): void {
    this.hide();
    this.ui?.remove();
    this.ui = null;
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
        card.style.left = `${x}px`;
        card.style.top = `${y}px`;
      });
    this.stopPlacing = autoUpdate(reference, card, update, { animationFrame: false });
  }

  private async mount(): Promise<HTMLElement> {
    if (this.ui?.mounted) return this.ui.mounted;
    const ui = await createShadowRootUi<HTMLElement>(this.ctx, {
      name: CARD_HOST_NAME,
      position: 'inline',
      anchor: () => document.documentElement,
      append: 'last',
      onMount: (container, _shadow, host) => {
        // The host takes no room and sits above the page, so opening a card never shifts the page's layout.
        for (const [property, value] of [
          ['position', 'fixed'],
          ['inset', '0 auto auto 0'],
          ['width', '0'],
          ['height', '0'],
          ['z-index', '2147483647'],
          ['display', 'block'],
          ['overflow', 'visible'],
        ]) {
          host.style.setProperty(property, value, 'important');
        }
        const card = document.createElement('div');
        card.className = 'side-notes-card-position';
        card.style.position = 'fixed';
        card.style.left = '0';
        card.style.top = '0';
        card.addEventListener('pointerenter', this.callbacks.onPointerEnter);
        card.addEventListener('pointerleave', this.callbacks.onPointerLeave);
        container.append(card);
        return card;
      },
      onRemove: (card) => {
        if (card) render(null, card);
      },
    });
    ui.mount();
    this.ui = ui;
    return ui.mounted!;
  }
}
