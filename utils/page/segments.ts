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

/** What passing over a text node counts for, in characters, besides its own (`next`'s `walkLimit`). */
const WALK_NODE_COST = 32;

/** Text this long is checked for being a script's or a style's before it is read (cheaper than reading it). */
const LONG_TEXT = 512;

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
  return TAG_KINDS.get(element.localName) === TAG_SKIP || isEditingHost(element);
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

/** What one node means for the text under it, given what its parent means (undefined above the top). */
function infoOf(node: Node, parent: ParentInfo | undefined): ParentInfo {
  if (parent?.skip) return SKIP;
  const tag = (node as Element).localName;
  // Documents, fragments and shadow roots have no tag name: each is a block of its own.
  if (tag === undefined) return { skip: false, block: node };
  const kind = TAG_KINDS.get(tag);
  // Editable content is the user's own typing: never underlined, never touched. Only elements with the attribute
  // are asked whether they are editable (the answer needs the element's style).
  if (kind === TAG_SKIP || isEditingHost(node as Element)) return SKIP;
  return kind === TAG_INLINE && parent ? parent : { skip: false, block: node };
}

/**
 * What `node` means for the text under it, worked out from the nearest ancestor already known, and remembered for
 * `node` and every ancestor on the way. Most text sits one element below an element already seen: that path is
 * two lookups and no allocation.
 */
function parentInfo(node: Node, known: Map<Node, ParentInfo>): ParentInfo {
  const up = node.parentNode;
  const upInfo = up ? known.get(up) : undefined;
  if (upInfo || !up) {
    const info = infoOf(node, upInfo);
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
    info = infoOf(chain[i], info);
    known.set(chain[i], info);
  }
  return info!;
}

function isEditingHost(element: Element): boolean {
  return element.hasAttribute('contenteditable') && (element as HTMLElement).isContentEditable === true;
}

/** Between two text nodes of one parent: a line break, an image or a block, which ends a run of text. */
function breakBetween(previous: Text, node: Text): boolean {
  for (let sibling = previous.nextSibling; sibling && sibling !== node; sibling = sibling.nextSibling) {
    if (sibling.nodeType === Node.ELEMENT_NODE && !isInline(sibling as Element)) return true;
  }
  return false;
}

/** Tells which text nodes may hold a name, reading them one after another (utils/match/scan.ts `NameStarts`). */
export interface TextFilter {
  holdsStart(text: string): boolean;
  /** The next text does not continue the last one. */
  reset(): void;
}

/** What a reader passed over: text nodes, and characters when asked. */
export interface ReadCounter {
  textNodes: number;
  chars?: number;
}

/** Every text node is worth reading (tests, and pages read whole). */
const EVERY_TEXT: TextFilter = { holdsStart: () => true, reset: () => {} };

/**
 * Reads the text segments under `root` in document order, and counts text nodes read in `counter.textNodes`.
 *
 * A native TreeWalker visits the text nodes. Only a node that the filter says may hold a name is placed in its
 * segment — its run of text within one block, found by stepping to its neighbours — so the elements that hold the
 * rest of the page's text are never touched from script: for a content script, whose every first touch of a node
 * creates a wrapper for it, that is most of what reading a page costs. What each parent element means (skipped?
 * which block?) is worked out once per element and cached.
 *
 * A scan reads in slices and lets the page run in between, so the page may remove the very node the walker stands
 * on. `pausing` and `resume` around every such pause find its place again, or say the rest cannot be read.
 */
export class SegmentReader {
  private readonly walker: TreeWalker | null;
  /** Steps from a node to its neighbours, to find the run of text it belongs to. */
  private readonly side: TreeWalker | null;
  private readonly known = new Map<Node, ParentInfo>();
  private done = false;
  /** Where the walker stood when the page was last let run: its node's ancestors, nearest first. */
  private trail: Node[] = [];

  private readonly counter: ReadCounter;
  private readonly filter: TextFilter;
  private readonly until: Node | null;
  /** The first text node read: where another reader of the same page may stop (`until`). */
  first: Text | null = null;
  /** A node passed over at a `charLimit`, read first by the next call. */
  private held: Text | null = null;

  constructor(
    private readonly root: Node,
    options: {
      /** Counts the text nodes (and, when it has the field, the characters) passed over. */
      counter?: ReadCounter;
      /** Start reading after this node (inside `root`) rather than at the start of `root`. */
      from?: Node;
      /** Stop before this text node. */
      until?: Node | null;
      filter?: TextFilter;
    } = {},
  ) {
    this.counter = options.counter ?? { textNodes: 0 };
    this.filter = options.filter ?? EVERY_TEXT;
    this.until = options.until ?? null;
    const document = root.ownerDocument ?? (root as Document);
    // A document in design mode is an editor from top to bottom.
    const editor = document.designMode === 'on';
    this.walker = editor ? null : document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    this.side = editor ? null : document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    if (this.walker && options.from) this.walker.currentNode = options.from;
  }

  /** Every text node has been read. */
  get finished(): boolean {
    return this.done || this.walker === null;
  }

  /**
   * The next segment that may hold a name, or null at the end — or null before the end (`finished` false: call
   * again to go on) as soon as the counter's characters reach `charLimit`, or after passing over `walkLimit`
   * characters in this call without finding a segment, so that a caller working in slices can look at the clock.
   */
  next(charLimit = Infinity, walkLimit = Infinity): TextSegment | null {
    const walker = this.walker;
    if (!walker || this.done) return null;
    let walked = 0;
    const held = this.held;
    this.held = null;
    for (let node = held ?? (walker.nextNode() as Text | null); node; node = walker.nextNode() as Text | null) {
      if (node === this.until) break;
      this.first ??= node;
      this.counter.textNodes++;
      const data = node.data;
      if (this.counter.chars !== undefined && (this.counter.chars += data.length) >= charLimit) {
        // Hold this node back: the next call reads it.
        this.counter.textNodes--;
        this.counter.chars -= data.length;
        this.held = node;
        return null;
      }
      // Long text is most often a script's or a style sheet's: asking its parent costs less than reading it.
      if (data.length > LONG_TEXT && this.info(node).skip) {
        this.filter.reset();
        continue;
      }
      if (!this.filter.holdsStart(data)) {
        if ((walked += data.length + WALK_NODE_COST) >= walkLimit) return null;
        continue;
      }
      this.filter.reset();
      const segment = this.runOf(node);
      if (!segment) continue;
      walker.currentNode = segment.nodes[segment.nodes.length - 1];
      return segment;
    }
    this.done = true;
    return null;
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
    this.filter.reset();
    const current = walker.currentNode;
    if (current === this.root || (current.isConnected && this.root.contains(current))) return true;
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

  private info(node: Text): ParentInfo {
    const parent = node.parentNode!;
    return this.known.get(parent) ?? parentInfo(parent, this.known);
  }

  /**
   * The run of text `node` belongs to: its neighbours in the same block, up to a block, a line break, skipped text
   * (a script, a form field) or `MAX_SEGMENT_LENGTH` characters either way. Null when `node` itself is skipped.
   */
  private runOf(node: Text): TextSegment | null {
    const side = this.side!;
    const own = this.info(node);
    if (own.skip) return null;
    const before: Text[] = [];
    let length = 0;
    side.currentNode = node;
    for (let later = node, earlier = side.previousNode() as Text | null; earlier; earlier = side.previousNode() as Text | null) {
      if (earlier.data.length === 0) continue;
      if (!this.joins(earlier, later, own.block)) break;
      before.push(earlier);
      later = earlier;
      if ((length += earlier.data.length) > MAX_SEGMENT_LENGTH) break;
    }
    const after: Text[] = [];
    length = 0;
    side.currentNode = node;
    for (let earlier = node, later = side.nextNode() as Text | null; later; later = side.nextNode() as Text | null) {
      if (later.data.length === 0) continue;
      if (!this.joins(earlier, later, own.block)) break;
      after.push(later);
      earlier = later;
      if ((length += later.data.length) > MAX_SEGMENT_LENGTH) break;
    }
    const nodes = [...before.reverse(), node, ...after];
    const starts: number[] = [];
    let text = '';
    for (const part of nodes) {
      starts.push(text.length);
      text += part.data;
    }
    return { nodes, starts, text };
  }

  /** Whether `earlier` and `later` (text nodes, in that order) read as one run of text in `block`. */
  private joins(earlier: Text, later: Text, block: Node): boolean {
    const info = this.info(earlier);
    if (info.skip || info.block !== block || this.info(later).block !== block) return false;
    const parent = later.parentNode;
    return !(earlier.parentNode === parent && later.previousSibling !== earlier && breakBetween(earlier, later));
  }
}

/** Every text segment under `root`, read in one go. */
export function* segmentsOf(root: Node, counter: ReadCounter = { textNodes: 0 }): Generator<TextSegment> {
  const reader = new SegmentReader(root, { counter });
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
