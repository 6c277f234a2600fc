import { describe, expect, it } from 'vitest';
import {
  confirmDescription,
  descriptionConfirmed,
  dropFact,
  entriesOf,
  merge,
  notAnArticle,
  problemsOf,
  removeMany,
  rename,
  restore,
  setAliases,
  setDescription,
  setKind,
  split,
  splitProblems,
  suggestSplit,
  type ReviewEntry,
} from '@/entrypoints/review/edits';
import type { CaptureDraft } from '@/utils/capture/types';

const TEXT = 'Stoltenberg went to Seoul. NATO said so. The North Atlantic Treaty Organization agreed. Seoul agreed too.';
const draft: CaptureDraft = {
  source: { url: 'https://example.org/a', title: 'A' },
  entities: [
    { name: 'NATO', kind: 'organisation', kindReason: 'an acronym, as organisations are named', aliases: [], facts: [{ quote: 'NATO said so.' }] },
    { name: 'North Atlantic Treaty Organization', kind: 'organisation', kindReason: '“Organization” heads the name', aliases: [], description: 'the alliance', facts: [{ quote: 'The North Atlantic Treaty Organization agreed.' }] },
    { name: 'Seoul', kind: 'person', kindReason: 'a name that speaks (“agreed”)', aliases: ['Séoul'], facts: [{ quote: 'Stoltenberg went to Seoul.' }, { quote: 'Seoul agreed too.' }] },
    { name: 'Stoltenberg', kind: 'person', kindReason: 'compromise reads it as a person here', aliases: [], facts: [{ quote: 'Stoltenberg went to Seoul.' }] },
  ],
};

describe('editing a draft before saving', () => {
  it('renames, keeping the old name as an alias', () => {
    const entries = rename(entriesOf(draft), 3, 'Jens Stoltenberg');
    expect(entries[3]).toMatchObject({ name: 'Jens Stoltenberg', aliases: ['Stoltenberg'] });
    // A new name that reads like the old one adds no alias.
    expect(rename(entriesOf(draft), 3, 'STOLTENBERG')[3].aliases).toEqual([]);
  });

  it('changes a kind, removes an entry, edits aliases once each', () => {
    expect(entriesOf(draft)[2].kindReason).toBe('a name that speaks (“agreed”)');
    let entries = setKind(entriesOf(draft), 2, 'place');
    expect(entries[2].kind).toBe('place');
    // The capture's reason was for its own kind: the reader's choice needs none.
    expect(entries[2]).not.toHaveProperty('kindReason');
    expect(entries[3].kindReason).toBe('compromise reads it as a person here');
    entries = removeMany(entries, [0]).entries;
    expect(entries.map((entry) => entry.name)).toEqual(['North Atlantic Treaty Organization', 'Seoul', 'Stoltenberg']);
    entries = setAliases(entries, 2, ['Seoul', 'Soul', 'SOUL', ' Seoul-si ']);
    expect(entries[1].aliases).toEqual(['Soul', 'Seoul-si']);
  });

  it('merges two entries: the first keeps its name and kind, the other’s names become aliases, quotes in article order', () => {
    const entries = merge(entriesOf(draft), 0, 1, TEXT);
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({
      key: 0,
      name: 'NATO',
      aliases: ['North Atlantic Treaty Organization'],
      description: 'the alliance',
      facts: [{ quote: 'NATO said so.' }, { quote: 'The North Atlantic Treaty Organization agreed.' }],
    });
    expect(merge(entriesOf(draft), 2, 3, TEXT)[2].facts).toEqual([{ quote: 'Stoltenberg went to Seoul.' }, { quote: 'Seoul agreed too.' }]);
  });

  it('drops a quote but never the last one', () => {
    let entries = dropFact(entriesOf(draft), 2, 0);
    expect(entries[2].facts).toEqual([{ quote: 'Seoul agreed too.' }]);
    entries = dropFact(entries, 2, 0);
    expect(entries[2].facts).toEqual([{ quote: 'Seoul agreed too.' }]);
  });

  it('says why a draft cannot be saved', () => {
    expect(problemsOf(entriesOf(draft))).toEqual([]);
    expect(problemsOf([])).toEqual(['Nothing to save: every entry was removed.']);
    expect(problemsOf(rename(entriesOf(draft), 0, '  '))).toEqual(['An entry has no name: give it one, or remove it.']);
    expect(problemsOf(setAliases(entriesOf(draft), 3, ['nato']))).toEqual([
      '“nato” names both “NATO” and “Stoltenberg”: merge them, or take it from one.',
    ]);
  });
});

describe('who a description is by', () => {
  const described: CaptureDraft = {
    source: { url: 'https://example.org/a', title: 'A' },
    entities: [
      { name: 'Yoon Suk Yeol', kind: 'person', kindReason: '', aliases: [], description: 'South Korea’s president', facts: [{ quote: 'Yoon spoke.' }] },
      { name: 'Seoul', kind: 'place', kindReason: '', aliases: [], facts: [{ quote: 'In Seoul.' }] },
    ],
  };

  it('starts as the capture’s; the reader’s once edited or confirmed, the capture’s again when unticked', () => {
    const entries = entriesOf(described);
    expect(entries[0].descriptionBy).toBe('capture');
    expect(entries[1]).not.toHaveProperty('descriptionBy');
    expect(descriptionConfirmed(entries[0])).toBe(false);
    const edited = setDescription(entries, 0, 'President of South Korea');
    expect(edited[0]).toMatchObject({ description: 'President of South Korea', descriptionBy: 'reader' });
    const ticked = confirmDescription(entries, 0, true);
    expect(ticked[0]).toMatchObject({ description: 'South Korea’s president', descriptionBy: 'reader' });
    expect(descriptionConfirmed(ticked[0])).toBe(true);
    expect(confirmDescription(ticked, 0, false)[0].descriptionBy).toBe('capture');
    // Nothing to confirm where there is no description.
    expect(confirmDescription(entries, 1, true)[1]).toEqual(entries[1]);
  });

  it('keeps the description’s author through a merge', () => {
    const ticked = confirmDescription(entriesOf(described), 0, true);
    expect(merge(ticked, 1, 0, 'Yoon spoke. In Seoul.')[0]).toMatchObject({ description: 'South Korea’s president', descriptionBy: 'reader' });
    expect(merge(ticked, 0, 1, 'Yoon spoke. In Seoul.')[0]).toMatchObject({ description: 'South Korea’s president', descriptionBy: 'reader' });
  });
});

describe('a review that scales', () => {
  it('removes several entries at once, and Undo puts them back where they were, as they were', () => {
    const entries = entriesOf(draft);
    const { entries: left, removed } = removeMany(entries, [3, 1]);
    expect(left.map((entry) => entry.key)).toEqual([0, 2]);
    expect(removed.map(({ entry, index }) => [entry.key, index])).toEqual([[1, 1], [3, 3]]);
    expect(restore(left, removed)).toEqual(entries);
    // Edits made since stay; an entry removed since is not brought back by another's undo.
    const renamed = rename(left, 2, 'Seoul City');
    expect(restore(renamed, removed).map((entry) => entry.name)).toEqual(['NATO', 'North Atlantic Treaty Organization', 'Seoul City', 'Stoltenberg']);
  });

  const joined: ReviewEntry = {
    key: 7,
    name: 'Zohar Lahav David Morales',
    kind: 'person',
    kindReason: 'a title stands before it',
    aliases: ['Morales', 'Lahav'],
    description: 'a doctor',
    facts: [
      { quote: 'Zohar Lahav David Morales spoke first.' },
      { quote: 'Lahav said the clinic was closed.' },
      { quote: 'Morales disagreed with the ruling.' },
    ],
  };

  it('suggests a split of two names run together: the halves, the aliases and quotes that name each', () => {
    expect(suggestSplit(joined)).toEqual({
      keepName: 'Zohar Lahav',
      newName: 'David Morales',
      moving: ['Morales'],
      quotes: ['both', 'stay', 'move'],
    });
  });

  it('splits an entry in two, the new one right after it; the joined name names neither', () => {
    const entries = split([joined, { ...joined, key: 8, name: 'Other', aliases: [] }], 7, suggestSplit(joined), 9);
    expect(entries.map((entry) => [entry.key, entry.name])).toEqual([[7, 'Zohar Lahav'], [9, 'David Morales'], [8, 'Other']]);
    expect(entries[0]).toMatchObject({ aliases: ['Lahav'], description: 'a doctor', kind: 'person' });
    expect(entries[0].facts.map((fact) => fact.quote)).toEqual([joined.facts[0].quote, joined.facts[1].quote]);
    expect(entries[1]).toEqual({
      key: 9,
      name: 'David Morales',
      kind: 'person',
      aliases: ['Morales'],
      facts: [{ quote: joined.facts[0].quote }, { quote: joined.facts[2].quote }],
    });
    expect(problemsOf(entries)).toEqual([]);
  });

  it('refuses a split that would leave an entry without a name or a quote', () => {
    const plan = { ...suggestSplit(joined), quotes: ['move', 'move', 'move'] as const };
    expect(splitProblems(joined, { ...plan, quotes: [...plan.quotes] })).toEqual(['“Zohar Lahav” needs at least one quote.']);
    expect(splitProblems(joined, { ...suggestSplit(joined), newName: ' ' })).toEqual(['Both entries need a name.']);
    expect(split([joined], 7, { ...suggestSplit(joined), newName: 'zohar lahav' }, 9)).toEqual([joined]);
  });

  const many = (count: number, quote = (n: number) => `Person ${n} said something about the plan on Tuesday.`): ReviewEntry[] =>
    Array.from({ length: count }, (_, n) => ({ key: n, name: `Person ${n}`, kind: 'person', aliases: [], facts: [{ quote: quote(n) }] }));
  const sentences = (count: number) => Array.from({ length: count }, (_, n) => `This is sentence number ${n} of a long news article.`).join(' ');

  it('knows a page that does not look like an article: few sentences for many entries, or a capture’s most, quoted by fragments', () => {
    expect(notAnArticle(sentences(100), many(20))).toBeNull();
    expect(notAnArticle(sentences(2), many(5))).toBeNull();
    // A short crowded article (the fewest sentences of the articles tried: 0.44 an entry) is one.
    expect(notAnArticle(sentences(9), many(20))).toBeNull();
    expect(notAnArticle(sentences(4), many(20))).toEqual({ sentences: 4, entries: 20, fragmentsOnly: 0 });
    const fragments = (n: number) => `Section ${n}: Field Names`;
    expect(notAnArticle(sentences(2000), many(60))).toBeNull();
    expect(notAnArticle(sentences(200), many(20, fragments))).toBeNull();
    expect(notAnArticle(sentences(200), many(60, fragments))).toEqual({ sentences: 200, entries: 60, fragmentsOnly: 60 });
    expect(notAnArticle('', many(60))).toBeNull();
  });
});

