/**
 * `npm run icons`: draws the extension's icons (public/icon/<size>.png, which WXT puts in the manifest) from the
 * Side Notes mark (components/Logo.tsx) in Chromium: the note filled white so it reads on light and dark toolbars.
 * Run it again when the mark changes; the PNGs are committed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../e2e/support/browser';

const SIZES = [16, 32, 48, 96, 128];
const BRAND = '#2563eb';
const dir = join(import.meta.dirname, '..', 'public', 'icon');

const mark = (size: number) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20" width="${size}" height="${size}"
  fill="none" stroke="${BRAND}" stroke-width="1.6" stroke-linecap="round">
  <rect x="1" y="1" width="18" height="18" rx="5" fill="#ffffff" />
  <path d="M5.5 8h9M5.5 11.5h6" />
  <path d="M5.5 15h9" stroke-dasharray="0.1 2.6" stroke-width="2" />
</svg>`;

mkdirSync(dir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless=new', ...CHROMIUM_FLAGS],
});
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<body style="margin:0">${mark(size)}</body>`);
    await page.screenshot({ path: join(dir, `${size}.png`), omitBackground: true });
    await page.close();
    console.log(`wrote public/icon/${size}.png`);
  }
} finally {
  await browser.close();
}
