/**
 * `npm start`: opens Chromium with the built extension on the seed article, served locally. With a display the
 * browser stays open for you; without one (a server, CI) it runs headless, opens Stoltenberg's card and writes a
 * screenshot of it.
 */
import { launchWithExtension, screenshot, settledPageState } from '../e2e/support/browser';
import { waitForPageState } from '../e2e/support/journeys';
import { startPageServer } from '../e2e/support/pages';

const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const server = await startPageServer();
const browser = await launchWithExtension(undefined, { headed });
const page = browser.context.pages()[0] ?? (await browser.context.newPage());
const url = `${server.origin}/article.html`;
await page.goto(url);
const state = await settledPageState(browser, page);
const entities = new Set(state.mentions.map((mention) => mention.entityId));
console.log(`Side Notes underlines ${state.mentions.length} mentions of ${entities.size} entities on ${url}`);
console.log(`(scan: ${state.stats.scanMs} ms over ${state.stats.textNodes} text nodes)`);

if (headed) {
  console.log('Hover a dotted name to see its card. Close the browser window to stop.');
  await new Promise<void>((resolve) => browser.context.on('close', () => resolve()));
} else {
  const point = await page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf('Jens Stoltenberg');
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 'Jens Stoltenberg'.length);
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    return null;
  });
  if (!point) throw new Error('the article does not name Jens Stoltenberg');
  await page.mouse.move(point.x, point.y);
  await waitForPageState(browser, page, (s) => s.openCard === 'jens-stoltenberg', { what: 'his card' });
  await page.waitForTimeout(200);
  const path = await screenshot(page, 'start-card');
  console.log(`No display: ran headless. Screenshot of the open card: ${path}`);
  await browser.close();
}
await server.close();
