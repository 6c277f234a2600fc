import * as v from 'valibot';
import type { EntityKind } from '@/utils/bundle/schema';
import { OPEN_DELAY_MS } from '@/utils/hover/machine';
import { covers, normalizeHost } from './sites';

/**
 * The reader's settings as stored, and how what is stored is read. Storage is shared with every past and future
 * version of the extension (and can be edited by hand), so a value is read for what is usable in it: each field falls
 * back on its own, and a list keeps the entries it can read. Every part of the extension reads through these, the
 * content script included (which is why nothing here needs more than valibot).
 */

/** Where Side Notes is on (storage key `siteSettings`). */
export interface SiteSettings {
  /** Global pause: no underlines anywhere while true. */
  paused: boolean;
  /**
   * Sites where the reader turned Side Notes off (README, "Sites"): registrable domains in ASCII, IP addresses,
   * `localhost`, or `file://`; each covers its subdomains; sorted, no repeats. Read leniently (a port or upper case
   * written by an older version is dropped here); `site-names.ts` turns each into its site when the list is written.
   */
  disabledSites: string[];
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = { paused: false, disabledSites: [] };

const StoredSiteSettings = v.object({
  paused: v.fallback(v.boolean(), false),
  disabledSites: v.fallback(
    v.pipe(
      v.array(v.unknown()),
      v.transform((sites) => [
        ...new Set(sites.filter((site): site is string => typeof site === 'string' && site.trim() !== '').map(normalizeHost)),
      ].sort()),
    ),
    [],
  ),
});

export function readSiteSettings(stored: unknown): SiteSettings {
  const result = v.safeParse(StoredSiteSettings, stored);
  return result.success ? result.output : { ...DEFAULT_SITE_SETTINGS };
}

/** True when Side Notes should underline on a page of `host` (a `siteOf` value): not paused, and no site off covers it. */
export function isEnabledOn(settings: SiteSettings, host: string): boolean {
  return !settings.paused && isSiteOn(settings, host);
}

/** Whether no site in the list covers `host` (the pause aside). */
export function isSiteOn(settings: SiteSettings, host: string): boolean {
  const key = normalizeHost(host);
  return !settings.disabledSites.some((site) => covers(site, key));
}

/** How names are underlined on pages. `none`: not at all (the popup and the keyboard still reach every name). */
export const UNDERLINE_STYLES = ['dotted', 'solid', 'background', 'none'] as const;
export type UnderlineStyle = (typeof UNDERLINE_STYLES)[number];

/** A key that must be held for hovering a name to open its card; `none`: hovering is enough. */
export const HOVER_MODIFIERS = ['none', 'alt', 'ctrl', 'shift'] as const;
export type HoverModifier = (typeof HOVER_MODIFIERS)[number];

/** The longest hover delay the options offer: past this a reader would rather hold a key. */
export const MAX_HOVER_DELAY_MS = 2000;

/** How Side Notes marks names and when cards open (storage key `appearance`). */
export interface Appearance {
  /** How long the pointer rests on a name before its card opens. */
  hoverDelayMs: number;
  hoverModifier: HoverModifier;
  underline: UnderlineStyle;
  /** Quiet mode: only the first mention of each entity on a page is marked. */
  quiet: boolean;
  /** Kinds whose names are not marked on pages (sorted, no repeats); every kind is marked by default. */
  unmarkedKinds: EntityKind[];
}

export const DEFAULT_APPEARANCE: Appearance = {
  hoverDelayMs: OPEN_DELAY_MS,
  hoverModifier: 'none',
  underline: 'dotted',
  quiet: false,
  unmarkedKinds: [],
};

const StoredAppearance = v.object({
  hoverDelayMs: v.fallback(
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_HOVER_DELAY_MS)),
    DEFAULT_APPEARANCE.hoverDelayMs,
  ),
  hoverModifier: v.fallback(v.picklist(HOVER_MODIFIERS), DEFAULT_APPEARANCE.hoverModifier),
  underline: v.fallback(v.picklist(UNDERLINE_STYLES), DEFAULT_APPEARANCE.underline),
  quiet: v.fallback(v.boolean(), false),
  // A kind this version does not know is kept: a newer version wrote it, and it harms nothing here.
  unmarkedKinds: v.fallback(
    v.pipe(
      v.array(v.unknown()),
      v.transform((kinds) => [...new Set(kinds.filter((kind): kind is EntityKind => typeof kind === 'string'))].sort()),
    ),
    [],
  ),
});

export function readAppearance(stored: unknown): Appearance {
  const result = v.safeParse(StoredAppearance, stored);
  return result.success ? result.output : { ...DEFAULT_APPEARANCE, unmarkedKinds: [] };
}
