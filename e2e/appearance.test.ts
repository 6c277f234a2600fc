/**
 * The reader's "Names and cards" settings (options page), each changing what an open tab does without reloading it,
 * and all of them still there after a browser restart: the underline style (dotted, solid, soft background, none —
 * with none the keyboard still opens cards), quiet mode (only each entity's first mention), the kinds marked, the
 * hover delay, and the key to hold for hovering. Screenshots: e2e/screenshots/appearance-*.png.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, settledPageState, type ExtensionBrowser } from './support/browser';
import { inCardRoot } from './support/card';
import { cardView, hoverText, screenshotTo, waitForPageState } from './support/journeys';
import { pressShortcut } from './support/keys';
import { startPageServer, type PageServer } from './support/pages';
import { pageTimerFired } from './support/patience';

/** Blank page margin, left of the article column: no text under it. */
const AWAY = { x: 40, y: 420 };

/** The words of every mention registered for underlining now (the page can read its highlight registry). */
function markedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const marks = [...CSS.highlights.values()].find((highlight) => highlight.priority === 0);
    return marks ? [...marks].map((range) => range.startContainer.textContent!.slice(range.startOffset, range.endOffset)) : [];
  });
}

/** The underline rule the page is styled with now (the sheet Side Notes adopted), for the mentions' highlight. */
function mentionRule(page: Page): Promise<string> {
  return page.evaluate(() => {
    const names = [...CSS.highlights.entries()].filter(([, highlight]) => highlight.priority === 0).map(([name]) => name);
    for (const sheet of document.adoptedStyleSheets) {
      for (const rule of sheet.cssRules) {
        if (rule instanceof CSSStyleRule && rule.selectorText === `::highlight(${names[0]})`) return rule.style.cssText;
      }
    }
    return 'no rule';
  });
}

describe('names and cards, as the reader sets them', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let article: Page;
  let options: Page;
  const profileDir = mkdtempSync(join(tmpdir(), 'side-notes-appearance-'));

  async function openArticle() {
    article = await browser.context.newPage();
    await article.goto(`${server.origin}/article.html`);
    await settledPageState(browser, article);
    // A mark in the document: still there at the end means the page was never reloaded.
    await article.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  }

  async function openOptions() {
    options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByTestId('appearance').waitFor();
  }

  /** Hovers `text` and says whether its card opened within `ms`. */
  async function pointerAway() {
    await article.bringToFront();
    await article.mouse.move(AWAY.x, AWAY.y);
    await article.keyboard.press('Escape');
    await waitForPageState(browser, article, (s) => s.openCard === null, { what: 'no card' });
  }

  /** Hovers the name and waits (with the common patience) for its card; closes it again. */
  async function opensOnHover(text: string, occurrence: number, entityId: string): Promise<boolean> {
    await pointerAway();
    await hoverText(article, text, occurrence);
    try {
      await waitForPageState(browser, article, (s) => s.openCard === entityId, { what: `${entityId}'s card on hover` });
      return true;
    } finally {
      await pointerAway();
    }
  }

  /**
   * Hovers the name and checks that no card opened once a page timer longer than the longest hover delay (1.2 s)
   * has fired: set after the hover, it fires after any hover timer of Side Notes, however busy the machine.
   */
  async function staysClosedOnHover(text: string, occurrence: number): Promise<boolean> {
    await pointerAway();
    await hoverText(article, text, occurrence);
    await pageTimerFired(article, 1_500);
    const open = (await waitForPageState(browser, article, () => true)).openCard;
    await pointerAway();
    return open === null;
  }

  /**
   * How a hover opens the card, timed on the page's own clock: the time from the pointer arriving on the name to the
   * card showing, and whether a page timer of `controlMs`, set when the pointer arrived, fired before the card showed
   * (timers fire in the order they are due, so this holds however busy the machine is). The watch is set up in the
   * card's closed root (over the DevTools protocol, in the test's own world, which keeps its globals).
   */
  async function hoverTiming(text: string, occurrence: number, entityId: string, controlMs: number) {
    await pointerAway();
    if ((await cardView(article)).hosts === 0) expect(await opensOnHover(text, occurrence, entityId)).toBe(true);
    await inCardRoot<void>(
      article,
      `function (root, controlMs) {
        const card = root.querySelector('.side-notes-card-position');
        globalThis.hoverTimed = new Promise((resolve) => {
          let at, controlFired = false;
          const arrived = (event) => {
            if (event.clientX < 100) return; // the pointer resting in the margin, not yet on the name
            document.removeEventListener('pointermove', arrived, true);
            at = performance.now();
            setTimeout(() => { controlFired = true; }, controlMs);
          };
          document.addEventListener('pointermove', arrived, true);
          new MutationObserver((_, observer) => {
            if (card.hidden || at === undefined) return;
            observer.disconnect();
            resolve({ openedAfter: performance.now() - at, controlFiredFirst: controlFired });
          }).observe(card, { attributes: true, attributeFilter: ['hidden'] });
        });
      }`,
      controlMs,
      undefined,
    );
    await hoverText(article, text, occurrence);
    await waitForPageState(browser, article, (s) => s.openCard === entityId, { what: `${entityId}'s card on hover` });
    const timed = await inCardRoot<{ openedAfter: number; controlFiredFirst: boolean } | null>(article, 'function () { return globalThis.hoverTimed; }', null, null);
    await pointerAway();
    expect(timed).not.toBeNull();
    return timed!;
  }

  beforeAll(async () => {
    server = await startPageServer();
    browser = await launchWithExtension(profileDir);
    await openArticle();
    await openOptions();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('restyles the marks live: solid, soft background, then none (the keyboard still opens cards)', async () => {
    expect(await mentionRule(article)).toContain('dotted');
    await options.getByLabel('Solid underline').check();
    // (A solid line is the default style, which the browser leaves out when it writes the rule back.)
    await expect.poll(() => mentionRule(article)).toMatch(/^text-decoration: underline 1\.5px /);
    await article.bringToFront();
    await article.evaluate(() => scrollTo(0, 0));
    await screenshotTo(article, 'appearance-solid', { x: 220, y: 160, width: 760, height: 240 });

    await options.getByLabel('Soft background').check();
    await expect.poll(() => mentionRule(article)).toContain('background-color');
    await article.bringToFront();
    await screenshotTo(article, 'appearance-background', { x: 220, y: 160, width: 760, height: 240 });

    await options.getByLabel('Nothing (open cards from the popup or the keyboard)').check();
    await expect.poll(() => markedTexts(article)).toEqual([]);
    expect(await staysClosedOnHover('Stoltenberg', 0)).toBe(true);
    await article.bringToFront();
    await pressShortcut(article, 'Alt+Shift+Period');
    const state = await waitForPageState(browser, article, (s) => s.openCard !== null, { what: 'a card opened by keyboard' });
    expect(state.mentions.length).toBeGreaterThan(50);
    await screenshotTo(article, 'appearance-none-keyboard');
    await article.keyboard.press('Escape');

    await options.getByLabel('Dotted underline').check();
    await expect.poll(() => markedTexts(article).then((texts) => texts.length)).toBeGreaterThan(20);
    expect(await mentionRule(article)).toContain('dotted');
  });

  it('marks only the first mention of each entity in quiet mode, and only those open on hover', async () => {
    const before = await markedTexts(article);
    expect(before.filter((text) => text === 'NATO').length).toBeGreaterThan(1);
    await options.getByTestId('quiet-switch').click();
    await expect.poll(() => markedTexts(article).then((texts) => texts.filter((text) => text === 'NATO').length)).toBe(1);
    const quiet = await markedTexts(article);
    expect(new Set(quiet).size).toBe(quiet.length);
    expect(await opensOnHover('NATO', 0, 'nato')).toBe(true);
    expect(await staysClosedOnHover('NATO', 1)).toBe(true);
    await article.evaluate(() => scrollTo(0, 0));
    await screenshotTo(article, 'appearance-quiet', { x: 220, y: 0, width: 760, height: 800 });
  });

  it('leaves out the kinds the reader unticks', async () => {
    await options.getByTestId('quiet-switch').click();
    await options.getByLabel('Places').uncheck();
    await expect.poll(() => markedTexts(article).then((texts) => texts.includes('Seoul'))).toBe(false);
    expect(await markedTexts(article)).toContain('Stoltenberg');
    expect(await staysClosedOnHover('Seoul', 0)).toBe(true);
    // The page still reports every name it holds (the popup lists them).
    expect((await waitForPageState(browser, article, () => true)).mentions.some((m) => m.entityId === 'seoul')).toBe(true);
  });

  it('waits as long as the hover delay says', async () => {
    await options.getByLabel('Open a card after the pointer rests on a name for').selectOption({ label: 'Long (0.7 s)' });
    await expect.poll(async () => (await options.getByLabel('Open a card after').inputValue())).toBe('700');
    // 0.7 s: never sooner (timers do not fire early), and after a page timer of the default 0.35 s set at the hover.
    const long = await hoverTiming('Stoltenberg', 0, 'jens-stoltenberg', 350);
    expect(long.openedAfter).toBeGreaterThanOrEqual(680);
    expect(long.controlFiredFirst).toBe(true);

    await options.getByLabel('Open a card after').selectOption({ label: 'None' });
    await expect.poll(async () => (await options.getByLabel('Open a card after').inputValue())).toBe('0');
    // None: the card shows before a page timer of the default 0.35 s, set at the hover, has fired.
    const none = await hoverTiming('Stoltenberg', 0, 'jens-stoltenberg', 350);
    expect(none.controlFiredFirst).toBe(false);
  });

  it('opens on hover only with the chosen key held', async () => {
    await options.getByLabel('Open on hover only while holding').selectOption('shift');
    await expect.poll(() => options.getByLabel('Open on hover only while holding').inputValue()).toBe('shift');
    expect(await staysClosedOnHover('Stoltenberg', 0)).toBe(true);
    // The pointer rests on the name; holding Shift then is enough.
    await hoverText(article, 'Stoltenberg');
    await article.keyboard.down('Shift');
    await waitForPageState(browser, article, (s) => s.openCard === 'jens-stoltenberg', { what: 'the card with Shift held' });
    await article.keyboard.up('Shift');
    await article.mouse.move(AWAY.x, AWAY.y);
    await article.keyboard.press('Escape');
    expect(await article.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });

  it('keeps every setting across a browser restart', async () => {
    await options.getByLabel('Solid underline').check();
    await options.getByTestId('quiet-switch').click();
    await expect.poll(() => mentionRule(article)).toMatch(/^text-decoration: underline 1\.5px /);
    // The switch shows what storage holds: once it is on, the write is done.
    await expect.poll(() => options.getByTestId('quiet-switch').getAttribute('aria-checked')).toBe('true');
    await browser.close({ keepProfile: true });
    browser = await launchWithExtension(profileDir);
    await openArticle();
    await openOptions();

    expect(await options.getByLabel('Solid underline').isChecked()).toBe(true);
    expect(await options.getByTestId('quiet-switch').getAttribute('aria-checked')).toBe('true');
    expect(await options.getByLabel('Places').isChecked()).toBe(false);
    expect(await options.getByLabel('Open a card after').inputValue()).toBe('0');
    expect(await options.getByLabel('Open on hover only while holding').inputValue()).toBe('shift');

    // And the page reads them from its first moment.
    expect(await mentionRule(article)).toMatch(/^text-decoration: underline 1\.5px /);
    const marked = await markedTexts(article);
    expect(marked.filter((text) => text === 'NATO')).toHaveLength(1);
    expect(marked).not.toContain('Seoul');
    expect(await staysClosedOnHover('Stoltenberg', 0)).toBe(true);
    await options.close();
  });
});
