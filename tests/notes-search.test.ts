import { describe, expect, it } from 'vitest';
import { defaultBundle } from '@/utils/bundle/load';
import type { Bundle } from '@/utils/bundle/schema';
import { createNotesSearch, normalizeSearchText, startNotesSearch } from '@/utils/search/notes-search';
import type { ReaderNote } from '@/utils/library/reader-notes-read';
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

/** A bundle of one-fact entities, to see how fields rank. */
function bundleOf(...entities: { id: string; name: string; description?: string; quote?: string }[]): Bundle {
  return {
    ...notesBundle,
    id: 'ranking',
    source: { ...notesBundle.source, title: 'An article about nothing in particular' },
    entities: entities.map(({ id, name, description = `Someone called ${name}`, quote = `${name} spoke.` }) => ({
      id,
      name,
      kind: 'person',
      description,
      aliases: [{ text: name, needs: 'always', case: 'any' }],
      facts: [{ quote, start: 0 }],
      related: [],
    })),
  };
}

describe('ranking', () => {
  it('puts a name first, then a description, then a quote; the article title counts least', () => {
    const bundle = bundleOf(
      { id: 'in-quote', name: 'Ann', quote: 'Ann carried a lantern through the night.' },
      { id: 'bea', name: 'Bea' },
      { id: 'in-description', name: 'Cy', description: 'Keeper of the lantern' },
      { id: 'in-name', name: 'Lantern Dee' },
    );
    bundle.source = { ...bundle.source, title: 'The lantern festival' };
    // The title does not bring in every note of its article when the notes themselves hold the word...
    expect(ids([bundle], 'lantern')).toEqual(['in-name', 'in-description', 'in-quote']);
    // ...but it counts for the words a note does not hold, and finds the article's notes when nothing else does.
    expect(ids([bundle], 'bea festival')[0]).toBe('bea');
    expect(ids([bundle], 'festival')).toEqual(['in-quote', 'bea', 'in-description', 'in-name']);
  });

  it('ranks a note holding every word above one holding the rarer word alone, even in its name', () => {
    const bundle = bundleOf(
      { id: 'name-only', name: 'Korea Herald' },
      { id: 'all-words', name: 'Yoon', description: 'President of South Korea' },
      { id: 'other', name: 'Other', quote: 'Nothing about South America.' },
    );
    expect(ids([bundle], 'south korean president')[0]).toBe('all-words');
  });

  it('matches the words of a query in any order, and an exact phrase above scattered words', () => {
    const bundle = bundleOf(
      { id: 'scattered', name: 'Ann', quote: 'Tyranny, said Ann, is what autocracy becomes.' },
      { id: 'phrase', name: 'Bea', quote: 'If we do not want autocracy and tyranny to win, we need weapons.' },
    );
    expect(ids([bundle], 'autocracy and tyranny')).toEqual(['phrase', 'scattered']);
    expect(ids([bundle], 'tyranny autocracy')).toEqual(expect.arrayContaining(['phrase', 'scattered']));
  });

  it('matches numbers as written, never fuzzily', () => {
    const bundle = bundleOf(
      { id: 'treaty', name: 'Treaty', quote: 'Ratified in 2014 by the assembly.' },
      { id: 'visit', name: 'Visit', quote: 'Arrived on January 30, 2023 by helicopter.' },
      { id: 'army', name: 'Army', quote: 'An army of 965,000 active soldiers and 4,000,000 in reserve.' },
    );
    expect(ids([bundle], '2014')).toEqual(['treaty']);
    expect(ids([bundle], '2024')).toEqual([]);
    expect(ids([bundle], '965,000')).toEqual(['army']);
    expect(ids([bundle], '4,000,000')).toEqual(['army']);
    // Not every "000": one number, as written.
    expect(ids([bundle], '100,000')).toEqual([]);
  });

  it('reads the last word as unfinished, and only names answer a very short query', () => {
    const bundle = bundleOf(
      { id: 'heli', name: 'Austin', quote: 'Austin boarded a helicopter.' },
      { id: 'hel', name: 'Helga' },
    );
    expect(ids([bundle], 'helic')).toEqual(['heli']);
    expect(ids([bundle], 'he')).toEqual(['hel']);
    expect(ids([bundle], 'helicopter ')).toEqual(['heli']);
  });
});

describe('what a hit says about why it matched', () => {
  const search = createNotesSearch([defaultBundle]);

  it('gives the quote that matched, with the matched words', () => {
    const [hit] = search.search('humanitarain aid');
    expect(hit.match.field).toBe('quote');
    const marked = hit.match.marks.map(([start, end]) => hit.match.text.slice(start, end));
    expect(marked).toEqual(expect.arrayContaining(['humanitarian', 'aid']));
    expect(hit.entity.facts.map((fact) => fact.quote)).toContain(hit.match.text);
  });

  it('gives the name or alias when that matched', () => {
    expect(search.search('stoltenbrg')[0].match).toMatchObject({ field: 'name', text: 'Jens Stoltenberg' });
    const [kyiv] = search.search('Kiew');
    expect(kyiv.match).toEqual({ field: 'alias', text: 'Kiew', marks: [[0, 4]] });
  });

  it('marks a number in digit groups as one', () => {
    const [hit] = search.search('965,000');
    expect(hit.match.marks.map(([start, end]) => hit.match.text.slice(start, end))).toEqual(['965,000']);
  });

  it('marks a name found written as one word as a whole', () => {
    expect(search.search('osanairbase')[0].match).toEqual({
      field: 'name',
      text: 'Osan Air Base',
      marks: [[0, 13]],
    });
  });
});

describe('indexing a little at a time', () => {
  it('searches what is indexed so far, and everything once ready', () => {
    const search = startNotesSearch([notesBundle]);
    expect(search.ready).toBe(false);
    expect(search.search('stoltenberg')).toEqual([]);
    // A budget of 0 still does one step: the catalogue is built an entity at a time, then one note is indexed.
    let steps = 0;
    while (search.search('stoltenberg').length === 0) {
      expect(search.indexFor(0)).toBe(false);
      steps++;
    }
    expect(steps).toBeGreaterThan(notesBundle.entities.length);
    expect(search.search('stoltenberg').map((hit) => hit.entity.id)).toEqual(['jens-stoltenberg']);
    expect(search.search('seoul')).toEqual([]);
    expect(search.indexFor(Infinity)).toBe(true);
    expect(search.ready).toBe(true);
    expect(search.search('seoul')[0].entity.id).toBe('seoul');
    // The notes answer by id before any is indexed.
    expect(startNotesSearch([notesBundle]).note('seoul')?.entity.name).toBe('Seoul');
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

describe('the reader’s own notes', () => {
  const own = (fields: Partial<ReaderNote>): ReaderNote => ({
    kind: 'place',
    key: 'seoul',
    name: 'Seoul',
    entryId: 'seoul',
    text: 'Where my cousin teaches kindergarten.',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...fields,
  });

  it('finds a note by a word only the reader’s own note holds, and says it matched there', () => {
    expect(createNotesSearch([notesBundle]).search('kindergarten')).toEqual([]);
    const [hit] = createNotesSearch([notesBundle], [own({})]).search('kindergarten');
    expect(hit.entity.id).toBe('seoul');
    expect(hit.match.field).toBe('note');
    expect(hit.match.text).toBe('Where my cousin teaches kindergarten.');
    expect(hit.match.marks).toEqual([[24, 36]]);
  });

  it('ranks the reader’s note above descriptions and quotes, below names', () => {
    // "military" is in NATO's description; the reader wrote it about Seoul too.
    const search = createNotesSearch([notesBundle], [own({ text: 'A military town, to my eyes.' })]);
    const ids = search.search('military').map((hit) => hit.entity.id);
    expect(ids.indexOf('nato')).toBeGreaterThan(-1);
    expect(ids.indexOf('seoul')).toBeLessThan(ids.indexOf('nato'));
    // A name still comes first.
    expect(createNotesSearch([notesBundle], [own({ text: 'Not NATO.' })]).search('nato')[0].entity.id).toBe('nato');
    // A note on another kind of entity of the same name is not Seoul's.
    expect(createNotesSearch([notesBundle], [own({ kind: 'person' })]).search('kindergarten')).toEqual([]);
  });
});
