import { later } from './schedule';
import { blockOf, isInsideSkipped } from './segments';

/** Changes are gathered this long before one rescan, so a framework's burst of renders costs one pass. */
export const MUTATION_SETTLE_MS = 120;

/**
 * The blocks whose text changed in a batch of mutation records, outermost only. Text inside the extension's own
 * UI and inside skipped elements is left out, so our card never makes us rescan (and never loops).
 */
export function changedBlocks(records: readonly MutationRecord[], ownHost: Element | null): Node[] {
  const blocks = new Set<Node>();
  for (const record of records) {
    const target = record.target;
    if (record.type === 'attributes') continue;
    if (ownHost && (target === ownHost || ownHost.contains(target))) continue;
    // Our own card host arriving or leaving is no change to the page's text. Other removals are: they change how
    // the surrounding text reads ("Yoon <b>x</b> Suk" → "Yoon Suk").
    if (record.type === 'childList' && isOnly(record.addedNodes, ownHost) && isOnly(record.removedNodes, ownHost)) continue;
    blocks.add(blockOf(target));
  }
  // Outermost: a block inside another changed block is read with it. One walk up per block, not a pairwise test.
  const roots: Node[] = [];
  for (const block of blocks) {
    if (!block.isConnected || isInsideSkipped(block)) continue;
    let inside = false;
    for (let up = block.parentNode; up && !inside; up = up.parentNode) inside = blocks.has(up);
    if (!inside) roots.push(block);
  }
  return roots;
}

/** What a batch took out of the page (or changed in place), our own card host aside. */
export function removedNodes(records: readonly MutationRecord[], ownHost: Element | null): Node[] {
  const removed: Node[] = [];
  for (const record of records) {
    if (record.type === 'characterData') removed.push(record.target);
    else if (record.type === 'childList') for (const node of record.removedNodes) if (node !== ownHost) removed.push(node);
  }
  return removed;
}

function isOnly(nodes: NodeList, ownHost: Element | null): boolean {
  for (const node of nodes) if (node !== ownHost) return false;
  return true;
}

/** Attributes that show or hide text: `hidden`, a class or style toggling `display`, `<details open>`. */
const VISIBILITY_ATTRIBUTES = ['hidden', 'class', 'style', 'open'];

export interface TextChanges {
  /** Blocks whose text changed, outermost only. */
  changed: Node[];
  /** Nodes taken out of the page, and text nodes changed in place: mentions in them are gone or stale. */
  removed: Node[];
  /** Some element's visibility may have changed: text hidden at scan time may now show. */
  visibilityMayHaveChanged: boolean;
}

/**
 * Watches the page for text that appears, changes, goes, or is shown (SPA views, infinite scroll, live updates,
 * "read more", accordions) and reports it `MUTATION_SETTLE_MS` after the first change of a batch, until `signal`
 * aborts. A batch still waiting when the signal aborts is dropped.
 */
export function observeText(
  root: Document | ShadowRoot,
  ownHost: () => Element | null,
  onChanged: (changes: TextChanges) => void,
  signal: AbortSignal,
): void {
  if (signal.aborted) return;
  let batch: MutationRecord[] = [];
  let waiting = false;
  const report = () => {
    waiting = false;
    const records = batch;
    batch = [];
    const host = ownHost();
    const changed = changedBlocks(records, host);
    const removed = removedNodes(records, host);
    const visibilityMayHaveChanged = records.some(
      (record) => record.type === 'attributes' && !(host && (record.target === host || host.contains(record.target))),
    );
    if (changed.length > 0 || removed.length > 0 || visibilityMayHaveChanged) {
      onChanged({ changed, removed, visibilityMayHaveChanged });
    }
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) batch.push(record);
    if (waiting) return;
    waiting = true;
    later(signal, report, MUTATION_SETTLE_MS);
  });
  observer.observe(root, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: VISIBILITY_ATTRIBUTES,
  });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
