/**
 * Captured notes as trustworthy as the seed (issue 19): each case of the report reproduced on pages written for it
 * (e2e/fixtures/trust) — the steps (capture the pages as a reader would, save them), then the fixed result on the
 * pages. The baselines with captured notes on are in baselines.test.ts.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBundle } from '@/utils/bundle/load';
import type { Bundle } from '@/utils/bundle/schema';
import { launchWithExtension, localOnly, settledPageState, type ExtensionBrowser } from './support/browser';
import { cardView, collectErrors, hoverText, screenshotTo, waitForPageState } from './support/journeys';
import { addToLibrary, captureBundles } from './support/library';
import { ROOT, startPageServer, type PageServer } from './support/pages';

const entityNamed = (bundle: Bundle, name: string) => bundle.entities.find((entity) => entity.name === name);

describe('captured notes as trustworthy as the seed', () => {
  let server: PageServer;
  let browser: ExtensionBrowser;
  const url = (page: string) => `${server.origin}/trust/${page}`;

  beforeAll(async () => {
    server = await startPageServer({ folders: { '/trust/': join(ROOT, 'e2e', 'fixtures', 'trust') } });
    browser = await launchWithExtension();
    await localOnly(browser.context);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('1. a captured description never replaces the seed’s, one naming someone else is not saved, and no placeholder stands in', async () => {
    const tab = await browser.context.newPage();
    const errors = collectErrors(tab);
    const [nbc, yonhap] = await captureBundles(browser.context, [url('nbc-yoon.html'), url('yonhap-impeachment.html')]);
    // Saved: Yoon's drafted "Kim and Interior Minister Lee Sang-min" is gone; nothing says "Named in …".
    expect(entityNamed(nbc, 'Yoon Suk Yeol')).not.toHaveProperty('description');
    expect(entityNamed(yonhap, 'Yoon Suk Yeol')).toMatchObject({ description: 'President', descriptionBy: 'capture' });
    for (const entity of [...nbc.entities, ...yonhap.entities]) expect(entity.description ?? '').not.toMatch(/^Named in/);
    expect(entityNamed(yonhap, 'Woo Won-shik')).not.toHaveProperty('description');
    await addToLibrary(browser, [nbc, yonhap]);

    // The seed article: Yoon's card says what the seed says, though both captures are newer.
    await tab.goto(`${server.origin}/article.html`);
    await waitForPageState(browser, tab, (state) => state.mentions.some((mention) => mention.entityId === 'yoon-suk-yeol'), { what: 'Yoon underlined' });
    await hoverText(tab, 'Yoon Suk Yeol');
    await expect.poll(async () => (await cardView(tab)).name).toBe('Yoon Suk Yeol');
    const yoon = await cardView(tab);
    expect(yoon.text).toContain(defaultBundle.entities.find((entity) => entity.id === 'yoon-suk-yeol')!.description);
    expect(yoon.text).not.toContain('Kim and');
    expect(yoon.text).not.toContain('Named in');
    await screenshotTo(tab, 'trust-yoon-card');

    // The Yonhap page: an entity the article did not describe has a card with no description, not a placeholder.
    await tab.goto(url('yonhap-impeachment.html'));
    await waitForPageState(browser, tab, (state) => state.mentions.some((mention) => mention.name === 'Woo Won-shik'), { what: 'Woo underlined' });
    await hoverText(tab, 'Woo Won-shik');
    await expect.poll(async () => (await cardView(tab)).name).toBe('Woo Won-shik');
    expect((await cardView(tab)).text).not.toContain('Named in');
    await screenshotTo(tab, 'trust-undescribed-card');
    expect(errors).toEqual([]);
    await tab.close();
  });

  it('2. a captured name is underlined where it stands alone, never inside a longer name, as a look-alike word or in a menu', async () => {
    const tab = await browser.context.newPage();
    const errors = collectErrors(tab);
    const [wire] = await captureBundles(browser.context, [url('ministry-patriot.html')]);
    expect(entityNamed(wire, 'State Department')?.aliases).toEqual([{ text: 'State Department', needs: 'always', case: 'any', alone: true }]);
    expect(entityNamed(wire, 'Patriot')?.aliases[0]).toMatchObject({ text: 'Patriot', needs: 'evidence', alone: true });
    await addToLibrary(browser, [wire]);

    // Where the article names them, they are underlined: "the State Department", "Patriot missiles".
    await tab.goto(url('ministry-patriot.html'));
    const own = await waitForPageState(browser, tab, (state) => state.mentions.some((mention) => mention.name === 'State Department'), { what: 'State Department underlined' });
    expect(own.mentions.filter((mention) => mention.name === 'Patriot').map((mention) => mention.text)).toContain('Patriot');

    // The 9/11 list: "New York State Department of Taxation and Finance" 13 times, "Patriot Day" twice, a menu link.
    await tab.goto(url('sept-11-list.html'));
    const list = await settledPageState(browser, tab);
    expect(list.mentions.map((mention) => mention.text)).toContain('United States');
    expect(list.mentions.filter((mention) => mention.name === 'State Department' || mention.name === 'Patriot')).toEqual([]);

    // NBC's menu: "NBC Asian America" is no mention of the United States (nor of anything else).
    await tab.goto(url('nbc-yoon.html'));
    const nbc = await waitForPageState(browser, tab, (state) => state.mentions.some((mention) => mention.name === 'Yoon Suk Yeol'), { what: 'Yoon underlined' });
    expect(nbc.mentions.map((mention) => mention.text)).not.toContain('America');
    expect(nbc.mentions.filter((mention) => mention.name === 'United States')).toEqual([]);
    expect(errors).toEqual([]);
    await tab.close();
  });

  it('4. a capture drafts no merged people, no demonym, no place as a person, no quote that is a name alone', async () => {
    const [wire] = await captureBundles(browser.context, [url('ministry-patriot.html')]);
    const names = wire.entities.map((entity) => entity.name);
    expect(names).not.toContain('Zohar Lahav David Morales');
    expect(names).toEqual(expect.arrayContaining(['Zohar Lahav', 'David Morales']));
    expect(names).not.toContain('Spanish');
    expect(entityNamed(wire, 'Jerez de Frontera')?.kind).toBe('place');
    expect(entityNamed(wire, 'Stella Kim')?.facts.map((fact) => fact.quote)).not.toContain('Stella Kim');
  });
});
