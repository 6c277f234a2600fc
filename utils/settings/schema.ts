import type { EntityKind } from '@/utils/bundle/schema';
import { OPEN_DELAY_MS } from '@/utils/hover/machine';
import { covers, normalizeHost } from './sites';

/**
 * The reader's settings as stored, and how what is stored is read. Storage is shared with every past and future
 * version of the extension (and can be edited by hand), so a value is read for what is usable in it: each field falls
 * back on its own, and a list keeps the entries it can read. Every part of the extension reads through these, the
 * content script included, which is why they are a few lines of plain checks rather than valibot: its code weighs
 * about 2 KB gzipped in a script whose budget is 40 KB, for what two objects of five fields need.
 */

/** The field `key` of a stored object, or undefined. */
const field = (stored: unknown, key: string): unknown =>
  typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, unknown>)[key] : undefined;

/** A stored list's strings that `keep` keeps, through `map`, once each, sorted; [] when it is no list. */
function stringSet(value: unknown, keep: (text: string) => boolean = () => true, map: (text: string) => string = (text) => text): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((item): item is string => typeof item === 'string' && keep(item)).map(map))].sort();
}

const oneOf = <T extends string>(values: readonly T[], value: unknown, fallback: T): T =>
  values.includes(value as T) ? (value as T) : fallback;

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

export function readSiteSettings(stored: unknown): SiteSettings {
  return {
    paused: field(stored, 'paused') === true,
    disabledSites: stringSet(field(stored, 'disabledSites'), (site) => site.trim() !== '', normalizeHost),
  };
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

export function readAppearance(stored: unknown): Appearance {
  const delay = field(stored, 'hoverDelayMs');
  return {
    hoverDelayMs:
      typeof delay === 'number' && Number.isInteger(delay) && delay >= 0 && delay <= MAX_HOVER_DELAY_MS ? delay : DEFAULT_APPEARANCE.hoverDelayMs,
    hoverModifier: oneOf(HOVER_MODIFIERS, field(stored, 'hoverModifier'), DEFAULT_APPEARANCE.hoverModifier),
    underline: oneOf(UNDERLINE_STYLES, field(stored, 'underline'), DEFAULT_APPEARANCE.underline),
    quiet: field(stored, 'quiet') === true,
    // A kind this version does not know is kept: a newer version wrote it, and it harms nothing here.
    unmarkedKinds: stringSet(field(stored, 'unmarkedKinds')) as EntityKind[],
  };
}
