/**
 * The card as it ships — `CardHost` from the content script, its component and its styles, the seed bundle — put on
 * a page the accessibility test builds (esbuild, `card-page-build.ts`), where axe-core can read it. The shipped card's
 * shadow root is closed and stays so; only on this page, which no reader ever opens, is the root attached open, by
 * wrapping `attachShadow` before the card mounts. Nothing here is part of the extension.
 */
import { CardHost } from '@/entrypoints/side-notes/card-host';
import { defaultBundle } from '@/utils/bundle/load';
import { cardEntryFromCatalogue } from '@/utils/catalogue/card-entry';
import { compileMatcher } from '@/utils/match/compile';

const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
  return attachShadow.call(this, { ...init, mode: 'open' });
};

const matcher = compileMatcher([defaultBundle]);
const lifetime = new AbortController();
let host: CardHost | null = null;

/**
 * Shows the card of `entityId` under the page's `#anchor` element, as the content script would; focus inside when
 * asked; with Back, at its `mentionAt`-th mention, and with the reader's own note, when asked.
 */
export function showCard(
  entityId: string,
  { focus = false, mentionsOnPage = 3, mentionAt = 0, canGoBack = false, ownNote = undefined as string | undefined } = {},
): void {
  host ??= new CardHost(
    {
      onPointerEnter() {},
      onPointerLeave() {},
      onSelectEntity: (id) => showCard(id),
      onNextMention() {},
      onPreviousMention() {},
      onBack() {},
      onClose() {},
    },
    lifetime.signal,
    undefined,
    // The content script keeps the card's host last in <html>; axe lays out only what <body> holds when it works
    // out colours behind text, so here the host lives last in <body> (the same fixed, zero-size host: nothing moves).
    () => document.body,
  );
  const entry = matcher.entities.get(entityId);
  if (!entry) throw new Error(`no entity ${entityId}`);
  const known = cardEntryFromCatalogue(entry, matcher.entities);
  const anchor = document.getElementById('anchor')!;
  host.show({ known, mentionsOnPage, mentionAt, wrapped: null, canGoBack, ownNote }, { rect: () => anchor.getBoundingClientRect(), contextElement: anchor });
  if (focus) host.focus();
}
