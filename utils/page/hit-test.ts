import { liveRange, type Mention, type MentionIndex } from './mentions';
import { caretAt } from './viewport';

function covers(mention: Mention, node: Text, offset: number): boolean {
  const { startContainer, startOffset, endContainer, endOffset } = mention.range;
  if (node === startContainer && offset < startOffset) return false;
  if (node === endContainer && offset > endOffset) return false;
  return true;
}

/** The rectangle of `mention` that holds the point, if any (a name can wrap over two lines). */
export function rectAt(mention: Mention, x: number, y: number): DOMRect | null {
  const range = liveRange(mention);
  if (!range) return null;
  for (const rect of range.getClientRects()) {
    if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return rect;
  }
  return null;
}

/**
 * The mention under the pointer, with the line box it was hit on. The caret APIs give the nearest text position
 * even in blank space, so the hit is confirmed against the mention's own rectangles.
 */
export function mentionAt(
  index: MentionIndex,
  x: number,
  y: number,
  shadowRoots: ShadowRoot[] = [],
): { mention: Mention; rect: DOMRect } | null {
  if (index.size === 0) return null;
  const caret = caretAt(x, y, shadowRoots);
  if (!caret || caret.node.nodeType !== Node.TEXT_NODE) return null;
  for (const mention of index.at(caret.node as Text)) {
    if (!covers(mention, caret.node as Text, caret.offset)) continue;
    const rect = rectAt(mention, x, y);
    if (rect) return { mention, rect };
  }
  return null;
}
