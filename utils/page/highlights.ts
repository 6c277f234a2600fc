/**
 * Paints mentions with the CSS Custom Highlight API: no element is added to the page, its text and layout stay
 * exactly as they were. The registry is shared with the page, so our names are prefixed and we only ever touch
 * our own entries. The `::highlight()` rules live in `public/highlights.css`, injected by the manifest.
 */

export const MENTION_HIGHLIGHT = 'side-notes-mention';
export const ACTIVE_HIGHLIGHT = 'side-notes-active';

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

export class Highlights {
  private readonly mentions: Highlight | null;
  private readonly active: Highlight | null;

  constructor() {
    const supported = highlightsSupported();
    this.mentions = supported ? new Highlight() : null;
    this.active = supported ? new Highlight() : null;
    if (this.active) this.active.priority = 1;
  }

  private shown = false;
  private suspended = false;

  /** Puts our highlights in the page's registry (again). */
  show(): void {
    this.shown = true;
    this.sync();
  }

  /** Takes our highlights out of the registry; the ranges stay, ready for `show`. */
  hide(): void {
    this.shown = false;
    this.sync();
  }

  /**
   * Holds painting back while many ranges are added (a full scan): every change to a registered highlight makes
   * the browser repaint all of them, so a scan that adds ranges slice by slice would repaint the page each time.
   */
  suspend(): void {
    this.suspended = true;
    this.sync();
  }

  resume(): void {
    this.suspended = false;
    this.sync();
  }

  private sync(): void {
    if (!this.mentions || !this.active) return;
    if (this.shown && !this.suspended) {
      if (CSS.highlights.get(MENTION_HIGHLIGHT) !== this.mentions) CSS.highlights.set(MENTION_HIGHLIGHT, this.mentions);
      if (CSS.highlights.get(ACTIVE_HIGHLIGHT) !== this.active) CSS.highlights.set(ACTIVE_HIGHLIGHT, this.active);
      return;
    }
    if (CSS.highlights.get(MENTION_HIGHLIGHT) === this.mentions) CSS.highlights.delete(MENTION_HIGHLIGHT);
    if (CSS.highlights.get(ACTIVE_HIGHLIGHT) === this.active) CSS.highlights.delete(ACTIVE_HIGHLIGHT);
  }

  add(range: AbstractRange): void {
    this.mentions?.add(range);
  }

  delete(range: AbstractRange): void {
    this.mentions?.delete(range);
    this.active?.delete(range);
  }

  clear(): void {
    this.mentions?.clear();
    this.active?.clear();
  }

  /** Marks the mentions whose card is open. */
  setActive(ranges: readonly AbstractRange[]): void {
    if (!this.active) return;
    this.active.clear();
    for (const range of ranges) this.active.add(range);
  }
}
