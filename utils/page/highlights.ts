/**
 * Paints mentions with the CSS Custom Highlight API: no element is added to the page, its text and layout stay
 * exactly as they were. The registry is shared with the page, so we only ever touch our own entries.
 */

export const MENTION_HIGHLIGHT = 'side-notes-mention';
export const ACTIVE_HIGHLIGHT = 'side-notes-active';

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

export interface HighlightNames {
  mention: string;
  active: string;
}

export class Highlights {
  private mentions: Highlight | null;
  private readonly active: Highlight | null;
  private shown = false;

  constructor(private readonly names: HighlightNames = { mention: MENTION_HIGHLIGHT, active: ACTIVE_HIGHLIGHT }) {
    const supported = highlightsSupported();
    this.mentions = supported ? new Highlight() : null;
    this.active = supported ? new Highlight() : null;
    if (this.active) this.active.priority = 1;
  }

  /** Puts our highlights in the page's registry. */
  show(): void {
    this.shown = true;
    this.register();
  }

  /** Takes our highlights out of the registry; the ranges stay, ready for `show`. */
  hide(): void {
    this.shown = false;
    if (!this.mentions || !this.active) return;
    if (CSS.highlights.get(this.names.mention) === this.mentions) CSS.highlights.delete(this.names.mention);
    if (CSS.highlights.get(this.names.active) === this.active) CSS.highlights.delete(this.names.active);
  }

  add(range: AbstractRange): void {
    this.mentions?.add(range);
  }

  delete(range: AbstractRange): void {
    this.mentions?.delete(range);
    this.active?.delete(range);
  }

  /**
   * Replaces every mention at once (a full scan's result, built aside): the old underlines stay painted until the
   * new set takes their place in one step, so they never vanish while a scan is under way, and the browser repaints
   * once rather than after every range.
   */
  replaceAll(ranges: Iterable<AbstractRange>): void {
    if (!this.mentions) return;
    const next = new Highlight();
    for (const range of ranges) next.add(range);
    this.mentions = next;
    if (this.shown) this.register();
  }

  /** Marks the mentions whose card is open. */
  setActive(ranges: readonly AbstractRange[]): void {
    if (!this.active) return;
    this.active.clear();
    for (const range of ranges) this.active.add(range);
  }

  private register(): void {
    if (!this.mentions || !this.active) return;
    if (CSS.highlights.get(this.names.mention) !== this.mentions) CSS.highlights.set(this.names.mention, this.mentions);
    if (CSS.highlights.get(this.names.active) !== this.active) CSS.highlights.set(this.names.active, this.active);
  }
}
