import type { Mention } from './mentions';

/**
 * Paints mentions with the CSS Custom Highlight API: no element is added to the page, its text and layout stay
 * exactly as they were. In Chromium the highlight registry is shared with the page's own scripts, so what is
 * registered is what a page could read: only the ranges near the viewport are registered at any time (an
 * IntersectionObserver follows the elements that hold mentions as the reader scrolls). That also keeps the
 * browser's own work small: thousands of registered ranges cost a page tens of milliseconds now and then.
 */

/** Elements this close to the viewport (a screen above and below) have their mentions registered. */
export const NEAR_VIEWPORT_MARGIN = '100% 0px 100% 0px';

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/** The registry names of our two highlights: the mentions, and the mention whose card is open. */
export interface HighlightNames {
  mention: string;
  active: string;
}

/** The element whose box stands for a mention's place on the page. */
function holder({ range }: Mention): Element | null {
  const node = range.startContainer;
  return node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
}

export class Highlights {
  private mentions: Highlight | null;
  private readonly active: Highlight | null;
  private shown = false;
  /** Every mention, by the element that holds it. */
  private byElement = new Map<Element, Set<Mention>>();
  /** Elements near the viewport (all of them where IntersectionObserver is missing). */
  private readonly near = new Set<Element>();
  private readonly observer: IntersectionObserver | null;
  /** Which mentions are marked (the reader's kinds, quiet mode, underline style); the others are kept, unregistered. */
  private marks: (mention: Mention) => boolean = () => true;

  constructor(private readonly names: HighlightNames) {
    const supported = highlightsSupported();
    this.mentions = supported ? new Highlight() : null;
    this.active = supported ? new Highlight() : null;
    if (this.active) this.active.priority = 1;
    this.observer =
      supported && typeof IntersectionObserver === 'function'
        ? new IntersectionObserver((entries) => this.moved(entries), { rootMargin: NEAR_VIEWPORT_MARGIN })
        : null;
  }

  /** Puts our highlights in the page's registry. */
  show(): void {
    this.shown = true;
    this.register();
  }

  /** Takes our highlights out of the registry and stops following the page; the ranges stay, ready for `show`. */
  hide(): void {
    this.shown = false;
    if (!this.mentions || !this.active) return;
    if (CSS.highlights.get(this.names.mention) === this.mentions) CSS.highlights.delete(this.names.mention);
    if (CSS.highlights.get(this.names.active) === this.active) CSS.highlights.delete(this.names.active);
  }

  /** Ends for good: nothing registered, nothing observed. */
  dispose(): void {
    this.hide();
    this.observer?.disconnect();
    this.byElement.clear();
    this.near.clear();
  }

  /** How many ranges the page's registry holds for us now (the mentions near the viewport, and the active one). */
  get registered(): number {
    return (this.shown ? this.mentions?.size ?? 0 : 0) + (this.shown ? this.active?.size ?? 0 : 0);
  }

  /** Decides anew which mentions are marked: `marks` changed, or what it reads (which mention comes first) did. */
  setMarks(marks: (mention: Mention) => boolean): void {
    this.marks = marks;
    this.refresh();
  }

  /** Registers the mentions near the viewport again by the marks as they are now. */
  refresh(): void {
    for (const element of this.near) for (const mention of this.byElement.get(element) ?? []) this.paint(mention, true);
  }

  private paint(mention: Mention, near: boolean): void {
    if (near && this.marks(mention)) this.mentions?.add(mention.range);
    else this.mentions?.delete(mention.range);
  }

  /**
   * Adds a mention. `onScreen`: the caller knows it is on screen now (the scan of what is visible first), so it is
   * registered at once rather than when the observer next reports.
   */
  add(mention: Mention, onScreen = false): void {
    const element = holder(mention);
    if (!element || !this.mentions) return;
    let held = this.byElement.get(element);
    if (!held) {
      this.byElement.set(element, (held = new Set()));
      this.follow(element);
    }
    held.add(mention);
    if (onScreen) this.near.add(element);
    this.paint(mention, this.near.has(element));
  }

  delete(mention: Mention): void {
    this.mentions?.delete(mention.range);
    this.active?.delete(mention.range);
    const element = holder(mention);
    const held = element ? this.byElement.get(element) : undefined;
    if (!element || !held) return;
    held.delete(mention);
    if (held.size > 0) return;
    this.byElement.delete(element);
    this.near.delete(element);
    this.observer?.unobserve(element);
  }

  /**
   * Replaces every mention at once (a full scan's result, built aside): the old underlines stay painted until the
   * new set takes their place in one step, so they never vanish while a scan is under way, and the browser repaints
   * once rather than after every range.
   */
  replaceAll(mentions: Iterable<Mention>): void {
    if (!this.mentions) return;
    const before = this.byElement;
    this.byElement = new Map();
    const next = new Highlight();
    for (const mention of mentions) {
      const element = holder(mention);
      if (!element) continue;
      let held = this.byElement.get(element);
      if (!held) this.byElement.set(element, (held = new Set()));
      held.add(mention);
      if (this.near.has(element) && this.marks(mention)) next.add(mention.range);
    }
    for (const element of before.keys()) {
      if (this.byElement.has(element)) continue;
      this.near.delete(element);
      this.observer?.unobserve(element);
    }
    for (const element of this.byElement.keys()) if (!before.has(element)) this.follow(element);
    this.mentions = next;
    if (this.shown) this.register();
  }

  /** Marks the mentions whose card is open. */
  setActive(ranges: readonly AbstractRange[]): void {
    if (!this.active) return;
    this.active.clear();
    for (const range of ranges) this.active.add(range);
  }

  private follow(element: Element): void {
    if (this.observer) this.observer.observe(element);
    else this.near.add(element);
  }

  /** The reader scrolled, or the page moved things: register what came near, let go of what went away. */
  private moved(entries: IntersectionObserverEntry[]): void {
    if (!this.mentions) return;
    for (const { target, isIntersecting } of entries) {
      const held = this.byElement.get(target);
      if (!held) continue;
      if (isIntersecting) this.near.add(target);
      else this.near.delete(target);
      for (const mention of held) this.paint(mention, isIntersecting);
    }
  }

  private register(): void {
    if (!this.mentions || !this.active) return;
    if (CSS.highlights.get(this.names.mention) !== this.mentions) CSS.highlights.set(this.names.mention, this.mentions);
    if (CSS.highlights.get(this.names.active) !== this.active) CSS.highlights.set(this.names.active, this.active);
  }
}
