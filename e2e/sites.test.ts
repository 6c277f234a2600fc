/**
 * One notion of a site everywhere (issue 13, item 6; README, "Sites"): a registrable domain covers its subdomains,
 * ports are ignored, internationalised domains are shown in Unicode; the popup switch, the options list, the keyboard
 * shortcut and the content script all agree; an old stored list (version 1: hosts with ports, punycode in capitals)
 * is migrated when the extension starts, without losing a site; the options list accepts only what it can use and
 * says why it refuses the rest. The host names are mapped to the local test server by Chromium's resolver, so nothing
 * leaves the machine. Screenshots in e2e/screenshots/sites-*.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as extensionApi } from 'wxt/browser';
import { launchWithExtension, settledPageState, type ExtensionBrowser } from './support/browser';
import { collectErrors, openPopupFor, screenshotTo, storedSiteSettings, waitForPageState } from './support/journeys';
import { pressShortcut } from './support/keys';
import { startPageServer, type PageServer } from './support/pages';

/** example.com, its subdomains, example.org's and bücher.de (xn--bcher-kva.de) are this machine. */
const RESOLVE_LOCALLY =
  '--host-resolver-rules=MAP example.com 127.0.0.1, MAP *.example.com 127.0.0.1, MAP *.example.org 127.0.0.1, MAP xn--bcher-kva.de 127.0.0.1';

describe('one notion of a site', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let port: string;
  const profileDir = mkdtempSync(join(tmpdir(), 'side-notes-sites-'));

  async function article(host: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`http://${host}:${port}/article.html`);
    await settledPageState(browser, page);
    return page;
  }

  const on = (page: Page) =>
    waitForPageState(browser, page, (s) => s.enabled && s.mentions.length > 50, { what: 'Side Notes on' });
  const off = (page: Page) => waitForPageState(browser, page, (s) => !s.enabled && s.mentions.length === 0, { what: 'Side Notes off' });

  beforeAll(async () => {
    server = await startPageServer();
    port = new URL(server.origin).port;
    // An install from before the site notion: version 1 wrote hosts with their ports, as the browser spelled them.
    const first = await launchWithExtension(profileDir, { args: [RESOLVE_LOCALLY] });
    await first.worker.evaluate(async (port) => {
      const chrome = (globalThis as unknown as { chrome: typeof extensionApi }).chrome;
      await chrome.storage.local.remove('siteSettings$');
      await chrome.storage.local.set({
        siteSettings: { paused: false, disabledSites: [`news.example.com:${port}`, `www.example.com:${port}`, 'XN--BCHER-KVA.DE'] },
      });
    }, port);
    await first.close({ keepProfile: true });
    browser = await launchWithExtension(profileDir, { args: [RESOLVE_LOCALLY] });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('migrates the old list when the extension starts: each entry becomes its site, none is lost', async () => {
    await expect
      .poll(() => storedSiteSettings(browser))
      .toEqual({ paused: false, disabledSites: ['example.com', 'xn--bcher-kva.de'] });
    const meta = await browser.worker.evaluate(async () => {
      const chrome = (globalThis as unknown as { chrome: typeof extensionApi }).chrome;
      return (await chrome.storage.local.get('siteSettings$'))['siteSettings$'];
    });
    expect(meta).toEqual({ v: 2 });
  });

  it('a site covers its subdomains and every port, in the content script too', async () => {
    const news = await article('news.example.com');
    expect((await off(news)).site).toBe('news.example.com');
    const bare = await article('example.com');
    await off(bare);
    // Another registrable domain, and an IP address, are other sites.
    const other = await article('news.example.org');
    await on(other);
    const ip = await article('127.0.0.1');
    expect((await on(ip)).site).toBe('127.0.0.1');
    await Promise.all([bare.close(), other.close(), ip.close()]);
    await news.close();
  });

  it('the popup names the site, not the subdomain, in Unicode, and switches the whole site', async () => {
    const news = await article('news.example.com');
    const { popup } = await openPopupFor(browser, news);
    const errors = collectErrors(popup);
    const siteSwitch = popup.getByTestId('site-switch');
    await expect.poll(() => siteSwitch.textContent()).toBe('Side notes on example.com');
    expect(await siteSwitch.getAttribute('aria-checked')).toBe('false');
    await siteSwitch.click();
    await on(news);
    expect(await storedSiteSettings(browser)).toEqual({ paused: false, disabledSites: ['xn--bcher-kva.de'] });
    await siteSwitch.click();
    await off(news);
    // Off from news.example.com is off for example.com, never for the subdomain alone.
    expect(await storedSiteSettings(browser)).toEqual({ paused: false, disabledSites: ['example.com', 'xn--bcher-kva.de'] });
    await popup.close();

    const books = await article('xn--bcher-kva.de');
    await off(books);
    const popup2 = (await openPopupFor(browser, books)).popup;
    await expect.poll(() => popup2.getByTestId('site-switch').textContent()).toBe('Side notes on bücher.de');
    expect(errors).toEqual([]);
    await popup2.close();
    await books.close();
    await news.close();
  });

  it('the keyboard shortcut switches the same site as the popup', async () => {
    const page = await article('www.example.com');
    await off(page);
    await page.bringToFront();
    await pressShortcut(page, 'Alt+Shift+S');
    await on(page);
    expect(await storedSiteSettings(browser)).toEqual({ paused: false, disabledSites: ['xn--bcher-kva.de'] });
    await pressShortcut(page, 'Alt+Shift+S');
    await off(page);
    expect(await storedSiteSettings(browser)).toEqual({ paused: false, disabledSites: ['example.com', 'xn--bcher-kva.de'] });
    await page.close();
  });

  it('the options list shows sites in Unicode, accepts only what it can use, and says why', async () => {
    const options = await browser.context.newPage();
    const errors = collectErrors(options);
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const rows = options.getByTestId('disabled-sites').locator('li');
    await expect.poll(() => rows.locator('.options__host').allTextContents()).toEqual(['example.com', 'bücher.de']);
    // Every "Turn back on" names its site for assistive technology.
    expect(await rows.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')))).toEqual([
      'Turn back on for example.com',
      'Turn back on for bücher.de',
    ]);

    const input = options.locator('#add-site');
    const submit = options.getByRole('button', { name: 'Turn off', exact: true });
    const status = options.getByTestId('site-status');
    const error = options.getByTestId('site-error');

    // A duplicate, however it is written, says so and leaves the field as typed.
    await input.fill('EXAMPLE.COM');
    await submit.click();
    await expect.poll(() => status.textContent()).toBe('example.com is already off.');
    expect(await input.inputValue()).toBe('EXAMPLE.COM');
    await input.fill('https://news.example.com/world?id=1');
    await submit.click();
    await expect.poll(() => status.textContent()).toBe('example.com is already off.');

    // A wildcard is refused, naming the site to type instead.
    await input.fill('*.example.org');
    await submit.click();
    await expect.poll(() => error.textContent()).toContain('Type example.org instead');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toContain('add-site-error');
    await screenshotTo(options, 'sites-options-wildcard', { x: 0, y: 0, width: 1200, height: 800 });

    // Something that is no address at all.
    await input.fill('not a site');
    await submit.click();
    await expect.poll(() => error.textContent()).toContain('not a web address');
    await input.fill('co.uk');
    await submit.click();
    await expect.poll(() => error.textContent()).toContain('shared by many sites');

    // A whole address is read as its site, and the reader is told what was turned off.
    await input.fill('https://News.Example.org/path/to/story');
    await submit.click();
    await expect.poll(() => rows.locator('.options__host').allTextContents()).toEqual(['example.com', 'example.org', 'bücher.de']);
    expect(await status.textContent()).toBe('Turned off on example.org, which covers news.example.org and every other part of it.');
    expect(await input.inputValue()).toBe('');
    expect(await error.count()).toBe(0);
    expect(await storedSiteSettings(browser)).toEqual({ paused: false, disabledSites: ['example.com', 'example.org', 'xn--bcher-kva.de'] });
    await screenshotTo(options, 'sites-options-added', { x: 0, y: 0, width: 1200, height: 800 });

    // Unicode typed is stored once, in its ASCII form.
    await input.fill('bücher.de');
    await submit.click();
    await expect.poll(() => status.textContent()).toBe('bücher.de is already off.');

    // Turning one back on reaches its pages at once.
    const page = await article('news.example.org');
    await off(page);
    await options.bringToFront();
    await options.getByRole('button', { name: 'Turn back on for example.org' }).click();
    await on(page);
    expect(errors).toEqual([]);
    await page.close();
    await options.close();
  });
});
