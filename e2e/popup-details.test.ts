/**
 * The details of the popup a reader notices (issue 13, items 1 and 2): a click on a name "On this page" takes the
 * page to it and opens its card there; the popup's own card offers "Show on page" and walks the entity's mentions on
 * the page, saying which one it shows ("3 of 14"); and while "Pause everywhere" is on, the site switch says the pause
 * overrides it, and the toolbar badge shows nothing. Screenshots in e2e/screenshots/popup-details-*.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as extensionApi } from 'wxt/browser';
import type { PageState } from '../utils/page/page-state';
import { launchWithExtension, settledPageState, tabIdOf, type ExtensionBrowser } from './support/browser';
import { collectErrors, openPopupFor, screenshotTo, storedSiteSettings, waitForPageState, textOnScreen } from './support/journeys';
import { startPageServer, type PageServer } from './support/pages';

/** The toolbar button's badge and tooltip for a tab, as the browser has them. */
async function toolbarOf(browser: ExtensionBrowser, tabId: number): Promise<{ badge: string; title: string }> {
  return browser.worker.evaluate(async (tabId) => {
    const chrome = (globalThis as unknown as { chrome: typeof extensionApi }).chrome;
    return { badge: await chrome.action.getBadgeText({ tabId }), title: await chrome.action.getTitle({ tabId }) };
  }, tabId);
}


/** The popup's content fits Chrome's 600 px cap on a popup's height: nothing needs the page itself to scroll. */
async function fitsPopup(popup: Page): Promise<void> {
  expect(await popup.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(600);
}

describe('the popup, in detail', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let article: Page;
  let state: PageState;
  let tabId: number;

  beforeAll(async () => {
    server = await startPageServer();
    browser = await launchWithExtension();
    article = await browser.context.newPage();
    await article.goto(`${server.origin}/article.html`);
    state = await settledPageState(browser, article);
    tabId = await tabIdOf(browser, article);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a click on a name "On this page" scrolls the page to its first mention and opens its card there', async () => {
    const { popup } = await openPopupFor(browser, article);
    const errors = collectErrors(popup);
    await popup.getByTestId('page-entity').first().waitFor({ state: 'visible' });
    // The last entity the page names: its first mention is far down the article.
    const rows = popup.getByTestId('page-entity');
    const names = await rows.locator('.sn-list__name').allTextContents();
    await fitsPopup(popup);
    const lastName = names.at(-1)!;
    const first = state.mentions.find((mention) => mention.name === lastName)!;
    expect(await article.evaluate(() => scrollY)).toBe(0);
    await rows.nth(names.length - 1).click();

    await waitForPageState(browser, article, (s) => s.openCard === first.entityId, { what: `${lastName}'s card on the page` });
    expect(await article.evaluate(() => scrollY)).toBeGreaterThan(0);
    const occurrence = state.mentions.filter((m) => m.text === first.text).indexOf(first);
    expect(await textOnScreen(article, first.text, occurrence)).toBe(true);
    expect(errors).toEqual([]);
    if (!popup.isClosed()) await popup.close();
    await article.keyboard.press('Escape');
    await waitForPageState(browser, article, (s) => s.openCard === null, { what: 'the card closed' });
  });

  it("the popup's card shows the entity on the page and walks its mentions, saying which one", async () => {
    const { popup } = await openPopupFor(browser, article);
    const stoltenberg = state.mentions.filter((mention) => mention.entityId === 'jens-stoltenberg');
    expect(stoltenberg.length).toBeGreaterThan(3);
    const of = stoltenberg.length;

    await popup.getByTestId('search').fill('stoltenberg');
    await popup.locator('section[aria-busy="false"]').waitFor();
    await popup.getByTestId('result').first().waitFor({ state: 'visible' });
    await popup.getByTestId('search').press('Enter');
    await popup.getByTestId('entity-card').waitFor({ state: 'visible' });

    const bar = popup.getByTestId('mentions-bar');
    const where = popup.getByTestId('mention-position');
    expect(await bar.getAttribute('role')).toBe('group');
    expect(await where.textContent()).toBe(`${of} mentions`);
    expect(await popup.getByTestId('next-mention').getAttribute('aria-label')).toBe('Next mention of Jens Stoltenberg');

    await popup.getByTestId('show-on-page').click();
    await expect.poll(() => where.textContent()).toBe(`1 of ${of}`);
    await waitForPageState(browser, article, (s) => s.openCard === 'jens-stoltenberg', { what: 'his card on the page' });
    await fitsPopup(popup);
    await screenshotTo(popup, 'popup-details-card-walk');

    await popup.getByTestId('next-mention').click();
    await expect.poll(() => where.textContent()).toBe(`2 of ${of}`);
    await popup.getByTestId('next-mention').click();
    await expect.poll(() => where.textContent()).toBe(`3 of ${of}`);
    // The page shows the third mention: it is on screen, and the card is open at it.
    const third = stoltenberg[2];
    const occurrence = state.mentions.filter((m) => m.text === third.text).indexOf(third);
    await expect.poll(() => textOnScreen(article, third.text, occurrence)).toBe(true);
    await screenshotTo(article, 'popup-details-third-mention-on-page');

    await popup.getByTestId('previous-mention').click();
    await expect.poll(() => where.textContent()).toBe(`2 of ${of}`);
    await popup.getByTestId('previous-mention').click();
    await popup.getByTestId('previous-mention').click();
    // Before the first comes round to the last.
    await expect.poll(() => where.textContent()).toBe(`${of} of ${of}`);
    expect((await waitForPageState(browser, article, () => true)).openCard).toBe('jens-stoltenberg');

    // A note the page does not name has no such bar.
    await popup.getByTestId('back').click();
    await popup.getByTestId('search').fill('zzzz');
    await popup.getByTestId('no-results').waitFor({ state: 'visible' });
    await popup.close();
  });

  it('while paused everywhere, the site switch says the pause overrides it, and the badge shows nothing', async () => {
    // On: the badge counts the page's mentions and its tooltip says what it counts, as the popup does.
    const entities = new Set(state.mentions.map((mention) => mention.entityId)).size;
    const line = `${state.mentions.length} mentions of ${entities} names on this page`;
    await expect.poll(() => toolbarOf(browser, tabId)).toEqual({ badge: String(state.mentions.length), title: `Side Notes: ${line}` });
    const { popup } = await openPopupFor(browser, article);
    await expect.poll(() => popup.getByTestId('page-total').textContent()).toBe(line);

    const siteSwitch = popup.getByTestId('site-switch');
    await expect.poll(() => siteSwitch.isDisabled()).toBe(false);
    expect(await siteSwitch.getAttribute('aria-describedby')).toBeNull();
    await popup.getByTestId('pause-switch').click();
    await waitForPageState(browser, article, (s) => !s.enabled, { what: 'paused' });

    const note = popup.getByTestId('site-overridden');
    await note.waitFor({ state: 'visible' });
    expect(await note.textContent()).toContain('Paused everywhere');
    // Still a switch a reader can reach and use, described by the note.
    expect(await siteSwitch.getAttribute('aria-describedby')).toBe(await note.getAttribute('id'));
    expect(await siteSwitch.isDisabled()).toBe(false);
    expect(await siteSwitch.getAttribute('aria-checked')).toBe('true');
    const described = await popup.evaluate(() => {
      const button = document.querySelector('[data-testid="site-switch"]')!;
      const ids = button.getAttribute('aria-describedby')!.split(' ');
      return ids.map((id) => document.getElementById(id)?.textContent).join(' ');
    });
    expect(described).toContain('takes effect when you resume');
    // Dimmed: the switch's track is faded.
    expect(Number(await siteSwitch.locator('.sn-switch__track').evaluate((track) => getComputedStyle(track).opacity))).toBeLessThan(1);
    await expect.poll(() => popup.getByTestId('page-message').textContent()).toContain('paused everywhere');
    await fitsPopup(popup);
    await screenshotTo(popup, 'popup-details-paused');

    await expect.poll(() => toolbarOf(browser, tabId)).toEqual({ badge: '', title: 'Side Notes: paused everywhere' });

    // The switch still records the reader's choice for when the pause ends.
    await siteSwitch.click();
    await expect.poll(() => siteSwitch.getAttribute('aria-checked')).toBe('false');
    expect(await storedSiteSettings(browser)).toEqual({ paused: true, disabledSites: ['127.0.0.1'] });
    await siteSwitch.click();
    await expect.poll(() => siteSwitch.getAttribute('aria-checked')).toBe('true');

    await popup.getByTestId('pause-switch').click();
    await note.waitFor({ state: 'detached' });
    await waitForPageState(browser, article, (s) => s.enabled && s.mentions.length === state.mentions.length, {
      what: 'on again',
    });
    await expect.poll(() => toolbarOf(browser, tabId)).toEqual({ badge: String(state.mentions.length), title: `Side Notes: ${line}` });
    await popup.close();
  });
});
