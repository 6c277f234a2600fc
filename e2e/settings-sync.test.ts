/**
 * Settings that follow the reader (README, "Settings across devices"): a site switched off in the popup reaches
 * `storage.sync` (which the browser carries to the reader's other devices), stays off across a reload and a restart,
 * and the page still cannot tell Side Notes is there; a change another device made, arriving in `storage.sync`,
 * reaches the open page without a reload; the options page says the settings sync.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, screenshot, settledPageState, type ExtensionBrowser } from './support/browser';
import { collectErrors, openPopupFor, pageHasHighlights, storedSiteSettings, waitForPageState } from './support/journeys';
import { startPageServer, type PageServer } from './support/pages';
import { pageTimerFired, until } from './support/patience';

/** What `storage.sync` holds, as the extension's service worker reads it. */
function syncItems(browser: ExtensionBrowser): Promise<Record<string, unknown>> {
  return browser.worker.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    return chrome.storage.sync.get(null);
  });
}

/** The time `site` was last switched off in `storage.sync`'s items, or undefined when it is not off there. */
function offInSync(items: Record<string, unknown>, site: string): number | undefined {
  for (const [key, value] of Object.entries(items)) {
    const at = key.startsWith('sites.') ? (value as { off?: Record<string, number> }).off?.[site] : undefined;
    if (at !== undefined) return at;
  }
  return undefined;
}

/** What a page can observe of Side Notes: highlights, adopted sheets, an added element. */
function traces(page: Page) {
  return page.evaluate(() => ({
    highlights: CSS.highlights.size,
    adoptedStyleSheets: document.adoptedStyleSheets.length,
    card: document.querySelector('side-notes-card') !== null,
  }));
}

describe('settings across devices', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  const profileDir = mkdtempSync(join(tmpdir(), 'side-notes-sync-'));
  let site: string;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startPageServer();
    site = new URL(server.origin).hostname;
    browser = await launchWithExtension(profileDir);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('puts a site switched off in storage.sync, and it stays off, undetectable, after a reload and a restart', async () => {
    page = await browser.context.newPage();
    errors = collectErrors(page);
    await page.goto(`${server.origin}/article.html`);
    await waitForPageState(browser, page, (s) => s.enabled && s.mentions.length > 0, { what: 'Side Notes on' });

    const { popup } = await openPopupFor(browser, page);
    const siteSwitch = popup.getByTestId('site-switch');
    await expect.poll(() => siteSwitch.getAttribute('aria-checked')).toBe('true');
    await siteSwitch.click();
    await waitForPageState(browser, page, (s) => !s.enabled && s.mentions.length === 0, { what: 'Side Notes off' });
    const at = await until(async () => offInSync(await syncItems(browser), site), `${site} off in storage.sync`);
    expect(at).toBeGreaterThan(0);
    await popup.close();

    await page.reload();
    expect((await settledPageState(browser, page)).enabled).toBe(false);
    await pageTimerFired(page, 500);
    expect(await traces(page)).toEqual({ highlights: 0, adoptedStyleSheets: 0, card: false });

    await browser.close({ keepProfile: true });
    browser = await launchWithExtension(profileDir);
    expect(offInSync(await syncItems(browser), site)).toBe(at);
    expect(await storedSiteSettings(browser)).toEqual({ paused: false, disabledSites: [site] });
    page = await browser.context.newPage();
    errors = collectErrors(page);
    await page.goto(`${server.origin}/article.html`);
    expect((await settledPageState(browser, page)).enabled).toBe(false);
    await pageTimerFired(page, 500);
    expect(await traces(page)).toEqual({ highlights: 0, adoptedStyleSheets: 0, card: false });

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => options.getByTestId('sync-status').getAttribute('data-state')).toBe('synced');
    expect(await options.getByTestId('sync-status').textContent()).toContain('follow you to your other devices');
    await screenshot(options, 'settings-sync-options');
    await options.close();
  });

  it('takes a newer change from another device, arriving in storage.sync, to the open page without a reload', async () => {
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    // The other device switched the site back on after this one switched it off.
    const at = offInSync(await syncItems(browser), site)!;
    await browser.worker.evaluate(
      async ({ site, at }) => {
        const chrome = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
        await chrome.storage.sync.set({ 'sites.0': { off: {}, on: { [site]: at + 1000 } } });
      },
      { site, at },
    );
    await waitForPageState(browser, page, (s) => s.enabled && s.mentions.length > 0, { what: 'on again from the other device' });
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await pageHasHighlights(page)).toBe(true);
    expect(await storedSiteSettings(browser)).toEqual({ paused: false, disabledSites: [] });
    // The turned-on site stays in storage.sync as a tombstone with that time, so an older "off" cannot bring it back.
    const items = await syncItems(browser);
    expect(offInSync(items, site)).toBeUndefined();
    expect((items['sites.0'] as { on: Record<string, number> }).on[site]).toBe(at + 1000);
    expect(errors).toEqual([]);
  });
});
