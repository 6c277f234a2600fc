import { blockOf } from './segments';

/**
 * Where the probes for text on screen look, in turn, as fractions of the viewport's width and height: the upper part
 * of the main column, then the left side, then the middle. A hit-test can cost more than a millisecond on a heavy
 * page, so the first that finds text is the one used.
 */
const PROBES: [number, number][] = [
  [0.5, 0.2],
  [0.25, 0.2],
  [0.5, 0.5],
];

/**
 * The text node and offset under a point, by whichever caret API the browser has; inside the given open shadow
 * roots too, where the browser can look into them (otherwise it answers with their host).
 */
export function caretAt(x: number, y: number, shadowRoots: ShadowRoot[] = []): { node: Node; offset: number } | null {
  if (typeof document.caretPositionFromPoint === 'function') {
    const position =
      shadowRoots.length > 0
        ? (document.caretPositionFromPoint as (x: number, y: number, options?: { shadowRoots: ShadowRoot[] }) => CaretPosition | null)(x, y, { shadowRoots })
        : document.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/**
 * A block of text on screen, near its top, found with a hit-test or two; null when the probes hit no text. Reading
 * on from there covers the screen's main column; what sits elsewhere (a sidebar, a fixed header) comes with the
 * rest of the page.
 */
export function firstBlockOnScreen(root: Node): Element | null {
  for (const [x, y] of PROBES) {
    const caret = caretAt(x * innerWidth, y * innerHeight);
    if (!caret || caret.node.nodeType !== Node.TEXT_NODE) continue;
    const block = blockOf(caret.node);
    if (block.nodeType === Node.ELEMENT_NODE && block !== root && root.contains(block)) return block as Element;
  }
  return null;
}
