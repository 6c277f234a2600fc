import type { Matcher } from '@/utils/match/matcher';
import { NameStarts, noteWanted, scanTextIfReady } from '@/utils/match/scan';
import type { Highlights } from './highlights';
import { type Mention, MentionIndex } from './mentions';
import { afterRender, pause } from './schedule';
import { blockOf, positionIn, type ReadCounter, SegmentReader, type TextSegment } from './segments';
import { openShadowRoots } from './shadow';
import { firstBlockOnScreen } from './viewport';

/** The longest stretch the scan holds the main thread before it lets the page run. */
export const SCAN_SLICE_MS = 12;
/** Characters (a segment counts 256 more than its text) between two looks at the clock. */
const CLOCK_EVERY_CHARS = 4096;
/** Long text (one 5 MB text node) is read in windows of this many characters, so no step holds the thread long. */
export const WINDOW_CHARS = 8192;
/** Context a name's rules read around it (cues, vetoes, the word before and after), in characters. */
const WINDOW_CONTEXT_CHARS = 128;
/**
 * Work asked for again soon after the last piece waits this many times that piece's cost, so a page that changes
 * all the time gets at most about a fifth of the main thread from us, however expensive its changes are to read.
 */
export const SPACING = 4;

export interface ScanStats {
  /** Time the last full scan spent working (its slices added up), highlighting included. */
  scanMs: number;
  textNodes: number;
  /** From the start of the first full scan until the names on screen were registered (read first, in one piece). */
  viewportMs: number;
}

/** Segments, and characters, read ahead of the scan (`readPhases`). */
const LOOK_AHEAD_SEGMENTS = 48;
const LOOK_AHEAD_CHARS = 32_768;
/** A look ahead stops after this long, so that a slice still looks at the clock often enough. */
const LOOK_AHEAD_MS = 4;

/** About a screenful of dense text: what is read first, from where the text on screen starts. */
const VIEWPORT_CHARS = 6_000;

/**
 * What a scan found: the mentions, the entities the page names plainly (evidence), mentions that wait for
 * evidence, and elements whose names were hidden when read. A full scan fills a new one aside and swaps it in.
 */
class Findings {
  readonly index = new MentionIndex();
  readonly evidence = new Set<string>();
  pending: Mention[] = [];
  readonly hiddenWithNames = new Set<Element>();

  /** Paints a mention as it is accepted; null while the findings are built aside by a full scan. */
  constructor(public onAccept: ((mention: Mention) => void) | null) {}

  /** `inOrder`: found after every mention already here (a full scan's reading order). */
  accept(mention: Mention, inOrder: boolean, hint = -1): number {
    const at = inOrder ? (this.index.append(mention), -1) : this.index.insert(mention, hint);
    this.onAccept?.(mention);
    return at;
  }

  addEvidence(entityId: string): void {
    if (this.evidence.has(entityId)) return;
    this.evidence.add(entityId);
    const proven = (mention: Mention) => mention.alias.evidenceFrom.includes(entityId);
    const waiting = this.pending.filter(proven);
    if (waiting.length === 0) return;
    this.pending = this.pending.filter((mention) => !proven(mention));
    for (const mention of waiting) this.accept(mention, false);
  }
}

/** Characters of page text a reader passes over before it lets the scan loop look at the clock. */
const WALK_CHARS = 16_384;
/** A reader's answer when it passed over `WALK_CHARS` without finding a segment: not done, go on. */
const MORE = Symbol('more');

/** Reads the next segment of `reader`, or says it passed over text without finding one yet. */
function nextOf(reader: SegmentReader, charLimit = Infinity): TextSegment | null | typeof MORE {
  const segment = reader.next(charLimit, WALK_CHARS);
  return segment ?? (reader.finished ? null : MORE);
}

/** One part of a full scan: a reader, and how what it finds goes into the mentions. */
interface ReadPhase {
  reader: SegmentReader;
  /** What it finds comes after everything found so far (appended rather than placed). */
  inOrder: boolean;
  /** Set on the phase that reads the screen's text first: called once that screenful is read. */
  onScreen?: () => void;
  /** The shadow root it reads, when it reads one. */
  shadowRoot?: ShadowRoot;
}

/**
 * A piece of work for the scan loop: read `length` more characters, or null when it is done; or a promise to wait
 * for before the same piece is tried again (the matcher reading the aliases the text reached, `Matcher.load`).
 */
type Step = () => number | null | Promise<void>;

/**
 * Finds mentions in the page and keeps the highlights in step with them, for one lifetime (`signal`). All work —
 * the full scan, rescans of changed blocks, rechecks of revealed text — runs through one loop, one piece at a time,
 * in slices of at most `SCAN_SLICE_MS`. A change never cancels a full scan under way: it waits for the scan to end,
 * and a full scan asked for again runs once more afterwards, spaced by what the last one cost.
 */
export class PageScanner {
  stats: ScanStats = { scanMs: 0, textNodes: 0, viewportMs: 0 };
  private viewportMs = 0;
  private found: Findings;
  private visibility = new WeakMap<Element, boolean>();
  private fullWanted = false;
  private readonly roots = new Set<Node>();
  /** Nodes taken out of the page (or text changed in place) since the last rescan. */
  private readonly removed = new Set<Node>();
  private hiddenCheckWanted = false;
  private running = false;
  private readonly idle: (() => void)[] = [];
  /** When each kind of work may next start: `SPACING` times its last cost after it ended. */
  private nextFull = 0;
  private nextRescan = 0;
  private swaps = 0;

  constructor(
    private readonly matcher: Matcher,
    private readonly highlights: Highlights,
    private readonly signal: AbortSignal,
    private readonly onChange: () => void,
    private readonly root: () => Node = () => document.body ?? document.documentElement,
    /** A shadow root of the page was found (to be watched for changes), and one that holds mentions (to be painted). */
    private readonly trees: { onShadowRoot(root: ShadowRoot): void; onShadowMention(root: ShadowRoot): void } = {
      onShadowRoot: () => {},
      onShadowMention: () => {},
    },
  ) {
    this.found = new Findings(this.paint);
  }

  /** The page's open shadow roots, as the last full scan found them (hit-testing looks into them). */
  shadowRoots: ShadowRoot[] = [];
  private readonly painted = new WeakSet<ShadowRoot>();

  private onShadowRoot(root: ShadowRoot): void {
    this.trees.onShadowRoot(root);
  }

  private onShadowMention(root: ShadowRoot): void {
    if (this.painted.has(root)) return;
    this.painted.add(root);
    this.trees.onShadowMention(root);
  }

  get index(): MentionIndex {
    return this.found.index;
  }

  /** Changes whenever the mentions may have changed (a full scan swaps in a new index, which counts anew). */
  get version(): string {
    return `${this.swaps}:${this.found.index.version}`;
  }

  /** Scans the whole page afresh: evidence, mentions and highlights are worked out anew and swapped in at the end. */
  scanDocument(): void {
    this.fullWanted = true;
    this.kick();
  }

  /**
   * Rescans the text under each root (blocks whose text changed), after dropping the mentions in `removed` (nodes
   * the page took out, text it changed in place).
   */
  rescan(roots: Iterable<Node>, removed: Iterable<Node> = []): void {
    for (const root of roots) this.roots.add(root);
    for (const node of removed) this.removed.add(node);
    this.kick();
  }

  /** Rescans the hidden text that held names and has been revealed since; cheap when nothing was hidden. */
  recheckHidden(): void {
    if (this.found.hiddenWithNames.size === 0) return;
    this.hiddenCheckWanted = true;
    this.kick();
  }

  /** Resolves once no work is running or waiting (or the lifetime ended). */
  whenIdle(): Promise<void> {
    if (!this.running || this.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private readonly paint = (mention: Mention) => this.highlights.add(mention);

  private kick(): void {
    if (this.running || this.signal.aborted) return;
    this.running = true;
    void this.loop().finally(() => {
      this.running = false;
      for (const resolve of this.idle.splice(0)) resolve();
    });
  }

  private async loop(): Promise<void> {
    while (!this.signal.aborted) {
      if (this.fullWanted) {
        if (!(await this.waitUntil(this.nextFull))) return;
        this.fullWanted = false;
        // The full scan reads every block: changes reported until now are covered by it.
        this.roots.clear();
        this.removed.clear();
        this.hiddenCheckWanted = false;
        const cost = await this.fullScan();
        if (cost === null) return;
        this.nextFull = performance.now() + cost * SPACING;
        continue;
      }
      if (this.roots.size === 0 && this.hiddenCheckWanted) {
        this.hiddenCheckWanted = false;
        for (const block of this.revealed()) this.roots.add(block);
      }
      if (this.roots.size === 0 && this.removed.size === 0) return;
      if (!(await this.waitUntil(this.nextRescan))) return;
      const roots = [...this.roots];
      const removed = [...this.removed];
      this.roots.clear();
      this.removed.clear();
      const cost = await this.rescanRoots(roots, removed);
      if (cost === null) return;
      this.nextRescan = performance.now() + cost * SPACING;
    }
  }

  private async waitUntil(time: number): Promise<boolean> {
    const wait = time - performance.now();
    if (wait > 0) return pause(this.signal, wait);
    // Even with nothing to wait for, the caller goes on after an await: by then the lifetime may have ended.
    await null;
    return !this.signal.aborted;
  }

  /**
   * Runs `step` until it is done, in slices of `SCAN_SLICE_MS`. Around every pause the reader notes where it stands
   * and then finds its place again in a page that may have changed. Returns the busy time, or null when the
   * lifetime ended.
   */
  private async sliced(step: Step, reader: { pausing(): void; resumed(): void }): Promise<number | null> {
    let busy = 0;
    for (;;) {
      const sliceStart = performance.now();
      let done = false;
      // Reading the clock costs more than a short segment does: look at it every few segments or characters.
      let wait: Promise<void> | null = null;
      for (let read = 0; ; ) {
        const length = step();
        if (length === null) {
          done = true;
          break;
        }
        if (typeof length !== 'number') {
          wait = length;
          break;
        }
        read += length;
        if (read >= CLOCK_EVERY_CHARS) {
          if (performance.now() - sliceStart >= SCAN_SLICE_MS) break;
          read = 0;
        }
      }
      busy += performance.now() - sliceStart;
      if (done) return busy;
      reader.pausing();
      if (wait) await wait.catch(() => {});
      if (!(await pause(this.signal))) return null;
      reader.resumed();
    }
  }

  /**
   * Steps through the windows of each segment `next` gives, scanning each with `scan`. `next` may answer `MORE`:
   * no segment yet, but text passed over; the slice looks at the clock and goes on.
   */
  private windows(
    next: () => TextSegment | null | typeof MORE,
    /** False when the matcher must first read aliases the window reached: the window is scanned again after. */
    scan: (segment: TextSegment, from: number, to: number) => boolean,
  ): Step {
    let segment: TextSegment | null = null;
    let from = 0;
    return () => {
      if (!segment) {
        const found = next();
        if (found === MORE) return WALK_CHARS;
        segment = found;
        from = 0;
        if (!segment) return null;
      }
      const to = Math.min(segment.text.length, from + WINDOW_CHARS);
      if (!scan(segment, from, to)) return this.matcher.load();
      const read = to - from + (from === 0 ? 256 : 0);
      from = to;
      if (from >= segment.text.length) segment = null;
      return read;
    };
  }

  private async fullScan(): Promise<number | null> {
    if (this.swaps === 0) return this.firstScan();
    const counter = { textNodes: 0 };
    const filter = new NameStarts(this.matcher);
    const next = new Findings(null);
    const root = this.root();
    const read = await this.readPhases(next, counter, [
      { reader: new SegmentReader(root, { counter, filter }), inOrder: true },
      ...this.shadowPhases(counter, filter),
    ]);
    if (!read) return null;
    const swapStart = performance.now();
    // The new findings first: which mentions are marked is read from them (quiet mode: which one comes first).
    this.found = next;
    this.highlights.replaceAll(next.index.inDocumentOrder());
    // From now on, mentions found by rescans and by late evidence are painted as they come.
    next.onAccept = this.paint;
    return this.finish(read.busy + performance.now() - swapStart, counter.textNodes, read.complete);
  }

  /**
   * The lifetime's first scan: nothing is painted yet, so it paints as it goes, and it reads what is on screen
   * first. Once the page has been laid out (finding what is on screen before that would make the browser lay the
   * page out in our time), it starts where the text on screen starts — at the top when the page is not scrolled, or
   * where a hit-test finds it — reads on to the end, painting the first screenful at once, then reads the part above
   * it, then the page's open shadow roots.
   */
  private async firstScan(): Promise<number | null> {
    if (!(await afterRender(this.signal))) return null;
    const start = performance.now();
    const root = this.root();
    const found = this.found;
    const filter = new NameStarts(this.matcher);
    const onScreen = scrollY === 0 && scrollX === 0 ? null : firstBlockOnScreen(root);
    const counter = { textNodes: 0, chars: 0 };
    const first = new SegmentReader(root, { counter, from: onScreen ?? undefined, filter });
    let viewportMs = -1;
    const paint = found.onAccept;
    found.onAccept = (mention) => this.highlights.add(mention, viewportMs < 0);
    const read = await this.readPhases(
      found,
      counter,
      (function* (scanner: PageScanner) {
        yield { reader: first, inOrder: true, onScreen: () => (viewportMs = performance.now() - start) };
        // The text on screen and everything after it is read: now the part of the page above it.
        if (onScreen) yield { reader: new SegmentReader(root, { counter, until: first.first, filter }), inOrder: false };
        yield* scanner.shadowPhases(counter, filter);
      })(this),
    );
    found.onAccept = paint;
    if (!read) return null;
    this.viewportMs = viewportMs < 0 ? performance.now() - start : viewportMs;
    return this.finish(read.busy, counter.textNodes, read.complete);
  }

  /**
   * Reads the phases one after another in slices, scanning every segment into `found`. A phase with `onScreen` reads
   * a screenful of text first and calls it when that is done (its names are then registered).
   */
  private async readPhases(
    found: Findings,
    counter: ReadCounter,
    phases: Iterable<ReadPhase>,
  ): Promise<{ busy: number; complete: boolean } | null> {
    this.visibility = new WeakMap();
    const iterator = phases[Symbol.iterator]();
    let phase: ReadPhase | null = iterator.next().value ?? null;
    let complete = true;
    let hint = -1;
    // Segments read ahead of the scan (within one phase): what aliases they need is asked for all at once, so a
    // matcher that reads aliases from storage waits once for many blocks rather than once for each.
    const ahead: TextSegment[] = [];
    let screenRead = false;
    const readAhead = (current: ReadPhase): void => {
      let chars = 0;
      const began = performance.now();
      while (ahead.length < LOOK_AHEAD_SEGMENTS && chars < LOOK_AHEAD_CHARS && performance.now() - began < LOOK_AHEAD_MS) {
        const segment = current.onScreen ? current.reader.next(VIEWPORT_CHARS) : nextOf(current.reader);
        if (segment === MORE) return;
        if (!segment) {
          if (current.onScreen) screenRead = true;
          return;
        }
        ahead.push(segment);
        chars += segment.text.length;
        if (!this.matcher.complete) noteWanted(segment.text, this.matcher);
      }
    };
    const busy = await this.sliced(
      this.windows(
        () => {
          while (phase) {
            if (ahead.length === 0 && !screenRead) readAhead(phase);
            const segment = ahead.shift();
            if (segment) return segment;
            if (phase.onScreen) {
              screenRead = false;
              phase.onScreen();
              phase.onScreen = undefined;
              continue;
            }
            if (!phase.reader.finished) return MORE;
            phase = iterator.next().value ?? null;
          }
          return null;
        },
        (segment, from, to) => {
          if (from === 0) hint = -1;
          const before = found.index.size;
          const at = this.scanWindow(found, segment, from, to, phase!.inOrder, hint);
          if (at === null) return false;
          hint = at;
          if (phase!.shadowRoot && found.index.size > before) this.onShadowMention(phase!.shadowRoot);
          return true;
        },
      ),
      {
        pausing: () => phase?.reader.pausing(),
        resumed: () => {
          if (phase && !phase.reader.resume()) complete = false;
        },
      },
    );
    return busy === null ? null : { busy, complete };
  }

  /** A reader for each open shadow root of the page, found when the document itself has been read. */
  private *shadowPhases(counter: ReadCounter, filter: NameStarts): Generator<ReadPhase> {
    const roots = openShadowRoots(document);
    this.shadowRoots = roots;
    for (const root of roots) {
      this.onShadowRoot(root);
      filter.reset();
      yield { reader: new SegmentReader(root, { counter, filter }), inOrder: false, shadowRoot: root };
    }
  }

  /** Records a full scan's figures, and asks for another when the page took away the place it was reading at. */
  private finish(cost: number, textNodes: number, complete: boolean): number {
    this.swaps++;
    const round = (ms: number) => Math.round(ms * 10) / 10;
    this.stats = { scanMs: round(cost), textNodes, viewportMs: round(this.viewportMs) };
    // The page removed what the walk stood on and no place was left to go on from: read it all again, later.
    if (!complete) this.fullWanted = true;
    this.onChange();
    return cost;
  }

  private async rescanRoots(roots: Node[], removed: Node[]): Promise<number | null> {
    const found = this.found;
    const start = performance.now();
    for (const node of removed) for (const mention of found.index.removeUnder(node)) this.highlights.delete(mention);
    if (removed.length > 0) found.pending = found.pending.filter((mention) => mention.nodes.every((node) => node.isConnected));
    this.visibility = new WeakMap();
    const prepared = performance.now() - start;
    const page = this.root();
    const pendingRoots = roots.filter((root) => root.isConnected);
    // A change at the top of the page is a new page: scan it as one.
    if (pendingRoots.some((root) => root === page || root.contains(page))) {
      this.fullWanted = true;
      return prepared;
    }
    let reader: SegmentReader | null = null;
    let hint = -1;
    const nextSegment = (): TextSegment | null | typeof MORE => {
      for (;;) {
        const segment = reader ? nextOf(reader) : null;
        if (segment) return segment;
        const root = pendingRoots.shift();
        if (!root) return null;
        reader = null;
        if (!root.isConnected) continue;
        // A block the page hides is not read now (a hidden ticker may change ten times a second): it is read
        // when it shows, as text hidden with names in it is.
        if (root instanceof Element && !isShown(root)) {
          found.hiddenWithNames.add(root);
          continue;
        }
        reader = new SegmentReader(root, { filter: new NameStarts(this.matcher) });
      }
    };
    const busy = await this.sliced(
      this.windows(nextSegment, (segment, from, to) => {
        if (from === 0) {
          for (const mention of found.index.removeTouching(segment.nodes)) this.highlights.delete(mention);
          found.pending = found.pending.filter((mention) => !mention.nodes.some((node) => segment.nodes.includes(node)));
          hint = -1;
        }
        const at = this.scanWindow(found, segment, from, to, false, hint);
        if (at === null) return false;
        hint = at;
        return true;
      }),
      {
        pausing: () => reader?.pausing(),
        resumed: () => {
          if (reader && !reader.resume()) reader = null;
        },
      },
    );
    if (busy === null) return null;
    this.onChange();
    return busy + prepared;
  }

  /** The blocks of hidden text that held names and shows now. */
  private revealed(): Node[] {
    const blocks: Node[] = [];
    for (const element of this.found.hiddenWithNames) {
      if (!element.isConnected) this.found.hiddenWithNames.delete(element);
      else if (isShown(element)) {
        this.found.hiddenWithNames.delete(element);
        blocks.push(blockOf(element));
      }
    }
    return blocks;
  }

  /**
   * Scans characters [from, to) of a segment, reading a little context on either side so that the rules about
   * neighbouring words see what they would see in the whole text; a name belongs to the window it starts in.
   * Returns the index position of the last mention added (for the next `insert`), or null, having added nothing,
   * when the matcher must first read the aliases the window reached.
   */
  private scanWindow(found: Findings, segment: TextSegment, from: number, to: number, inOrder: boolean, hint = -1): number | null {
    const whole = from === 0 && to === segment.text.length;
    const offset = whole ? 0 : Math.max(0, from - this.context());
    const text = whole ? segment.text : segment.text.slice(offset, Math.min(segment.text.length, to + this.context()));
    const candidates = scanTextIfReady(text, this.matcher);
    if (!candidates) return null;
    for (const candidate of candidates) {
      const startAt = candidate.start + offset;
      if (startAt < from || startAt >= to) continue;
      const endAt = candidate.end + offset;
      const start = positionIn(segment, startAt, false);
      const end = positionIn(segment, endAt, true);
      if (!this.isVisible(found, start.node)) continue;
      // A captured name in a site's menu ("NBC Asian America") is the site's furniture, not a mention of it.
      if (candidate.alias.alias.alone && start.node.parentElement?.closest('nav')) continue;
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
        text: segment.text.slice(startAt, endAt),
        alias: candidate.alias,
        nodes: segment.nodes.slice(first, last + 1),
      };
      if (candidate.strength === 'weak' && !candidate.alias.evidenceFrom.some((id) => found.evidence.has(id))) {
        found.pending.push(mention);
        continue;
      }
      hint = found.accept(mention, inOrder, hint);
      if (candidate.alias.alias.needs !== 'evidence') found.addEvidence(mention.entityId);
    }
    return hint;
  }

  private context(): number {
    return WINDOW_CONTEXT_CHARS + this.matcher.longestAlias;
  }

  /** Text hidden by the page's CSS is not a mention a reader can see. Checked only where a name was found. */
  private isVisible(found: Findings, node: Text): boolean {
    const element = node.parentElement;
    if (!element) return false;
    let visible = this.visibility.get(element);
    if (visible === undefined) {
      visible = isShown(element);
      this.visibility.set(element, visible);
    }
    if (!visible) found.hiddenWithNames.add(element);
    return visible;
  }
}

function isShown(element: Element): boolean {
  if (typeof element.checkVisibility === 'function') return element.checkVisibility({ visibilityProperty: true });
  return !element.closest('[hidden]');
}
