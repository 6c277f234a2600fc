/**
 * Switching Side Notes off for one site, and pausing it everywhere, from the popup: the page's underlines go at
 * once, stay gone across a reload and a browser restart (same profile), other sites are untouched, and switching
 * back on brings the mentions back without a reload. The two sites are the same server under two host names
 * (`127.0.0.1:<port>` and `localhost:<port>`).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, pageStateOf, settledPageState, type ExtensionBrowser } from './support/browser';
import { openPopupFor, pageHasHighlights, storedSiteSettings, waitForPageState } from './support/journeys';
import { startPageServer, type PageServer } from './support/pages';
import { pageTimerFired } from './support/patience';

describe('switching Side Notes off and on', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  const profileDir = mkdtempSync(join(tmpdir(), 'side-notes-switch-'));
  /** The site switched off. */
  let siteA: string;
  /** Another site (same server, another host name). */
  let siteB: string;
  let hostA: string;
  /** Site A as the switch knows it: ports play no part (README, "Sites"). */
  let siteKeyA: string;

  const isOff = (page: Page) =>
    waitForPageState(browser, page, (s) => !s.enabled && s.mentions.length === 0, { what: 'Side Notes off' });
  const isOn = (page: Page) =>
    waitForPageState(browser, page, (s) => s.enabled && s.mentions.length > 50 && s.stats.textNodes > 0, {
      what: 'Side Notes on with the article mentions',
    });

  async function article(origin: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/article.html`);
    await settledPageState(browser, page);
    return page;
  }

  beforeAll(async () => {
    server = await startPageServer();
    siteA = server.origin;
    hostA = new URL(siteA).host;
    siteKeyA = new URL(siteA).hostname;
    siteB = `http://localhost:${new URL(siteA).port}`;
    browser = await launchWithExtension(profileDir);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('turns off for the site from the popup, and stays off after a reload', async () => {
    const page = await article(siteA);
    expect((await isOn(page)).host).toBe(hostA);
    expect(await pageHasHighlights(page)).toBe(true);

    const { popup } = await openPopupFor(browser, page);
    const siteSwitch = popup.getByTestId('site-switch');
    await expect.poll(() => siteSwitch.getAttribute('aria-checked')).toBe('true');
    expect(await siteSwitch.getAttribute('role')).toBe('switch');
    expect(await siteSwitch.textContent()).toBe(`Side notes on ${siteKeyA}`);
    await siteSwitch.click();
    await expect.poll(() => siteSwitch.getAttribute('aria-checked')).toBe('false');

    const off = await isOff(page);
    expect(off.host).toBe(hostA);
    expect(off.openCard).toBeNull();
    // The page's main world sees the same highlight registry: our entry is gone.
    expect(await pageHasHighlights(page)).toBe(false);
    expect(await storedSiteSettings(browser)).toEqual({ paused: false, disabledSites: [siteKeyA] });
    // The popup says why its list is empty.
    await expect.poll(() => popup.getByTestId('page-message').textContent()).toContain('off on this site');

    await page.reload();
    const reloaded = await settledPageState(browser, page);
    expect(reloaded.enabled).toBe(false);
    expect(reloaded.mentions).toEqual([]);
    expect(await pageHasHighlights(page)).toBe(false);
    // A pointer resting on a name opens nothing.
    const { x, y } = await page.evaluate(() => {
      const node = [...document.querySelectorAll('p')].find((p) => p.textContent!.includes('Stoltenberg'))!.firstChild!;
      const range = document.createRange();
      const at = node.textContent!.indexOf('Stoltenberg');
      range.setStart(node, at);
      range.setEnd(node, at + 11);
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    });
    await page.mouse.move(x, y);
    // Past the hover delay on the page's clock: a card would have opened by now.
    await pageTimerFired(page, 1_000);
    expect((await pageStateOf(browser, page)).openCard).toBeNull();
    expect(await page.evaluate(() => document.querySelector('side-notes-card'))).toBeNull();
  });

  it('is still off for that site after a restart with the same profile, while another site is on', async () => {
    await browser.close({ keepProfile: true });
    browser = await launchWithExtension(profileDir);
    expect(await storedSiteSettings(browser)).toEqual({ paused: false, disabledSites: [siteKeyA] });

    const pageA = await article(siteA);
    const pageB = await article(siteB);
    const stateA = await pageStateOf(browser, pageA);
    expect(stateA.enabled).toBe(false);
    expect(stateA.mentions).toEqual([]);
    expect(await pageHasHighlights(pageA)).toBe(false);
    const stateB = await isOn(pageB);
    expect(stateB.host).toBe(new URL(siteB).host);
    expect(await pageHasHighlights(pageB)).toBe(true);

    // Switching it on again from the popup brings the mentions back in the same document (no reload).
    await pageA.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    const { popup } = await openPopupFor(browser, pageA);
    const siteSwitch = popup.getByTestId('site-switch');
    await expect.poll(() => siteSwitch.getAttribute('aria-checked')).toBe('false');
    await siteSwitch.click();
    await expect.poll(() => siteSwitch.getAttribute('aria-checked')).toBe('true');
    const back = await isOn(pageA);
    expect(back.mentions).toEqual(stateB.mentions);
    expect(await pageHasHighlights(pageA)).toBe(true);
    expect(await pageA.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await storedSiteSettings(browser)).toEqual({ paused: false, disabledSites: [] });
    // The popup lists the page's entities again.
    await popup.getByTestId('page-entity').first().waitFor({ state: 'visible' });
    await popup.close();
  });

  it('pauses everywhere, and resumes everywhere', async () => {
    const [pageA, pageB] = browser.context.pages().filter((page) => page.url().endsWith('/article.html'));
    expect(new URL(pageA.url()).origin).toBe(siteA);
    expect(new URL(pageB.url()).origin).toBe(siteB);

    const { popup } = await openPopupFor(browser, pageB);
    const pause = popup.getByTestId('pause-switch');
    await expect.poll(() => pause.getAttribute('aria-checked')).toBe('false');
    await pause.click();
    await expect.poll(() => pause.getAttribute('aria-checked')).toBe('true');
    await isOff(pageA);
    await isOff(pageB);
    expect(await pageHasHighlights(pageA)).toBe(false);
    expect(await pageHasHighlights(pageB)).toBe(false);
    expect(await storedSiteSettings(browser)).toEqual({ paused: true, disabledSites: [] });
    // Each site's own switch is untouched by the pause.
    expect(await popup.getByTestId('site-switch').getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => popup.getByTestId('page-message').textContent()).toContain('paused');

    // A page opened while paused is off too.
    const pageC = await article(siteB);
    expect((await pageStateOf(browser, pageC)).enabled).toBe(false);

    await pause.click();
    await expect.poll(() => pause.getAttribute('aria-checked')).toBe('false');
    await isOn(pageA);
    await isOn(pageB);
    await isOn(pageC);
    expect(await pageHasHighlights(pageA)).toBe(true);
    expect(await pageHasHighlights(pageB)).toBe(true);
    expect(await storedSiteSettings(browser)).toEqual({ paused: false, disabledSites: [] });
  });
});
