/**
 * From a host, or what a reader types, to the site it belongs to (README, "Sites"), with the public suffix list
 * (tldts). For the extension's pages and background only: the content script never needs it, it only compares its
 * own host with the stored sites (`covers` in `sites.ts`).
 */
import { toUnicode } from 'punycode/punycode.es6.js';
import { parse } from 'tldts';
import { covers, LOCAL_FILES, normalizeHost } from './sites';

// Private suffixes count too: `someone.github.io` is that person's site, not all of github.io.
const TLDTS_OPTIONS = { allowPrivateDomains: true } as const;

/**
 * The site of a host (normalised first): its registrable domain; an IP address or a host with no registrable domain
 * (`localhost`, `intranet`) is its own site; `file://` stays the one site for local files.
 */
export function siteForHost(host: string): string {
  const key = normalizeHost(host);
  if (key === LOCAL_FILES || key === '') return key;
  const parsed = parse(key, TLDTS_OPTIONS);
  if (parsed.isIp || !parsed.domain) return key;
  return parsed.domain;
}

/** How a site is named to the reader: `local files`, or the domain in Unicode (`bücher.de`). */
export function siteLabel(site: string): string {
  if (site === LOCAL_FILES) return 'local files';
  try {
    return toUnicode(site);
  } catch {
    return site;
  }
}

/**
 * The stored list as it should be: every entry its site (`news.example.com:8080` → `example.com`), in ASCII, each
 * once, sorted. Entries that are no site (empty, not text) are dropped; a site is never lost.
 */
export function tidySites(entries: readonly unknown[]): string[] {
  const sites = new Set<string>();
  for (const entry of entries) {
    if (typeof entry !== 'string' || entry.trim() === '') continue;
    const text = entry.trim();
    // A whole address (a scheme) is read as one; a wildcard's stars say no more than the site does.
    const site = /^[a-z][a-z\d+.-]*:\/\//i.test(text)
      ? siteOfAddress(text)
      : siteForHost(text.replace(/^(\*\.)+/, ''));
    // A public suffix alone ("co.uk") matched one host no one uses; as a site it would cover thousands: dropped.
    if (site && !isPublicSuffix(site)) sites.add(site);
  }
  return [...sites].sort();
}

function isPublicSuffix(site: string): boolean {
  if (site === LOCAL_FILES) return false;
  const parsed = parse(site, TLDTS_OPTIONS);
  return !parsed.isIp && !parsed.domain && parsed.isIcann === true;
}

function siteOfAddress(text: string): string | null {
  try {
    const url = new URL(text);
    if (url.protocol === 'file:') return LOCAL_FILES;
    return url.hostname ? siteForHost(url.hostname) : null;
  } catch {
    return null;
  }
}

export type SiteInput = { ok: true; site: string; typedHost: string } | { ok: false; message: string };

/**
 * What a reader typed to turn a site off: a host (`example.com`, `News.Example.COM`), a whole address
 * (`https://example.com/path`), `file://` or "local files". Answers the site, or why the text names none.
 */
export function parseSiteInput(value: string): SiteInput {
  const text = value.trim();
  if (text === '') return { ok: false, message: 'Type a site’s address, like example.com.' };
  if (/^local files?$/i.test(text) || /^file:/i.test(text)) return { ok: true, site: LOCAL_FILES, typedHost: LOCAL_FILES };
  if (text.includes('*')) {
    const rest = text.replace(/^[a-z][a-z\d+.-]*:\/\//i, '').replace(/^(\*\.)+/, '');
    const hint = rest && !rest.includes('*') ? siteForHost(rest.split('/')[0]) : 'example.com';
    return {
      ok: false,
      message: `No wildcards needed: a site covers all its subdomains. Type ${siteLabel(hint)} instead.`,
    };
  }
  const notAnAddress: SiteInput = { ok: false, message: `“${text}” is not a web address. Type a site like example.com.` };
  // Browsers differ on what a host may hold (Chromium keeps spaces, escaped): a space is never part of one.
  if (/\s/.test(text)) return notAnAddress;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return notAnAddress;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: 'Only web sites (http and https) and local files can be turned off.' };
  }
  const host = normalizeHost(url.hostname);
  if (!/^([a-z\d-]+\.)*[a-z\d-]+$/.test(host) && !host.startsWith('[')) return notAnAddress;
  const parsed = parse(host, TLDTS_OPTIONS);
  if (parsed.isIp || host === 'localhost') return { ok: true, site: host, typedHost: host };
  if (!parsed.domain) {
    // A public suffix ("co.uk", "com") is shared by many sites; a bare word is no address.
    return host.includes('.') || parsed.isIcann
      ? { ok: false, message: `${siteLabel(host)} is shared by many sites. Type one of them, like example.${siteLabel(host)}.` }
      : { ok: false, message: `“${text}” is not a site’s address. Type one like example.com.` };
  }
  return { ok: true, site: parsed.domain, typedHost: host };
}

/** Whether `site` is already off in `sites`, and which entry covers it. */
export function alreadyOff(sites: readonly string[], site: string): string | undefined {
  return sites.find((other) => covers(other, site));
}
