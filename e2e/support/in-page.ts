/**
 * Functions the journeys run inside a page, handed to `evaluate` by Playwright (Chromium) and by puppeteer
 * (Firefox) alike. Only their source crosses into the page, so each is self-contained: no imports, no outer names.
 */

/** A point on the page (viewport coordinates) and the box around it. */
export interface TextBox {
  x: number;
  y: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * The box of the `occurrence`-th (0-based) occurrence of `text` inside one text node of the page's body, found with
 * a Range: the first line box when it wraps. Scrolls its paragraph into view first (`block` as for
 * `scrollIntoView`; null: not scrolled); null when it is not there.
 */
export function textBoxInPage({
  text,
  occurrence,
  block,
}: {
  text: string;
  occurrence: number;
  block: ScrollLogicalPosition | null;
}): TextBox | null {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    for (let at = data.indexOf(text); at >= 0; at = data.indexOf(text, at + 1)) {
      if (seen++ !== occurrence) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      if (block) node.parentElement?.scrollIntoView({ block, behavior: 'instant' as ScrollBehavior });
      const { left, top, right, bottom } = range.getClientRects()[0] ?? range.getBoundingClientRect();
      return { x: (left + right) / 2, y: (top + bottom) / 2, left, top, right, bottom };
    }
  }
  return null;
}

/** What the page's highlight registry holds, seen from the page's own world: how much of it a page could read. */
export interface RegisteredRanges {
  /** Ranges registered in all (every highlight: the test pages register none of their own). */
  total: number;
  /** Of those, ranges on screen now. */
  inViewport: number;
  /** How far the farthest registered range is from the viewport, in viewport heights (0: on screen). */
  farthest: number;
}

export function registeredRangesInPage(): RegisteredRanges {
  const height = innerHeight;
  let total = 0;
  let inViewport = 0;
  let farthest = 0;
  for (const highlight of CSS.highlights.values()) {
    for (const range of highlight) {
      total++;
      const live = document.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      const rect = live.getBoundingClientRect();
      if (rect.bottom >= 0 && rect.top <= height) inViewport++;
      else farthest = Math.max(farthest, rect.top > height ? (rect.top - height) / height : -rect.bottom / height);
    }
  }
  return { total, inViewport, farthest };
}

/** The card's host element, seen from the page. */
export interface CardHostView {
  /** `<side-notes-card>` elements in the document. */
  hosts: number;
  /** The host is the last child of `<html>`. */
  hostOnHtml: boolean;
  /** The page itself cannot see into the host (its shadow root is closed). */
  closedToPage: boolean;
}

export function cardHostInPage(hostName: string): CardHostView {
  const hosts = document.querySelectorAll(hostName);
  const host = hosts[0];
  return {
    hosts: hosts.length,
    hostOnHtml: host !== undefined && host.parentElement === document.documentElement && host === document.documentElement.lastElementChild,
    closedToPage: host === undefined || host.shadowRoot === null,
  };
}

/** What the card inside its (closed) shadow root shows. */
export interface CardInside {
  /** A card is rendered and visible. */
  open: boolean;
  /** The rendered card's text ('' when none). */
  text: string;
  /** The rendered card's heading (the entity's name). */
  name: string | null;
  quotes: string[];
  /** The reader's own note as the card shows it ("Your note"); null when it shows none. */
  ownNote: string | null;
  related: string[];
  /** The card's background colour, as computed ('' when none). */
  background: string;
  /** The card's box in the viewport. */
  rect: { left: number; top: number; right: number; bottom: number; width: number; height: number } | null;
}

/** What `readCardInRoot` would say where there is no card host at all. */
export const NO_CARD: CardInside = { open: false, text: '', name: null, quotes: [], ownNote: null, related: [], background: '', rect: null };

/** Reads the card in the shadow root it is given (reached by a test over the DevTools protocol or BiDi). */
export function readCardInRoot(root: ShadowRoot): CardInside {
  const card = root.querySelector('[data-testid="entity-card"]');
  const open = card !== null && card.checkVisibility() && card.getBoundingClientRect().width > 0;
  const rect = card?.getBoundingClientRect();
  return {
    open,
    text: card?.textContent ?? '',
    name: card?.querySelector('h2')?.textContent ?? null,
    quotes: card ? [...card.querySelectorAll('blockquote')].map((quote) => quote.textContent ?? '') : [],
    ownNote: card?.querySelector('[data-testid="card-own-note"] p')?.textContent ?? null,
    related: card ? [...card.querySelectorAll('.sn-card__chip')].map((chip) => chip.textContent ?? '') : [],
    background: card ? getComputedStyle(card).backgroundColor : '',
    rect:
      rect && open
        ? { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom, width: rect.width, height: rect.height }
        : null,
  };
}
