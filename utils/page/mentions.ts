import type { CompiledAlias } from '@/utils/match/compile';
import { composedPrecedes } from './shadow';

/** One underlined occurrence of an entity's name on the page. */
export interface Mention {
  entityId: string;
  /** Static, not live: live ranges would make every DOM change of the page pay for our bookkeeping. */
  range: StaticRange;
  /** The page's own words. */
  text: string;
  alias: CompiledAlias;
  /** Text nodes the range covers, first to last. */
  nodes: Text[];
}

/** Whether mention `a` stands before mention `b` in the document (a shadow tree's text where its host stands). */
function precedes(a: Mention, b: Mention): boolean {
  const first = a.nodes[0];
  const other = b.nodes[0];
  if (first === other) return a.range.startOffset < b.range.startOffset;
  const order = first.compareDocumentPosition(other);
  if (order & Node.DOCUMENT_POSITION_DISCONNECTED) return composedPrecedes(first, other);
  return (order & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

/**
 * The mentions of a page: by text node (for hit-testing), in document order (for page state, "Next" and the
 * popup), and counted per entity. Order is kept as mentions arrive rather than sorted when asked: a full scan
 * reads the page in order and appends; a rescan or a mention proven later by evidence is placed with a binary
 * search. Sorting thousands of mentions by `compareDocumentPosition` on every request froze big pages.
 */
export class MentionIndex {
  private readonly byNode = new Map<Text, Mention[]>();
  private readonly live = new Set<Mention>();
  /** Document order; removed mentions stay until the next read that needs the list whole. */
  private ordered: Mention[] = [];
  private removedInOrder = 0;
  private readonly counts = new Map<string, number>();
  /** Grows with every change: a reader can tell whether anything changed since it last looked. */
  version = 0;

  get size(): number {
    return this.live.size;
  }

  /** Adds a mention that stands after every mention already here (a full scan, reading the page in order). */
  append(mention: Mention): void {
    this.ordered.push(mention);
    this.register(mention);
  }

  /**
   * Adds a mention found anywhere in the page. `hint`, the position returned by the previous `insert` of the same
   * run of text, makes a run of mentions in document order cost one or two comparisons each.
   */
  insert(mention: Mention, hint = -1): number {
    const ordered = this.ordered;
    let at: number;
    const hinted = hint >= 0 && hint < ordered.length && this.live.has(ordered[hint]);
    if (hinted && precedes(ordered[hint], mention) && this.fitsBefore(hint + 1, mention)) {
      at = hint + 1;
    } else {
      at = this.searchPosition(mention);
    }
    // (The search may have compacted the list: splice the list as it is now.)
    this.ordered.splice(at, 0, mention);
    this.register(mention);
    return at;
  }

  at(node: Text): readonly Mention[] {
    return this.byNode.get(node) ?? [];
  }

  /** Removes the mentions that touch any of `nodes`; returns them. */
  removeTouching(nodes: Iterable<Text>): Mention[] {
    const removed: Mention[] = [];
    for (const node of nodes) {
      const list = this.byNode.get(node);
      if (!list) continue;
      for (const mention of list) if (this.live.delete(mention)) removed.push(mention);
    }
    for (const mention of removed) {
      for (const node of mention.nodes) {
        const rest = this.byNode.get(node)?.filter((m) => m !== mention);
        if (rest?.length) this.byNode.set(node, rest);
        else this.byNode.delete(node);
      }
      const count = (this.counts.get(mention.entityId) ?? 1) - 1;
      if (count > 0) this.counts.set(mention.entityId, count);
      else this.counts.delete(mention.entityId);
    }
    if (removed.length > 0) {
      this.removedInOrder += removed.length;
      this.version++;
    }
    return removed;
  }

  /**
   * Removes the mentions in `node` and under it (a node the page took out, or a text node it changed in place);
   * returns them. Costs what the removed content holds, not what the page holds.
   */
  removeUnder(node: Node): Mention[] {
    if (this.live.size === 0) return [];
    if (node.nodeType === Node.TEXT_NODE) return this.byNode.has(node as Text) ? this.removeTouching([node as Text]) : [];
    if (!node.hasChildNodes()) return [];
    const held: Text[] = [];
    const walker = (node.ownerDocument ?? document).createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) if (this.byNode.has(text as Text)) held.push(text as Text);
    return held.length > 0 ? this.removeTouching(held) : [];
  }

  /** Every mention in document order. */
  inDocumentOrder(): readonly Mention[] {
    this.compact();
    return this.ordered;
  }

  countOf(entityId: string): number {
    return this.counts.get(entityId) ?? 0;
  }

  /** Mentions per entity, in the order the page first names each. */
  entityCounts(): { entityId: string; count: number }[] {
    const seen = new Set<string>();
    const result: { entityId: string; count: number }[] = [];
    for (const mention of this.inDocumentOrder()) {
      if (seen.has(mention.entityId)) continue;
      seen.add(mention.entityId);
      result.push({ entityId: mention.entityId, count: this.countOf(mention.entityId) });
      if (seen.size === this.counts.size) break;
    }
    return result;
  }

  ofEntity(entityId: string): Mention[] {
    return this.inDocumentOrder().filter((mention) => mention.entityId === entityId);
  }

  private register(mention: Mention): void {
    this.live.add(mention);
    for (const node of mention.nodes) {
      const list = this.byNode.get(node);
      if (list) list.push(mention);
      else this.byNode.set(node, [mention]);
    }
    this.counts.set(mention.entityId, (this.counts.get(mention.entityId) ?? 0) + 1);
    this.version++;
  }

  /** Whether `mention` may go at `index`: the first live mention from there on stands after it. */
  private fitsBefore(index: number, mention: Mention): boolean {
    for (let i = index; i < this.ordered.length; i++) {
      if (this.live.has(this.ordered[i])) return precedes(mention, this.ordered[i]);
    }
    return true;
  }

  /** The first position whose live mention stands after `mention` (binary search, removed entries skipped). */
  private searchPosition(mention: Mention): number {
    this.compact();
    const ordered = this.ordered;
    let low = 0;
    let high = ordered.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (precedes(ordered[mid], mention)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private compact(): void {
    if (this.removedInOrder === 0) return;
    this.ordered = this.ordered.filter((mention) => this.live.has(mention));
    this.removedInOrder = 0;
  }
}

/** A live Range for measuring one mention (hit-testing, placing the card). */
export function liveRange(mention: Mention): Range | null {
  const { startContainer, startOffset, endContainer, endOffset } = mention.range;
  if (!startContainer.isConnected || !endContainer.isConnected) return null;
  const range = document.createRange();
  try {
    range.setStart(startContainer, startOffset);
    range.setEnd(endContainer, endOffset);
  } catch {
    return null;
  }
  return range;
}
