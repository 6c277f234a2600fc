/**
 * Reads a page's visible text as segments: runs of text nodes a reader sees as one piece of text (a paragraph, a
 * table cell, a heading). Inline elements (`<b>`, `<a>`, `<span>`) do not break a segment, so "Yoon <b>Suk</b> Yeol"
 * is one piece of text; blocks, line breaks and skipped elements do. The DOM is only read, never changed.
 */

export interface TextSegment {
  nodes: Text[];
  /** Offset of each node's text in `text`. */
  starts: number[];
  text: string;
}

/** Elements whose text a person does not read as page text, or that belong to the extension itself. */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'optgroup', 'datalist',
  'head', 'title', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'canvas', 'video', 'audio', 'picture',
  'map', 'side-notes-card',
]);

const INLINE = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins',
  'kbd', 'label', 'mark', 'nobr', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt',
  'u', 'var', 'wbr',
]);

/** Long runs of text are cut at a node boundary so that one segment never holds the main thread for long. */
const MAX_SEGMENT_LENGTH = 20_000;

export function isSkipped(element: Element): boolean {
  if (SKIPPED.has(element.localName)) return true;
  if (element.getAttribute('type') === 'application/ld+json') return true;
  // Editable content is the user's own typing: never underline it, never touch it.
  return (element as HTMLElement).isContentEditable === true && element.getAttribute('contenteditable') !== null;
}

export function isInline(element: Element): boolean {
  return INLINE.has(element.localName);
}

/** The nearest ancestor (or self) that is not inline: segments never cross it. */
export function blockOf(node: Node): Node {
  let current: Node | null = node.nodeType === Node.TEXT_NODE ? node.parentNode : node;
  while (current && current.nodeType === Node.ELEMENT_NODE && isInline(current as Element)) current = current.parentNode;
  return current ?? node;
}

/** True when `node` or one of its ancestors is skipped (script, editable, hidden, the extension's own UI). */
export function isInsideSkipped(node: Node): boolean {
  for (let el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (isSkipped(el)) return true;
  }
  return false;
}

/**
 * Yields the text segments under `root` in document order, and counts text nodes read in `counter.textNodes`.
 * Walks `firstChild`/`nextSibling` itself rather than a TreeWalker so that skipped subtrees are never entered and
 * block boundaries are seen on the way in and on the way out.
 */
export function* segmentsOf(root: Node, counter: { textNodes: number } = { textNodes: 0 }): Generator<TextSegment> {
  let nodes: Text[] = [];
  let starts: number[] = [];
  let text = '';
  const flush = (): TextSegment | null => {
    if (nodes.length === 0) return null;
    const segment = { nodes, starts, text };
    nodes = [];
    starts = [];
    text = '';
    return /\S/.test(segment.text) ? segment : null;
  };

  let node: Node | null = root;
  while (node) {
    let descend = false;
    if (node.nodeType === Node.TEXT_NODE) {
      const data = (node as Text).data;
      counter.textNodes++;
      if (data.length > 0) {
        nodes.push(node as Text);
        starts.push(text.length);
        text += data;
        if (text.length > MAX_SEGMENT_LENGTH) {
          const segment = flush();
          if (segment) yield segment;
        }
      }
    } else if (node.nodeType === Node.ELEMENT_NODE || node.nodeType === Node.DOCUMENT_NODE || node.nodeType === Node.DOCUMENT_FRAGMENT_NODE) {
      const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : null;
      if (!element || !isSkipped(element)) {
        if (element && !isInline(element)) {
          const segment = flush();
          if (segment) yield segment;
        }
        descend = node.firstChild !== null;
      }
    }
    if (descend) {
      node = node.firstChild;
      continue;
    }
    // Climb to the next node in document order, closing blocks on the way up.
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node && node.nodeType === Node.ELEMENT_NODE && !isInline(node as Element)) {
        const segment = flush();
        if (segment) yield segment;
      }
    }
    node = node && node !== root ? node.nextSibling : null;
  }
  const segment = flush();
  if (segment) yield segment;
}

/** The text node and offset of position `index` in a segment's text (an end position stays in its node). */
export function positionIn(segment: TextSegment, index: number, isEnd: boolean): { node: Text; offset: number } {
  const { starts, nodes } = segment;
  let low = 0;
  let high = starts.length - 1;
  const probe = isEnd ? index - 1 : index;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= probe) low = mid;
    else high = mid - 1;
  }
  return { node: nodes[low], offset: index - starts[low] };
}
