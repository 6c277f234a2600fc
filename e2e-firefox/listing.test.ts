/**
 * The store listing's screenshots (docs/listing.md), made in Firefox from the build under test, at the size both
 * stores take (1280×800): the card on the seed article in a light and in a dark system theme, the popup over the
 * page it describes, and the options page. Written to e2e/screenshots/listing/ (ignored by git); `npm run
 * listing:screenshots` copies them into docs/listing/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, seedArticlePage, startPageServer, type PageServer } from '../e2e/support/pages';
import { cardView } from './support/card';
import {
  hoverText,
  launchFirefox,
  openExtensionPage,
  openPopupFor,
  screenshotTo,
  settledPageState,
  waitForPageState,
  type FirefoxWithExtension,
} from './support/firefox';

const LISTING_DIR = join(ROOT, 'e2e', 'screenshots', 'listing');
const STORE_SIZE = { width: 1280, height: 800 };
/** Where Firefox's toolbar panel would open: under the toolbar, at the right. */
const POPUP_AT = { right: 24, top: 12 };

/** The seed article as a site with a dark theme of its own shows it to a reader whose system is dark. */
const DARK_ARTICLE = seedArticlePage().replace(
  '</style>',
  `  @media (prefers-color-scheme: dark) {
      body { color: #e3e3e3; background: #17181b; }
      .date { color: #9a9a9a; }
    }
  </style>`,
);

/** The popup's screenshot laid over the article's, where the toolbar panel opens. */
function popupOverPage(page: string, popup: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
  html, body { margin: 0; width: ${STORE_SIZE.width}px; height: ${STORE_SIZE.height}px; overflow: hidden; }
  .page { position: absolute; inset: 0; }
  .popup { position: absolute; right: ${POPUP_AT.right}px; top: ${POPUP_AT.top}px; border-radius: 8px;
           box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.12), 0 12px 36px rgba(0, 0, 0, 0.28); }
</style></head><body>
  <img class="page" src="data:image/png;base64,${page}" alt="">
  <img class="popup" src="data:image/png;base64,${popup}" alt="">
</body></html>`;
}

describe('the store listing screenshots', () => {
  let server: PageServer;
  let firefox: FirefoxWithExtension;
  let article: Page;

  async function openCard(firefox: FirefoxWithExtension, page: Page) {
    await hoverText(page, 'Jens Stoltenberg');
    await waitForPageState(firefox, page, (s) => s.openCard === 'jens-stoltenberg', { what: 'his card' });
    return cardView(page);
  }

  beforeAll(async () => {
    server = await startPageServer();
    server.pages.set('/dark-article.html', DARK_ARTICLE);
    firefox = await launchFirefox();
    article = await firefox.browser.newPage();
    await article.setViewport(STORE_SIZE);
    await article.goto(`${server.origin}/article.html`);
    await settledPageState(firefox, article);
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  it('the card, light', async () => {
    const card = await openCard(firefox, article);
    expect(card).toMatchObject({ open: true, name: 'Jens Stoltenberg', background: 'rgb(255, 255, 255)' });
    await screenshotTo(article, join(LISTING_DIR, 'card-light.png'));
    await article.keyboard.press('Escape');
    await waitForPageState(firefox, article, (s) => s.openCard === null, { what: 'the card to close' });
  });

  it('the popup, over the page it describes', async () => {
    await article.evaluate(() => window.scrollTo(0, 0));
    await article.mouse.move(10, 10);
    const page = await article.screenshot({ encoding: 'base64' });
    const popup = await openPopupFor(firefox, article);
    await popup.waitForSelector('[data-testid="page-entity"]');
    const panel = await popup.screenshot({ encoding: 'base64' });
    await popup.close();

    server.pages.set('/listing-popup.html', popupOverPage(page, panel));
    const composed = await firefox.browser.newPage();
    await composed.setViewport(STORE_SIZE);
    await composed.goto(`${server.origin}/listing-popup.html`);
    await composed.waitForFunction(() => [...document.images].every((image) => image.complete && image.naturalWidth > 0));
    await screenshotTo(composed, join(LISTING_DIR, 'popup.png'));
    await composed.close();
  });

  it('the options page, with a site turned off', async () => {
    const options = await openExtensionPage(firefox.browser, `${firefox.origin}/options.html`, '#add-site', STORE_SIZE);
    await options.type('#add-site', 'example.com');
    await options.keyboard.press('Enter');
    await options.waitForSelector('[data-testid="disabled-sites"]');
    expect(await options.$eval('[data-testid="disabled-sites"]', (list) => list.textContent)).toContain('example.com');
    await screenshotTo(options, join(LISTING_DIR, 'options.png'));
    await options.close();
  });

  it('the card, dark', async () => {
    const dark = await launchFirefox({ colorScheme: 'dark' });
    try {
      const page = await dark.browser.newPage();
      await page.setViewport(STORE_SIZE);
      await page.goto(`${server.origin}/dark-article.html`);
      await settledPageState(dark, page);
      const card = await openCard(dark, page);
      expect(card.open).toBe(true);
      expect(card.background).not.toBe('rgb(255, 255, 255)');
      await screenshotTo(page, join(LISTING_DIR, 'card-dark.png'));
    } finally {
      await dark.close();
    }
  });

  it('made every screenshot at the stores’ size', () => {
    for (const name of ['card-light', 'card-dark', 'popup', 'options']) {
      const png = readFileSync(join(LISTING_DIR, `${name}.png`));
      // The PNG header's IHDR chunk: width and height, big-endian, at bytes 16 and 20.
      expect({ name, width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ name, ...STORE_SIZE });
    }
  });
});
