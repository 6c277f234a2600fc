/**
 * "Side Notes is on for this page" as one lifetime, after refined-github's `init(signal)`: whatever runs while it
 * is on (the scan, the observer, its timers, listeners, the card) is started with one `AbortSignal` and ends when
 * that signal aborts — on switching off, pausing, an SPA navigation (a new view is a new page), or the extension
 * going away. Cleanup is never written by hand, so it is never forgotten.
 *
 * The controller is pure: it knows nothing of the DOM or of storage, and is tested without a browser.
 */

/**
 * Why a lifetime starts: the page loaded, the user switched Side Notes on, the page moved to a new view, or the
 * notes changed (a bundle added, switched, removed).
 */
export type StartCause = 'load' | 'switch' | 'navigation' | 'notes';

export type StartLifetime = (signal: AbortSignal, cause: StartCause) => void;

export class PageLifetime {
  private current: AbortController | null = null;
  private on = false;
  private decided = false;
  private ended = false;

  constructor(private readonly start: StartLifetime) {}

  /** The signal of the lifetime running now; null while Side Notes is off for the page. */
  get signal(): AbortSignal | null {
    return this.current?.signal ?? null;
  }

  get isOn(): boolean {
    return this.current !== null;
  }

  /** The settings say Side Notes is on (or off) for this page; repeating the same answer changes nothing. */
  setOn(on: boolean): void {
    const first = !this.decided;
    this.decided = true;
    if (this.ended || on === this.on) return;
    this.on = on;
    if (on) this.begin(first ? 'load' : 'switch');
    else this.stop();
  }

  /** The page moved to another view: what was found on the old one must not carry over. */
  navigated(): void {
    if (this.ended || !this.on) return;
    this.stop();
    this.begin('navigation');
  }

  /** The notes changed: what was found with the old ones is read again with the new ones. */
  renewed(): void {
    if (this.ended || !this.on) return;
    this.stop();
    this.begin('notes');
  }

  /** The extension went away (updated, reloaded, removed): stop for good. */
  end(): void {
    this.ended = true;
    this.on = false;
    this.stop();
  }

  private begin(cause: StartCause): void {
    const controller = new AbortController();
    this.current = controller;
    try {
      this.start(controller.signal, cause);
    } catch (error) {
      // A start that fails half way must not leave half a lifetime behind.
      if (this.current === controller) this.current = null;
      controller.abort();
      throw error;
    }
  }

  private stop(): void {
    const controller = this.current;
    this.current = null;
    controller?.abort();
  }
}
