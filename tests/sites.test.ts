/**
 * One notion of a site (README, "Sites"): a registrable domain that covers its subdomains, IPs and localhost their
 * own site, local files one site, ports and schemes ignored, Unicode shown as Unicode; and the stored list of version
 * 1 (hosts with ports) migrated to version 2 without losing a site.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isEnabledOn, readSiteSettings } from '@/utils/settings/schema';
import { alreadyOff, parseSiteInput, siteForHost, siteLabel, tidySites } from '@/utils/settings/site-names';
import { covers, LOCAL_FILES, normalizeHost, siteOf } from '@/utils/settings/sites';
import {
  migrateSiteSettingsV2,
  setSiteEnabled,
  siteSettings,
  storedSiteSettings,
  toggleSite,
} from '@/utils/settings/items';

describe('the site of a host', () => {
  it.each([
    ['news.example.com', 'example.com'],
    ['example.com', 'example.com'],
    ['www.bbc.co.uk', 'bbc.co.uk'],
    ['someone.github.io', 'someone.github.io'],
    ['127.0.0.1', '127.0.0.1'],
    ['127.0.0.1:8765', '127.0.0.1'],
    ['localhost', 'localhost'],
    ['[::1]:8080', '[::1]'],
    ['intranet', 'intranet'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['shop.bücher.de', 'xn--bcher-kva.de'],
    ['News.Example.COM.', 'example.com'],
    ['file://', LOCAL_FILES],
  ])('%s is on the site %s', (host, site) => {
    expect(siteForHost(host)).toBe(site);
  });

  it('shows internationalised domains in Unicode', () => {
    expect(siteLabel('xn--bcher-kva.de')).toBe('bücher.de');
    expect(siteLabel(LOCAL_FILES)).toBe('local files');
    expect(siteLabel('example.com')).toBe('example.com');
  });

  it('reads a page address as its host, ports and schemes aside', () => {
    expect(siteOf('https://News.Example.com:8443/a?b')).toBe('news.example.com');
    expect(siteOf('http://127.0.0.1:8765/article.html')).toBe('127.0.0.1');
    expect(siteOf('http://bücher.de/')).toBe('xn--bcher-kva.de');
    expect(siteOf('file:///tmp/a.html')).toBe(LOCAL_FILES);
    expect(siteOf('chrome://extensions')).toBeNull();
  });

  it('covers a host by suffix, whole labels only (what the content script does, with no suffix list)', () => {
    expect(covers('example.com', 'example.com')).toBe(true);
    expect(covers('example.com', 'news.example.com')).toBe(true);
    expect(covers('example.com', 'a.b.example.com')).toBe(true);
    expect(covers('example.com', 'notexample.com')).toBe(false);
    expect(covers('news.example.com', 'example.com')).toBe(false);
    expect(covers('127.0.0.1', '127.0.0.1')).toBe(true);
    expect(covers(LOCAL_FILES, LOCAL_FILES)).toBe(true);
    expect(covers(LOCAL_FILES, 'example.com')).toBe(false);
    expect(normalizeHost('News.Example.com:8080')).toBe('news.example.com');
  });

  it('is the same notion for the content script: 127.0.0.1 covers 127.0.0.1:8765, example.com covers a subdomain', () => {
    const settings = readSiteSettings({ paused: false, disabledSites: ['127.0.0.1', 'example.com'] });
    expect(isEnabledOn(settings, siteOf('http://127.0.0.1:8765/a')!)).toBe(false);
    expect(isEnabledOn(settings, siteOf('https://news.example.com/a')!)).toBe(false);
    expect(isEnabledOn(settings, siteOf('http://localhost:8765/a')!)).toBe(true);
    expect(isEnabledOn(settings, siteOf('https://example.org/')!)).toBe(true);
  });

  it('reads an unmigrated list leniently: an old entry with a port still covers its host', () => {
    const settings = readSiteSettings({ paused: false, disabledSites: ['news.example.com:8080'] });
    expect(settings.disabledSites).toEqual(['news.example.com']);
    expect(isEnabledOn(settings, 'news.example.com')).toBe(false);
  });
});

describe('what a reader types', () => {
  it.each([
    ['EXAMPLE.COM', 'example.com', 'example.com'],
    ['https://example.com/path?q=1', 'example.com', 'example.com'],
    ['news.example.com', 'example.com', 'news.example.com'],
    ['bücher.de', 'xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['http://xn--bcher-kva.de/', 'xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['127.0.0.1:8765', '127.0.0.1', '127.0.0.1'],
    ['file:///home/me/a.html', LOCAL_FILES, LOCAL_FILES],
  ])('%j is the site %j', (input, site, typedHost) => {
    expect(parseSiteInput(input)).toEqual({ ok: true, site, typedHost });
  });

  it('refuses wildcards, and says which site to type instead', () => {
    const read = parseSiteInput('*.example.com');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toContain('Type example.com instead');
  });

  it.each([
    ['', 'Type a site'],
    ['not a site', 'not a web address'],
    ['word', 'not a site’s address'],
    ['co.uk', 'shared by many sites'],
    ['ftp://example.com', 'Only web sites'],
  ])('refuses %j: %s', (input, message) => {
    const read = parseSiteInput(input);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toContain(message);
  });

  it('knows a site already off, and which entry covers it', () => {
    expect(alreadyOff(['example.com'], 'example.com')).toBe('example.com');
    expect(alreadyOff(['example.com'], 'example.org')).toBeUndefined();
  });
});

describe('the stored list, version 1 → 2', () => {
  beforeEach(() => fakeBrowser.reset());

  it('turns every entry into its site, merges duplicates, keeps the pause', () => {
    expect(
      migrateSiteSettingsV2({
        paused: true,
        disabledSites: [
          'news.example.com:8080',
          'example.com',
          'WWW.Example.com',
          'xn--bcher-kva.de',
          'shop.bücher.de',
          '127.0.0.1:8765',
          'localhost:3000',
          'file://',
          'co.uk',
          '',
          7,
        ],
      }),
    ).toEqual({
      paused: true,
      disabledSites: ['127.0.0.1', 'example.com', 'file://', 'localhost', 'xn--bcher-kva.de'],
    });
  });

  it('leaves what is no settings object alone, and an unreadable list empty', () => {
    expect(migrateSiteSettingsV2(null)).toBeNull();
    expect(migrateSiteSettingsV2({ paused: false, disabledSites: 'a.com' })).toEqual({ paused: false, disabledSites: [] });
  });

  it('migrates what version 1 stored, in storage, without losing a site', async () => {
    await fakeBrowser.storage.local.set({
      siteSettings: { paused: false, disabledSites: ['news.example.com:8080', 'example.com', 'a.example.org', '127.0.0.1:8765'] },
    });
    await storedSiteSettings.migrate();
    const stored = await fakeBrowser.storage.local.get(['siteSettings', 'siteSettings$']);
    expect(stored.siteSettings).toEqual({ paused: false, disabledSites: ['127.0.0.1', 'example.com', 'example.org'] });
    expect(stored['siteSettings$']).toEqual({ v: 2 });
    // Every page that was off is still off.
    const now = await siteSettings.getValue();
    for (const host of ['news.example.com', 'example.com', 'a.example.org', '127.0.0.1']) {
      expect(isEnabledOn(now, host)).toBe(false);
    }
  });

  it('switches a site off and on again by any of its hosts', async () => {
    await setSiteEnabled('news.example.com', false);
    expect((await siteSettings.getValue()).disabledSites).toEqual(['example.com']);
    await setSiteEnabled('example.com', false);
    expect((await siteSettings.getValue()).disabledSites).toEqual(['example.com']);
    expect(await toggleSite('www.example.com')).toBe(true);
    expect((await siteSettings.getValue()).disabledSites).toEqual([]);
  });

  it('turns on a page covered by an old, unmigrated entry by removing that entry', async () => {
    await fakeBrowser.storage.local.set({ siteSettings: { paused: false, disabledSites: ['news.example.com:8080'] } });
    expect(await toggleSite('news.example.com')).toBe(true);
    expect((await siteSettings.getValue()).disabledSites).toEqual([]);
  });

  it('keeps tidy lists as they are', () => {
    expect(tidySites(['example.com', 'example.org'])).toEqual(['example.com', 'example.org']);
  });
});
