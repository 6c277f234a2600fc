/**
 * Search over captured notes with no description (issue 19): the placeholder "Named in “…”" that saves used to write
 * is neither written nor indexed, so an article's title does not rank every entity of it above the one it is about.
 */
import { describe, expect, it } from 'vitest';
import { defaultBundle } from '@/utils/bundle/load';
import type { Bundle } from '@/utils/bundle/schema';
import { placeholderDescription } from '@/utils/catalogue/catalogue';
import { bundleFromDraft } from '@/utils/library/from-draft';
import { createNotesSearch } from '@/utils/search/notes-search';

const TITLE = '(LEAD) Impeachment motion against Yoon fails to pass quorum';
const SENTENCES = [
  'An impeachment motion against President Yoon Suk Yeol was scrapped on Saturday as the ruling party boycotted the vote.',
  'Woo Won-shik declared the vote invalid.',
  'Han Dong-hoon said his party would seek an orderly exit.',
  'Lee Jae-myung said the Democratic Party would try again.',
  'Members of the People Power Party left the chamber.',
  'Protesters outside the National Assembly booed.',
  'Crowds in Seoul gathered.',
];
const TEXT = SENTENCES.join(' ');

function yonhap(): Bundle {
  const names: [string, 'person' | 'organisation' | 'place'][] = [
    ['Yoon Suk Yeol', 'person'], ['Woo Won-shik', 'person'], ['Han Dong-hoon', 'person'], ['Lee Jae-myung', 'person'],
    ['People Power Party', 'organisation'], ['National Assembly', 'organisation'], ['Seoul', 'place'],
  ];
  const saved = bundleFromDraft(
    {
      source: { url: 'https://en.yna.co.kr/view/1', title: TITLE, site: 'Yonhap News Agency', published: '2024-12-07' },
      entities: names.map(([name, kind], index) => ({ name, kind, aliases: [], facts: [{ quote: SENTENCES[index] }] })),
    },
    TEXT,
  );
  if (!saved.ok) throw new Error(saved.errors.join('\n'));
  return saved.bundle;
}

const rankOf = (bundles: Bundle[], query: string, id: string) =>
  createNotesSearch(bundles).search(query, 50).findIndex((hit) => hit.entity.id === id) + 1;

describe('searching notes that have no description', () => {
  it('saves no placeholder, so "impeachment" finds Yoon first', () => {
    const bundle = yonhap();
    expect(bundle.entities.every((entity) => entity.description === undefined)).toBe(true);
    expect(rankOf([defaultBundle, bundle], 'impeachment', 'yoon-suk-yeol')).toBe(1);
  });

  it('reads a placeholder a bundle saved before as none', () => {
    const bundle = yonhap();
    const older: Bundle = { ...bundle, entities: bundle.entities.map((entity) => ({ ...entity, description: placeholderDescription(TITLE) })) };
    expect(rankOf([defaultBundle, older], 'impeachment', 'yoon-suk-yeol')).toBe(1);
    const hit = createNotesSearch([defaultBundle, older]).search('woo won-shik', 5)[0];
    expect(hit.entity.name).toBe('Woo Won-shik');
    expect(hit.entity).not.toHaveProperty('description');
  });
});
