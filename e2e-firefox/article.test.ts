/**
 * The seed article in Debian's Firefox ESR with the built Firefox extension: the names it underlines (the same
 * entities as in Chromium, judged by the same oracle), that the underlines are painted (pixels under a name), that
 * the page's DOM is left as served, that only ranges near the viewport are registered (the IntersectionObserver of
 * a content script behind Firefox's Xray wrappers), the hover card, and an SPA view change (the Navigation API's
 * `currententrychange`, seen from the content script).
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageState } from '../utils/page/page-state';
import { articleText, entitiesTheArticleNames } from '../e2e/support/article-oracle';
import { startPageServer, type PageServer } from '../e2e/support/pages';
import { framesDrawn } from '../e2e/support/patience';
import { cardView } from './support/card';
import {
  collectErrors,
  FIREFOX_SCREENSHOT_DIR,
  hoverText,
  launchFirefox,
  registeredRanges,
  screenshotTo,
  settledPageState,
  textBox,
  VIEWPORT,
  waitForPageState,
  type FirefoxWithExtension,
} from './support/firefox';
import type { TextBox } from '../e2e/support/in-page';

/** A page several screens long, a name in every paragraph. */
const LONG_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Long</title></head><body>
${Array.from({ length: 300 }, (_, n) => `<p>Paragraph ${n}: NATO met in Seoul.</p>`).join('\n')}
</body></html>`;

const SPA_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Single-page app</title></head>
<body><main><p>Jens Stoltenberg visited Seoul.</p></main>
<script>
  window.goToSecondView = () => {
    history.pushState({}, '', '/spa/second');
    const p = document.createElement('p');
    p.textContent = 'Pyongyang answered; Moscow stayed silent.';
    document.querySelector('main').replaceChildren(p);
  };
</script></body></html>`;

/** Blank page margin, left of the article column: no text under it. */
const AWAY = { x: 40, y: 420 };

describe('the seed article in Firefox', () => {
  let server: PageServer;
  let firefox: FirefoxWithExtension;
  let page: Page;
  let errors: string[];
  let state: PageState;

  beforeAll(async () => {
    server = await startPageServer();
    server.pages.set('/long.html', LONG_PAGE);
    server.pages.set('/spa.html', SPA_PAGE);
    firefox = await launchFirefox();
    page = await firefox.browser.newPage();
    await page.setViewport(VIEWPORT);
    errors = collectErrors(page);
    await page.goto(`${server.origin}/article.html`);
    state = await settledPageState(firefox, page);
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  it('underlines every entity the article names, and no other', () => {
    expect(state.enabled).toBe(true);
    expect(state.site).toBe(new URL(server.origin).hostname);
    expect(state.openCard).toBeNull();
    expect(state.stats.textNodes).toBeGreaterThan(0);
    expect([...new Set(state.mentions.map((mention) => mention.entityId))].sort()).toEqual(entitiesTheArticleNames());

    const texts = (id: string) => state.mentions.filter((mention) => mention.entityId === id).map((mention) => mention.text);
    expect(texts('jens-stoltenberg')).toHaveLength(articleText.match(/\bStoltenberg\b/g)!.length);
    expect(texts('kyiv')).toEqual(['kyiv', 'kyiv']);
    expect(texts('yoon-suk-yeol')).toEqual(['Yoon Suk Yeol', 'Yoon Suk-Yeol']);
  });

  it('paints the underlines: the underline colour lies under a name and under no plain word', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const name = await textBox(page, 'Jens Stoltenberg');
    const plain = await textBox(page, 'military');
    // Painted once the page has drawn two frames since the boxes were taken (the underlines are registered by then:
    // the test waits for that first).
    await expect.poll(async () => (await registeredRanges(page)).inViewport).toBeGreaterThan(0);
    await framesDrawn(page);
    const png = await page.screenshot({ encoding: 'base64' });
    const [underName, underPlain] = await underlinePixels(firefox, png, [name, plain]);
    console.log(`underline-coloured pixels: ${underName} under "Jens Stoltenberg", ${underPlain} under "military"`);
    // A dotted 2px line under 130-odd pixels of text: dozens of dots, whatever the font.
    expect(underName).toBeGreaterThan(40);
    expect(underPlain).toBe(0);
    await screenshotTo(page, join(FIREFOX_SCREENSHOT_DIR, 'article.png'));
  });

  it('leaves the page DOM as served', async () => {
    const compared = await page.evaluate(async () => {
      const parsed = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
      const tags = (root: ParentNode) => [...root.querySelectorAll('*')].map((element) => element.localName);
      return {
        same: JSON.stringify(tags(parsed)) === JSON.stringify(tags(document)),
        text: parsed.body.textContent === document.body.textContent,
      };
    });
    expect(compared).toEqual({ same: true, text: true });
  });

  it('opens the card on a name under the pointer, closed to the page, and closes it on Esc', async () => {
    await page.mouse.move(AWAY.x, AWAY.y);
    const name = await hoverText(page, 'Stoltenberg', 1);
    await waitForPageState(firefox, page, (s) => s.openCard === 'jens-stoltenberg', { what: 'his card' });
    const card = await cardView(page);
    expect(card).toMatchObject({ hosts: 1, hostOnHtml: true, closedToPage: true, open: true, name: 'Jens Stoltenberg' });
    expect(card.quotes.length).toBeGreaterThan(0);
    expect(card.background).toBe('rgb(255, 255, 255)');
    // Next to the name, within the viewport.
    expect(card.rect!.top).toBeGreaterThanOrEqual(0);
    expect(card.rect!.bottom).toBeLessThanOrEqual(VIEWPORT.height);
    expect(Math.min(Math.abs(card.rect!.top - name.bottom), Math.abs(name.top - card.rect!.bottom))).toBeLessThan(20);
    await screenshotTo(page, join(FIREFOX_SCREENSHOT_DIR, 'card.png'));

    await page.keyboard.press('Escape');
    await waitForPageState(firefox, page, (s) => s.openCard === null, { what: 'the card to close' });
    expect((await cardView(page)).open).toBe(false);
    expect(errors).toEqual([]);
  });

  it('registers only the mentions near the viewport, and follows the reader scrolling', async () => {
    const long = await firefox.browser.newPage();
    await long.setViewport(VIEWPORT);
    await long.goto(`${server.origin}/long.html`);
    const longState = await settledPageState(firefox, long);
    expect(longState.mentions).toHaveLength(600);

    const atTop = await registeredRanges(long);
    expect(atTop.total).toBeGreaterThan(0);
    // Within a screen above and below what is on screen: a small part of the 600.
    expect(atTop.farthest).toBeLessThanOrEqual(1.1);
    expect(atTop.total).toBeLessThan(200);

    await long.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
    await expect.poll(async () => (await registeredRanges(long)).inViewport).toBeGreaterThan(10);
    const scrolled = await registeredRanges(long);
    expect(scrolled.farthest).toBeLessThanOrEqual(1.1);
    expect(scrolled.total).toBeLessThan(200);
    await long.close();
  });

  it('reads the new view of a single-page app', async () => {
    const spa = await firefox.browser.newPage();
    await spa.setViewport(VIEWPORT);
    await spa.goto(`${server.origin}/spa.html`);
    const first = await settledPageState(firefox, spa);
    expect(first.mentions.map((mention) => mention.text)).toEqual(['Jens Stoltenberg', 'Seoul']);
    await spa.evaluate(() => (window as unknown as { goToSecondView(): void }).goToSecondView());
    await waitForPageState(
      firefox,
      spa,
      (s) => s.mentions.map((mention) => mention.text).join() === 'Pyongyang,Moscow',
      { what: 'the second view underlined' },
    );
    await spa.close();
  });
});

/**
 * Counts, in a PNG screenshot of the viewport, the pixels of the underline's colour (#d97706) in the band just under
 * each box. Decoded in a blank tab, so the tested pages are never touched.
 */
async function underlinePixels(firefox: FirefoxWithExtension, png: string, boxes: TextBox[]): Promise<number[]> {
  const decoder = await firefox.browser.newPage();
  try {
    return await decoder.evaluate(
      async (png, boxes) => {
        const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${png}`)).blob());
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        return boxes.map(({ left, right, bottom }) => {
          const { data } = context.getImageData(Math.round(left), Math.round(bottom) - 3, Math.round(right - left), 8);
          let count = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (Math.abs(data[i] - 217) < 40 && Math.abs(data[i + 1] - 119) < 40 && data[i + 2] < 90) count++;
          }
          return count;
        });
      },
      png,
      boxes,
    );
  } finally {
    await decoder.close();
  }
}
