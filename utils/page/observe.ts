import { blockOf, isInsideSkipped } from './segments';

/** Changes are gathered this long before one rescan, so a framework's burst of renders costs one pass. */
export const MUTATION_SETTLE_MS = 120;
/** More changed blocks than this in one batch: rescanning the whole page is cheaper than tracking them. */
export const MAX_ROOTS_PER_BATCH = 400;

/**
 * The blocks whose text changed in a batch of mutation records, outermost only. Text inside the extension's own
 * UI and inside skipped elements is left out, so our card never makes us rescan (and never loops).
 */
export function changedBlocks(records: readonly MutationRecord[], ownHost: Element | null): Node[] | 'everything' {
  const blocks = new Set<Node>();
  for (const record of records) {
    const target = record.target;
    if (ownHost && (target === ownHost || ownHost.contains(target))) continue;
    if (record.type === 'childList') {
      const added = [...record.addedNodes].filter((node) => node !== ownHost);
      if (added.length === 0 && record.removedNodes.length === 0) continue;
      if (added.length === 0) {
        // Removals alone still change how the surrounding text reads ("Yoon <b>x</b> Suk" → "Yoon Suk").
        blocks.add(blockOf(target));
        continue;
      }
    }
    blocks.add(blockOf(target));
    if (blocks.size > MAX_ROOTS_PER_BATCH) return 'everything';
  }
  const roots = [...blocks].filter((node) => node.isConnected && !isInsideSkipped(node));
  return roots.filter((node) => !roots.some((other) => other !== node && other.contains(node)));
}

/**
 * Watches the page for text that appears, changes or goes (SPA views, infinite scroll, live updates) and reports
 * the changed blocks after they settle. Returns a function that stops watching.
 */
export function observeText(
  root: Node,
  ownHost: () => Element | null,
  onChanged: (roots: Node[] | 'everything') => void,
  schedule: (callback: () => void, ms: number) => void,
): () => void {
  let batch: MutationRecord[] = [];
  let waiting = false;
  const observer = new MutationObserver((records) => {
    for (const record of records) batch.push(record);
    if (waiting) return;
    waiting = true;
    schedule(() => {
      waiting = false;
      const records = batch;
      batch = [];
      const changed = changedBlocks(records, ownHost());
      if (changed === 'everything' || changed.length > 0) onChanged(changed);
    }, MUTATION_SETTLE_MS);
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
