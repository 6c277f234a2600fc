/**
 * Text a walk of the document does not reach (issue 8): web components' open shadow roots, and frames of the page's
 * own origin. Side Notes reads them, paints there, keeps up with their changes and opens cards from them; it leaves
 * closed shadow roots and other sites' frames alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, settledPageState, type ExtensionBrowser } from './support/browser';
import { cardView, collectErrors, screenshotTo, waitForPageState } from './support/journeys';
import { ROOT, startPageServer, type PageServer } from './support/pages';
import { PATIENCE_MS, pageTimerFired } from './support/patience';

/**
 * The hand-made web-components page of the baselines (open roots, one nested, one closed), with a way for the test to
 * add a comment inside a shadow root later.
 */
const COMPONENTS = readFileSync(join(ROOT, 'tests', 'fixtures', 'pages', 'handmade-web-components.html'), 'utf8').replace(
  '</script>',
  `  window.addLater = () => {
    const p = document.createElement('p');
    p.textContent = 'Later, a comment on Japan.';
    document.getElementById('comments').shadowRoot.append(p);
  };
</script>`,
);

const FRAMES = (otherOrigin: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Frames</title>
<style>body { font: 18px/1.6 Georgia, serif; margin: 40px; } iframe { width: 640px; height: 160px; border: 1px solid #ccc; }</style></head>
<body>
<p>The page itself names Poland.</p>
<iframe id="srcdoc" srcdoc="<p style='font:18px Georgia'>An embedded article: Jens Stoltenberg spoke in Seoul.</p>"></iframe>
<iframe id="written"></iframe>
<iframe id="other" src="${otherOrigin}/other.html"></iframe>
<script>
  const doc = document.getElementById('written').contentDocument;
  doc.open();
  doc.write('<p style="font:18px Georgia">Written by the page: NATO met.</p>');
  doc.close();
</script>
</body></html>`;

const ids = (state: { mentions: { entityId: string }[] }) => state.mentions.map((mention) => mention.entityId);

/** Whether the frame's highlight registry holds ranges (the frame's own world, as its page sees it). */
const framePainted = (frame: Frame) => frame.evaluate(() => [...CSS.highlights.values()].some((highlight) => highlight.size > 0));

describe('text in shadow roots and frames', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startPageServer();
    server.pages.set('/components.html', COMPONENTS);
    server.pages.set('/other.html', '<!doctype html><p>Another site’s frame names Germany.</p>');
    const other = `http://localhost:${new URL(server.origin).port}`;
    server.pages.set('/frames.html', FRAMES(other));
    browser = await launchWithExtension();
    page = await browser.context.newPage();
    errors = collectErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reads open shadow roots, nested ones too, in page order, and paints there; closed roots stay closed', async () => {
    await page.goto(`${server.origin}/components.html`);
    const state = await settledPageState(browser, page);
    expect(ids(state)).toEqual(['pyongyang', 'nato', 'seoul', 'jens-stoltenberg', 'moscow']);
    // The underline rules were brought into the shadow roots that hold names.
    const adopted = await page.evaluate(() => {
      const comments = document.getElementById('comments')!.shadowRoot!;
      const reply = comments.querySelector('comment-reply')!.shadowRoot!;
      return [comments.adoptedStyleSheets.length, reply.adoptedStyleSheets.length];
    });
    expect(adopted).toEqual([1, 1]);
    const underline = await page.evaluate(() => {
      const paragraph = document.getElementById('comments')!.shadowRoot!.getElementById('first')!;
      const names = [...CSS.highlights.keys()];
      return names.map((name) => getComputedStyle(paragraph, `::highlight(${name})`).textDecorationLine);
    });
    expect(underline).toContain('underline');
    await screenshotTo(page, 'reach-shadow-roots');
  });

  it('keeps up with a shadow root that changes, and opens a card from a name inside one', async () => {
    await page.evaluate(() => (window as unknown as { addLater(): void }).addLater());
    await waitForPageState(browser, page, (s) => ids(s).includes('japan'), { what: 'the later comment read' });
    const box = await page.evaluate(() => {
      const paragraph = document.getElementById('comments')!.shadowRoot!.getElementById('first')!;
      const text = paragraph.firstChild as Text;
      const at = text.data.indexOf('Seoul');
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + 5);
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    });
    await page.mouse.move(box.x, box.y);
    await waitForPageState(browser, page, (s) => s.openCard === 'seoul', { what: 'the Seoul card from the shadow root' });
    expect((await cardView(page)).name).toBe('Seoul');
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
  });

  it('reads frames of the page’s own origin (srcdoc, written by the page), and leaves another site’s frame alone', async () => {
    await page.goto(`${server.origin}/frames.html`);
    const state = await settledPageState(browser, page);
    // The top frame's page state covers the top document (README, "Page state").
    expect(ids(state)).toEqual(['poland']);
    const frameOf = async (id: string) => (await (await page.$(`#${id}`))!.contentFrame())!;
    const srcdoc = await frameOf('srcdoc');
    const written = await frameOf('written');
    const other = await frameOf('other');
    await other.waitForLoadState();
    await expect.poll(() => framePainted(srcdoc)).toBe(true);
    await expect.poll(() => framePainted(written)).toBe(true);
    // The content script of a frame of another site leaves at once; a page timer of 500 ms in that frame and in the
    // page has fired (after any start-up of ours) and still nothing is painted there.
    await pageTimerFired(other, 500);
    await pageTimerFired(page, 500);
    expect(await framePainted(other)).toBe(false);
    expect(await other.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);

    // A card opens inside the frame, from a name in it.
    const frameBox = (await page.locator('#srcdoc').boundingBox())!;
    const inFrame = await srcdoc.evaluate(() => {
      const text = document.querySelector('p')!.firstChild as Text;
      const at = text.data.indexOf('Stoltenberg');
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + 11);
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    });
    await page.mouse.move(frameBox.x + 1 + inFrame.x, frameBox.y + 1 + inFrame.y);
    await expect.poll(() => srcdoc.evaluate(() => document.querySelectorAll('side-notes-card').length), { timeout: PATIENCE_MS }).toBe(1);
    await screenshotTo(page, 'reach-frames');
    expect(errors).toEqual([]);
  });
});
