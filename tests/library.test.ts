import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Bundle } from '@/utils/bundle/schema';
import { defaultBundle } from '@/utils/bundle/load';
import { parseBundle } from '@/utils/bundle/parse';
import { placeholderDescription } from '@/utils/catalogue/catalogue';
import { escapeMarkdown, importBundles, libraryFile, readImport, toJson, toMarkdown } from '@/utils/library/exchange';
import { aliasesFor, bundleFromDraft, kebabId, publishedDate, type ReviewedDraft } from '@/utils/library/from-draft';
import { getReaderNotes, importReaderNotes, setReaderNote, type ReaderNote } from '@/utils/library/reader-notes';
import {
  addBundles,
  deleteBundle,
  freeBundleId,
  getEnabledBundles,
  getLibrary,
  getLibraryIndex,
  installBuiltIn,
  restoreBuiltIn,
  setBundle,
  setBundleEnabled,
  undoDelete,
} from '@/utils/library/store';

const TEXT = [
  'NATO chief Jens Stoltenberg urged South Korea on Monday to send weapons to Ukraine.',
  'Stoltenberg met President Yoon Suk Yeol in Seoul for two hours.',
  'Seoul has a policy of not arming countries at war, Yoon said.',
].join('\n\n');

const draft: ReviewedDraft = {
  source: { url: 'https://news.example.org/nato', title: 'NATO asks Seoul for arms', site: 'Example News', published: '2024-02-05T09:00:00+09:00' },
  entities: [
    {
      name: 'Jens Stoltenberg',
      kind: 'person',
      aliases: ['Stoltenberg'],
      description: 'NATO chief',
      facts: [
        { quote: 'NATO chief Jens Stoltenberg urged South Korea on Monday to send weapons to Ukraine.' },
        { quote: 'Stoltenberg met President Yoon Suk Yeol in Seoul for two hours.' },
      ],
    },
    {
      name: 'Yoon Suk Yeol',
      kind: 'person',
      aliases: ['Yoon'],
      facts: [
        { quote: 'Stoltenberg met President Yoon Suk Yeol in Seoul for two hours.' },
        { quote: 'Seoul has a policy of not arming countries at war, Yoon said.' },
      ],
    },
    { name: 'NATO', kind: 'organisation', aliases: [], facts: [{ quote: 'NATO chief Jens Stoltenberg urged South Korea on Monday to send weapons to Ukraine.' }] },
  ],
};

const saved = (): Bundle => {
  const parsed = bundleFromDraft(draft, TEXT, { now: new Date('2024-03-01T12:00:00Z') });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.bundle;
};

describe('saving a reviewed draft as a bundle', () => {
  it('makes a valid bundle: kebab-case ids, quotes located in the article’s text, the page’s date and publisher', () => {
    const bundle = saved();
    expect(parseBundle(bundle).ok).toBe(true);
    expect(bundle.schemaVersion).toBe(1);
    expect(bundle.id).toBe('nato-asks-seoul-for-arms');
    expect(bundle.source).toEqual({ title: 'NATO asks Seoul for arms', date: '2024-02-05', publisher: 'Example News', url: 'https://news.example.org/nato' });
    expect(bundle.entities.map((entity) => entity.id)).toEqual(['jens-stoltenberg', 'yoon-suk-yeol', 'nato']);
    for (const entity of bundle.entities) {
      for (const fact of entity.facts) expect(TEXT.slice(fact.start, fact.start + fact.quote.length)).toBe(fact.quote);
    }
  });

  it('gives no description to an entity the article did not describe, marks a drafted one as the capture’s, and relates entities quoted together', () => {
    const [stoltenberg, yoon, nato] = saved().entities;
    expect(yoon).not.toHaveProperty('description');
    expect(yoon).not.toHaveProperty('descriptionBy');
    expect(stoltenberg).toMatchObject({ description: 'NATO chief', descriptionBy: 'capture' });
    // The reader's edited or confirmed description is saved as theirs.
    const confirmed = bundleFromDraft({ ...draft, entities: draft.entities.map((entity) => ({ ...entity, descriptionBy: 'reader' as const })) }, TEXT);
    expect(confirmed.ok && confirmed.bundle.entities[0].descriptionBy).toBe('reader');
    expect(stoltenberg.related).toEqual(['yoon-suk-yeol', 'nato']);
    expect(nato.related).toEqual(['jens-stoltenberg']);
  });

  it('writes the name first among the aliases; a bare surname needs evidence; short acronyms keep their case', () => {
    expect(aliasesFor({ name: 'Yoon Suk Yeol', kind: 'person', aliases: ['Yoon', 'yoon suk-yeol', 'Yoon Suk-yeol'] })).toEqual([
      { text: 'Yoon Suk Yeol', needs: 'always', case: 'any', alone: true },
      { text: 'Yoon', needs: 'evidence', case: 'any', alone: true, cuesBefore: expect.arrayContaining(['President', 'Mr']) },
    ]);
    expect(aliasesFor({ name: 'United Nations', kind: 'organisation', aliases: ['UN'] })[1]).toEqual({ text: 'UN', needs: 'always', case: 'exact', alone: true });
  });

  it('takes a free id, reads dates as pages write them, and names no-Latin names by position', () => {
    expect(bundleFromDraft(draft, TEXT, { takenIds: new Set(['nato-asks-seoul-for-arms']) })).toMatchObject({ bundle: { id: 'nato-asks-seoul-for-arms-2' } });
    expect(publishedDate('2023-01-30')).toBe('2023-01-30');
    expect(publishedDate('Mon, 30 Jan 2023 08:00:00 GMT')).toBe('2023-01-30');
    expect(publishedDate('2023-02-30')).toBeNull();
    expect(publishedDate('yesterday')).toBeNull();
    expect(kebabId('Séoul’s “Blue House”')).toBe('seoul-s-blue-house');
    expect(kebabId('윤석열')).toBe('');
    const korean = bundleFromDraft({ ...draft, entities: [{ ...draft.entities[1], name: '윤석열' }] }, TEXT);
    expect(korean.ok && korean.bundle.entities[0].id).toBe('entity-1');
  });

  it('says what is wrong instead of saving a draft the schema refuses', () => {
    const clash = bundleFromDraft({ ...draft, entities: [draft.entities[0], { ...draft.entities[1], aliases: ['Stoltenberg'] }] }, TEXT);
    expect(clash.ok).toBe(false);
    expect(!clash.ok && clash.errors[0]).toMatch(/^entities\[1\]\.aliases\[1\]\.text: "Stoltenberg" of yoon-suk-yeol reads the same as/);
  });
});

describe('the library: on and off, delete and undo, the built-in bundle', () => {
  beforeEach(() => fakeBrowser.reset());

  it('adds bundles first, on; switches them; deletes and undoes, back where they were', async () => {
    await installBuiltIn(defaultBundle);
    const capture = saved();
    await addBundles([{ bundle: capture }], new Date('2024-03-01T00:00:00Z'));
    expect((await getLibraryIndex()).entries.map((entry) => entry.id)).toEqual([capture.id, defaultBundle.id]);
    await expect(addBundles([{ bundle: capture }])).rejects.toThrow(/already holds/);

    await setBundleEnabled(capture.id, false);
    expect((await getEnabledBundles()).map((bundle) => bundle.id)).toEqual([defaultBundle.id]);

    const deleted = await deleteBundle(capture.id);
    expect((await getLibrary()).map((item) => item.entry.id)).toEqual([defaultBundle.id]);
    expect(await fakeBrowser.storage.local.get(`bundle:${capture.id}`)).toEqual({});
    await undoDelete(deleted!);
    const items = await getLibrary();
    expect(items.map((item) => [item.entry.id, item.entry.enabled])).toEqual([
      [capture.id, false],
      [defaultBundle.id, true],
    ]);
    expect(items[0].bundle).toEqual(capture);
  });

  it('hides the built-in bundle instead of deleting it, and can always restore it, even when storage lost it', async () => {
    await installBuiltIn(defaultBundle);
    await deleteBundle(defaultBundle.id);
    expect((await getLibraryIndex()).entries[0]).toMatchObject({ id: defaultBundle.id, hidden: true, enabled: false });
    expect(await getEnabledBundles()).toEqual([]);
    // Switching a deleted built-in bundle on does nothing: it is restored, not switched.
    await setBundleEnabled(defaultBundle.id, true);
    expect(await getEnabledBundles()).toEqual([]);

    await fakeBrowser.storage.local.remove(`bundle:${defaultBundle.id}`);
    await restoreBuiltIn(defaultBundle);
    expect((await getLibraryIndex()).entries[0]).toMatchObject({ id: defaultBundle.id, hidden: false, enabled: true });
    expect(await getEnabledBundles()).toEqual([defaultBundle]);
  });

  it('finds a free id', () => {
    expect(freeBundleId('a', new Set())).toBe('a');
    expect(freeBundleId('a', new Set(['a', 'a-2']))).toBe('a-3');
  });
});

describe('export and import', () => {
  beforeEach(() => fakeBrowser.reset());

  it('gives the same library in a fresh profile: bundles, order, on/off and a deleted built-in bundle', async () => {
    await installBuiltIn(defaultBundle);
    const capture = saved();
    await addBundles([{ bundle: capture }], new Date('2024-03-01T00:00:00Z'));
    await deleteBundle(defaultBundle.id);
    const exported = toJson(libraryFile(await getLibrary()));
    const before = await getLibrary();

    fakeBrowser.reset();
    await installBuiltIn(defaultBundle);
    const read = readImport(exported);
    expect(read.ok).toBe(true);
    const outcomes = await importBundles(read.ok ? read.bundles : []);
    expect(outcomes.map((outcome) => outcome.result)).toEqual(['added', 'unchanged']);
    const after = await getLibrary();
    expect(after.map(({ entry, bundle }) => [entry.id, entry.enabled, entry.hidden, entry.builtIn, bundle])).toEqual(
      before.map(({ entry, bundle }) => [entry.id, entry.enabled, entry.hidden, entry.builtIn, bundle]),
    );
    expect(after[0].entry.addedAt).toBe('2024-03-01T00:00:00.000Z');
  });

  it('imports one bundle file; one whose id names another bundle is added beside it', async () => {
    await installBuiltIn(defaultBundle);
    const changed = { ...defaultBundle, source: { ...defaultBundle.source, title: 'An edited copy' } };
    const read = readImport(JSON.stringify(changed));
    expect(read.ok).toBe(true);
    expect(await importBundles(read.ok ? read.bundles : [])).toEqual([{ title: 'An edited copy', result: 'renamed', id: `${defaultBundle.id}-2` }]);
    expect((await getLibraryIndex()).entries.map((entry) => entry.id)).toEqual([`${defaultBundle.id}-2`, defaultBundle.id]);
  });

  it('refuses a bad file whole, naming each problem’s path and reason, and changes nothing', async () => {
    await installBuiltIn(defaultBundle);
    const before = await fakeBrowser.storage.local.get(null);
    const good = saved();
    const bad = {
      ...good,
      id: 'Not Kebab',
      entities: [{ ...good.entities[0], kind: 'wizard', facts: [] }, ...good.entities.slice(1)],
    };
    const file = { format: 'side-notes-library', schemaVersion: 1, bundles: [{ enabled: true, bundle: good }, { enabled: true, bundle: bad }] };
    const read = readImport(JSON.stringify(file));
    expect(read.ok).toBe(false);
    const errors = read.ok ? [] : read.errors;
    expect(errors).toContainEqual('bundles[1].bundle.id: ids are kebab-case: a-z, 0-9 and -');
    expect(errors.some((error) => error.startsWith('bundles[1].bundle.entities[0].kind: '))).toBe(true);
    expect(errors).toContainEqual('bundles[1].bundle.entities[0].facts: every entity needs at least one fact');
    expect(errors.every((error) => error.startsWith('bundles[1].bundle.'))).toBe(true);
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);

    expect(readImport('{ not json')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^The file is not JSON: /)] });
    expect(readImport(JSON.stringify({ ...file, schemaVersion: 3 }))).toMatchObject({ ok: false, errors: [expect.stringMatching(/^schemaVersion: /)] });
    expect(readImport(JSON.stringify({ ...file, bundles: [{ bundle: good }, { bundle: good }] }))).toEqual({
      ok: false,
      errors: [`bundles[1].bundle.id: "${good.id}" is already the id of bundles[0].bundle`],
      foreign: false,
    });
    expect(readImport(JSON.stringify({ id: 'x' }))).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.stringMatching(/^schemaVersion: /)]) });
  });

  it('writes Markdown for people: a heading per entity, each quote a blockquote with its attribution', () => {
    const markdown = toMarkdown([saved()]);
    expect(markdown.startsWith('# NATO asks Seoul for arms\n')).toBe(true);
    expect(markdown).toContain('\n## Jens Stoltenberg\n\n**Person.** NATO chief\n\nAlso written: Stoltenberg.\n');
    expect(markdown).toContain(
      '\n> Stoltenberg met President Yoon Suk Yeol in Seoul for two hours.\n>\n> — *NATO asks Seoul for arms*, Example News, 5 February 2024, <https://news.example.org/nato>\n',
    );
    expect(markdown).toContain('Related: Yoon Suk Yeol, NATO.');
  });

  it('merges an entity several bundles know into one heading in the Markdown of the whole library', () => {
    const markdown = toMarkdown([defaultBundle, saved()]);
    expect(markdown.match(/^## Jens Stoltenberg$/gm)).toHaveLength(1);
    expect(markdown).toContain(`> — *${defaultBundle.source.title}*`);
    expect(markdown).toContain('> — *NATO asks Seoul for arms*');
  });

  it('carries the reader’s own notes (file version 2) and merges them in without losing the notes already there', async () => {
    await installBuiltIn(defaultBundle);
    await addBundles([{ bundle: saved() }], new Date('2024-03-01T00:00:00Z'));
    const stoltenberg = saved().entities[0];
    await setReaderNote(stoltenberg, 'Met him in Brussels.', new Date('2024-04-01T00:00:00Z'));
    const notes = await getReaderNotes();
    const file = libraryFile(await getLibrary(), notes);
    expect(file).toMatchObject({ format: 'side-notes-library', schemaVersion: 2, readerNotes: notes });
    const exported = toJson(file);

    fakeBrowser.reset();
    await installBuiltIn(defaultBundle);
    // The fresh profile has a note of its own on the same entity, and one on another.
    await setReaderNote({ id: 'seoul', name: 'Seoul', kind: 'place', aliases: [] }, 'A capital.');
    await setReaderNote(stoltenberg, 'Wrote a memoir.');
    const read = readImport(exported);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    expect(read.readerNotes).toEqual(notes);
    await importBundles(read.bundles);
    expect(await importReaderNotes(read.readerNotes)).toEqual({ added: 0, joined: 1, kept: 0 });
    const after = await getReaderNotes();
    expect(after.find((note) => note.key === 'seoul')?.text).toBe('A capital.');
    expect(after.find((note) => note.key === 'jens stoltenberg')?.text).toBe('Wrote a memoir.\n\nMet him in Brussels.');
  });

  it('writes a library without notes as version 1, and reads version 1 files as before', async () => {
    await installBuiltIn(defaultBundle);
    const file = libraryFile(await getLibrary());
    expect(file.schemaVersion).toBe(1);
    expect('readerNotes' in file).toBe(false);
    // A file an earlier version wrote: no readerNotes, no exportedAt.
    const old = { format: 'side-notes-library', schemaVersion: 1, bundles: [{ enabled: false, bundle: saved() }] };
    expect(readImport(JSON.stringify(old))).toEqual({
      ok: true,
      bundles: [{ bundle: saved(), enabled: false, hidden: false, addedAt: undefined }],
      readerNotes: [],
    });
  });

  it('refuses a file whose notes are wrong, saying where', () => {
    const good: ReaderNote = { kind: 'person', key: 'x', name: 'X', entryId: 'x', text: 'A note.', updatedAt: '' };
    const file = { format: 'side-notes-library', schemaVersion: 2, bundles: [{ bundle: saved() }], readerNotes: [good, { ...good, kind: 'wizard', text: '' }] };
    const read = readImport(JSON.stringify(file));
    expect(read.ok).toBe(false);
    const errors = read.ok ? [] : read.errors;
    expect(errors.some((error) => error.startsWith('readerNotes[1].kind: '))).toBe(true);
    expect(errors.some((error) => error.startsWith('readerNotes[1].text: '))).toBe(true);
    expect(errors).toHaveLength(2);
  });

  it('writes the reader’s own note in Markdown as theirs, apart from the quotes', () => {
    const note: ReaderNote = { kind: 'person', key: 'jens stoltenberg', name: 'Jens Stoltenberg', entryId: 'jens-stoltenberg', text: 'Met *him*.', updatedAt: '' };
    const markdown = toMarkdown([saved()], [note]);
    expect(markdown).toContain('\n## Jens Stoltenberg\n\n**Person.** NATO chief\n\n**Your note:** Met \\*him\\*.\n\nAlso written: Stoltenberg.\n');
    expect(toMarkdown([saved()])).not.toContain('Your note');
  });

  it('escapes what Markdown would read as markup', () => {
    expect(escapeMarkdown('<script>*bold* [link](x) _a_')).toBe('\\<script\\>\\*bold\\* \\[link\\](x) \\_a\\_');
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('two\nlines')).toBe('two lines');
  });
});
