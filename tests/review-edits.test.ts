import { describe, expect, it } from 'vitest';
import { dropFact, entriesOf, merge, problemsOf, remove, rename, setAliases, setKind } from '@/entrypoints/review/edits';
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
    entries = remove(entries, 0);
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
