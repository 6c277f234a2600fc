/**
 * A hostile, curious page (issue 7): from its own scripts and with no input from the reader it tries to learn that
 * Side Notes is installed, to read what it knows, to open cards, to rewrite them, and to stop or restart it. Each
 * attack must get nothing beyond what the README's "Privacy" section says a page can see while Side Notes is on.
 * And the extension itself sends nothing anywhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIR, launchWithExtension, pageStateOf, settledPageState, type ExtensionBrowser } from './support/browser';
import {
  cardView,
  collectErrors,
  hoverText,
  launchPlain,
  openPopupFor,
  registeredRanges,
  textBox,
  waitForPageState,
} from './support/journeys';
import { bigPage, seedArticlePage, startPageServer, type PageServer } from './support/pages';
import { pageTimerFired } from './support/patience';

/**
 * The seed article, with a spy in its <head> that runs before anything else: it records every `message` event and
 * every event dispatched under the names WXT's content-script context used (given the extension id, the worst case).
 */
function spyPage(extensionId: string): string {
  const spy = `<script>
    window.seen = [];
    addEventListener('message', (event) => seen.push('message:' + JSON.stringify(event.data)), true);
    for (const name of ['content-script-started', 'locationchange']) {
      const type = ${JSON.stringify(extensionId)} + ':content:wxt:' + name;
      document.addEventListener(type, () => seen.push(type), true);
      addEventListener(type, () => seen.push(type), true);
    }
  </script>`;
  return seedArticlePage().replace('<head>', `<head>\n${spy}`);
}

/** Everything a page can observe of its own document's styling and of the highlight registry. */
async function probe(page: Page) {
  return page.evaluate(() => {
    const paragraph = document.querySelector('article p')!;
    const style = (pseudo: string) => {
      const computed = getComputedStyle(paragraph, pseudo);
      return [computed.textDecorationLine, computed.textDecorationStyle, computed.backgroundColor, computed.color].join(' ');
    };
    return {
      highlights: [...CSS.highlights.keys()].length,
      adoptedStyleSheets: document.adoptedStyleSheets.length,
      styleSheets: document.styleSheets.length,
      oldNames: [style('::highlight(side-notes-mention)'), style('::highlight(side-notes-active)')],
      paragraph: style(''),
      html: document.documentElement.outerHTML,
      seen: (window as unknown as { seen: string[] }).seen,
    };
  });
}

describe('a hostile page learns and does nothing', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let page: Page;
  let errors: string[];
  let host: string;

  async function setSettings(settings: { paused: boolean; disabledSites: string[] }) {
    await browser.worker.evaluate(async (settings) => {
      const chrome = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      await chrome.storage.local.set({ siteSettings: settings });
    }, settings);
  }

  beforeAll(async () => {
    server = await startPageServer();
    browser = await launchWithExtension();
    server.pages.set('/spy.html', spyPage(browser.extensionId));
    server.pages.set('/big.html', bigPage());
    host = new URL(server.origin).host;
    page = await browser.context.newPage();
    errors = collectErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('cannot tell "off" or "paused" from "not installed": no message, no style, no registry entry', async () => {
    const plain = await launchPlain();
    let without: Awaited<ReturnType<typeof probe>>;
    try {
      const other = await plain.context.newPage();
      await other.goto(`${server.origin}/spy.html`);
      await pageTimerFired(other, 500);
      without = await probe(other);
    } finally {
      await plain.close();
    }
    expect(without.highlights).toBe(0);

    await setSettings({ paused: true, disabledSites: [] });
    await page.goto(`${server.origin}/spy.html`);
    await settledPageState(browser, page);
    await pageTimerFired(page, 500);
    expect(await probe(page)).toEqual(without);

    await setSettings({ paused: false, disabledSites: [host] });
    await page.reload();
    await settledPageState(browser, page);
    await pageTimerFired(page, 500);
    expect(await probe(page)).toEqual(without);

    // Switched off while the page is open: back to exactly what it would see without the extension.
    await setSettings({ paused: false, disabledSites: [] });
    await page.reload();
    const on = await settledPageState(browser, page);
    expect(on.enabled).toBe(true);
    expect((await probe(page)).seen).toEqual([]);
    await setSettings({ paused: true, disabledSites: [] });
    await waitForPageState(browser, page, (s) => !s.enabled, { what: 'paused' });
    expect(await probe(page)).toEqual(without);
    await setSettings({ paused: false, disabledSites: [] });
    await waitForPageState(browser, page, (s) => s.enabled && s.mentions.length > 0, { what: 'on again' });
    // Even while on, nothing is announced, and the old fixed highlight names style nothing.
    const whileOn = await probe(page);
    expect(whileOn.seen).toEqual([]);
    expect(whileOn.oldNames).toEqual(without.oldNames);
    expect(whileOn.html).toBe(without.html);
  });

  it('carries nothing in its code that would announce it or answer other extensions', () => {
    const code = readFileSync(join(EXTENSION_DIR, 'side-notes.js'), 'utf8');
    // (The one `postMessage` in it is a runtime port's, to an open popup.)
    for (const word of ['dispatchEvent', 'CustomEvent', 'window.postMessage', 'top.postMessage', 'parent.postMessage']) {
      expect(code.includes(word), word).toBe(false);
    }
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(JSON.stringify(manifest.content_scripts)).not.toContain('.css');
  });

  it('cannot stop, restart or rescan it by dispatching events', async () => {
    await page.goto(`${server.origin}/spy.html`);
    const before = await settledPageState(browser, page);
    const { extensionId } = browser;
    await page.evaluate((extensionId) => {
      const w = window as unknown as { kept: Highlight[] };
      w.kept = [...CSS.highlights.values()];
      const detail = { contentScriptName: 'content', messageId: 'hostile' };
      for (const name of ['content-script-started', 'locationchange']) {
        const type = `${extensionId}:content:wxt:${name}`;
        document.dispatchEvent(new CustomEvent(type, { detail }));
        window.dispatchEvent(new CustomEvent(type, { detail }));
        window.postMessage({ type, ...detail }, '*');
      }
      const navigation = (window as unknown as { navigation?: EventTarget }).navigation;
      navigation?.dispatchEvent(new Event('currententrychange'));
      navigation?.dispatchEvent(new Event('navigate'));
      window.dispatchEvent(new PopStateEvent('popstate'));
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    }, extensionId);
    // Past the longest timer those events could have started (an SPA view's first scan waits 400 ms at most).
    await pageTimerFired(page, 800);
    const after = await pageStateOf(browser, page);
    expect(after.enabled).toBe(true);
    expect(after.mentions).toEqual(before.mentions);
    // The same highlight objects: no new lifetime, no new full scan (each builds new ones).
    const same = await page.evaluate(() => {
      const kept = (window as unknown as { kept: Highlight[] }).kept;
      const now = [...CSS.highlights.values()];
      return kept.length === now.length && kept.every((highlight, i) => highlight === now[i]);
    });
    expect(same).toBe(true);
    // And it still works for the reader.
    await hoverText(page, 'Stoltenberg');
    await waitForPageState(browser, page, (s) => s.openCard === 'jens-stoltenberg', { what: 'his card' });
    await page.keyboard.press('Escape');
  });

  it('cannot open a card with synthetic pointer, touch, focus or key events', async () => {
    await page.goto(`${server.origin}/article.html`);
    await settledPageState(browser, page);
    const box = await textBox(page, 'Stoltenberg');
    await page.evaluate(({ x, y }) => {
      const target = document.elementFromPoint(x, y)!;
      for (const pointerType of ['mouse', 'touch', 'pen']) {
        for (const type of ['pointerover', 'pointermove', 'pointerdown', 'pointerup']) {
          target.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, pointerType }));
          document.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, pointerType }));
        }
      }
      target.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
      target.dispatchEvent(new MouseEvent('click', { clientX: x, clientY: y, bubbles: true }));
    }, box);
    // Past the hover delay and the close grace, on the page's clock: a card those events opened would show by now.
    await pageTimerFired(page, 800);
    expect((await pageStateOf(browser, page)).openCard).toBeNull();
    expect((await cardView(page)).hosts).toBe(0);

    // A real hover opens it; a synthetic Escape does not close it.
    await page.mouse.move(box.x, box.y);
    await waitForPageState(browser, page, (s) => s.openCard === 'jens-stoltenberg', { what: 'his card' });
    await page.evaluate(() => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    await pageTimerFired(page, 500);
    expect((await pageStateOf(browser, page)).openCard).toBe('jens-stoltenberg');
    await page.keyboard.press('Escape');
  });

  it('cannot read the card, rewrite it, or hide it', async () => {
    await page.goto(`${server.origin}/article.html`);
    await settledPageState(browser, page);
    await hoverText(page, 'Stoltenberg');
    await waitForPageState(browser, page, (s) => s.openCard === 'jens-stoltenberg', { what: 'his card' });
    const seen = await page.evaluate(() => {
      const host = document.querySelector('side-notes-card') as HTMLElement;
      let attached = 'attachShadow refused';
      try {
        host.attachShadow({ mode: 'open' });
        attached = 'attachShadow allowed';
      } catch {
        // expected: the host already has a (closed) shadow root
      }
      // The page's attempt at a fake "verify your account" card, and at hiding the real one.
      host.innerHTML = '<a id="phish" href="https://example.invalid/verify">Verify your account</a>';
      host.style.setProperty('display', 'none', 'important');
      host.style.setProperty('opacity', '0', 'important');
      const phish = document.getElementById('phish')!;
      return {
        shadowRoot: host.shadowRoot,
        attached,
        text: host.textContent,
        phishBoxes: phish.getClientRects().length,
      };
    });
    expect(seen).toEqual({ shadowRoot: null, attached: 'attachShadow refused', text: 'Verify your account', phishBoxes: 0 });
    const card = await cardView(page);
    expect(card.closedToPage).toBe(true);
    expect(card.open).toBe(true);
    expect(card.name).toBe('Jens Stoltenberg');
    expect(card.text).not.toContain('Verify your account');
    await page.keyboard.press('Escape');
  });

  it('holds its own when the page overrides built-ins, and under a strict Content-Security-Policy', async () => {
    server.pages.set(
      '/meddling.html',
      seedArticlePage().replace(
        '<head>',
        `<head><script>
          for (const [owner, names] of [[Node.prototype, ['compareDocumentPosition', 'contains', 'appendChild']],
              [Document.prototype, ['createTreeWalker', 'createElement', 'createRange']], [Array.prototype, ['map', 'filter', 'push']],
              [Element.prototype, ['attachShadow', 'checkVisibility', 'getClientRects']], [window, ['setTimeout', 'requestAnimationFrame']]]) {
            for (const name of names) owner[name] = () => { throw new Error('meddled: ' + name); };
          }
          CSS.highlights.set = () => { throw new Error('meddled: highlights'); };
          window.Highlight = function () { throw new Error('meddled: Highlight'); };
          window.IntersectionObserver = function () { throw new Error('meddled: IntersectionObserver'); };
        </script>`,
      ),
    );
    server.pages.set('/strict.html', seedArticlePage());
    server.headers.set('/strict.html', {
      'content-security-policy': "default-src 'none'; style-src 'self'; script-src 'none'; img-src 'none'",
    });
    // Where "Stoltenberg" stands on the meddling page, found on the plain article (the same layout): the meddling
    // page broke the very functions a test would use to find it.
    await page.goto(`${server.origin}/article.html`);
    const onArticle = await textBox(page, 'Stoltenberg');
    const scrolled = await page.evaluate(() => scrollY);
    for (const path of ['/strict.html', '/meddling.html']) {
      const tab = await browser.context.newPage();
      await tab.goto(`${server.origin}${path}`);
      const state = await settledPageState(browser, tab);
      expect(state.mentions.length, path).toBeGreaterThan(50);
      await expect.poll(() => tab.evaluate(() => CSS.highlights.size), { message: path }).toBeGreaterThan(0);
      if (path === '/meddling.html') await tab.evaluate((y) => scrollTo(0, y), scrolled);
      const stoltenberg = path === '/meddling.html' ? onArticle : await textBox(tab, 'Stoltenberg');
      await tab.mouse.move(stoltenberg.x, stoltenberg.y);
      await waitForPageState(browser, tab, (s) => s.openCard === 'jens-stoltenberg', { what: `his card on ${path}` });
      const card = await cardView(tab);
      expect(card.open, path).toBe(true);
      // Styled: the card's own rules reached its shadow root despite the page's CSP.
      expect(card.rect!.width, path).toBeGreaterThan(300);
      expect(card.rect!.width, path).toBeLessThan(400);
      await tab.close();
    }
  });

  it('sees, while Side Notes is on, only the underlines near the viewport, as the README says', async () => {
    await page.goto(`${server.origin}/big.html`);
    const state = await settledPageState(browser, page, 60_000);
    expect(state.mentions).toHaveLength(4000);
    await expect.poll(async () => (await registeredRanges(page)).inViewport).toBeGreaterThan(0);
    const top = await registeredRanges(page);
    expect(top.total).toBeLessThan(200);
    expect(top.farthest).toBeLessThanOrEqual(1.1);
    await page.evaluate(() => window.scrollTo(0, innerHeight * 40));
    await expect
      .poll(async () => {
        const now = await registeredRanges(page);
        return now.inViewport > 0 && now.farthest <= 1.1 && now.total < 200;
      })
      .toBe(true);
    expect(errors).toEqual([]);
  });
});

describe('nothing leaves the machine', () => {
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

  /** Every request made in the context (pages, popup, options, service worker) that is not a page the test loaded. */
  function recordRequests(context: BrowserContext, origin: string): string[] {
    const requests: string[] = [];
    const record = (request: Request) => {
      const url = request.url();
      if (url.startsWith(`${origin}/`) && request.isNavigationRequest()) return;
      if (url.startsWith(`chrome-extension://${browser.extensionId}/`)) return;
      if (url === `${origin}/favicon.ico`) return;
      requests.push(`${request.method()} ${url}`);
    };
    context.on('request', record);
    return requests;
  }

  it('makes no request on any journey: reading, the card, search, the switches, the options page', async () => {
    const requests = recordRequests(browser.context, server.origin);
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/article.html`);
    await settledPageState(browser, page);
    await hoverText(page, 'Stoltenberg');
    await waitForPageState(browser, page, (s) => s.openCard === 'jens-stoltenberg', { what: 'his card' });
    const { popup } = await openPopupFor(browser, page);
    await popup.getByTestId('search').fill('arms trety');
    await popup.getByTestId('result').first().click();
    await popup.getByTestId('site-switch').click();
    await waitForPageState(browser, page, (s) => !s.enabled, { what: 'off' });
    await popup.getByTestId('site-switch').click();
    await popup.getByTestId('pause-switch').click();
    await popup.getByTestId('pause-switch').click();
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator('#add-site').fill('example.org');
    await options.locator('form.options__add button[type="submit"]').click();
    await page.reload();
    await settledPageState(browser, page);
    await pageTimerFired(page, 500);
    expect(requests).toEqual([]);
  });
});
