import { describe, expect, it } from 'vitest';
import { defaultBundle } from '@/utils/bundle/load';
import type { Bundle } from '@/utils/bundle/schema';
import { createNotesSearch, normalizeSearchText } from '@/utils/search/notes-search';
import { notesBundle } from './fixtures/notes-bundle';

/** The ids of the hits, best first. */
function ids(bundles: Bundle[], query: string, limit?: number): string[] {
  return createNotesSearch(bundles)
    .search(query, limit)
    .map((hit) => hit.entity.id);
}

describe('normalizeSearchText', () => {
  it('folds case, diacritics, hyphens, apostrophes and possessives the way the page matcher does', () => {
    expect(normalizeSearchText('  Yoon Suk-yeol ')).toBe('yoon suk yeol');
    expect(normalizeSearchText('Séoul')).toBe('seoul');
    expect(normalizeSearchText('Yoon’s  visit')).toBe('yoon visit');
    expect(normalizeSearchText("Côte d'Ivoire")).toBe('cote d ivoire');
  });
});

describe('createNotesSearch on the default bundle', () => {
  const bundles = [defaultBundle];

  it.each([
    ['arms trety', 'arms-trade-treaty'],
    ['stoltenbrg', 'jens-stoltenberg'],
    ['yoon suk-yeol', 'yoon-suk-yeol'],
    ['Yoon’s', 'yoon-suk-yeol'],
    ['kiev', 'kyiv'],
    ['Séoul', 'seoul'],
    ['us', 'united-states'],
  ])('"%s" finds %s first', (query, id) => {
    expect(ids(bundles, query)[0]).toBe(id);
  });

  it('finds nothing for an empty or blank query', () => {
    expect(ids(bundles, '')).toEqual([]);
    expect(ids(bundles, '   \n ')).toEqual([]);
    expect(ids(bundles, '-')).toEqual([]);
  });

  it('finds nothing for gibberish', () => {
    expect(ids(bundles, 'xyzzy')).toEqual([]);
  });

  it('ranks a name before a fuzzy match inside another word', () => {
    // "us" is inside "Russia" and "Austin"; a query this short only matches names and the starts of their words.
    expect(ids(bundles, 'us')).toEqual(['united-states']);
  });

  it('respects the limit', () => {
    expect(ids(bundles, 'korea', 2)).toHaveLength(2);
  });

  it('reports scores between 0 (perfect) and 1', () => {
    const [hit] = createNotesSearch(bundles).search('Jens Stoltenberg');
    expect(hit.entity.name).toBe('Jens Stoltenberg');
    expect(hit.bundle).toBe(defaultBundle);
    expect(hit.score).toBeGreaterThanOrEqual(0);
    expect(hit.score).toBeLessThan(0.1);
  });
});

describe('createNotesSearch on a fixture bundle', () => {
  it.each([
    ['arms trety', 'arms-trade-treaty'],
    ['stoltenbrg', 'jens-stoltenberg'],
    ['yoon suk-yeol', 'yoon-suk-yeol'],
    ['kiev', 'kyiv'],
    ['black panter', 'k2-tank'],
  ])('"%s" finds %s first', (query, id) => {
    expect(ids([notesBundle], query)[0]).toBe(id);
  });

  it('searches descriptions and quotes too, below names', () => {
    const found = ids([notesBundle], 'capital');
    expect(found).toEqual(expect.arrayContaining(['seoul', 'kyiv']));
  });
});

describe('entities in several bundles', () => {
  const older: Bundle = notesBundle;
  const newer: Bundle = {
    ...notesBundle,
    id: 'a-later-article',
    source: { ...notesBundle.source, title: 'A later article', date: '2024-05-01' },
    entities: notesBundle.entities.filter((entity) => entity.id === 'jens-stoltenberg'),
  };

  it('returns each entity once, from the newest bundle', () => {
    const search = createNotesSearch([older, newer]);
    const hits = search.search('stoltenberg');
    expect(hits.filter((hit) => hit.entity.id === 'jens-stoltenberg')).toHaveLength(1);
    expect(hits[0].bundle.source.title).toBe('A later article');
    expect(search.note('jens-stoltenberg')?.bundle).toBe(newer);
    expect(search.note('seoul')?.bundle).toBe(older);
    expect(search.note('nobody')).toBeUndefined();
  });
});
