/**
 * The card by keyboard alone (issue 9): no mouse call in this file. Tab onto a link that holds a name opens its card
 * and says so; the shortcut moves focus into the card, a non-modal dialog where Tab goes round and Esc closes it and
 * puts focus back where it was; the walk shortcuts go from name to name, scrolling each into view; and the popup,
 * from its search box to a card opened on the page with focus in it. Screenshots in e2e/screenshots/keyboard-*.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageState } from '../utils/page/page-state';
import { launchWithExtension, settledPageState, tabIdOf, type ExtensionBrowser } from './support/browser';
import { inCardRoot, announced, focusInCard } from './support/card';
import { collectErrors, screenshotTo, waitForPageState, textOnScreen } from './support/journeys';
import { pressShortcut } from './support/keys';
import { seedArticlePage, startPageServer, type PageServer } from './support/pages';

const NEXT = 'Alt+Shift+Period';
const PREVIOUS = 'Alt+Shift+Comma';
const INTO_CARD = 'Alt+Shift+Down';

/** The seed article with a row of links at the top, one of which holds two names. */
function pageWithLinks(): string {
  return seedArticlePage().replace(
    '<main>',
    `<main>
    <nav><a href="#front">Front page</a> · <a href="#nato" id="named">Jens Stoltenberg in Seoul</a> · <a href="#more">More</a></nav>`,
  );
}


/** The page's own focused element, as the page sees it. */
function pageFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    return active ? `${active.tagName.toLowerCase()}${active.id ? `#${active.id}` : ''}` : 'none';
  });
}

/**
 * Where the mention marked as the open card's starts, as a character offset in the page's text (the page can read
 * its highlight registry: the open card's mention is the one range of the highlight with priority 1); null for none.
 */
function activeMentionAt(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const active = [...CSS.highlights.values()].find((highlight) => highlight.priority === 1);
    const range = active ? [...active][0] : undefined;
    if (!range) return null;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let offset = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node === range.startContainer) return offset + range.startOffset;
      offset += (node as Text).data.length;
    }
    return null;
  });
}


describe('the card by keyboard alone', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let page: Page;
  let state: PageState;
  let errors: string[];

  beforeAll(async () => {
    server = await startPageServer();
    server.pages.set('/links.html', pageWithLinks());
    browser = await launchWithExtension();
    page = await browser.context.newPage();
    errors = collectErrors(page);
    await page.goto(`${server.origin}/links.html`);
    state = await settledPageState(browser, page);
    await tabIdOf(browser, page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the card of a link that holds a name when Tab reaches it, and says so politely', async () => {
    await page.keyboard.press('Tab');
    expect(await pageFocus(page)).toBe('a');
    expect((await waitForPageState(browser, page, () => true)).openCard).toBeNull();
    await page.keyboard.press('Tab');
    expect(await pageFocus(page)).toBe('a#named');
    await waitForPageState(browser, page, (s) => s.openCard === 'jens-stoltenberg', { what: 'his card, opened by focus' });
    await expect.poll(() => announced(page)).toContain('Jens Stoltenberg, Person: card open.');
    // Focus stays on the link: nothing moves it without the reader asking.
    expect(await pageFocus(page)).toBe('a#named');
  });

  it('moves focus into the card with the shortcut: a dialog named after the entity', async () => {
    await pressShortcut(page, INTO_CARD);
    await expect.poll(() => focusInCard(page)).toBe('dialog');
    // The page sees only that focus went to the card's host; what is inside stays closed to it.
    expect(await pageFocus(page)).toBe('side-notes-card');
    const label = await inCardRoot<string | null>(
      page,
      `function (root) {
        const dialog = root.querySelector('[role="dialog"]');
        return root.getElementById(dialog.getAttribute('aria-labelledby'))?.textContent ?? null;
      }`,
      null,
      null,
    );
    expect(label).toBe('Jens Stoltenberg');
    await screenshotTo(page, 'keyboard-card-focused');
  });

  it('goes round the card with Tab and Shift+Tab, never leaving it', async () => {
    const stops: string[] = [];
    for (let press = 0; press < 14; press++) {
      await page.keyboard.press('Tab');
      stops.push((await focusInCard(page)) ?? 'outside');
    }
    expect(stops).not.toContain('outside');
    expect(stops[0]).toBe('Close');
    const round = stops.indexOf('Close', 1);
    expect(round).toBeGreaterThan(3);
    // One round holds every control: the related entities, the source's link, Next.
    const oneRound = stops.slice(0, round);
    expect(oneRound).toContain('Next');
    expect(oneRound).toContain('Yoon Suk Yeol');
    expect(new Set(oneRound).size).toBe(oneRound.length);
    expect(stops.slice(round, round * 2)).toEqual(oneRound.slice(0, stops.length - round));
    expect(await pageFocus(page)).toBe('side-notes-card');

    // Back to the first stop, then Shift+Tab goes round to the last.
    while ((await focusInCard(page)) !== 'Close') await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focusInCard(page)).toBe(oneRound.at(-1));
    await screenshotTo(page, 'keyboard-card-tab');
  });

  it('closes on Esc and puts focus back on the link exactly', async () => {
    await page.keyboard.press('Escape');
    await waitForPageState(browser, page, (s) => s.openCard === null, { what: 'the card closed' });
    expect(await pageFocus(page)).toBe('a#named');
    expect(await focusInCard(page)).toBeNull();
  });

  it('walks the names with the shortcuts, from where the reader is, scrolling each into view', async () => {
    // Focus leaves the links: the walk starts from the top of the screen.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const walked: string[] = [];
    let where = -1;
    for (let step = 0; step < 20; step++) {
      await pressShortcut(page, NEXT);
      await expect.poll(() => activeMentionAt(page)).toBeGreaterThan(where);
      where = (await activeMentionAt(page))!;
      walked.push((await waitForPageState(browser, page, (s) => s.openCard !== null)).openCard!);
    }
    expect(walked.slice(0, 2)).toEqual(['jens-stoltenberg', 'seoul']);
    // One mention at a time, in the page's order.
    expect(walked).toEqual(state.mentions.slice(0, 20).map((mention) => mention.entityId));
    // The twentieth name is further down the article: the page scrolled to it.
    const last = state.mentions[19];
    const occurrence = state.mentions.slice(0, 19).filter((mention) => mention.text === last.text).length;
    expect(await textOnScreen(page, last.text, occurrence)).toBe(true);
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(0);
    await expect.poll(() => announced(page)).toContain(`${last.name}, `);
    await screenshotTo(page, 'keyboard-walk');

    await pressShortcut(page, PREVIOUS);
    await expect.poll(() => activeMentionAt(page)).toBeLessThan(where);
    expect((await waitForPageState(browser, page, () => true)).openCard).toBe(state.mentions[18].entityId);
    // The walk never moved focus.
    expect(await focusInCard(page)).toBeNull();
  });

  it('comes round from the first name to the last, and says so', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Home');
    await waitForPageState(browser, page, (s) => s.openCard === null);
    // (The browser scrolls to the top smoothly: the walk starts from where the screen is once it is there.)
    await expect.poll(() => page.evaluate(() => scrollY)).toBe(0);
    await pressShortcut(page, NEXT);
    await waitForPageState(browser, page, (s) => s.openCard === 'jens-stoltenberg', { what: 'the first name' });
    await pressShortcut(page, PREVIOUS);
    const last = state.mentions.at(-1)!;
    await waitForPageState(browser, page, (s) => s.openCard === last.entityId, { what: 'round to the last name' });
    await expect.poll(() => announced(page)).toContain('Back to the last name on the page.');
    expect(await page.evaluate(() => scrollY + innerHeight >= document.documentElement.scrollHeight - 400)).toBe(true);
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
  });
});

describe('the popup by keyboard alone', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let article: Page;
  let state: PageState;

  beforeAll(async () => {
    server = await startPageServer();
    browser = await launchWithExtension();
    article = await browser.context.newPage();
    await article.goto(`${server.origin}/article.html`);
    state = await settledPageState(browser, article);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('starts in the search box, moves with the arrows, and Enter opens the card on the page with focus in it', async () => {
    const tabId = await tabIdOf(browser, article);
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await popup.getByTestId('page-entity').first().waitFor();
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search');

    // The second entity the page names.
    const second = state.mentions.find((mention) => mention.entityId !== state.mentions[0].entityId)!;
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowDown');
    const active = await popup.evaluate(() => {
      const id = document.activeElement?.getAttribute('aria-activedescendant');
      return id ? document.getElementById(id)?.querySelector('.sn-list__heading')?.textContent : null;
    });
    expect(active).toMatch(new RegExp(`^${second.name}, (Person|Organisation|Place|Treaty|Equipment), \\d+ mentions?\\. $`));
    await screenshotTo(popup, 'keyboard-popup-list');
    // The popup acts on keydown and closes itself once the page has the card: a keyup may find it gone.
    await popup.keyboard.down('Enter');

    await waitForPageState(browser, article, (s) => s.openCard === second.entityId, { what: 'the card on the page' });
    await expect.poll(() => focusInCard(article)).toBe('dialog');
    // Its first mention is on screen, marked as the open card's.
    expect(await textOnScreen(article, second.text, state.mentions.filter((m) => m.text === second.text).indexOf(second))).toBe(true);
    if (!popup.isClosed()) await popup.close();
    await article.bringToFront();
    await screenshotTo(article, 'keyboard-popup-card-on-page');
    await article.keyboard.press('Escape');
    await waitForPageState(browser, article, (s) => s.openCard === null, { what: 'Esc on the page' });
  });

  it('reaches both switches by Tab, each with its name', async () => {
    const tabId = await tabIdOf(browser, article);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await popup.getByTestId('page-entity').first().waitFor();
    const reached: string[] = [];
    for (let press = 0; press < 6; press++) {
      await popup.keyboard.press('Tab');
      reached.push(
        await popup.evaluate(() => {
          const active = document.activeElement as HTMLElement | null;
          return `${active?.getAttribute('role') ?? active?.tagName.toLowerCase()}: ${active?.textContent?.trim()}`;
        }),
      );
    }
    expect(reached).toContain(`switch: Side notes on ${new URL(server.origin).hostname}`);
    expect(reached).toContain('switch: Pause everywhere');
    await popup.keyboard.press('Escape');
    await popup.close();
  });
});
