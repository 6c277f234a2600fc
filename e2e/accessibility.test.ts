/**
 * axe-core (the npm package, injected into each page) on every surface a reader meets: the card, light and dark, at
 * rest, with focus in it and with the reader's own note; the popup (the page's list, search results, a card with its
 * walk through the page's mentions, every note by kind, paused); the options page (a bundle opened, a site refused, a
 * site off); the add-note page (the entities a passage names, a search, a new entity refused without a name); the
 * review page (its compact list, an entry open with its split, a problem, an undo); the first-run page. The WCAG 2.2 A
 * and AA rules (and 2.0/2.1's) must find nothing.
 *
 * The shipped card's shadow root is closed, so axe cannot read it on a web page. The card is checked where axe can
 * reach it without weakening what ships: the content script's own `CardHost`, component and styles, built with
 * esbuild into a page of the test's own (`support/card-page.tsx`), where its root is attached open.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, settledPageState, tabIdOf, type ExtensionBrowser } from './support/browser';
import { buildCardPageScript, cardPage } from './support/card-page-build';
import { launchPlain, screenshotTo } from './support/journeys';
import { startPageServer, type PageServer } from './support/pages';

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
  /** What axe said about the first element. */
  why: string;
}

/**
 * Runs axe on the page as it is now; returns its violations, each with the elements it found, and the text whose
 * contrast it could not work out (axe says "incomplete": such text was not checked at all, so the test wants none).
 */
async function violations(page: Page): Promise<Violation[]> {
  // Evaluated rather than added as a script tag: an extension page's content security policy allows no inline script.
  await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const { violations, incomplete } = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: tags },
    });
    // Text scrolled out of its list's view is text axe cannot see behind: it is checked when scrolled into view.
    const inView = (target: unknown) => {
      if (!Array.isArray(target) || typeof target[0] !== 'string') return true;
      const element = document.querySelector(target[0]);
      const scroller = element?.closest('.sn-list, .popup__groups');
      if (!element || !scroller) return true;
      const box = element.getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      return box.top >= view.top && box.bottom <= view.bottom;
    };
    const unknownContrast = incomplete
      .filter(({ id }) => id === 'color-contrast')
      .map((result) => ({ ...result, nodes: result.nodes.filter((node) => inView(node.target)) }))
      .filter(({ nodes }) => nodes.length > 0);
    return [...violations, ...unknownContrast.map((result) => ({ ...result, id: 'color-contrast (not worked out)' }))].map(
      ({ id, impact, help, nodes }) => ({
        id,
        impact: impact ?? null,
        help,
        targets: nodes.map((node) => JSON.stringify(node.target)),
        why: [...(nodes[0]?.any ?? []), ...(nodes[0]?.all ?? []), ...(nodes[0]?.none ?? [])].map((check) => check.message).join(' '),
      }),
    );
  }, WCAG_22_AA);
}

/** Counts per surface, printed at the end (the figures in the README come from here). */
const counts: Record<string, number> = {};

async function check(page: Page, surface: string): Promise<void> {
  const found = await violations(page);
  counts[surface] = found.length;
  expect(found, `${surface}: ${JSON.stringify(found, null, 1)}`).toEqual([]);
}

describe('axe-core finds no WCAG 2.2 A/AA violation', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  /** A Chromium without the extension for the card's page: its card is the test's, not one the extension opened. */
  let plain: Awaited<ReturnType<typeof launchPlain>>;

  beforeAll(async () => {
    server = await startPageServer();
    const script = await buildCardPageScript();
    server.pages.set('/card.js', script);
    server.headers.set('/card.js', { 'content-type': 'text/javascript' });
    server.pages.set('/card-light.html', cardPage());
    server.pages.set('/card-dark.html', cardPage('#111418', '#e8e8e8'));
    browser = await launchWithExtension();
    plain = await launchPlain();
  });

  afterAll(async () => {
    console.log(`axe-core ${axe.version}, WCAG 2.2 A/AA violations per surface: ${JSON.stringify(counts)}`);
    await Promise.all([browser?.close(), plain?.close()]);
    await server?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`on the card (${scheme}), at rest and with focus in it`, async () => {
      const page = await plain.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${server.origin}/card-${scheme}.html`);
      await page.evaluate(() => (window as unknown as { SideNotesCard: typeof import('./support/card-page') }).SideNotesCard.showCard('jens-stoltenberg'));
      await page.waitForFunction(() => document.querySelector('side-notes-card')?.shadowRoot?.querySelector('h2'));
      await check(page, `card (${scheme})`);
      await screenshotTo(page, `axe-card-${scheme}`);
      await page.evaluate(() =>
        (window as unknown as { SideNotesCard: typeof import('./support/card-page') }).SideNotesCard.showCard('arms-trade-treaty', {
          focus: true,
          mentionAt: 2,
          canGoBack: true,
        }),
      );
      await check(page, `card (${scheme}, focused)`);
      // With the reader's own note ("Your note").
      await page.evaluate(() =>
        (window as unknown as { SideNotesCard: typeof import('./support/card-page') }).SideNotesCard.showCard('seoul', {
          ownNote: 'Where my cousin teaches.',
        }),
      );
      await page.waitForFunction(() => document.querySelector('side-notes-card')?.shadowRoot?.querySelector('[data-testid="card-own-note"]'));
      await check(page, `card (${scheme}, your note)`);
      await screenshotTo(page, `axe-card-your-note-${scheme}`);

      // The check is not vacuous: a grey heading (under 4.5:1 on the light card and on the dark one), put into the
      // card's root, is found in the shadow tree.
      await page.evaluate(() => {
        const style = document.createElement('style');
        style.textContent = '.sn-card .sn-card__name { color: #808080 !important; }';
        document.querySelector('side-notes-card')!.shadowRoot!.append(style);
      });
      const faint = await violations(page);
      expect(faint.map((violation) => violation.id)).toEqual(['color-contrast']);
      expect(faint[0].targets).toEqual([JSON.stringify([['side-notes-card', '#sn-card-title']])]);
      await page.close();
    });
  }

  for (const [pageScheme, systemScheme] of [['dark', 'light'], ['light', 'dark']] as const) {
    it(`on the card on a ${pageScheme} page under a ${systemScheme} system theme (it takes the page's), expanded, with Back`, async () => {
      const page = await plain.context.newPage();
      await page.emulateMedia({ colorScheme: systemScheme });
      await page.goto(`${server.origin}/card-${pageScheme}.html`);
      await page.evaluate(() =>
        (window as unknown as { SideNotesCard: typeof import('./support/card-page') }).SideNotesCard.showCard('nato', {
          mentionAt: 2,
          canGoBack: true,
        }),
      );
      await page.waitForFunction(() => document.querySelector('side-notes-card')?.shadowRoot?.querySelector('h2'));
      const theme = () => page.evaluate(() => document.querySelector('side-notes-card')!.shadowRoot!.querySelector('.sn-card')!.getAttribute('data-theme'));
      expect(await theme()).toBe(pageScheme);
      await check(page, `card (${pageScheme} page, ${systemScheme} system)`);
      // Every quote and every related entity showing: the "Show fewer" and chips' colours are checked too.
      await page.evaluate(() => {
        const root = document.querySelector('side-notes-card')!.shadowRoot!;
        root.querySelector<HTMLButtonElement>('.sn-card__more')!.click();
        root.querySelector<HTMLButtonElement>('.sn-card__chip--more')!.click();
      });
      await page.waitForFunction(() => document.querySelector('side-notes-card')!.shadowRoot!.querySelectorAll('.sn-card__chip').length === 9);
      const body = page.locator('side-notes-card .sn-card__body');
      // The body scrolls: each screenful of it in turn.
      for (let screen = 0; screen < 6; screen++) {
        await check(page, `card (${pageScheme} page, ${systemScheme} system, expanded, screen ${screen + 1})`);
        const done = await body.evaluate((element) => {
          const end = element.scrollTop + element.clientHeight >= element.scrollHeight - 1;
          element.scrollTop += element.clientHeight - 20;
          return end;
        });
        if (done) break;
      }
      await screenshotTo(page, `axe-card-${pageScheme}-page-${systemScheme}-system`);
      await page.close();
    });
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`on the popup (${scheme}): the page's list, search results, a card`, async () => {
      const article = await browser.context.newPage();
      await article.goto(`${server.origin}/article.html`);
      await settledPageState(browser, article);
      const tabId = await tabIdOf(browser, article);
      const popup = await browser.context.newPage();
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.setViewportSize({ width: 380, height: 600 });
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
      await popup.getByTestId('page-entity').first().waitFor();
      await popup.keyboard.press('ArrowDown');
      // The list scrolls: each screenful of it in turn, so that every row is seen (every kind's colour among them).
      const list = popup.locator('.sn-list');
      let found = 0;
      for (let screen = 0; screen < 8; screen++) {
        found += (await violations(popup)).length;
        const done = await list.evaluate((element) => {
          const end = element.scrollTop + element.clientHeight >= element.scrollHeight - 1;
          element.scrollTop += element.clientHeight - 20;
          return end;
        });
        if (done) break;
      }
      counts[`popup (${scheme}, on this page)`] = found;
      expect(found).toBe(0);

      await popup.getByTestId('search').fill('korea');
      await popup.getByTestId('result').first().waitFor();
      await check(popup, `popup (${scheme}, search)`);
      await popup.keyboard.press('Enter');
      await popup.getByTestId('entity-card').waitFor();
      // The page names it: the card has its walk through the page's mentions.
      await popup.getByTestId('mentions-bar').waitFor();
      await popup.getByTestId('next-mention').click();
      await check(popup, `popup (${scheme}, card)`);
      await screenshotTo(popup, `axe-popup-card-${scheme}`);

      // Every note, by kind.
      await popup.getByTestId('back').click();
      await popup.getByTestId('search').fill('');
      await popup.getByTestId('browse-all').click();
      await popup.getByTestId('browse-all-view').waitFor();
      // The groups scroll: each screenful in turn, every kind's colour among them.
      const groups = popup.locator('.popup__groups');
      let inBrowse = 0;
      for (let screen = 0; screen < 10; screen++) {
        inBrowse += (await violations(popup)).length;
        const done = await groups.evaluate((element) => {
          const end = element.scrollTop + element.clientHeight >= element.scrollHeight - 1;
          element.scrollTop += element.clientHeight - 20;
          return end;
        });
        if (done) break;
      }
      counts[`popup (${scheme}, browse all)`] = inBrowse;
      expect(inBrowse).toBe(0);
      await popup.getByTestId('browse-back').click();

      // Paused everywhere: the site switch, dimmed, with its note.
      await popup.getByTestId('pause-switch').click();
      await popup.getByTestId('site-overridden').waitFor();
      await check(popup, `popup (${scheme}, paused)`);
      await screenshotTo(popup, `axe-popup-paused-${scheme}`);
      await popup.getByTestId('pause-switch').click();
      await popup.getByTestId('site-overridden').waitFor({ state: 'detached' });
      await popup.close();
      await article.close();
    });

    it(`on the options page (${scheme})`, async () => {
      const options = await browser.context.newPage();
      await options.emulateMedia({ colorScheme: scheme });
      await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
      await options.getByTestId('bundle').first().waitFor();
      await options.getByTestId('appearance').waitFor();
      await check(options, `options (${scheme})`);
      await options.screenshot({ path: `${process.cwd()}/e2e/screenshots/axe-options-${scheme}.png`, fullPage: true });
      // A bundle opened to its entities, a site refused with its reason, and a site turned off with its message.
      await options.getByTestId('bundle-open').first().click();
      await options.getByTestId('bundle-entities').waitFor();
      await options.locator('#add-site').fill('*.example.com');
      await options.getByRole('button', { name: 'Turn off', exact: true }).click();
      await options.getByTestId('site-error').waitFor();
      await check(options, `options (${scheme}, bundle open, site refused)`);
      await options.locator('#add-site').fill('example.com');
      await options.getByRole('button', { name: 'Turn off', exact: true }).click();
      await options.getByRole('button', { name: 'Turn back on for example.com' }).waitFor();
      await check(options, `options (${scheme}, site off)`);
      await options.getByRole('button', { name: 'Turn back on for example.com' }).click();
      await options.close();
    });

    it(`on the add-note page (${scheme}): the passage, the entities it names, a search, a new entity`, async () => {
      // What the background leaves for the page (utils/add-note/open.ts): a passage that names two entities.
      const id = `axe-${scheme}`;
      await browser.worker.evaluate(
        ({ id, origin }) =>
          (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.storage.session.set({
            [`pendingNote:${id}`]: {
              selection: {
                text: 'NATO Secretary General Jens Stoltenberg said Seoul should send weapons.',
                start: 120,
                url: `${origin}/article.html`,
                title: 'A page | Example News',
                site: 'Example News',
                published: '2024-05-01',
                entities: ['nato', 'jens-stoltenberg', 'seoul'],
              },
            },
          }),
        { id, origin: server.origin },
      );
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 560, height: 720 });
      await page.goto(`chrome-extension://${browser.extensionId}/add-note.html?note=${id}`);
      await page.getByTestId('add-note-choice').first().waitFor();
      // The reader's note written (axe works out the contrast of a field's text only when it has some).
      await page.getByTestId('own-note').fill('Said it twice.');
      await check(page, `add note (${scheme})`);
      await screenshotTo(page, `axe-add-note-${scheme}`);
      await page.getByRole('combobox').fill('korea');
      await page.getByTestId('add-note-result').first().waitFor();
      // The results make the page taller than its window: the note's field is brought out from under the footer that
      // stays at the window's bottom, as a reader scrolling to it would.
      await page.getByTestId('own-note').evaluate((field) => field.scrollIntoView({ block: 'center' }));
      await check(page, `add note (${scheme}, search)`);
      await page.getByRole('combobox').fill('');
      await page.getByTestId('add-note-new').click();
      await page.getByTestId('new-name').waitFor();
      await page.getByTestId('new-name').fill('');
      await page.getByTestId('add-note-save').click();
      await page.getByTestId('add-note-problems').waitFor();
      await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
      await check(page, `add note (${scheme}, new entity)`);
      await screenshotTo(page, `axe-add-note-new-${scheme}`);
      await page.close();
    });

    it(`on the review page (${scheme}): the compact list, an entry open with its split, a problem, an undo`, async () => {
      const article = await browser.context.newPage();
      await article.goto(`${server.origin}/article.html`);
      await settledPageState(browser, article);
      const review = await browser.context.newPage();
      await review.emulateMedia({ colorScheme: scheme });
      await review.setViewportSize({ width: 900, height: 900 });
      await review.goto(`chrome-extension://${browser.extensionId}/review.html?tab=${await tabIdOf(browser, article)}`);
      await review.getByTestId('review-entry').first().waitFor();
      // The whole page in the window: no entry under the sticky toolbar or footer, where axe cannot work out the
      // contrast of what they cover.
      const fit = async () =>
        review.setViewportSize({ width: 900, height: await review.evaluate(() => document.documentElement.scrollHeight + 200) });
      await fit();
      await check(review, `review (${scheme})`);
      const first = review.getByTestId('review-entry').first();
      await first.getByTestId('expand').click();
      await first.getByTestId('split').click();
      await first.getByTestId('split-panel').waitFor();
      await first.getByTestId('select').check();
      await fit();
      await check(review, `review (${scheme}, an entry open, split)`);
      await screenshotTo(review, `axe-review-${scheme}`);
      await first.getByTestId('name').fill('');
      await first.getByTestId('name').press('Tab');
      await review.getByTestId('review-problems').locator('li').first().waitFor();
      await review.getByTestId('review-entry').nth(1).getByTestId('remove').click();
      await review.getByTestId('undo-remove').waitFor();
      await fit();
      await check(review, `review (${scheme}, a problem, an undo)`);
      await review.close();
      await article.close();
    });

    it(`on the first-run page (${scheme})`, async () => {
      const welcome = await browser.context.newPage();
      await welcome.emulateMedia({ colorScheme: scheme });
      await welcome.goto(`chrome-extension://${browser.extensionId}/welcome.html`);
      await welcome.getByTestId('entity-card').waitFor();
      await welcome.getByTestId('welcome-keys').locator('kbd').first().waitFor();
      await check(welcome, `first run (${scheme})`);
      await welcome.getByTestId('example-name').nth(2).focus();
      await check(welcome, `first run (${scheme}, a name focused)`);
      await welcome.close();
    });
  }
});
