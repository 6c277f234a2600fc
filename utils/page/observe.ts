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
    if (record.type === 'attributes') continue;
    if (ownHost && (target === ownHost || ownHost.contains(target))) continue;
    // Our own card host arriving is no change to the page's text. Removals alone are: they change how the
    // surrounding text reads ("Yoon <b>x</b> Suk" → "Yoon Suk").
    if (record.type === 'childList' && record.removedNodes.length === 0 && [...record.addedNodes].every((node) => node === ownHost)) {
      continue;
    }
    blocks.add(blockOf(target));
    if (blocks.size > MAX_ROOTS_PER_BATCH) return 'everything';
  }
  const roots = [...blocks].filter((node) => node.isConnected && !isInsideSkipped(node));
  return roots.filter((node) => !roots.some((other) => other !== node && other.contains(node)));
}

/** Attributes that show or hide text: `hidden`, a class or style toggling `display`, `<details open>`. */
const VISIBILITY_ATTRIBUTES = ['hidden', 'class', 'style', 'open'];

export interface TextChanges {
  /** Blocks whose text changed, or the whole page when too much changed at once. */
  changed: Node[] | 'everything';
  /** Some element's visibility may have changed: text hidden at scan time may now show. */
  visibilityMayHaveChanged: boolean;
}

/**
 * Watches the page for text that appears, changes, goes, or is shown (SPA views, infinite scroll, live updates,
 * "read more", accordions) and reports it after it settles. Returns a function that stops watching.
 */
export function observeText(
  root: Node,
  ownHost: () => Element | null,
  onChanged: (changes: TextChanges) => void,
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
      const host = ownHost();
      const changed = changedBlocks(records, host);
      const visibilityMayHaveChanged = records.some(
        (record) => record.type === 'attributes' && !(host && (record.target === host || host.contains(record.target))),
      );
      if (changed === 'everything' || changed.length > 0 || visibilityMayHaveChanged) {
        onChanged({ changed, visibilityMayHaveChanged });
      }
    }, MUTATION_SETTLE_MS);
  });
  observer.observe(root, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: VISIBILITY_ATTRIBUTES,
  });
  return () => observer.disconnect();
}
