import type { CompiledAlias } from '@/utils/match/compile';

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

/** The mentions of a page, found by text node (for hit-testing) and kept in the order they were found. */
export class MentionIndex {
  private readonly byNode = new Map<Text, Mention[]>();
  private readonly all = new Set<Mention>();

  get size(): number {
    return this.all.size;
  }

  add(mention: Mention): void {
    this.all.add(mention);
    for (const node of mention.nodes) {
      const list = this.byNode.get(node);
      if (list) list.push(mention);
      else this.byNode.set(node, [mention]);
    }
  }

  at(node: Text): readonly Mention[] {
    return this.byNode.get(node) ?? [];
  }

  /** Removes the mentions that touch any of `nodes`; returns them. */
  removeTouching(nodes: Iterable<Text>): Mention[] {
    const removed: Mention[] = [];
    for (const node of nodes) {
      for (const mention of this.byNode.get(node) ?? []) {
        if (this.all.delete(mention)) removed.push(mention);
      }
    }
    for (const mention of removed) {
      for (const node of mention.nodes) {
        const rest = this.byNode.get(node)?.filter((m) => m !== mention);
        if (rest?.length) this.byNode.set(node, rest);
        else this.byNode.delete(node);
      }
    }
    return removed;
  }

  /** Removes the mentions whose text left the document or changed under them; returns them. */
  removeStale(): Mention[] {
    const stale = new Set<Text>();
    for (const node of this.byNode.keys()) if (!node.isConnected) stale.add(node);
    for (const mention of this.all) {
      const { endContainer, endOffset } = mention.range;
      if ((endContainer as Text).length < endOffset) mention.nodes.forEach((node) => stale.add(node));
    }
    return this.removeTouching(stale);
  }

  clear(): void {
    this.byNode.clear();
    this.all.clear();
  }

  /** Every mention in document order. */
  inDocumentOrder(): Mention[] {
    return [...this.all].sort((a, b) => {
      if (a.nodes[0] === b.nodes[0]) return a.range.startOffset - b.range.startOffset;
      return a.nodes[0].compareDocumentPosition(b.nodes[0]) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
  }

  countOf(entityId: string): number {
    let count = 0;
    for (const mention of this.all) if (mention.entityId === entityId) count++;
    return count;
  }

  ofEntity(entityId: string): Mention[] {
    return this.inDocumentOrder().filter((mention) => mention.entityId === entityId);
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
