/**
 * The reader's own system (issue 9): a touch screen (a tap opens a card, a tap outside closes it, nothing needs
 * hover), forced colours (Windows High Contrast: marks stay visible in system colours, the card keeps its edges),
 * reduced motion (nothing in the card moves; the walk jumps), and zoom to 200 % (the card fits, nothing clipped).
 * Screenshots: e2e/screenshots/system-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, settledPageState, type ExtensionBrowser } from './support/browser';
import { inCardRoot } from './support/card';
import { cardView, screenshotTo, textBox, waitForPageState } from './support/journeys';
import { pressShortcut } from './support/keys';
import { startPageServer, type PageServer } from './support/pages';
import { framesDrawn } from './support/patience';

describe('a touch screen', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    server = await startPageServer();
    browser = await launchWithExtension(undefined, { hasTouch: true });
    page = await browser.context.newPage();
    await page.goto(`${server.origin}/article.html`);
    await settledPageState(browser, page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens a card with a tap on a name and closes it with a tap outside', async () => {
    const name = await textBox(page, 'Stoltenberg');
    await page.touchscreen.tap(name.x, name.y);
    await waitForPageState(browser, page, (s) => s.openCard === 'jens-stoltenberg', { what: 'the card after a tap' });
    const card = await cardView(page);
    expect(card.open).toBe(true);
    await screenshotTo(page, 'system-touch-card');

    // A tap inside the card keeps it (its controls work by tap: Next moves to the next mention).
    const next = await inCardRoot<{ x: number; y: number } | null>(
      page,
      `function (root) {
        const button = root.querySelector('.sn-card__next');
        const box = button && button.getBoundingClientRect();
        return box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : null;
      }`,
      null,
      null,
    );
    expect(next).not.toBeNull();
    const position = () => inCardRoot<string>(page, `function (root) { return root.querySelector('[data-testid="card-position"]')?.textContent ?? ''; }`, null, '');
    const at = await position();
    await page.touchscreen.tap(next!.x, next!.y);
    // The tap went to Next: the card now points at another mention, and it is still Stoltenberg's.
    await expect.poll(position).not.toBe(at);
    expect(await position()).toMatch(/^\d+ of \d+$/);
    expect((await waitForPageState(browser, page, () => true)).openCard).toBe('jens-stoltenberg');

    await page.touchscreen.tap(40, 420);
    await waitForPageState(browser, page, (s) => s.openCard === null, { what: 'the card closed by a tap outside' });
    expect((await cardView(page)).open).toBe(false);
  });
});

describe('forced colours, reduced motion, 200 % zoom', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    server = await startPageServer();
    browser = await launchWithExtension();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps the marks and the card visible in forced colours', async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ forcedColors: 'active' });
    await page.goto(`${server.origin}/article.html`);
    await settledPageState(browser, page);
    // The page is told the marks in the system's colours.
    const rules = await page.evaluate(() =>
      document.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n'),
    );
    expect(rules).toMatch(/@media \(forced-colors: active\)/);
    // Keyboard only: the walk opens the first name's card.
    await pressShortcut(page, 'Alt+Shift+Period');
    await waitForPageState(browser, page, (s) => s.openCard !== null, { what: 'a card in forced colours' });
    await pressShortcut(page, 'Alt+Shift+Down');
    const edges = await inCardRoot<{ border: string; outline: string }>(
      page,
      `function (root) {
        const card = root.querySelector('.sn-card');
        const style = getComputedStyle(card);
        return { border: style.borderTopStyle + ' ' + style.borderTopWidth, outline: style.outlineStyle };
      }`,
      null,
      { border: '', outline: '' },
    );
    // The card's edge is a border (forced colours draw it), not only a shadow (which they drop).
    expect(edges.border).toBe('solid 1px');
    expect(edges.outline).toBe('solid');
    await screenshotTo(page, 'system-forced-colors');
    await page.close();
  });

  it('moves nothing with reduced motion asked for: no animation in the card, the walk jumps', async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${server.origin}/article.html`);
    await settledPageState(browser, page);
    for (let step = 0; step < 25; step++) await pressShortcut(page, 'Alt+Shift+Period');
    await waitForPageState(browser, page, (s) => s.openCard !== null);
    // The page is where the walk took it at once: no smooth scroll still going.
    const first = await page.evaluate(() => scrollY);
    // Ten drawn frames later (a smooth scroll moves every frame) the page is still where it was.
    await framesDrawn(page, 10);
    expect(await page.evaluate(() => scrollY)).toBe(first);
    expect(first).toBeGreaterThan(0);
    const moving = await inCardRoot<number>(page, `function (root) { return root.getAnimations({ subtree: true }).length; }`, null, -1);
    expect(moving).toBe(0);
    await page.close();
  });

  it('fits the card at 200 % zoom, header and footer in view', async () => {
    const page = await browser.context.newPage();
    // 200 % zoom of a 1200 × 800 window: a 600 × 400 CSS-pixel viewport at two device pixels a CSS pixel.
    await page.setViewportSize({ width: 600, height: 400 });
    const session = await page.context().newCDPSession(page);
    await session.send('Emulation.setDeviceMetricsOverride', { width: 600, height: 400, deviceScaleFactor: 2, mobile: false });
    await page.goto(`${server.origin}/article.html`);
    await settledPageState(browser, page);
    for (let step = 0; step < 12; step++) await pressShortcut(page, 'Alt+Shift+Period');
    await waitForPageState(browser, page, (s) => s.openCard !== null);
    const measure = () =>
      inCardRoot<{ card: DOMRect; header: DOMRect; footer: DOMRect | null; close: DOMRect } | null>(
        page,
        `function (root) {
          const box = (selector) => { const e = root.querySelector(selector); return e ? e.getBoundingClientRect().toJSON() : null; };
          return { card: box('.sn-card'), header: box('.sn-card__header'), footer: box('.sn-card__mentions'), close: box('.sn-card__close') };
        }`,
        null,
        null,
      );
    const inView = (box: DOMRect | null) => !!box && box.left >= 0 && box.right <= 600 && box.top >= 0 && box.bottom <= 400;
    // The card is placed once Floating UI has measured the page: wait until it is, then check every part.
    await expect.poll(async () => {
      const fit = await measure();
      return !!fit && [fit.card, fit.header, fit.close, fit.footer].every(inView);
    }).toBe(true);
    const fit = await measure();
    expect(fit).not.toBeNull();
    const { card, header, footer, close } = fit!;
    for (const box of [card, header, close, footer!]) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(600);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(400);
    }
    expect(footer!.bottom).toBeLessThanOrEqual(card.bottom + 0.5);
    await screenshotTo(page, 'system-zoom-200');
    await session.detach();
    await page.close();
  });
});
