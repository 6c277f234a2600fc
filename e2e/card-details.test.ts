/**
 * The card's details a reader notices (issue 13): nothing of Side Notes is printed (no underline, no card); a related
 * entity opens its card at the top and Back returns to the card before it, scrolled where the reader left it, by
 * pointer and by keyboard; related entities and the source come before the quotes; "Show all" shows fewer again;
 * "3 of 7" beside Next, and going round the page's ends is said on the card and in the polite live region; the card
 * is dark on a dark page under a light system theme and light on a light page under a dark one, its text at 4.5:1
 * or more either way. Screenshots: e2e/screenshots/details-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageState } from '../utils/page/page-state';
import { launchWithExtension, settledPageState, type ExtensionBrowser } from './support/browser';
import { inCardRoot, announced, focusInCard } from './support/card';
import { cardView, clickInCard, collectErrors, hoverText, screenshotTo, textBox, waitForPageState } from './support/journeys';
import { startPageServer, type PageServer } from './support/pages';
import { framesDrawn } from './support/patience';

/** Blank page margin, left of the article column: no text under it. */
const AWAY = { x: 40, y: 420 };

const page_ = (title: string, style: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body { margin: 0; font: 18px/1.6 system-ui, sans-serif; } main { max-width: 640px; margin: 64px auto; padding: 0 24px; } ${style}</style>
</head><body><main>${body}</main></body></html>`;

const FILLER = [
  'Nothing else on this page needs a note; it is only here so the card has a page to sit on.',
  'More words follow below the card, so that the card covers text and its contrast shows.',
  'And a last paragraph of plain filler text, so that the card has something under it.',
]
  .map((text) => `<p>${text}</p>`)
  .join('');

/** Near-black page, light text: a reader's dark theme, or a site's. */
const DARK_PAGE = page_(
  'Night edition',
  'body { background: #121212; color: #e6e6e6; }',
  `<h1>Night edition</h1><p>The Secretary General, Jens Stoltenberg, spoke in Seoul about weapons for Ukraine.</p>${FILLER}`,
);

/** A light page whose one dark box holds the name: the background behind the name decides, not the page's body. */
const DARK_BOX_PAGE = page_(
  'A dark aside',
  'body { background: #fafafa; color: #222; } aside { background: rgb(20 24 30); color: #eee; padding: 12px 16px; } aside p { background: rgba(255, 255, 255, 0.04); }',
  `<h1>Daylight</h1><aside><p>In brief: Jens Stoltenberg visited Seoul.</p></aside>${FILLER}`,
);

/** A page that declares a dark scheme and paints no background of its own: the browser's dark canvas shows. */
const DARK_CANVAS_PAGE = page_(
  'Dark by color-scheme',
  ':root { color-scheme: dark; }',
  `<h1>Canvas</h1><p>The Secretary General, Jens Stoltenberg, spoke in Seoul.</p>${FILLER}`,
);

/** A dark background written in a colour space other than sRGB. */
const OKLCH_PAGE = page_(
  'Dark in oklch',
  'body { background: oklch(0.22 0.03 260); color: oklch(0.95 0 0); }',
  `<h1>Oklch</h1><p>The Secretary General, Jens Stoltenberg, spoke in Seoul.</p>${FILLER}`,
);


/** The card's scrolling body: how far it is scrolled, and how far it could be. */
/** The card body's scroll once it has come to rest: unchanged over five drawn frames (a wheel may scroll smoothly). */
function restingBodyScroll(page: Page): Promise<{ top: number; max: number }> {
  return inCardRoot(
    page,
    `function (root) {
      const body = root.querySelector('.sn-card__body');
      return new Promise((resolve) => {
        let last = -1, still = 0;
        const frame = () => {
          still = body.scrollTop === last ? still + 1 : 0;
          last = body.scrollTop;
          if (still >= 5) resolve({ top: body.scrollTop, max: body.scrollHeight - body.clientHeight });
          else requestAnimationFrame(frame);
        };
        frame();
      });
    }`,
    null,
    { top: -1, max: -1 },
  );
}

function bodyScroll(page: Page): Promise<{ top: number; max: number }> {
  return inCardRoot(
    page,
    `function (root) {
      const body = root.querySelector('.sn-card__body');
      return { top: body.scrollTop, max: body.scrollHeight - body.clientHeight };
    }`,
    null,
    { top: -1, max: -1 },
  );
}

/** Text of the first element in the card matching `selector` ('' when none). */
function cardText(page: Page, selector: string): Promise<string> {
  return inCardRoot(page, `function (root, selector) { return root.querySelector(selector)?.textContent ?? ''; }`, selector, '');
}

interface Contrast {
  theme: string | null;
  background: string;
  /** The card's background's relative luminance. */
  luminance: number;
  /** Each kind of text in the card, with its contrast against the card's background. */
  texts: { what: string; ratio: number }[];
}

/** The card's theme, background, and the contrast of each of its kinds of text, measured from computed colours. */
function cardContrast(page: Page): Promise<Contrast> {
  return inCardRoot<Contrast>(
    page,
    `function (root) {
      const card = root.querySelector('[data-testid="entity-card"]');
      const parse = (value) => { const n = value.match(/[\\d.]+/g).map(Number); return [n[0], n[1], n[2], n[3] ?? 1]; };
      const channel = (c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      const bg = parse(getComputedStyle(card).backgroundColor);
      const over = (fg) => fg.slice(0, 3).map((c, i) => c * fg[3] + bg[i] * (1 - fg[3]));
      const ratio = (fg) => { const [a, b] = [luminance(over(fg)), luminance(bg)].sort((x, y) => y - x); return (a + 0.05) / (b + 0.05); };
      const texts = [];
      for (const [what, selector] of [['kind', '.sn-card__kind'], ['name', 'h2'], ['description', '.sn-card__description'],
        ['related label', '.sn-card__label'], ['chip', '.sn-card__chip'], ['source', '.sn-card__source'], ['source link', '.sn-card__source a'],
        ['quote', 'blockquote'], ['show all', '.sn-card__more'], ['count', '.sn-card__count'], ['position', '.sn-card__position'],
        ['next', '.sn-card__next']]) {
        const element = card.querySelector(selector);
        if (element) texts.push({ what, ratio: Math.round(ratio(parse(getComputedStyle(element).color)) * 100) / 100 });
      }
      return { theme: card.getAttribute('data-theme'), background: getComputedStyle(card).backgroundColor, luminance: luminance(bg), texts };
    }`,
    null,
    { theme: null, background: '', luminance: -1, texts: [] },
  );
}

describe('the card’s details', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let page: Page;
  let errors: string[];
  let state: PageState;

  async function closedAndAway(on = page) {
    await on.keyboard.press('Escape');
    await on.mouse.move(AWAY.x, AWAY.y);
    await waitForPageState(browser, on, (s) => s.openCard === null, { what: 'no card' });
  }

  /** Hovers the `occurrence`-th `text` on the page until `entityId`'s card is open, then moves into the card. */
  async function openByHover(text: string, entityId: string, occurrence = 0, on = page) {
    await on.mouse.move(AWAY.x, AWAY.y);
    const box = await hoverText(on, text, occurrence);
    await waitForPageState(browser, on, (s) => s.openCard === entityId, { what: `${entityId}'s card` });
    await expect.poll(async () => (await cardView(on)).open).toBe(true);
    return box;
  }

  /** Clicks a related entity where it is in the card now, without scrolling the card to it. */
  async function clickVisibleChip(name: string) {
    const point = await inCardRoot<{ x: number; y: number } | null>(
      page,
      `function (root, name) {
        const body = root.querySelector('.sn-card__body').getBoundingClientRect();
        const chip = [...root.querySelectorAll('button.sn-card__chip')].find((chip) => chip.textContent === name);
        const box = chip && chip.getBoundingClientRect();
        if (!box || box.top < body.top || box.bottom > body.bottom) return null;
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      }`,
      name,
      null,
    );
    if (!point) throw new Error(`the chip ${name} is not in view in the card`);
    await page.mouse.click(point.x, point.y);
  }

  beforeAll(async () => {
    server = await startPageServer();
    server.pages.set('/dark.html', DARK_PAGE);
    server.pages.set('/dark-box.html', DARK_BOX_PAGE);
    server.pages.set('/dark-canvas.html', DARK_CANVAS_PAGE);
    server.pages.set('/oklch.html', OKLCH_PAGE);
    browser = await launchWithExtension();
    page = await browser.context.newPage();
    errors = collectErrors(page);
    await page.goto(`${server.origin}/article.html`);
    state = await settledPageState(browser, page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('prints no underline and no card', async () => {
    // A control: the page's own highlight, amber like the mark, on a word Side Notes leaves alone. It prints, so a
    // mark missing from the print is one Side Notes left out, not one print preview never draws.
    await page.evaluate(() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('::highlight(page-own){text-decoration:underline dotted #d97706 2px}');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf('humanitarian');
        if (at < 0) continue;
        const range = new Range();
        range.setStart(node, at);
        range.setEnd(node, at + 'humanitarian'.length);
        CSS.highlights.set('page-own', new Highlight(range));
        break;
      }
    });
    const name = 'Stoltenberg';
    const control = 'humanitarian';
    /** Pixels of the mark's amber (#d97706) in the strip under `text`, where a dotted underline is drawn. */
    const amber = async (text: string) => {
      const word = await textBox(page, text);
      await framesDrawn(page);
      const strip = { x: word.left, y: word.bottom - 8, width: word.right - word.left, height: 12 };
      const png = (await page.screenshot({ clip: strip })).toString('base64');
      return page.evaluate(async (png) => {
        const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${png}`)).blob());
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
        let count = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
          if (r > 170 && g > 70 && g < 170 && b < 90 && r - b > 110) count++;
        }
        return count;
      }, png);
    };

    await expect.poll(() => amber(name)).toBeGreaterThan(5);
    await expect.poll(() => amber(control)).toBeGreaterThan(5);

    // A card open on screen, then the page printed.
    await openByHover('Stoltenberg', 'jens-stoltenberg');
    const hostShown = () => page.evaluate(() => getComputedStyle(document.querySelector('side-notes-card')!).display);
    expect(await hostShown()).toBe('block');
    const text = await page.evaluate(() => document.body.innerText);
    await page.emulateMedia({ media: 'print' });
    // The control prints: once it shows in print, the page is drawn as printed, and the mark must not be.
    await expect.poll(() => amber(control)).toBeGreaterThan(5);
    expect(await amber(name)).toBe(0);
    expect(await hostShown()).toBe('none');
    expect((await cardView(page)).open).toBe(false);
    expect(await page.evaluate(() => document.body.innerText)).toBe(text);
    await screenshotTo(page, 'details-print-preview');

    // A real PDF too: printing works and the page's own content prints (headless Chromium prints over DevTools).
    const session = await page.context().newCDPSession(page);
    const { data } = await session.send('Page.printToPDF', {});
    await session.detach();
    expect(Buffer.from(data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    await page.emulateMedia({ media: 'screen' });
    await expect.poll(() => amber(name)).toBeGreaterThan(5);
    expect(await hostShown()).toBe('block');
    await page.evaluate(() => CSS.highlights.delete('page-own'));
    await closedAndAway();
  });

  it('puts related entities and the source within the card’s first view', async () => {
    await openByHover('NATO', 'nato');
    const seen = await inCardRoot(
      page,
      `function (root) {
        const body = root.querySelector('.sn-card__body').getBoundingClientRect();
        const inView = (selector) => { const box = root.querySelector(selector).getBoundingClientRect(); return box.top >= body.top && box.bottom <= body.bottom; };
        const quote = root.querySelector('blockquote').getBoundingClientRect();
        // The first quote starts in view, two lines of it at least.
        return { related: inView('.sn-card__related'), source: inView('.sn-card__source'), firstQuote: quote.top >= body.top && quote.top + 40 <= body.bottom };
      }`,
      null,
      null,
    );
    expect(seen).toEqual({ related: true, source: true, firstQuote: true });
    await closedAndAway();
  });

  it('opens a related entity’s card at its top, and Back returns to the card before it, scrolled where it was', async () => {
    const box = await openByHover('Stoltenberg', 'jens-stoltenberg');
    // Into the card, at a hand's pace, then the wheel scrolls its body.
    const card = (await cardView(page)).rect!;
    const inside = { x: card.left + card.width / 2, y: card.top + card.height / 2 };
    for (let step = 1; step <= 6; step++) {
      await page.mouse.move(box.x + ((inside.x - box.x) * step) / 6, box.y + ((inside.y - box.y) * step) / 6);
      await framesDrawn(page, 1);
    }
    // Scrolled a little: the related entities' second row still shows.
    await page.mouse.wheel(0, 30);
    await expect.poll(async () => (await bodyScroll(page)).top).toBeGreaterThan(10);
    const left = await restingBodyScroll(page);
    expect(await cardText(page, '[data-testid="card-back"]')).toBe('');

    await clickVisibleChip('Japan');
    await waitForPageState(browser, page, (s) => s.openCard === 'japan', { what: "Japan's card" });
    expect((await bodyScroll(page)).top).toBe(0);
    await clickInCard(page, '[data-testid="card-back"]');
    await waitForPageState(browser, page, (s) => s.openCard === 'jens-stoltenberg', { what: 'back to Stoltenberg' });
    expect((await bodyScroll(page)).top).toBe(left.top);

    // Now further down, among the quotes (the related entities scrolled out of view), and on by NATO.
    const body = await inCardRoot(page, `function (root) { const r = root.querySelector('.sn-card__body').getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; }`, null, AWAY);
    await page.mouse.move(body.x, body.y);
    await page.mouse.wheel(0, 150);
    await expect.poll(async () => (await bodyScroll(page)).top).toBeGreaterThan(left.top + 60);
    const further = await restingBodyScroll(page);
    await inCardRoot(page, `function (root) { root.querySelector('.sn-card__chip').focus({ preventScroll: true }); }`, null, null);
    await page.keyboard.press('Enter');
    await waitForPageState(browser, page, (s) => s.openCard === 'nato', { what: "NATO's card" });
    expect((await cardView(page)).name).toBe('NATO');
    // NATO's card starts at its top, not where Stoltenberg's was.
    expect((await bodyScroll(page)).top).toBe(0);
    expect(await cardText(page, '[data-testid="card-back"]')).toBe('Back');
    await screenshotTo(page, 'details-card-after-chip');

    // NATO names nine related entities: four show, and "5 more". One more step along, by one of those five, then
    // Back twice: NATO's card with all nine showing, then Stoltenberg's, where the reader left it.
    expect((await cardView(page)).related).toEqual(['Jens Stoltenberg', 'United States', 'Ukraine', 'South Korea', '5 more']);
    await clickInCard(page, '.sn-card__chip--more');
    await expect.poll(async () => (await cardView(page)).related.length).toBe(9);
    await clickInCard(page, 'button.sn-card__chip', 'Poland');
    await waitForPageState(browser, page, (s) => s.openCard === 'poland', { what: "Poland's card" });
    await clickInCard(page, '[data-testid="card-back"]');
    await waitForPageState(browser, page, (s) => s.openCard === 'nato', { what: 'back to NATO' });
    expect((await cardView(page)).related).toHaveLength(9);
    await clickInCard(page, '[data-testid="card-back"]');
    await waitForPageState(browser, page, (s) => s.openCard === 'jens-stoltenberg', { what: 'back to Stoltenberg' });
    expect((await cardView(page)).name).toBe('Jens Stoltenberg');
    expect(Math.abs((await bodyScroll(page)).top - further.top)).toBeLessThanOrEqual(1);
    // At the start of the trail there is nothing to go back to.
    expect(await cardText(page, '[data-testid="card-back"]')).toBe('');
    await screenshotTo(page, 'details-card-after-back');

    // By keyboard: focus is on the NATO chip the reader left by. Enter opens NATO's card with focus in it; the first
    // Tab stop is Back; Enter on it comes back with focus on the NATO chip again.
    expect(await focusInCard(page)).toBe('NATO');
    await page.keyboard.press('Enter');
    await waitForPageState(browser, page, (s) => s.openCard === 'nato', { what: "NATO's card by keyboard" });
    expect(await focusInCard(page)).toBe('dialog');
    await page.keyboard.press('Tab');
    expect(await focusInCard(page)).toBe('Back');
    await page.keyboard.press('Enter');
    await waitForPageState(browser, page, (s) => s.openCard === 'jens-stoltenberg', { what: 'back by keyboard' });
    expect(await focusInCard(page)).toBe('NATO');

    // Another name opened on the page starts afresh: no Back.
    await closedAndAway();
    await openByHover('Stoltenberg', 'jens-stoltenberg', 1);
    expect(await cardText(page, '[data-testid="card-back"]')).toBe('');
    await closedAndAway();
  });

  it('walks a related entity’s mentions from its card, which keeps its Back', async () => {
    const count = state.mentions.filter((m) => m.entityId === 'nato').length;
    await openByHover('Stoltenberg', 'jens-stoltenberg');
    await clickInCard(page, 'button.sn-card__chip', 'NATO');
    await waitForPageState(browser, page, (s) => s.openCard === 'nato', { what: "NATO's card" });
    // The card points at none of NATO's mentions yet: no position, and Previous goes to the last without a wrap.
    expect(await cardText(page, '[data-testid="card-position"]')).toBe('');
    await clickInCard(page, '.sn-card__previous');
    await expect.poll(() => cardText(page, '[data-testid="card-position"]')).toBe(`${count} of ${count}`);
    expect(await cardText(page, '[data-testid="card-count"]')).toBe(`${count} mentions on this page`);
    await expect.poll(() => announced(page)).toBe(`${count} of ${count}.`);
    await clickInCard(page, '[data-testid="card-back"]');
    await waitForPageState(browser, page, (s) => s.openCard === 'jens-stoltenberg', { what: 'back to Stoltenberg' });
    await closedAndAway();
  });

  it('shows all the quotes and fewer again', async () => {
    await openByHover('NATO', 'nato');
    const more = () =>
      inCardRoot(
        page,
        `function (root) { const b = root.querySelector('.sn-card__more'); return b && { text: b.textContent, expanded: b.getAttribute('aria-expanded') }; }`,
        null,
        null,
      );
    expect(await more()).toEqual({ text: 'Show all 4 quotes', expanded: 'false' });
    expect((await cardView(page)).quotes).toHaveLength(3);
    await clickInCard(page, '.sn-card__more');
    await expect.poll(async () => (await cardView(page)).quotes.length).toBe(4);
    expect(await more()).toEqual({ text: 'Show fewer', expanded: 'true' });
    await clickInCard(page, '.sn-card__more');
    await expect.poll(async () => (await cardView(page)).quotes.length).toBe(3);
    expect(await more()).toEqual({ text: 'Show all 4 quotes', expanded: 'false' });
    // By keyboard: the button keeps focus when it shows fewer.
    await clickInCard(page, '.sn-card__more');
    await expect.poll(async () => (await cardView(page)).quotes.length).toBe(4);
    await inCardRoot(page, `function (root) { root.querySelector('.sn-card__more').focus(); }`, null, null);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await cardView(page)).quotes.length).toBe(3);
    expect(await focusInCard(page)).toBe('Show all 4 quotes');
    await closedAndAway();
  });

  it('says "3 of 7" beside Next, and says it when Next and Previous go round the page', async () => {
    const count = state.mentions.filter((m) => m.entityId === 'south-korea').length;
    expect(count).toBeGreaterThan(3);
    await openByHover('South Korea', 'south-korea');
    const position = async () => cardText(page, '[data-testid="card-position"]');
    const start = Number(/^(\d+) of (\d+)$/.exec(await position())![1]);
    expect(await position()).toBe(`${start} of ${count}`);
    expect(await cardText(page, '[data-testid="card-count"]')).toBe(`${count} mentions on this page`);

    // Next to the last mention, each one numbered and said.
    for (let at = start + 1; at <= count; at++) {
      await clickInCard(page, '.sn-card__next');
      await expect.poll(position).toBe(`${at} of ${count}`);
      await expect.poll(() => announced(page)).toBe(`${at} of ${count}.`);
    }
    expect(await cardText(page, '[data-testid="card-count"]')).toBe(`${count} mentions on this page`);
    // Past the last: back to the first, on the card and aloud.
    await clickInCard(page, '.sn-card__next');
    await expect.poll(position).toBe(`1 of ${count}`);
    expect(await cardText(page, '[data-testid="card-count"]')).toBe('Back to the first mention');
    await expect.poll(() => announced(page)).toBe(`Back to the first mention of South Korea. 1 of ${count}.`);
    await screenshotTo(page, 'details-card-wrapped');
    // Before the first: round to the last.
    await clickInCard(page, '.sn-card__previous');
    await expect.poll(position).toBe(`${count} of ${count}`);
    expect(await cardText(page, '[data-testid="card-count"]')).toBe('Back to the last mention');
    await expect.poll(() => announced(page)).toBe(`Back to the last mention of South Korea. ${count} of ${count}.`);
    // A step that does not go round says nothing of ends.
    await clickInCard(page, '.sn-card__previous');
    await expect.poll(position).toBe(`${count - 1} of ${count}`);
    expect(await cardText(page, '[data-testid="card-count"]')).toBe(`${count} mentions on this page`);
    await closedAndAway();
    expect(errors).toEqual([]);
  });

  it('is dark on a dark page under a light system theme, its text at 4.5:1 or more', async () => {
    const dark = await browser.context.newPage();
    const darkErrors = collectErrors(dark);
    await dark.emulateMedia({ colorScheme: 'light' });
    await dark.goto(`${server.origin}/dark.html`);
    await settledPageState(browser, dark);
    await openByHover('Stoltenberg', 'jens-stoltenberg', 0, dark);
    const contrast = await cardContrast(dark);
    expect(contrast.theme).toBe('dark');
    expect(contrast.luminance).toBeLessThan(0.05);
    expect(contrast.texts.length).toBeGreaterThanOrEqual(9);
    for (const { what, ratio } of contrast.texts) expect(ratio, what).toBeGreaterThanOrEqual(4.5);
    await screenshotTo(dark, 'details-card-dark-page-light-system');
    await closedAndAway(dark);

    // A light page with the name in a dark box: the box decides.
    await dark.goto(`${server.origin}/dark-box.html`);
    await settledPageState(browser, dark);
    await openByHover('Stoltenberg', 'jens-stoltenberg', 0, dark);
    expect((await cardContrast(dark)).theme).toBe('dark');
    await screenshotTo(dark, 'details-card-dark-box');
    await closedAndAway(dark);

    // No background at all, but a dark colour scheme: the canvas is dark. And a dark background in oklch.
    for (const path of ['/dark-canvas.html', '/oklch.html']) {
      await dark.goto(`${server.origin}${path}`);
      await settledPageState(browser, dark);
      await openByHover('Stoltenberg', 'jens-stoltenberg', 0, dark);
      expect((await cardContrast(dark)).theme, path).toBe('dark');
      await closedAndAway(dark);
    }
    await dark.close();
    expect(darkErrors).toEqual([]);
  });

  it('is light on a light page under a dark system theme, its text at 4.5:1 or more', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openByHover('Stoltenberg', 'jens-stoltenberg');
    const contrast = await cardContrast(page);
    expect(contrast.theme).toBe('light');
    expect(contrast.luminance).toBeGreaterThan(0.9);
    expect(contrast.texts.length).toBeGreaterThanOrEqual(9);
    for (const { what, ratio } of contrast.texts) expect(ratio, what).toBeGreaterThanOrEqual(4.5);
    await screenshotTo(page, 'details-card-light-page-dark-system');
    await closedAndAway();
    await page.emulateMedia({ colorScheme: 'light' });
    expect(errors).toEqual([]);
  });
});
