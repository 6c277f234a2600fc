/**
 * What a "site" is for the site switch: the host of a web page (lower-case, port included), or `file://` for every
 * local file at once. Every part of the extension (popup, options, shortcut, content script) asks `siteOf`.
 */

/** The one site that stands for every page opened from the local disk. */
export const LOCAL_FILES = 'file://';

export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/** The site of a page Side Notes works on (http, https, file), normalised; null for any other address. */
export function siteOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol, host } = new URL(url);
    if (protocol === 'file:') return LOCAL_FILES;
    return (protocol === 'http:' || protocol === 'https:') && host !== '' ? normalizeHost(host) : null;
  } catch {
    return null;
  }
}

/** How a site is named to the reader. */
export function siteLabel(site: string): string {
  return site === LOCAL_FILES ? 'local files' : site;
}
