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

const TAG_SKIP = 2;
const TAG_INLINE = 1;
/** One lookup per element tells both whether its text is skipped and whether it breaks a run of text. */
const TAG_KINDS = new Map<string, number>([
  ...[...SKIPPED].map((tag) => [tag, TAG_SKIP] as [string, number]),
  ...[...INLINE].map((tag) => [tag, TAG_INLINE] as [string, number]),
]);

export function isSkipped(element: Element): boolean {
  if (TAG_KINDS.get(element.localName) === TAG_SKIP) return true;
  // Editable content is the user's own typing: never underline it, never touch it.
  return element.hasAttribute('contenteditable') && (element as HTMLElement).isContentEditable === true;
}

export function isInline(element: Element): boolean {
  return TAG_KINDS.get(element.localName) === TAG_INLINE;
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

interface ParentInfo {
  /** Text under this node is not page text. */
  skip: boolean;
  /** The block the node's text belongs to: segments never cross from one block to another. */
  block: Node;
}

const SKIP: ParentInfo = { skip: true, block: null as unknown as Node };

/** What `node` means for the text under it, from the nearest ancestor already known, each node worked out once. */
/** What one node means for the text under it, given what its parent means (undefined above the top). */
function infoOf(node: Node, parent: ParentInfo | undefined, editable: ReadonlySet<Element>): ParentInfo {
  if (parent?.skip) return SKIP;
  const tag = (node as Element).localName;
  // Documents, fragments and shadow roots have no tag name: each is a block of its own.
  if (tag === undefined) return { skip: false, block: node };
  const kind = TAG_KINDS.get(tag);
  if (kind === TAG_SKIP || editable.has(node as Element)) return SKIP;
  return kind === TAG_INLINE && parent ? parent : { skip: false, block: node };
}

/**
 * What `node` means for the text under it, worked out from the nearest ancestor already known, and remembered for
 * `node` and every ancestor on the way. Most text sits one element below an element already seen: that path is
 * two lookups and no allocation.
 */
function parentInfo(node: Node, known: Map<Node, ParentInfo>, editable: ReadonlySet<Element>): ParentInfo {
  const up = node.parentNode;
  const upInfo = up ? known.get(up) : undefined;
  if (upInfo || !up) {
    const info = infoOf(node, upInfo, editable);
    known.set(node, info);
    return info;
  }
  const chain: Node[] = [node];
  let info: ParentInfo | undefined;
  for (let current: Node | null = up; current; current = current.parentNode) {
    info = known.get(current);
    if (info) break;
    chain.push(current);
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    info = infoOf(chain[i], info, editable);
    known.set(chain[i], info);
  }
  return info!;
}

/**
 * The editable elements under and around `root`, found by one native query rather than by asking every element:
 * editable content is the user's own typing, never underlined, never touched.
 */
function editingHosts(root: Node): Set<Element> {
  const hosts = new Set<Element>();
  const scope = root.nodeType === Node.ELEMENT_NODE || root.nodeType === Node.DOCUMENT_NODE ? (root as Element) : null;
  for (const element of scope?.querySelectorAll('[contenteditable]') ?? []) {
    if ((element as HTMLElement).isContentEditable) hosts.add(element);
  }
  const start = root.nodeType === Node.ELEMENT_NODE ? (root as Element) : root.parentElement;
  for (let ancestor = start; ancestor; ancestor = ancestor.parentElement) {
    if (ancestor.hasAttribute('contenteditable') && (ancestor as HTMLElement).isContentEditable) hosts.add(ancestor);
  }
  return hosts;
}

/** Between two text nodes of one parent: a line break, an image or a block, which ends a run of text. */
function breakBetween(previous: Text, node: Text): boolean {
  for (let sibling = previous.nextSibling; sibling && sibling !== node; sibling = sibling.nextSibling) {
    if (sibling.nodeType === Node.ELEMENT_NODE && !isInline(sibling as Element)) return true;
  }
  return false;
}

/**
 * Reads the text segments under `root` in document order, and counts text nodes read in `counter.textNodes`.
 * A native TreeWalker visits the text nodes; what each parent element means (skipped? which block?) is worked out
 * once per element and cached, so elements without text are never touched from script.
 *
 * A scan reads in slices and lets the page run in between, so the page may remove the very node the walker stands
 * on. `resume` is called after every such pause: it finds its place again, or says the rest cannot be read.
 */
export class SegmentReader {
  private readonly walker: TreeWalker | null;
  private readonly known = new Map<Node, ParentInfo>();
  private readonly editable: Set<Element>;
  private nodes: Text[] = [];
  private starts: number[] = [];
  private text = '';
  private block: Node | null = null;
  private previous: Text | null = null;
  private previousParent: Node | null = null;
  private lastParent: Node | null = null;
  private lastInfo: ParentInfo = SKIP;
  private done = false;
  /** Where the walker stood when the page was last let run: its node's ancestors, nearest first. */
  private trail: Node[] = [];

  constructor(
    private readonly root: Node,
    private readonly counter: { textNodes: number } = { textNodes: 0 },
  ) {
    const document = root.ownerDocument ?? (root as Document);
    // A document in design mode is an editor from top to bottom.
    this.walker = document.designMode === 'on' ? null : document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    this.editable = this.walker ? editingHosts(root) : new Set();
  }

  /** The next segment with visible characters in it, or null at the end. */
  next(): TextSegment | null {
    const walker = this.walker;
    if (!walker || this.done) return null;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      this.counter.textNodes++;
      const parent = node.parentNode!;
      if (parent !== this.lastParent) {
        this.lastParent = parent;
        this.lastInfo = this.known.get(parent) ?? parentInfo(parent, this.known, this.editable);
      }
      if (this.lastInfo.skip) {
        // Skipped text (a script, a form field) between two runs of text separates them.
        const segment = this.flush();
        if (segment) return segment;
        continue;
      }
      const data = node.data;
      if (data.length === 0) continue;
      const broken =
        this.lastInfo.block !== this.block ||
        (this.previousParent === parent && node.previousSibling !== this.previous && breakBetween(this.previous!, node));
      const segment = broken || this.text.length > MAX_SEGMENT_LENGTH ? this.flush() : null;
      this.block = this.lastInfo.block;
      this.nodes.push(node);
      this.starts.push(this.text.length);
      this.text += data;
      this.previous = node;
      this.previousParent = parent;
      if (segment) return segment;
    }
    this.done = true;
    return this.flush();
  }

  /** Notes where the walker stands, before the page is let run (and may remove that node). */
  pausing(): void {
    this.trail = [];
    if (!this.walker) return;
    for (let node = this.walker.currentNode.parentNode; node && node !== this.root; node = node.parentNode) this.trail.push(node);
  }

  /**
   * Finds the walker's place again after the page had a chance to change. When the node it stood on was removed,
   * reading goes on after the nearest ancestor still in place (whose change the page's mutation records report,
   * so it is rescanned on its own). Returns false when no such place is left: the rest of the page is unread.
   */
  resume(): boolean {
    const walker = this.walker;
    if (!walker || this.done) return true;
    if (this.nodes.some((node) => !node.isConnected)) this.discardPartial();
    const current = walker.currentNode;
    if (current === this.root || (current.isConnected && this.root.contains(current))) return true;
    this.discardPartial();
    this.lastParent = null;
    for (const ancestor of this.trail) {
      if (!ancestor.isConnected || !this.root.contains(ancestor)) continue;
      let last: Node = ancestor;
      while (last.lastChild) last = last.lastChild;
      walker.currentNode = last;
      return true;
    }
    this.done = true;
    return false;
  }

  private discardPartial(): void {
    this.nodes = [];
    this.starts = [];
    this.text = '';
    this.previous = null;
    this.previousParent = null;
    this.block = null;
  }

  private flush(): TextSegment | null {
    if (this.nodes.length === 0) return null;
    const segment = { nodes: this.nodes, starts: this.starts, text: this.text };
    this.discardPartial();
    return /\S/.test(segment.text) ? segment : null;
  }
}

/** Every text segment under `root`, read in one go. */
export function* segmentsOf(root: Node, counter: { textNodes: number } = { textNodes: 0 }): Generator<TextSegment> {
  const reader = new SegmentReader(root, counter);
  for (let segment = reader.next(); segment; segment = reader.next()) yield segment;
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
