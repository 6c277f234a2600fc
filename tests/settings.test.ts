import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SITE_SETTINGS,
  isEnabledOn,
  setPaused,
  setSiteEnabled,
  siteSettings,
  readSiteSettings,
  toggleSite,
  followSiteSettings,
  siteOf,
  withSite,
} from '@/utils/settings/items';
import { badgeText, badgeTitle } from '@/utils/messages';
import { toggleActiveTabSite } from '@/utils/settings/shortcut';
import { followSettings } from '@/utils/settings/follow';
import { DEFAULT_APPEARANCE, MAX_HOVER_DELAY_MS, readAppearance } from '@/utils/settings/schema';

describe('site settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('starts enabled everywhere', async () => {
    expect(await siteSettings.getValue()).toEqual(DEFAULT_SITE_SETTINGS);
    expect(isEnabledOn(await siteSettings.getValue(), 'example.com')).toBe(true);
  });

  it('turns one site off and on, by host, case-insensitively', async () => {
    await setSiteEnabled('News.Example.com', false);
    const off = await siteSettings.getValue();
    // Off on a subdomain is off on its site, which covers every subdomain (README, "Sites").
    expect(off.disabledSites).toEqual(['example.com']);
    expect(isEnabledOn(off, 'news.example.com')).toBe(false);
    expect(isEnabledOn(off, 'example.com')).toBe(false);
    expect(isEnabledOn(off, 'example.org')).toBe(true);
    expect(isEnabledOn(off, 'notexample.com')).toBe(true);
    await setSiteEnabled('news.example.com', true);
    expect((await siteSettings.getValue()).disabledSites).toEqual([]);
  });

  it('never lists a site twice', () => {
    const twice = withSite(withSite(DEFAULT_SITE_SETTINGS, 'a.com', false), 'a.com', false);
    expect(twice.disabledSites).toEqual(['a.com']);
  });

  it('pauses everywhere without forgetting the per-site choices', async () => {
    await setSiteEnabled('a.com', false);
    await setPaused(true);
    const paused = await siteSettings.getValue();
    expect(isEnabledOn(paused, 'b.com')).toBe(false);
    await setPaused(false);
    const resumed = await siteSettings.getValue();
    expect(isEnabledOn(resumed, 'b.com')).toBe(true);
    expect(isEnabledOn(resumed, 'a.com')).toBe(false);
  });

  it('tells watchers about changes (open tabs follow the switch live)', async () => {
    const seen: boolean[] = [];
    const unwatch = siteSettings.watch((value) => seen.push(isEnabledOn(value, 'a.com')));
    await setSiteEnabled('a.com', false);
    await setSiteEnabled('a.com', true);
    unwatch();
    expect(seen).toEqual([false, true]);
  });

  it('toggles the site of a tab (the keyboard shortcut), and leaves pages it cannot work on alone', async () => {
    expect(await toggleSite(siteOf('https://News.Example.com/story?id=1'))).toBe(false);
    expect((await siteSettings.getValue()).disabledSites).toEqual(['example.com']);
    expect(await toggleSite(siteOf('https://news.example.com/other'))).toBe(true);
    expect(await toggleSite(siteOf('chrome://extensions'))).toBeNull();
    expect(await toggleSite(undefined)).toBeNull();
    expect(await siteSettings.getValue()).toEqual(DEFAULT_SITE_SETTINGS);
  });

  it('knows which pages it can work on, local files as one site', () => {
    expect(siteOf('http://127.0.0.1:8080/a')).toBe('127.0.0.1');
    expect(siteOf('file:///home/a.html')).toBe('file://');
    expect(siteOf('chrome://extensions')).toBeNull();
    expect(siteOf('not a url')).toBeNull();
  });
});

describe('settings written at the same time', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps every write made together', async () => {
    await Promise.all([setSiteEnabled('a.com', false), setPaused(true), setSiteEnabled('b.com', false)]);
    expect(await siteSettings.getValue()).toEqual({ paused: true, disabledSites: ['a.com', 'b.com'] });
    await Promise.all([toggleSite('a.com'), toggleSite('c.com'), setPaused(false)]);
    expect(await siteSettings.getValue()).toEqual({ paused: false, disabledSites: ['b.com', 'c.com'] });
  });

  it('goes on after a write that failed', async () => {
    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('quota'));
    await expect(setSiteEnabled('a.com', false)).rejects.toThrow('quota');
    set.mockRestore();
    await setSiteEnabled('b.com', false);
    expect((await siteSettings.getValue()).disabledSites).toEqual(['b.com']);
  });

  it('delivers a change made while the first read is under way, never the older value after it', async () => {
    const seen: boolean[] = [];
    const stop = followSiteSettings((value) => seen.push(value.paused));
    await setPaused(true);
    await vi.waitFor(() => expect(seen.at(-1)).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.at(-1)).toBe(true);
    stop();
    await setPaused(false);
    expect(seen.at(-1)).toBe(true);
  });
});

describe("the content script's own reading of the settings", () => {
  beforeEach(() => fakeBrowser.reset());

  it('delivers both items now and after every change, straight from storage, never an older value last', async () => {
    const seen: { paused: boolean; off: string[] }[] = [];
    const stop = followSettings(({ sites }) => seen.push({ paused: sites.paused, off: sites.disabledSites }));
    await setPaused(true);
    await setSiteEnabled('a.com', false);
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ paused: true, off: ['a.com'] }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.at(-1)).toEqual({ paused: true, off: ['a.com'] });
    stop();
    await setPaused(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.at(-1)?.paused).toBe(true);
  });

  it('ignores other keys of storage', async () => {
    const seen: unknown[] = [];
    const stop = followSettings((settings) => seen.push(settings));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await fakeBrowser.storage.local.set({ library: { entries: [] } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toHaveLength(1);
    stop();
  });
});

describe('stored settings that are not what this version wrote', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps what is usable and never throws', async () => {
    expect(readSiteSettings(undefined)).toEqual(DEFAULT_SITE_SETTINGS);
    expect(readSiteSettings('garbage')).toEqual(DEFAULT_SITE_SETTINGS);
    expect(readSiteSettings({ paused: 'yes', disabledSites: 'a.com' })).toEqual(DEFAULT_SITE_SETTINGS);
    expect(readSiteSettings({ paused: true, disabledSites: ['B.com', 7, 'a.com', 'b.com'] })).toEqual({
      paused: true,
      disabledSites: ['a.com', 'b.com'],
    });
    expect(readSiteSettings(['a.com'])).toEqual(DEFAULT_SITE_SETTINGS);
  });

  it('reads appearance field by field, each falling back on its own', () => {
    expect(readAppearance(undefined)).toEqual(DEFAULT_APPEARANCE);
    expect(readAppearance([1, 2])).toEqual(DEFAULT_APPEARANCE);
    expect(readAppearance({ hoverDelayMs: 1.5, hoverModifier: 'meta', underline: 7, quiet: 'yes', unmarkedKinds: 'place' })).toEqual(
      DEFAULT_APPEARANCE,
    );
    expect(readAppearance({ hoverDelayMs: MAX_HOVER_DELAY_MS + 1 }).hoverDelayMs).toBe(DEFAULT_APPEARANCE.hoverDelayMs);
    expect(readAppearance({ hoverDelayMs: Number.NaN }).hoverDelayMs).toBe(DEFAULT_APPEARANCE.hoverDelayMs);
    // A kind this version does not know is kept (a newer version wrote it); what is no kind's name is not.
    expect(
      readAppearance({ hoverDelayMs: 0, hoverModifier: 'alt', underline: 'none', quiet: true, unmarkedKinds: ['place', 'future-kind', 3, 'place'], extra: 1 }),
    ).toEqual({ hoverDelayMs: 0, hoverModifier: 'alt', underline: 'none', quiet: true, unmarkedKinds: ['future-kind', 'place'] });
  });

  it('lets the user switch a site off over a damaged value without losing the sites it can read', async () => {
    await fakeBrowser.storage.local.set({ siteSettings: { disabledSites: ['kept.com', null], extra: 1 } });
    expect(isEnabledOn(await siteSettings.getValue(), 'kept.com')).toBe(false);
    await setSiteEnabled('new.com', false);
    expect(await siteSettings.getValue()).toEqual({ paused: false, disabledSites: ['kept.com', 'new.com'] });
  });
});

describe('toolbar badge', () => {
  it('shows the count of mentions, nothing for none, and stays short', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(2885)).toBe('999');
  });

  it('says in its tooltip what it counts, or why it counts nothing', () => {
    expect(badgeTitle({ count: 108, names: 21, state: 'on' })).toBe('Side Notes: 108 mentions of 21 names on this page');
    expect(badgeTitle({ count: 1, names: 1, state: 'on' })).toBe('Side Notes: 1 mention of 1 name on this page');
    expect(badgeTitle({ count: 0, names: 0, state: 'on' })).toBe('Side Notes: no names from your notes on this page');
    expect(badgeTitle({ count: 0, names: 0, state: 'paused' })).toBe('Side Notes: paused everywhere');
    expect(badgeTitle({ count: 0, names: 0, state: 'off' })).toBe('Side Notes: off on this site');
  });
});

describe('the keyboard shortcut', () => {
  beforeEach(() => fakeBrowser.reset());

  it("switches the active tab's site, as its content script names it, without reading the tab's address", async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://news.example.com/a', active: true });
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ ...tab, url: undefined }]);
    const sendMessage = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ site: 'news.example.com' });
    expect(await toggleActiveTabSite()).toBe(false);
    expect(sendMessage).toHaveBeenCalledWith(tab.id, { type: 'side-notes:page-state' }, { frameId: 0 });
    expect((await siteSettings.getValue()).disabledSites).toEqual(['example.com']);
    expect(await toggleActiveTabSite()).toBe(true);
    expect((await siteSettings.getValue()).disabledSites).toEqual([]);
  });

  it('does nothing on a page where no content script answers', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'chrome://extensions', active: true });
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab]);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection'));
    expect(await toggleActiveTabSite()).toBeNull();
    expect(await siteSettings.getValue()).toEqual(DEFAULT_SITE_SETTINGS);
  });
});
