import { DEFAULT_APPEARANCE, DEFAULT_SITE_SETTINGS, readAppearance, readSiteSettings, type Appearance, type SiteSettings } from './schema';

/**
 * The settings as a replica that two devices can merge without loss (README, "Settings across devices"). Every
 * setting carries the time it was last written (`at`, milliseconds); a merge keeps, per setting, the newest write.
 * Sites are a set: each site ever turned off keeps an entry, off or on again (a tombstone), with the time of its last
 * switch, so a site turned back on here is not brought back by a device that still has it off from before.
 * Pure functions: `sync.ts` stores the replica in `storage.local` and its encoding in `storage.sync`.
 */

export interface Stamped<T> {
  value: T;
  at: number;
}

export type AppearanceKey = keyof Appearance;
export const APPEARANCE_KEYS = Object.keys(DEFAULT_APPEARANCE) as AppearanceKey[];

export interface SiteEntry {
  off: boolean;
  at: number;
}

export interface SettingsReplica {
  paused: Stamped<boolean>;
  appearance: { [K in AppearanceKey]: Stamped<Appearance[K]> };
  sites: Record<string, SiteEntry>;
}

/** Settings written before they synced count as older than any write made since, and newer than the defaults (0). */
export const MIGRATED_AT = 1;

/** How long a site turned back on is remembered: a device that has not synced for longer may bring it back, off. */
export const TOMBSTONE_DAYS = 180;
const TOMBSTONE_MS = TOMBSTONE_DAYS * 24 * 60 * 60 * 1000;

export function defaultReplica(): SettingsReplica {
  const appearance = Object.fromEntries(
    APPEARANCE_KEYS.map((key) => [key, { value: DEFAULT_APPEARANCE[key], at: 0 }]),
  ) as SettingsReplica['appearance'];
  return { paused: { value: DEFAULT_SITE_SETTINGS.paused, at: 0 }, appearance, sites: {} };
}

/** The settings a replica stands for. */
export function effectiveSettings(replica: SettingsReplica): { sites: SiteSettings; appearance: Appearance } {
  const appearance = Object.fromEntries(APPEARANCE_KEYS.map((key) => [key, replica.appearance[key].value])) as unknown as Appearance;
  const disabledSites = Object.keys(replica.sites).filter((site) => replica.sites[site].off);
  return { sites: readSiteSettings({ paused: replica.paused.value, disabledSites }), appearance: readAppearance(appearance) };
}

/** The newest time in a replica: a new write is stamped after it, so it wins here even if the clock went back. */
export function latest(replica: SettingsReplica): number {
  const times = [replica.paused.at, ...APPEARANCE_KEYS.map((key) => replica.appearance[key].at)];
  for (const entry of Object.values(replica.sites)) times.push(entry.at);
  return Math.max(0, ...times);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** `replica` with every setting that differs in `sites` and `appearance` written at `at`. */
export function stamp(replica: SettingsReplica, sites: SiteSettings, appearance: Appearance, at: number): SettingsReplica {
  const next: SettingsReplica = { paused: replica.paused, appearance: { ...replica.appearance }, sites: { ...replica.sites } };
  if (replica.paused.value !== sites.paused) next.paused = { value: sites.paused, at };
  for (const key of APPEARANCE_KEYS) {
    if (!same(replica.appearance[key].value, appearance[key])) {
      (next.appearance as Record<AppearanceKey, Stamped<unknown>>)[key] = { value: appearance[key], at };
    }
  }
  const off = new Set(sites.disabledSites);
  for (const site of off) if (!next.sites[site]?.off) next.sites[site] = { off: true, at };
  for (const [site, entry] of Object.entries(replica.sites)) if (entry.off && !off.has(site)) next.sites[site] = { off: false, at };
  return next;
}

/** The newer of two writes of one setting; at the same time, the same choice on every device. */
function newer<T>(a: Stamped<T>, b: Stamped<T>): Stamped<T> {
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return JSON.stringify(a.value) >= JSON.stringify(b.value) ? a : b;
}

/** Two replicas as one: per setting the newest write, sites as a union with each site's newest switch (off on a tie). */
export function merge(a: SettingsReplica, b: SettingsReplica): SettingsReplica {
  const appearance = Object.fromEntries(
    APPEARANCE_KEYS.map((key) => [key, newer<unknown>(a.appearance[key], b.appearance[key])]),
  ) as SettingsReplica['appearance'];
  const sites: Record<string, SiteEntry> = { ...a.sites };
  for (const [site, theirs] of Object.entries(b.sites)) {
    const ours = sites[site];
    if (!ours || theirs.at > ours.at || (theirs.at === ours.at && theirs.off)) sites[site] = theirs;
  }
  return { paused: newer(a.paused, b.paused), appearance, sites };
}

/** Drops the sites turned back on more than `TOMBSTONE_DAYS` before `now`. */
export function pruneTombstones(replica: SettingsReplica, now: number): SettingsReplica {
  const sites = Object.fromEntries(Object.entries(replica.sites).filter(([, entry]) => entry.off || now - entry.at < TOMBSTONE_MS));
  return { ...replica, sites };
}

export function sameReplica(a: SettingsReplica, b: SettingsReplica): boolean {
  return same(canonical(a), canonical(b));
}

function canonical(replica: SettingsReplica) {
  return { ...replica, sites: Object.fromEntries(Object.entries(replica.sites).sort(([x], [y]) => (x < y ? -1 : 1))) };
}

// ── Reading a replica from storage, leniently: storage is shared with every other version, and with other devices ──

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

function readStamped<T>(stored: unknown, read: (value: unknown) => T | undefined): Stamped<T> | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const { value, at } = stored as { value?: unknown; at?: unknown };
  const read_ = read(value);
  return read_ !== undefined && isTime(at) ? { value: read_, at } : undefined;
}

/** An appearance value as the schema reads it, or undefined when the schema would not keep it. */
function readAppearanceValue(key: AppearanceKey, value: unknown): unknown {
  const read = readAppearance({ [key]: value })[key];
  return same(read, value) ? read : undefined;
}

/** A replica as stored (here or by another device); what cannot be read counts as never written. */
export function readReplica(stored: unknown): SettingsReplica {
  const replica = defaultReplica();
  if (typeof stored !== 'object' || stored === null) return replica;
  const { paused, appearance, sites } = stored as Partial<Record<keyof SettingsReplica, unknown>>;
  replica.paused = readStamped(paused, (value) => (typeof value === 'boolean' ? value : undefined)) ?? replica.paused;
  if (typeof appearance === 'object' && appearance !== null) {
    for (const key of APPEARANCE_KEYS) {
      const value = readStamped((appearance as Record<string, unknown>)[key], (v) => readAppearanceValue(key, v));
      if (value) (replica.appearance as Record<AppearanceKey, Stamped<unknown>>)[key] = value;
    }
  }
  if (typeof sites === 'object' && sites !== null) {
    for (const [site, entry] of Object.entries(sites as Record<string, unknown>)) {
      const { off, at } = (entry ?? {}) as { off?: unknown; at?: unknown };
      const [key] = readSiteSettings({ disabledSites: [site] }).disabledSites;
      if (key && typeof off === 'boolean' && isTime(at)) replica.sites[key] = { off, at };
    }
  }
  return replica;
}
