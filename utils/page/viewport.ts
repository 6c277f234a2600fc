import { blockOf } from './segments';

/**
 * Where the probes for text on screen look, as fractions of the viewport's width and height: near the top of the
 * main column and of the left side, and the middle. A hit-test can cost a millisecond on a heavy page: a few only.
 */
const PROBES: [number, number][] = [
  [0.5, 0.12],
  [0.25, 0.12],
  [0.5, 0.5],
];

/** The text node and offset under a point, by whichever caret API the browser has. */
export function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  if (typeof document.caretPositionFromPoint === 'function') {
    const position = document.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/**
 * The block where the text on screen starts (the earliest, in document order, of the text the probes hit), or null
 * when they hit none. Reading on from there covers the screen's main column; what sits elsewhere (a sidebar, a
 * fixed header) comes with the rest of the page.
 */
export function firstBlockOnScreen(root: Node): Element | null {
  let first: Element | null = null;
  for (const [x, y] of PROBES) {
    const caret = caretAt(x * innerWidth, y * innerHeight);
    if (!caret || caret.node.nodeType !== Node.TEXT_NODE) continue;
    const block = blockOf(caret.node);
    if (block.nodeType !== Node.ELEMENT_NODE || !root.contains(block) || block === root) continue;
    if (!first || block.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING) first = block as Element;
  }
  return first;
}
