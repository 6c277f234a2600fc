/**
 * Captured names get the seed's precision rules: never inside a longer proper name, a form that is also an ordinary
 * word needs evidence, and a site's navigation is not a mention (issue 19, item 2).
 */
import { describe, expect, it } from 'vitest';
import type { Bundle } from '@/utils/bundle/schema';
import { defaultBundle } from '@/utils/bundle/load';
import { commonWordsOf } from '@/utils/capture/draft';
import { aliasesFor, bundleFromDraft, type ReviewedEntity } from '@/utils/library/from-draft';
import { insideLongerName } from '@/utils/match/context';
import { compileMatcher } from '@/utils/match/compile';
import { scanText } from '@/utils/match/scan';
import { Highlights } from '@/utils/page/highlights';
import { PageScanner } from '@/utils/page/scanner';
import './support/static-range';

const TEXT = [
  'The State Department said the Patriot missiles would arrive soon.',
  'Spanish officials met Austin police. Leopard 2 tanks were sent.',
].join('\n\n');

function captured(entities: ReviewedEntity[]): Bundle {
  const parsed = bundleFromDraft({ source: { url: 'https://example.org/captured', title: 'Captured' }, entities }, TEXT);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.bundle;
}

const quote = (text: string) => [{ quote: text }];
const found = (bundles: Bundle[], text: string, { weak = false } = {}) =>
  scanText(text, compileMatcher(bundles))
    .filter((candidate) => weak || candidate.strength === 'strong')
    .map((candidate) => `${candidate.alias.entityId}:${text.slice(candidate.start, candidate.end)}`);

describe('captured names and longer proper names', () => {
  const bundle = captured([
    { name: 'State Department', kind: 'organisation', aliases: [], facts: quote('The State Department said the Patriot missiles would arrive soon.') },
    { name: 'Patriot', kind: 'equipment', aliases: [], commonWords: ['Patriot'], facts: quote('The State Department said the Patriot missiles would arrive soon.') },
  ]);

  it('saves every form as standing alone', () => {
    expect(bundle.entities.flatMap((entity) => entity.aliases.map((alias) => alias.alone))).toEqual([true, true]);
  });

  it('is never matched inside a longer proper name', () => {
    expect(found([bundle], 'Filed with the New York State Department of Taxation and Finance.')).toEqual([]);
    expect(found([bundle], 'The State Department Building was closed.')).toEqual([]);
    expect(found([bundle], 'Flags flew on Patriot Day.', { weak: true })).toEqual([]);
  });

  it('still counts where it stands alone, after a function word, a short acronym or a possessive', () => {
    expect(found([bundle], 'the State Department said')).toEqual(['state-department:State Department']);
    expect(found([bundle], 'The US State Department said')).toEqual(['state-department:State Department']);
    expect(found([bundle], 'Washington’s State Department said')).toEqual(['state-department:State Department']);
    expect(found([bundle], 'NEW YORK STATE DEPARTMENT')).toEqual(['state-department:STATE DEPARTMENT']);
  });

  it('decides with the words around it', () => {
    const word = (text: string | null, capitalised = true, shouting = false) => ({ word: text, capitalised, shouting });
    const none = word(null, false);
    const plain = { person: false, titleCase: false };
    expect(insideLongerName(word('york'), none, plain)).toBe(true);
    expect(insideLongerName(word('us', true, true), none, plain)).toBe(false);
    expect(insideLongerName(word('the'), none, plain)).toBe(false);
    expect(insideLongerName(word('northern'), none, plain)).toBe(false);
    expect(insideLongerName(none, word('day'), plain)).toBe(true);
    expect(insideLongerName(none, word('on'), plain)).toBe(false);
    expect(insideLongerName(none, word('president'), plain)).toBe(false);
    // A title before a person's name is no longer name; in a Title Case headline only a name-making word after counts.
    expect(insideLongerName(word('president'), none, { person: true, titleCase: false })).toBe(false);
    expect(insideLongerName(word('york'), word('says'), { person: false, titleCase: true })).toBe(false);
    expect(insideLongerName(none, word('times'), { person: false, titleCase: true })).toBe(true);
  });

  it('leaves the seed’s own alias to decide where a capture repeats it, its case included', () => {
    // The seed's "China" matches in its own case only (not "fine china"); a capture's "China" joins it and must not
    // undo that.
    const china = captured([{ name: 'China', kind: 'place', aliases: [], facts: quote('The State Department said the Patriot missiles would arrive soon.') }]);
    expect(found([defaultBundle, china], 'plates of fine china', { weak: true })).toEqual([]);
    expect(found([defaultBundle, china], 'talks with China')).toEqual(['china:China']);
    // A person named by one word only needs evidence too: "Austin" the city is no Lloyd Austin.
    const austin = captured([{ name: 'Austin', kind: 'person', aliases: [], facts: quote('Spanish officials met Austin police. Leopard 2 tanks were sent.') }]);
    expect(austin.entities[0].aliases[0]).toMatchObject({ text: 'Austin', needs: 'evidence' });
    expect(found([defaultBundle, austin], 'Flooding hit Austin on Monday.')).toEqual([]);
    // Where the seed's look-alike and a capture's both have their evidence ("Secretary Austin"), the seed's decides:
    // a capture that drafted the bare surname as its own person does not take Lloyd Austin's mention away.
    expect(found([austin, defaultBundle], 'Secretary Austin has recommended this step.')).toEqual(['lloyd-austin:Austin']);
    expect(found([defaultBundle, austin], 'Secretary Austin has recommended this step.')).toEqual(['lloyd-austin:Austin']);
    // …and so does a capture's place of the same spelling, which is tried after the seed's person.
    const city = captured([{ name: 'Austin', kind: 'place', aliases: [], facts: quote('Spanish officials met Austin police. Leopard 2 tanks were sent.') }]);
    expect(found([city, defaultBundle], 'Secretary Austin has recommended this step.')).toEqual(['lloyd-austin:Austin']);

    // The seed's "NATO" counts wherever it stands; a capture's "NATO" (alone) must not take that away.
    const nato = captured([{ name: 'NATO', kind: 'organisation', aliases: [], facts: quote('The State Department said the Patriot missiles would arrive soon.') }]);
    expect(found([defaultBundle, nato], 'NATO Secretary General Jens Stoltenberg')).toEqual(found([defaultBundle], 'NATO Secretary General Jens Stoltenberg'));
    expect(found([defaultBundle, nato], 'NATO Secretary General Jens Stoltenberg')[0]).toBe('nato:NATO');
  });
});

describe('captured names that are also ordinary words', () => {
  it('are marked by the draft: words of the language, demonyms, look-alike weapons, first names of places, words the article writes in lower case', () => {
    expect(commonWordsOf(TEXT, { kind: 'equipment', forms: ['Patriot', 'Patriot missiles'] })).toEqual(['Patriot']);
    expect(commonWordsOf(TEXT, { kind: 'equipment', forms: ['Leopard', 'Leopard 2'] })).toEqual(['Leopard']);
    expect(commonWordsOf(TEXT, { kind: 'organisation', forms: ['Spanish'] })).toEqual(['Spanish']);
    expect(commonWordsOf(TEXT, { kind: 'place', forms: ['Austin'] })).toEqual(['Austin']);
    expect(commonWordsOf('The police came.', { kind: 'organisation', forms: ['Police'] })).toEqual(['Police']);
    expect(commonWordsOf(TEXT, { kind: 'person', forms: ['Lloyd Austin', 'Austin'] })).toEqual([]);
    expect(commonWordsOf(TEXT, { kind: 'place', forms: ['Ukraine', 'NATO'] })).toEqual([]);
  });

  it('need evidence: a cue, or another form of the entity on the page', () => {
    expect(aliasesFor({ name: 'Patriot', kind: 'equipment', aliases: ['Patriot missile system'], commonWords: ['Patriot'] })).toEqual([
      { text: 'Patriot', needs: 'evidence', case: 'any', alone: true, cuesAfter: expect.arrayContaining(['missiles', 'system']) },
      { text: 'Patriot missile system', needs: 'always', case: 'any', alone: true },
    ]);
    const bundle = captured([
      { name: 'Patriot', kind: 'equipment', aliases: [], commonWords: ['Patriot'], facts: quote('The State Department said the Patriot missiles would arrive soon.') },
    ]);
    // Without a cue it counts only where the page names the entity otherwise (as the seed's "Leopard").
    expect(found([bundle], 'A patriot at heart, he sang.')).toEqual([]);
    expect(scanText('A patriot at heart, he sang.', compileMatcher([bundle])).map((candidate) => candidate.strength)).toEqual(['weak']);
    expect(found([bundle], 'He was a Patriot, like his father.')).toEqual([]);
    expect(found([bundle], 'Kyiv got two Patriot batteries.')).toEqual(['patriot:Patriot']);
  });
});

describe('a site’s navigation', () => {
  it('holds no mention of a captured name; the seed’s names there still count, but "Asian America" is not America', async () => {
    const state = captured([
      { name: 'State Department', kind: 'organisation', aliases: [], facts: quote('The State Department said the Patriot missiles would arrive soon.') },
    ]);
    // The page built node by node (no HTML from strings): a menu of three links, then a paragraph.
    const nav = document.createElement('nav');
    for (const [href, label] of [['/asian-america', 'NBC Asian America'], ['/state', 'State Department'], ['/nato', 'NATO']]) {
      const link = document.createElement('a');
      link.href = href;
      link.textContent = label;
      nav.append(link, ' ');
    }
    const paragraph = document.createElement('p');
    paragraph.textContent = 'The State Department and NATO met in America.';
    document.body.replaceChildren(nav, paragraph);
    const scanner = new PageScanner(compileMatcher([state, defaultBundle]), new Highlights({ mention: 'm', active: 'a' }), new AbortController().signal, () => {}, () => document.body);
    scanner.scanDocument();
    await scanner.whenIdle();
    expect(scanner.index.inDocumentOrder().map((mention) => `${mention.entityId}:${mention.text}`)).toEqual([
      'nato:NATO',
      'state-department:State Department',
      'nato:NATO',
      'united-states:America',
    ]);
  });
});
