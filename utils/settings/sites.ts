/**
 * What a "site" is, for the site switch (README, "Sites"). A site is a registrable domain (`example.com`, the part
 * of a host a public suffix list says one owner registered), an IP address, `localhost` (or another host with no
 * public suffix), or `file://` for every local file at once. A site covers its subdomains: `example.com` covers
 * `news.example.com`. Ports and schemes play no part. Sites are stored in their ASCII form (`xn--bcher-kva.de`, what
 * `location.hostname` is) and shown in Unicode (`bücher.de`).
 *
 * This file is what the content script needs: a page's host, and whether a stored site covers it. It holds no public
 * suffix list (the content script has a size budget); turning a host into its site is `site-names.ts`, for the
 * extension's pages and background.
 */

/** The one site that stands for every page opened from the local disk. */
export const LOCAL_FILES = 'file://';

/**
 * A host as sites are compared: lower-case, ASCII (an internationalised name in its `xn--` form), without a port or a
 * final dot. Lenient, for values read from storage: `News.Example.com:8080` → `news.example.com`.
 */
export function normalizeHost(host: string): string {
  let text = host.trim().toLowerCase();
  if (text === LOCAL_FILES) return text;
  if (text.startsWith('[')) {
    // An IPv6 address keeps its brackets (as in `location.hostname`) and loses its port.
    const end = text.indexOf(']');
    text = end > 0 ? text.slice(0, end + 1) : text;
  } else if (text.indexOf(':') === text.lastIndexOf(':')) {
    text = text.replace(/:\d*$/, '');
  }
  text = text.replace(/\.+$/, '');
  if (/[^\x00-\x7f]/.test(text)) {
    try {
      text = new URL(`http://${text}`).hostname;
    } catch {
      // Not a host at all: kept as read, it covers nothing.
    }
  }
  return text;
}

/** The host of a page Side Notes works on (http, https: its host without port; `file://` for files); else null. */
export function siteOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol === 'file:') return LOCAL_FILES;
    return (protocol === 'http:' || protocol === 'https:') && hostname !== '' ? normalizeHost(hostname) : null;
  } catch {
    return null;
  }
}

/** Whether the stored site `site` covers the page host `host` (both normalised): the same, or a subdomain of it. */
export function covers(site: string, host: string): boolean {
  if (site === LOCAL_FILES || host === LOCAL_FILES) return site === host;
  return host === site || host.endsWith(`.${site}`);
}

/** The stored site that covers `host`, if any. */
export function siteCovering(sites: readonly string[], host: string): string | undefined {
  const key = normalizeHost(host);
  return sites.find((site) => covers(site, key));
}
