/**
 * Pages that change after load, and text that is not page prose: late paragraphs, SPA view swaps, form fields,
 * scripts, templates, hidden and editable content, and names split across elements, line breaks and &nbsp;.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, pageStateOf, settledPageState, type ExtensionBrowser } from './support/browser';
import { collectErrors, waitForPageState } from './support/journeys';
import { startPageServer, type PageServer } from './support/pages';
import { pageTimerFired } from './support/patience';

const page = (title: string, body: string, script = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body>${body}${script ? `<script>${script}</script>` : ''}</body></html>`;

const PAGES: Record<string, string> = {
  '/late.html': page(
    'Late paragraph',
    '<main><p>An ordinary first paragraph with no names at all.</p></main>',
    `setTimeout(() => {
       const p = document.createElement('p');
       p.textContent = 'Later that day Jens Stoltenberg arrived.';
       document.querySelector('main').append(p);
     }, 500);`,
  ),
  '/spa.html': page(
    'Single-page app',
    '<nav><a href="#">Home</a></nav><main><p>Jens Stoltenberg visited Seoul.</p><p>He met Yoon Suk Yeol.</p></main>',
    `window.goToSecondView = () => {
       history.pushState({}, '', '/spa/second');
       const main = document.querySelector('main');
       const p = document.createElement('p');
       p.textContent = 'Pyongyang answered; Moscow stayed silent.';
       main.replaceChildren(p);
     };`,
  ),
  '/not-prose.html': page(
    'Places that are not prose',
    `<textarea id="area">NATO in a textarea</textarea>
     <input id="field" value="NATO in an input">
     <style>.NATO::after { content: "NATO in a style"; }</style>
     <template><p>NATO in a template</p></template>
     <div id="editor" contenteditable="true">NATO in an editor</div>
     <noscript><p>NATO in noscript</p></noscript>
     <p hidden>NATO hidden by an attribute</p>
     <div style="display:none"><p>NATO not displayed</p></div>
     <p id="visible">NATO</p>`,
    'window.note = "NATO in a script";',
  ),
  '/reveal.html': page(
    'Revealed later',
    `<style>.closed { display: none; }</style>
     <p>An introduction about NATO.</p>
     <div id="more" hidden><p>Jens Stoltenberg, behind a "read more".</p></div>
     <div id="accordion" class="closed"><p>Seoul, in a collapsed accordion.</p></div>
     <details id="details"><summary>Details</summary><p>Pyongyang, in closed details.</p></details>`,
  ),
  '/split.html': page(
    'Split names',
    `<p id="inline">Yoon <b>Suk</b> Yeol met the press.</p>
     <p id="newline">Then Jens
       Stoltenberg spoke.</p>
     <p id="nbsp">Later Jens&nbsp;Stoltenberg left.</p>`,
  ),
  // A framework-like page that re-renders its text every 40 ms, and watches its own DOM for changes it did not make.
  '/rerender.html': page(
    'Re-rendering page',
    `<p id="clock"></p>
     <script>
       window.writes = 0;
       window.records = 0;
       new MutationObserver((records) => { window.records += records.length; })
         .observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true });
       const clock = document.getElementById('clock');
       const render = () => {
         clock.replaceChildren(document.createTextNode('NATO met in Seoul at ' + performance.now().toFixed(1)));
         window.writes++;
       };
       render();
       window.stop = setInterval(render, 40);
     </script>`,
  ),
};

describe('pages that change, and text that is not prose', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let tab: Page;
  let errors: string[];

  const ids = (state: { mentions: { entityId: string }[] }) => state.mentions.map((mention) => mention.entityId);

  beforeAll(async () => {
    server = await startPageServer();
    for (const [path, html] of Object.entries(PAGES)) server.pages.set(path, html);
    browser = await launchWithExtension();
    tab = await browser.context.newPage();
    errors = collectErrors(tab);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('picks up a paragraph added 500 ms after load', async () => {
    await tab.goto(`${server.origin}/late.html`);
    const loaded = Date.now();
    const state = await waitForPageState(browser, tab, (s) => ids(s).includes('jens-stoltenberg'), {
      what: 'the late paragraph to be scanned',
    });
    console.log(`late paragraph seen ${Date.now() - loaded} ms after load`);
    expect(state.enabled).toBe(true);
    expect(state.mentions).toEqual([{ entityId: 'jens-stoltenberg', name: 'Jens Stoltenberg', kind: 'person', text: 'Jens Stoltenberg' }]);
  });

  it('keeps up with a page that re-renders all the time, without adding to its DOM or looping', async () => {
    await tab.goto(`${server.origin}/rerender.html`);
    for (let sample = 0; sample < 8; sample++) {
      // Sampled every 250 ms of the page's own time, whatever the machine's load.
      await pageTimerFired(tab, 250);
      const state = await pageStateOf(browser, tab);
      // Between renders the paragraph names NATO and Seoul, once each; never a pile-up of stale mentions.
      expect(state.mentions.length).toBeLessThanOrEqual(2);
    }
    const settled = await waitForPageState(browser, tab, (s) => ids(s).join() === 'nato,seoul', {
      what: 'the re-rendered names to be underlined',
    });
    expect(settled.mentions.map((m) => m.text)).toEqual(['NATO', 'Seoul']);
    // Every DOM change the page observed is one it made itself: one record per render.
    const { writes, records } = await tab.evaluate(() => {
      const w = window as unknown as { writes: number; records: number; stop: number };
      clearInterval(w.stop);
      return { writes: w.writes, records: w.records };
    });
    expect(writes).toBeGreaterThan(20);
    expect(records).toBe(writes);
  });

  it('follows an SPA view swap: mentions of removed text go, new ones come', async () => {
    await tab.goto(`${server.origin}/spa.html`);
    const first = await settledPageState(browser, tab);
    expect(ids(first)).toEqual(['jens-stoltenberg', 'seoul', 'yoon-suk-yeol']);

    await tab.evaluate(() => (window as unknown as { goToSecondView: () => void }).goToSecondView());
    expect(new URL(tab.url()).pathname).toBe('/spa/second');
    const second = await waitForPageState(browser, tab, (s) => ids(s).join() === 'pyongyang,moscow', {
      what: 'the second view to be scanned',
    });
    expect(second.mentions.map((mention) => mention.text)).toEqual(['Pyongyang', 'Moscow']);
    expect(second.enabled).toBe(true);

    // A framework patching a text node in place, then removing a paragraph.
    await tab.evaluate(() => {
      const main = document.querySelector('main')!;
      (main.firstChild!.firstChild as Text).data = 'Kyiv answered first.';
      const extra = document.createElement('p');
      extra.textContent = 'Norway and Sweden followed.';
      main.append(extra);
    });
    await waitForPageState(browser, tab, (s) => ids(s).join() === 'kyiv,norway,sweden', {
      what: 'the patched text to be scanned',
    });
    await tab.evaluate(() => document.querySelector('main')!.lastElementChild!.remove());
    await waitForPageState(browser, tab, (s) => ids(s).join() === 'kyiv', { what: 'the removed paragraph to go' });
  });

  it('underlines text the page reveals later (hidden removed, class toggled, <details> opened)', async () => {
    await tab.goto(`${server.origin}/reveal.html`);
    const before = await settledPageState(browser, tab);
    expect(ids(before)).toEqual(['nato']);
    await tab.evaluate(() => {
      document.getElementById('more')!.hidden = false;
      document.getElementById('accordion')!.classList.remove('closed');
      (document.getElementById('details') as HTMLDetailsElement).open = true;
    });
    // Revealing is an attribute change, not a text change: the observer watches visibility attributes for this.
    await waitForPageState(browser, tab, (s) => ids(s).join() === 'nato,jens-stoltenberg,seoul,pyongyang', {
      what: 'revealed text to be underlined',
    });
  });

  it('ignores form fields, scripts, styles, templates, editors, noscript and hidden text', async () => {
    await tab.goto(`${server.origin}/not-prose.html`);
    const state = await settledPageState(browser, tab);
    expect(state.mentions).toEqual([{ entityId: 'nato', name: 'NATO', kind: 'organisation', text: 'NATO' }]);
    // The one mention is the visible paragraph: a highlight range sits in #visible and nowhere else.
    const inVisible = await tab.evaluate(() =>
      [...CSS.highlights.values()].flatMap((highlight) => [...highlight].map((range) => (range.startContainer.parentElement as Element).id)),
    );
    expect(inVisible).toEqual(['visible']);
  });

  it("keeps the user's typing intact in an editor and a textarea, caret included", async () => {
    // Textarea: type at the end, move the caret back, type in the middle.
    const area = tab.locator('#area');
    await area.click();
    await tab.keyboard.press('End');
    await tab.keyboard.type(' and Jens Stoltenberg');
    await tab.keyboard.press('ArrowLeft');
    await tab.keyboard.press('ArrowLeft');
    await tab.keyboard.type('XY');
    expect(await area.inputValue()).toBe('NATO in a textarea and Jens StoltenbeXYrg');
    expect(await area.evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd])).toEqual([39, 39]);

    // Editor: the same; its DOM stays plain text (nothing wrapped, nothing inserted).
    const editor = tab.locator('#editor');
    await editor.click();
    await tab.keyboard.press('End');
    await tab.keyboard.type(' with Yoon Suk Yeol');
    await tab.keyboard.press('ArrowLeft');
    await tab.keyboard.press('ArrowLeft');
    await tab.keyboard.type('Z');
    // Only the user's text, in one text node: nothing was wrapped or inserted into the editor.
    expect(await editor.evaluate((el) => [...el.childNodes].map((node) => [node.nodeType, node.textContent]))).toEqual([
      [3, 'NATO in an editor with Yoon Suk YeZol'], // 3: a text node
    ]);
    const caret = await tab.evaluate(() => {
      const selection = getSelection()!;
      return { collapsed: selection.isCollapsed, offset: selection.focusOffset, inEditor: document.getElementById('editor')!.contains(selection.focusNode) };
    });
    expect(caret).toEqual({ collapsed: true, offset: 'NATO in an editor with Yoon Suk YeZ'.length, inEditor: true });

    // What was typed is the user's, not a mention; the page's one mention is still the visible paragraph.
    // Past the change batch (120 ms) and its read, on the page's clock.
    await pageTimerFired(tab, 500);
    const state = await pageStateOf(browser, tab);
    expect(state.mentions.map((mention) => mention.entityId)).toEqual(['nato']);
  });

  it('sees one mention in a name split across inline elements, a line break or a no-break space', async () => {
    await tab.goto(`${server.origin}/split.html`);
    const state = await settledPageState(browser, tab);
    expect(state.mentions.map(({ entityId, text }) => ({ entityId, text }))).toEqual([
      { entityId: 'yoon-suk-yeol', text: 'Yoon Suk Yeol' },
      { entityId: 'jens-stoltenberg', text: 'Jens\n       Stoltenberg' },
      { entityId: 'jens-stoltenberg', text: 'Jens\u00a0Stoltenberg' },
    ]);
    // The split name is underlined as one range from "Yoon" to "Yeol", across the <b>.
    const range = await tab.evaluate(() => {
      const ranges = [...CSS.highlights.values()].flatMap((highlight) => [...highlight]);
      const first = ranges.find((r) => (r.startContainer.parentElement as Element).id === 'inline')!;
      const live = document.createRange();
      live.setStart(first.startContainer, first.startOffset);
      live.setEnd(first.endContainer, first.endOffset);
      return live.toString();
    });
    expect(range).toBe('Yoon Suk Yeol');
    expect(errors).toEqual([]);
  });
});
