import type { Matcher } from '@/utils/match/compile';
import { scanText } from '@/utils/match/scan';
import type { Highlights } from './highlights';
import { type Mention, MentionIndex } from './mentions';
import { blockOf, positionIn, segmentsOf, type TextSegment } from './segments';

/** The longest stretch the scan holds the main thread before it lets the page run. */
export const SCAN_SLICE_MS = 12;
/** Characters (a segment counts 256 more than its text) between two looks at the clock. */
const CLOCK_EVERY_CHARS = 4096;

export interface ScanStats {
  /** Time the last full scan spent working (its slices added up), highlighting included. */
  scanMs: number;
  textNodes: number;
}

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Finds mentions in the page and keeps the highlights in step with them. Aliases that need evidence wait in
 * `pending` until the page names their entity unambiguously; then they are underlined too.
 */
export class PageScanner {
  readonly index = new MentionIndex();
  stats: ScanStats = { scanMs: 0, textNodes: 0 };
  private readonly evidence = new Set<string>();
  private pending: Mention[] = [];
  private generation = 0;
  private visibility = new WeakMap<Element, boolean>();
  /** Elements holding names that were hidden when scanned ("read more", closed accordions, `<details>`). */
  private hiddenWithNames = new Set<Element>();
  private scanning = false;
  private queued: Node[] = [];

  constructor(
    private readonly matcher: Matcher,
    private readonly highlights: Highlights,
    private readonly onChange: () => void,
  ) {}

  /** Scans the whole document in slices; a newer scan or `reset` cancels an older one. */
  async scanDocument(root: Node = document.body ?? document.documentElement): Promise<void> {
    const generation = ++this.generation;
    this.reset(false);
    this.scanning = true;
    const counter = { textNodes: 0 };
    const segments = segmentsOf(root, counter);
    let busy = 0;
    this.highlights.suspend();
    for (;;) {
      const sliceStart = performance.now();
      let done = false;
      // Reading the clock costs more than a short segment does: look at it every few segments or characters.
      for (let read = 0; ; ) {
        const next = segments.next();
        if (next.done) {
          done = true;
          break;
        }
        this.scanSegment(next.value, true);
        read += 256 + next.value.text.length;
        if (read >= CLOCK_EVERY_CHARS) {
          if (performance.now() - sliceStart >= SCAN_SLICE_MS) break;
          read = 0;
        }
      }
      busy += performance.now() - sliceStart;
      if (done) break;
      await yieldToPage();
      if (generation !== this.generation) return;
    }
    const paintStart = performance.now();
    this.highlights.resume();
    busy += performance.now() - paintStart;
    this.scanning = false;
    this.stats = { scanMs: Math.round(busy * 10) / 10, textNodes: counter.textNodes };
    const queued = this.queued;
    this.queued = [];
    if (queued.length > 0) this.rescan(queued);
    else this.onChange();
  }

  /** Rescans the text under each root (blocks whose text changed); drops mentions of text that is gone. */
  rescan(roots: readonly Node[]): void {
    // While a full scan is under way its walk may not have reached these roots yet: wait for it to finish.
    if (this.scanning) {
      this.queued.push(...roots);
      return;
    }
    this.visibility = new WeakMap();
    for (const mention of this.index.removeStale()) this.highlights.delete(mention.range);
    this.pending = this.pending.filter((mention) => mention.nodes.every((node) => node.isConnected));
    for (const root of roots) {
      if (!root.isConnected) continue;
      for (const segment of segmentsOf(root)) this.scanSegment(segment);
    }
    this.onChange();
  }

  /** Rescans the hidden text that holds names and has become visible since; cheap when nothing was hidden. */
  recheckHidden(): void {
    if (this.hiddenWithNames.size === 0) return;
    const revealed: Node[] = [];
    for (const element of this.hiddenWithNames) {
      if (!element.isConnected) this.hiddenWithNames.delete(element);
      else if (isShown(element)) {
        this.hiddenWithNames.delete(element);
        revealed.push(blockOf(element));
      }
    }
    if (revealed.length > 0) this.rescan(revealed);
  }

  /** Forgets every mention and its highlight. */
  reset(cancel = true): void {
    if (cancel) this.generation++;
    this.scanning = false;
    this.highlights.resume();
    this.queued = [];
    this.visibility = new WeakMap();
    this.index.clear();
    this.highlights.clear();
    this.evidence.clear();
    this.pending = [];
    this.hiddenWithNames.clear();
  }

  /** `fresh`: nothing was found in this segment before (a full scan), so there is nothing to replace. */
  private scanSegment(segment: TextSegment, fresh = false): void {
    if (!fresh) {
      for (const mention of this.index.removeTouching(segment.nodes)) this.highlights.delete(mention.range);
      this.pending = this.pending.filter((mention) => !mention.nodes.some((node) => segment.nodes.includes(node)));
    }
    for (const candidate of scanText(segment.text, this.matcher)) {
      const start = positionIn(segment, candidate.start, false);
      const end = positionIn(segment, candidate.end, true);
      if (!this.isVisible(start.node)) continue;
      const first = segment.nodes.indexOf(start.node);
      const last = segment.nodes.indexOf(end.node, first);
      const mention: Mention = {
        entityId: candidate.alias.entityId,
        range: new StaticRange({
          startContainer: start.node,
          startOffset: start.offset,
          endContainer: end.node,
          endOffset: end.offset,
        }),
        text: segment.text.slice(candidate.start, candidate.end),
        alias: candidate.alias,
        nodes: segment.nodes.slice(first, last + 1),
      };
      if (candidate.strength === 'weak' && !candidate.alias.evidenceFrom.some((id) => this.evidence.has(id))) {
        this.pending.push(mention);
        continue;
      }
      this.accept(mention);
      if (candidate.alias.alias.needs !== 'evidence') this.addEvidence(mention.entityId);
    }
  }

  private accept(mention: Mention): void {
    this.index.add(mention);
    this.highlights.add(mention.range);
  }

  private addEvidence(entityId: string): void {
    if (this.evidence.has(entityId)) return;
    this.evidence.add(entityId);
    const proven = (mention: Mention) => mention.alias.evidenceFrom.includes(entityId);
    const waiting = this.pending.filter(proven);
    if (waiting.length === 0) return;
    this.pending = this.pending.filter((mention) => !proven(mention));
    for (const mention of waiting) this.accept(mention);
  }

  /** Text hidden by the page's CSS is not a mention a reader can see. Checked only where a name was found. */
  private isVisible(node: Text): boolean {
    const element = node.parentElement;
    if (!element) return false;
    let visible = this.visibility.get(element);
    if (visible === undefined) {
      visible = isShown(element);
      this.visibility.set(element, visible);
    }
    if (!visible) this.hiddenWithNames.add(element);
    return visible;
  }
}

function isShown(element: Element): boolean {
  if (typeof element.checkVisibility === 'function') return element.checkVisibility({ visibilityProperty: true });
  return !element.closest('[hidden]');
}
