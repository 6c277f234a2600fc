import * as v from 'valibot';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultBundle } from '@/utils/bundle/load';
import { buildCatalogue } from '@/utils/catalogue/catalogue';
import {
  getReaderNotes,
  importReaderNotes,
  mergeReaderNotes,
  noteFor,
  READER_NOTES_KEY,
  readerNoteIndex,
  ReaderNoteSchema,
  readReaderNotes,
  setReaderNote,
  type ReaderNote,
} from '@/utils/library/reader-notes';

const stoltenberg = buildCatalogue([defaultBundle]).get('jens-stoltenberg')!.entity;

const note = (fields: Partial<ReaderNote>): ReaderNote => ({
  kind: 'person',
  key: 'jens stoltenberg',
  name: 'Jens Stoltenberg',
  entryId: 'jens-stoltenberg',
  text: 'Met him in Brussels.',
  updatedAt: '2024-01-01T00:00:00.000Z',
  ...fields,
});

describe('the reader’s own notes in storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps one note per entity, keyed by kind and folded name, with the entry’s id', async () => {
    await setReaderNote(stoltenberg, '  Met him in Brussels.\n', new Date('2024-05-01T10:00:00Z'));
    const stored = await fakeBrowser.storage.local.get(null);
    expect(stored[READER_NOTES_KEY]).toEqual({
      notes: [
        {
          kind: 'person',
          key: 'jens stoltenberg',
          name: 'Jens Stoltenberg',
          entryId: 'jens-stoltenberg',
          text: 'Met him in Brussels.',
          updatedAt: '2024-05-01T10:00:00.000Z',
        },
      ],
    });

    // Written again: replaced, not added beside.
    await setReaderNote(stoltenberg, 'Met him in Brussels.\nAnd in Seoul.');
    expect((await getReaderNotes()).map((n) => n.text)).toEqual(['Met him in Brussels.\nAnd in Seoul.']);
    // Blank: deleted.
    await setReaderNote(stoltenberg, '   ');
    expect(await getReaderNotes()).toEqual([]);
  });

  it('finds an entry’s note by its name, else by its id, else by one of its other names; never across kinds', () => {
    const entity = { id: 'jens-stoltenberg', name: 'Jens Stoltenberg', kind: 'person', aliases: [{ text: 'Stoltenberg' }] };
    expect(noteFor([note({})], entity)?.text).toBe('Met him in Brussels.');
    // Written on a capture's "Stoltenberg", before the seed's full name joined it.
    expect(noteFor([note({ key: 'stoltenberg', name: 'Stoltenberg', entryId: 'stoltenberg' })], entity)).toBeDefined();
    // The entry was renamed, its id is the same.
    expect(noteFor([note({ key: 'j stoltenberg' })], entity)).toBeDefined();
    expect(noteFor([note({ kind: 'place' })], entity)).toBeUndefined();
    expect(noteFor([note({ key: 'someone else', entryId: 'someone-else' })], entity)).toBeUndefined();
    // The name's note wins over one found by an alias.
    const byAlias = note({ key: 'stoltenberg', name: 'Stoltenberg', entryId: 'x', text: 'by alias' });
    expect(noteFor([byAlias, note({ text: 'by name' })], entity)?.text).toBe('by name');
    // The index the search uses answers the same.
    const index = readerNoteIndex([byAlias, note({ text: 'by name' })]);
    expect(index(entity)?.text).toBe('by name');
    expect(readerNoteIndex([byAlias])(entity)?.text).toBe('by alias');
    expect(readerNoteIndex([note({ kind: 'place' })])(entity)).toBeUndefined();
  });

  it('reads what storage holds leniently, and checks notes from files strictly', () => {
    expect(readReaderNotes(undefined)).toEqual([]);
    expect(readReaderNotes({ notes: [note({}), { kind: 'person' }, null, note({ text: '  ' })] })).toEqual([note({})]);
    expect(v.safeParse(ReaderNoteSchema, note({})).success).toBe(true);
    expect(v.safeParse(ReaderNoteSchema, note({ kind: 'wizard' })).success).toBe(false);
    expect(v.safeParse(ReaderNoteSchema, note({ text: ' ' })).success).toBe(false);
  });
});

describe('merging imported notes', () => {
  beforeEach(() => fakeBrowser.reset());

  it('loses nothing: new notes are added, the same or a held text changes nothing, two different texts are both kept', () => {
    const mine = [note({ text: 'Mine.' }), note({ key: 'nato', name: 'NATO', kind: 'organisation', text: 'Alliance.\n\nThirty-one members.' })];
    const theirs = [
      note({ text: 'Theirs.', updatedAt: '2025-01-01T00:00:00.000Z' }),
      note({ key: 'nato', name: 'NATO', kind: 'organisation', text: 'Thirty-one members.' }),
      note({ key: 'seoul', name: 'Seoul', kind: 'place', text: 'Capital.' }),
    ];
    const merged = mergeReaderNotes(mine, theirs);
    expect(merged).toMatchObject({ added: 1, joined: 1, kept: 1 });
    expect(merged.notes.map((n) => n.text)).toEqual(['Mine.\n\nTheirs.', 'Alliance.\n\nThirty-one members.', 'Capital.']);
    expect(merged.notes[0].updatedAt).toBe('2025-01-01T00:00:00.000Z');
    // Importing the same file again changes nothing.
    expect(mergeReaderNotes(merged.notes, theirs)).toMatchObject({ added: 0, joined: 0, kept: 3 });
    // A text that holds the reader's and more replaces it.
    expect(mergeReaderNotes([note({ text: 'A.' })], [note({ text: 'A.\n\nB.' })]).notes[0].text).toBe('A.\n\nB.');
  });

  it('merges into storage, and writes nothing when nothing is new', async () => {
    await setReaderNote(stoltenberg, 'Mine.');
    expect(await importReaderNotes([note({ text: 'Mine.' })])).toEqual({ added: 0, joined: 0, kept: 1 });
    expect(await importReaderNotes([note({ text: 'Theirs.' }), note({ key: 'seoul', kind: 'place', text: 'Capital.' })])).toEqual({
      added: 1,
      joined: 1,
      kept: 0,
    });
    expect((await getReaderNotes()).map((n) => n.text)).toEqual(['Mine.\n\nTheirs.', 'Capital.']);
  });
});
