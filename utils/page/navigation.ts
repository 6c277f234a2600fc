/**
 * Tells when the page moves to another view without loading a new document (an SPA's `history.pushState`, back
 * and forward between its views). The Navigation API reports it as it happens; where it is missing, the address is
 * compared once a second. Only the browser's own events count: a page dispatching a fake `navigate` event is ignored.
 */

/**
 * After an SPA navigation the new view is scanned once it has rendered: at the first settled batch of changes, or
 * after this long when the page changes nothing more (it rendered before telling us it navigated).
 */
export const NAVIGATION_SCAN_CAP_MS = 400;

/** How often the address is compared where the Navigation API is missing. */
export const LOCATION_POLL_MS = 1000;

/**
 * Whether going from `from` to `to` shows another view. A jump to an anchor in the same document is not one,
 * unless the fragment is a route (`#/inbox`, `#!/inbox`).
 */
export function isNewView(from: string, to: string): boolean {
  if (from === to) return false;
  let a: URL;
  let b: URL;
  try {
    a = new URL(from);
    b = new URL(to);
  } catch {
    return false;
  }
  if (a.origin !== b.origin || a.pathname !== b.pathname || a.search !== b.search) return true;
  const route = (hash: string) => hash.startsWith('#/') || hash.startsWith('#!');
  return a.hash !== b.hash && (route(a.hash) || route(b.hash));
}

export function watchNavigation(signal: AbortSignal, onNewView: () => void): void {
  let last = location.href;
  const check = () => {
    const from = last;
    last = location.href;
    if (isNewView(from, last)) onNewView();
  };
  // `currententrychange` fires after every same-document change of address (pushState, replaceState, back and
  // forward between views, navigations the page intercepts), and never for loading a new document.
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (typeof navigation?.addEventListener === 'function') {
    navigation.addEventListener('currententrychange', (event: Event) => event.isTrusted && check(), { signal });
    return;
  }
  const timer = setInterval(check, LOCATION_POLL_MS);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
