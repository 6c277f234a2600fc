/**
 * The lifetime of Side Notes on a live page, probed fast and out of order as a demanding reader and a busy page
 * would (issue 6): the card under quick taps and Esc, switching off while work is pending, SPA views, settings
 * written at the same moment from two pages, a very big page with the popup open, a page that churns, a page that
 * removes our card, one 5 MB text node, and files opened from disk.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTATION_SETTLE_MS } from '../utils/page/observe';
import { NAVIGATION_SCAN_CAP_MS } from '../utils/page/navigation';
import { CLOSE_DELAY_MS, OPEN_DELAY_MS } from '../utils/hover/machine';
import { launchWithExtension, pageStateOf, settledPageState, timedPageStateOf, type ExtensionBrowser } from './support/browser';
import {
  cardView,
  clickInCard,
  collectErrors,
  hoverText,
  openPopupFor,
  pageHasHighlights,
  registeredRanges,
  screenshotTo,
  storedSiteSettings,
  textBox,
  waitForPageState,
} from './support/journeys';
import { bigPage, seedArticlePage, startPageServer, type PageServer } from './support/pages';
import { pageTimerFired } from './support/patience';

const page = (title: string, body: string, script = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body { font: 18px/1.6 Georgia, serif; margin: 40px; max-width: 700px; }</style></head>
<body>${body}${script ? `<script>${script}</script>` : ''}</body></html>`;

/**
 * One text node of about 5 MB (set by script: the HTML parser would split it), with names at its start, across the
 * scanner's window edge (8,192 characters), inside and at its end.
 */
function hugeTextNodePage(): string {
  return page(
    'One huge text node',
    '<p id="huge"></p>',
    `const filler = (length) => 'alpha bravo charlie delta '.repeat(Math.ceil(length / 26)).slice(0, length - 1) + ' ';
     const start = 'NATO opened. ';
     // "Jens Stoltenberg" starts six characters before the first window edge and ends after it.
     const text = start + filler(8192 - start.length - 6) + 'Jens Stoltenberg spoke. ' + filler(2000000) +
       'Seoul listened. ' + filler(3000000) + 'The end: Pyongyang.';
     document.getElementById('huge').textContent = text;
     window.huge = { length: text.length, nodes: document.getElementById('huge').childNodes.length };`,
  );
}

const SPA_PAGE = page(
  'SPA',
  '<main><p>The United States sent envoys.</p></main>',
  `window.goTalks = () => {
     history.pushState({}, '', '/spa/talks');
     document.querySelector('main').replaceChildren(Object.assign(document.createElement('p'), { textContent: 'Talks in Washington went on.' }));
   };`,
);

type InputEvent = ['Input.dispatchTouchEvent' | 'Input.dispatchKeyEvent', Record<string, unknown>];
const tap = ({ x, y }: { x: number; y: number }): InputEvent[] => [
  ['Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] }],
  ['Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] }],
];
const ESCAPE: InputEvent[] = [
  ['Input.dispatchKeyEvent', { type: 'keyDown', key: 'Escape', code: 'Escape', windowsVirtualKeyCode: 27 }],
  ['Input.dispatchKeyEvent', { type: 'keyUp', key: 'Escape', code: 'Escape', windowsVirtualKeyCode: 27 }],
];

/**
 * Real input events sent back to back, none waiting for the one before to be handled; `then`, sent the moment the
 * browser has handled the first burst (the browser routes keys and touches apart, so one burst cannot order them).
 * Each `Input.dispatch…` command answers once the page has handled its event, so when this returns, the page has.
 */
async function burst(tab: Page, events: InputEvent[], then: InputEvent[] = []): Promise<void> {
  const session = await tab.context().newCDPSession(tab);
  await Promise.all(events.map(([method, params]) => session.send(method, params as never)));
  await Promise.all(then.map(([method, params]) => session.send(method, params as never)));
  await session.detach();
}


/** The longest Side Notes waits before it acts on what it was told: a card opening or closing, a change settling. */
const LONGEST_WAIT_MS = Math.max(OPEN_DELAY_MS, CLOSE_DELAY_MS, MUTATION_SETTLE_MS) * 2;

/**
 * Whether the card is where page state says it is: one host, last in `<html>`, showing `name`, and the topmost
 * element under the card's middle (the page sees our host there: the card can be pointed at and clicked).
 */
async function cardShown(tab: Page, name: string): Promise<boolean> {
  const view = await cardView(tab);
  if (view.hosts !== 1 || !view.hostOnHtml || !view.open || view.name !== name || !view.rect) return false;
  const point = { x: view.rect.left + view.rect.width / 2, y: view.rect.top + Math.min(24, view.rect.height / 2) };
  return tab.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName === 'side-notes-card', point);
}

describe('one lifetime for the live page', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let tab: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startPageServer();
    server.pages.set('/plain.html', page('Plain', '<main><p>An ordinary paragraph with no names.</p></main>'));
    server.pages.set('/spa.html', SPA_PAGE);
    server.pages.set('/spa/talks', page('Talks', '<main><p>Talks in Washington went on.</p></main>'));
    server.pages.set('/huge.html', hugeTextNodePage());
    server.pages.set('/big.html', bigPage());
    server.pages.set('/churn.html', bigPage({ churn: true }));
    browser = await launchWithExtension(undefined, { hasTouch: true });
    tab = await browser.context.newPage();
    errors = collectErrors(tab);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const ids = (state: { mentions: { entityId: string }[] }) => state.mentions.map((mention) => mention.entityId);

  async function setSite(host: string, enabled: boolean) {
    await browser.worker.evaluate(
      async ({ host, enabled }) => {
        const chrome = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
        const { siteSettings } = await chrome.storage.local.get('siteSettings');
        const sites = ((siteSettings as { disabledSites?: string[] } | undefined)?.disabledSites ?? []).filter((s) => s !== host);
        await chrome.storage.local.set({ siteSettings: { paused: false, disabledSites: enabled ? sites : [...sites, host] } });
      },
      { host, enabled },
    );
  }

  it('1. two quick taps leave one host showing what page state says; a tap then Esc at once leaves no card', async () => {
    await tab.goto(`${server.origin}/article.html`);
    await settledPageState(browser, tab);
    // Two names tapped in one burst (the second before the first card could have been drawn): one host, and it
    // shows the entity page state names.
    const seoul = await textBox(tab, 'Seoul');
    const nato = await textBox(tab, 'NATO');
    await burst(tab, [...tap(seoul), ...tap(nato)]);
    const state = await waitForPageState(browser, tab, (s) => s.openCard !== null, { what: 'a card' });
    const view = await cardView(tab);
    expect(view.hosts).toBe(1);
    expect(view.open).toBe(true);
    expect(state.openCard).toBe('nato');
    expect(view.name).toBe('NATO');
    await tab.keyboard.press('Escape');
    expect((await cardView(tab)).open).toBe(false);

    // Esc sent the moment the tap has been handled: no card stays, in page state or on screen.
    const stoltenberg = await textBox(tab, 'Stoltenberg');
    await burst(tab, tap(stoltenberg), ESCAPE);
    expect((await pageStateOf(browser, tab)).openCard).toBeNull();
    expect((await cardView(tab)).open).toBe(false);
    // And none comes later, from a timer still pending.
    await pageTimerFired(tab, LONGEST_WAIT_MS);
    expect((await pageStateOf(browser, tab)).openCard).toBeNull();
    expect((await cardView(tab)).open).toBe(false);

    // And Esc keeps working afterwards.
    await burst(tab, tap(stoltenberg));
    await waitForPageState(browser, tab, (s) => s.openCard === 'jens-stoltenberg', { what: 'his card' });
    expect((await cardView(tab)).name).toBe('Jens Stoltenberg');
    await tab.keyboard.press('Escape');
    await waitForPageState(browser, tab, (s) => s.openCard === null, { what: 'the card closed by Esc' });
    expect((await cardView(tab)).open).toBe(false);
    expect((await cardView(tab)).hosts).toBe(1);
    expect(errors).toEqual([]);
  });

  it('2. switching off while a change waits to be read leaves nothing behind, and nothing fires later', async () => {
    await tab.goto(`${server.origin}/plain.html`);
    await settledPageState(browser, tab);
    const host = new URL(server.origin).host;
    await tab.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'NATO met in Seoul.';
      document.querySelector('main')!.append(p);
    });
    await setSite(host, false);
    const off = await waitForPageState(browser, tab, (s) => !s.enabled, { what: 'Side Notes off' });
    expect(off.mentions).toEqual([]);
    // Well past the observer's settle time, by the page's clock: no scan ran for the switched-off page.
    await pageTimerFired(tab, LONGEST_WAIT_MS);
    const later = await pageStateOf(browser, tab);
    expect(later).toMatchObject({ enabled: false, mentions: [], openCard: null });
    expect(await pageHasHighlights(tab)).toBe(false);
    await setSite(host, true);
    const on = await waitForPageState(browser, tab, (s) => s.enabled && s.mentions.length === 2, { what: 'on again' });
    expect(ids(on)).toEqual(['nato', 'seoul']);
  });

  it('3. an SPA view is scanned as a fresh load of it would be: no evidence carried over from the old view', async () => {
    await tab.goto(`${server.origin}/spa/talks`);
    const fresh = await settledPageState(browser, tab);
    expect(ids(fresh)).toEqual([]);

    await tab.goto(`${server.origin}/spa.html`);
    expect(ids(await settledPageState(browser, tab))).toEqual(['united-states']);
    await tab.evaluate(() => (window as unknown as { goTalks(): void }).goTalks());
    // The new view is scanned once it has rendered (a new lifetime: its stats start at zero).
    const after = await waitForPageState(browser, tab, (s) => s.stats.textNodes > 0 && !ids(s).includes('united-states'), {
      what: 'the new view scanned',
    });
    expect(ids(after)).toEqual(ids(fresh));
    // Nor does a later look (a change settling, the navigation's own wait) underline Washington.
    await pageTimerFired(tab, Math.max(LONGEST_WAIT_MS, NAVIGATION_SCAN_CAP_MS * 2));
    expect(ids(await pageStateOf(browser, tab))).toEqual(ids(fresh));

    // And the other way: going back to the first view finds the United States again.
    await tab.goBack();
    await tab.evaluate(() => {
      document.querySelector('main')!.replaceChildren(
        Object.assign(document.createElement('p'), { textContent: 'The United States sent envoys to Washington.' }),
      );
    });
    const back = await waitForPageState(browser, tab, (s) => ids(s).includes('united-states'), { what: 'the first view again' });
    expect(ids(back)).toEqual(['united-states', 'washington']);
  });

  it('4. settings written at the same moment from the popup and the options page are all kept', async () => {
    await tab.goto(`${server.origin}/plain.html`);
    await settledPageState(browser, tab);
    const { popup } = await openPopupFor(browser, tab);
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator('#add-site').fill('elsewhere.example.org');
    await expect.poll(() => popup.getByTestId('site-switch').isEnabled()).toBe(true);
    // Three writes in one moment: two from the popup's own switches, one from the options page.
    await Promise.all([
      popup.evaluate(() => {
        document.querySelector<HTMLButtonElement>('[data-testid="site-switch"]')!.click();
        document.querySelector<HTMLButtonElement>('[data-testid="pause-switch"]')!.click();
      }),
      options.evaluate(() => document.querySelector<HTMLFormElement>('form.options__add')!.requestSubmit()),
    ]);
    // Each is stored as its site (README, "Sites"): the registrable domain, the IP address without its port.
    const site = new URL(server.origin).hostname;
    await expect
      .poll(() => storedSiteSettings(browser))
      .toEqual({ paused: true, disabledSites: ['example.org', site].sort() });
    await popup.close();
    await options.close();
    await browser.worker.evaluate(async () => {
      const chrome = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      await chrome.storage.local.set({ siteSettings: { paused: false, disabledSites: [] } });
    });
  });

  it('5. a page of 200,000 text nodes keeps running with the popup open, and "Next" does not freeze it', async () => {
    await tab.goto(`${server.origin}/big.html`);
    const state = await settledPageState(browser, tab, 60_000);
    expect(state.mentions.length).toBe(4000);
    const { popup } = await openPopupFor(browser, tab);
    await expect.poll(() => popup.getByTestId('page-entity').count()).toBe(8);
    await tab.evaluate(() => ((window as unknown as { timerLateness: number[] }).timerLateness = []));
    // Three seconds of the page's own 10 ms timer with the popup open (300 ticks, however long they take to come).
    await expect.poll(() => tab.evaluate(() => (window as unknown as { timerLateness: number[] }).timerLateness.length)).toBeGreaterThanOrEqual(300);
    const started = Date.now();
    await tab.evaluate(() => 1 + 1);
    const trivialMs = Date.now() - started;
    // The answer as the extension's pages get it (in the service worker, from asking to answer), five times.
    const answers: number[] = [];
    for (let ask = 0; ask < 5; ask++) {
      const { state, answerMs } = await timedPageStateOf(browser, tab);
      expect(state.mentions).toHaveLength(4000);
      answers.push(answerMs);
    }
    answers.sort((a, b) => a - b);
    const lateness = await tab.evaluate(() => Math.max(0, ...(window as unknown as { timerLateness: number[] }).timerLateness));
    console.log(
      `big page, popup open: trivial script ${trivialMs} ms, page state answered in ${answers.map((ms) => ms.toFixed(1)).join(', ')} ms, page timer late by ${lateness.toFixed(0)} ms at most`,
    );
    // Before issue 6: 12.5 s for the trivial script and 47.7 s of 48.3 s with the timer starved. These bounds are
    // loose on purpose (a shared, busy machine); `npm run bench:lifetime` measures the figures (target ≤ 50 ms).
    expect(trivialMs).toBeLessThan(1_000);
    expect(answers[2]).toBeLessThan(500);
    expect(lateness).toBeLessThan(1_000);
    await popup.close();

    // "Next" through 500 mentions of one entity.
    await hoverText(tab, 'Seoul');
    await waitForPageState(browser, tab, (s) => s.openCard === 'seoul', { what: 'the Seoul card' });
    await tab.evaluate(() => ((window as unknown as { timerLateness: number[] }).timerLateness = []));
    const clicked = Date.now();
    await clickInCard(tab, '.sn-card__next');
    await clickInCard(tab, '.sn-card__next');
    const nextMs = Date.now() - clicked;
    const nextLateness = await tab.evaluate(() => Math.max(0, ...(window as unknown as { timerLateness: number[] }).timerLateness));
    console.log(`"Next" twice: ${nextMs} ms, page timer late by ${nextLateness.toFixed(0)} ms at most`);
    expect(nextLateness).toBeLessThan(1_000);
    expect((await pageStateOf(browser, tab)).openCard).toBe('seoul');
  });

  it('6. a page that churns hidden text all the time is underlined, and stays underlined', async () => {
    await tab.goto(`${server.origin}/churn.html`);
    const state = await waitForPageState(browser, tab, (s) => s.mentions.length === 4000, {
      what: 'the churning page scanned',
    });
    expect(state.enabled).toBe(true);
    // Underlines are painted and stay painted while the page keeps changing: sample them for two seconds.
    await expect.poll(async () => (await registeredRanges(tab)).inViewport).toBeGreaterThan(0);
    // Sampled after each of eight rounds of the page's churn (it rewrites its hidden paragraphs every 100 ms).
    const churnTick = () => tab.evaluate(() => (globalThis as unknown as { tick: number }).tick ?? eval('tick') as number);
    for (let sample = 0; sample < 8; sample++) {
      const before = await churnTick();
      await expect.poll(churnTick).toBeGreaterThan(before + 1);
      expect((await registeredRanges(tab)).inViewport, `sample ${sample}`).toBeGreaterThan(0);
    }
    expect((await pageStateOf(browser, tab)).mentions).toHaveLength(4000);
    await screenshotTo(tab, 'lifetime-churn');
  });

  it('7. a page that takes out or moves the card host never leaves the card elsewhere than page state says', async () => {
    await tab.goto(`${server.origin}/article.html`);
    await settledPageState(browser, tab);
    const shows = async (entityId: string, name: string) => {
      await waitForPageState(browser, tab, (s) => s.openCard === entityId, { what: `${name}'s card` });
      await expect.poll(() => cardShown(tab, name), { message: `${name}'s card on screen, in one host on <html>` }).toBe(true);
    };
    await tab.mouse.move(5, 5);
    await hoverText(tab, 'Stoltenberg');
    await shows('jens-stoltenberg', 'Jens Stoltenberg');

    // a. While the card shows, a framework that owns the document renders it anew, dropping what it did not write.
    await tab.evaluate(() => document.documentElement.replaceChildren(document.head, document.body));
    await shows('jens-stoltenberg', 'Jens Stoltenberg');
    // b. The page moves the host into its own clipped, transformed box (where a fixed card would be hidden).
    await tab.evaluate(() => {
      const box = document.createElement('div');
      box.style.cssText = 'transform: translateX(0); overflow: hidden; width: 10px; height: 10px';
      document.body.append(box);
      box.append(document.querySelector('side-notes-card')!);
    });
    await shows('jens-stoltenberg', 'Jens Stoltenberg');

    // c. Taken out after the card closed: the next card shows in the one host, back on <html>.
    await tab.keyboard.press('Escape');
    await waitForPageState(browser, tab, (s) => s.openCard === null, { what: 'the card closed' });
    await tab.evaluate(() => document.querySelector('side-notes-card')?.remove());
    expect((await cardView(tab)).hosts).toBe(0);
    await tab.mouse.move(5, 5);
    await hoverText(tab, 'Seoul');
    await shows('seoul', 'Seoul');
    await tab.keyboard.press('Escape');
    await waitForPageState(browser, tab, (s) => s.openCard === null, { what: 'the Seoul card closed' });

    // d. A page that takes the host out the moment it appears: no tug of war. The card closes and page state says so,
    // the page keeps running, and nothing is left in it.
    await tab.evaluate(() => {
      const takeOut = () => document.querySelectorAll('side-notes-card').forEach((host) => host.remove());
      new MutationObserver(takeOut).observe(document.documentElement, { childList: true });
      takeOut();
    });
    await tab.mouse.move(5, 5);
    await hoverText(tab, 'Stoltenberg');
    await waitForPageState(browser, tab, (s) => s.openCard === null && s.stats.textNodes > 0, { what: 'the refused card closed' });
    await pageTimerFired(tab, LONGEST_WAIT_MS);
    expect((await pageStateOf(browser, tab)).openCard).toBeNull();
    expect((await cardView(tab)).hosts).toBe(0);
    expect(errors).toEqual([]);
  });

  it('8. one 5 MB text node is read whole, a name across a window edge included', async () => {
    await tab.goto(`${server.origin}/huge.html`);
    const state = await settledPageState(browser, tab, 60_000);
    expect(await tab.evaluate(() => (window as unknown as { huge: unknown }).huge)).toMatchObject({ nodes: 1 });
    expect(state.mentions.map((m) => m.text)).toEqual(['NATO', 'Jens Stoltenberg', 'Seoul', 'Pyongyang']);
  });

  it('9. files opened from disk are one site: underlined, switched off from the popup, still off after a reload', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'side-notes-file-'));
    const file = join(dir, 'article.html');
    writeFileSync(file, seedArticlePage());
    try {
      await tab.goto(`file://${file}`);
      const state = await settledPageState(browser, tab);
      expect(state.enabled).toBe(true);
      expect(state.mentions.length).toBeGreaterThan(50);
      const { popup } = await openPopupFor(browser, tab);
      const siteSwitch = popup.getByTestId('site-switch');
      await expect.poll(() => siteSwitch.isEnabled()).toBe(true);
      expect(await siteSwitch.textContent()).toContain('local files');
      await expect.poll(() => popup.getByTestId('page-entity').count()).toBeGreaterThan(10);
      await siteSwitch.click();
      await waitForPageState(browser, tab, (s) => !s.enabled && s.mentions.length === 0, { what: 'off on local files' });
      await popup.close();
      await tab.reload();
      expect(await settledPageState(browser, tab)).toMatchObject({ enabled: false, mentions: [] });
      expect(await storedSiteSettings(browser)).toEqual({ paused: false, disabledSites: ['file://'] });
      await setSite('file://', true);
      await waitForPageState(browser, tab, (s) => s.enabled && s.mentions.length > 50, { what: 'on again' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('10. the popup\'s site switch works as soon as the page is there: opened while it loads, kept open across a reload and new addresses', async () => {
    const port = new URL(server.origin).port;
    server.pages.set('/held.html', page('Held', '<main><p>An ordinary paragraph, slow to come.</p></main>'));
    // The page's response is held until the popup is open: the reader clicked the toolbar while the page loaded.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let requested!: () => void;
    const arrived = new Promise<void>((resolve) => (requested = resolve));
    await browser.context.route('**/held.html', async (route) => {
      requested();
      await released;
      await route.continue();
    });
    const dir = mkdtempSync(join(tmpdir(), 'side-notes-file-'));
    const file = join(dir, 'plain.html');
    writeFileSync(file, page('Local', '<main><p>An ordinary local paragraph.</p></main>'));
    try {
      // A tab with no page of ours in it yet (had it one, the popup would rightly describe it until the next came).
      await tab.goto('about:blank');
      const loading = tab.goto(`${server.origin}/held.html`);
      await arrived;
      const { popup } = await openPopupFor(browser, tab);
      const siteSwitch = popup.getByTestId('site-switch');
      expect(await siteSwitch.isDisabled()).toBe(true);
      release();
      await loading;

      /** Waits until the switch names `label` and is usable, changes the page at once and switches the site off. */
      const switchOffRightAfterAChange = async (label: string) => {
        await expect.poll(async () => (await siteSwitch.isEnabled()) && (await siteSwitch.textContent())).toContain(label);
        await expect.poll(() => siteSwitch.getAttribute('aria-checked')).toBe('true');
        await settledPageState(browser, tab);
        await tab.evaluate(() => {
          const p = document.createElement('p');
          p.textContent = 'NATO met in Seoul.';
          document.querySelector('main')!.append(p);
        });
        await siteSwitch.click();
        await waitForPageState(browser, tab, (s) => !s.enabled && s.mentions.length === 0, { what: `off on ${label}` });
        await expect.poll(() => siteSwitch.getAttribute('aria-checked')).toBe('false');
      };
      // An IP address.
      await switchOffRightAfterAChange('127.0.0.1');
      // Reloaded with the popup open: the popup follows the new document, and the switch turns the site back on.
      await tab.reload();
      await expect.poll(async () => (await siteSwitch.isEnabled()) && (await siteSwitch.getAttribute('aria-checked'))).toBe('false');
      await siteSwitch.click();
      await waitForPageState(browser, tab, (s) => s.enabled, { what: 'on again after the reload' });
      // Another address in the same tab: localhost, then a file from disk.
      await tab.goto(`http://localhost:${port}/plain.html`);
      await switchOffRightAfterAChange('localhost');
      await tab.goto(`file://${file}`);
      await switchOffRightAfterAChange('local files');
      expect(await storedSiteSettings(browser)).toEqual({ paused: false, disabledSites: ['file://', 'localhost'] });
      await popup.close();
    } finally {
      await browser.context.unroute('**/held.html');
      rmSync(dir, { recursive: true, force: true });
      await browser.worker.evaluate(async () => {
        const chrome = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
        await chrome.storage.local.set({ siteSettings: { paused: false, disabledSites: [] } });
      });
    }
  });
});

describe('when the extension goes away under an open page', () => {
  it('stops: underlines and card go at the next sign of life, and the page sees no error', async () => {
    const server = await startPageServer();
    const browser = await launchWithExtension();
    try {
      const tab = await browser.context.newPage();
      const errors = collectErrors(tab);
      await tab.goto(`${server.origin}/article.html`);
      await settledPageState(browser, tab);
      await hoverText(tab, 'Stoltenberg');
      await waitForPageState(browser, tab, (s) => s.openCard === 'jens-stoltenberg', { what: 'his card' });
      expect(await pageHasHighlights(tab)).toBe(true);
      // An update or a reload from chrome://extensions: the content script in this tab is left orphaned.
      const gone = new Promise<void>((resolve) => browser.worker.once('close', () => resolve()));
      await browser.worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => {});
      // The extension's old service worker is gone: the content script in this tab is orphaned by now.
      await gone;
      await tab.mouse.move(10, 10);
      await hoverText(tab, 'Seoul');
      await expect.poll(() => pageHasHighlights(tab)).toBe(false);
      expect((await cardView(tab)).hosts).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
