import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Bundle } from '@/utils/bundle/schema';
import { defaultBundle } from '@/utils/bundle/load';
import { parseBundle } from '@/utils/bundle/parse';
import { buildCatalogue, placeholderDescription, quotesBySource } from '@/utils/catalogue/catalogue';
import { importBundles, libraryFile, readImport, toJson } from '@/utils/library/exchange';
import { bundleFromDraft, type ReviewedDraft } from '@/utils/library/from-draft';
import { mergeBundle, placeBundle, sameSource } from '@/utils/library/same-source';
import { addBundles, getLibrary, getLibraryIndex, installBuiltIn } from '@/utils/library/store';

const TEXT = [
  'NATO chief Jens Stoltenberg urged South Korea on Monday to send weapons to Ukraine.',
  'Stoltenberg met President Yoon Suk Yeol in Seoul for two hours.',
  'Seoul has a policy of not arming countries at war, Yoon said.',
  'Later the Kremlin warned Seoul against it.',
].join('\n\n');

const SOURCE = { url: 'https://news.example.org/nato#top', title: 'NATO asks Seoul for arms', published: '2024-02-05' };

function bundleOf(draft: ReviewedDraft): Bundle {
  const parsed = bundleFromDraft(draft, TEXT, { now: new Date('2024-03-01T12:00:00Z') });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.bundle;
}

/** The first capture, as the reader saved it: Stoltenberg described by hand, Seoul's kind changed. */
const first = () =>
  bundleOf({
    source: SOURCE,
    entities: [
      { name: 'Jens Stoltenberg', kind: 'person', aliases: ['Stoltenberg'], description: 'Secretary General of NATO', facts: [{ quote: TEXT.split('\n\n')[0] }] },
      { name: 'Seoul', kind: 'organisation', aliases: [], facts: [{ quote: TEXT.split('\n\n')[1] }] },
    ],
  });

/** The same page captured again: a drafted description, a new quote, a new entity, a new form of a name. */
const second = () =>
  bundleOf({
    source: { ...SOURCE, url: 'https://news.example.org/nato' },
    entities: [
      {
        name: 'Jens Stoltenberg',
        kind: 'person',
        aliases: ['Stoltenberg', 'NATO chief Stoltenberg'],
        description: 'chief',
        facts: [{ quote: TEXT.split('\n\n')[0] }, { quote: TEXT.split('\n\n')[1] }],
      },
      { name: 'Seoul', kind: 'place', aliases: [], facts: [{ quote: TEXT.split('\n\n')[1] }, { quote: TEXT.split('\n\n')[2] }] },
      { name: 'Kremlin', kind: 'organisation', aliases: [], facts: [{ quote: TEXT.split('\n\n')[3] }] },
    ],
  });

describe('one source, one bundle', () => {
  it('knows the same source by its address (fragment aside), or by its id where neither has one', () => {
    expect(sameSource(first(), second())).toBe(true);
    expect(sameSource(first(), { ...second(), source: { ...second().source, url: 'https://news.example.org/other' } })).toBe(false);
    const noUrl = { ...first(), source: { ...first().source, url: null } };
    expect(sameSource(noUrl, noUrl)).toBe(true);
    expect(sameSource(noUrl, { ...noUrl, id: 'another' })).toBe(false);
    expect(sameSource(noUrl, first())).toBe(false);
  });

  it('merges a second capture into the first: new quotes and entities added, none twice, the reader’s edits kept', () => {
    const merged = mergeBundle(first(), second());
    expect(parseBundle(merged)).toMatchObject({ ok: true });
    expect(merged.id).toBe(first().id);
    expect(merged.source).toEqual(first().source);
    const [stoltenberg, seoul, kremlin] = merged.entities;
    expect(stoltenberg.description).toBe('Secretary General of NATO');
    expect(stoltenberg.facts.map((fact) => fact.quote)).toEqual(TEXT.split('\n\n').slice(0, 2));
    // The forms of the name are the reader's: one the new capture has is not added (the reader may have taken it away).
    expect(stoltenberg.aliases.map((alias) => alias.text)).toEqual(['Jens Stoltenberg', 'Stoltenberg']);
    // The kind the reader chose stays; the quote both captures hold is there once.
    expect(seoul.kind).toBe('organisation');
    expect(seoul.description).toBeUndefined();
    expect(seoul.facts.map((fact) => fact.quote)).toEqual(TEXT.split('\n\n').slice(1, 3));
    expect(kremlin).toMatchObject({ id: 'kremlin', name: 'Kremlin', related: [] });
    expect(merged.entities).toHaveLength(3);
  });

  it('keeps a description a person wrote over a drafted one, and takes one where the held bundle had none', () => {
    const held = first();
    const stoltenberg = held.entities.find((entity) => entity.name === 'Jens Stoltenberg')!;
    const seoul = held.entities.find((entity) => entity.name === 'Seoul')!;
    const drafted: Bundle = {
      ...held,
      entities: [
        { ...stoltenberg, description: 'NATO chief', descriptionBy: 'capture' },
        { ...seoul, description: 'Capital of South Korea', descriptionBy: 'capture' },
      ],
    };
    const readers: Bundle = { ...held, entities: [{ ...stoltenberg, description: 'Head of NATO', descriptionBy: 'reader' }, seoul] };
    const byName = (bundle: Bundle, name: string) => bundle.entities.find((entity) => entity.name === name)!;
    const keptFirst = { ...held, entities: [{ ...stoltenberg, descriptionBy: 'capture' as const }, seoul] };

    // A draft never overwrites what the held bundle says; it fills what it leaves empty.
    expect(byName(mergeBundle(held, drafted), 'Jens Stoltenberg').description).toBe(stoltenberg.description);
    expect(byName(mergeBundle(held, drafted), 'Seoul')).toMatchObject({ description: 'Capital of South Korea', descriptionBy: 'capture' });
    // A person's description replaces a capture's, with its author.
    expect(byName(mergeBundle(keptFirst, readers), 'Jens Stoltenberg')).toMatchObject({ description: 'Head of NATO', descriptionBy: 'reader' });
    // A placeholder older saves wrote says nothing, so a draft fills it.
    const old = { ...held, entities: [stoltenberg, { ...seoul, description: placeholderDescription(SOURCE.title) }] };
    expect(byName(mergeBundle(old, drafted), 'Seoul').description).toBe('Capital of South Korea');
    // …but not another person's.
    expect(byName(mergeBundle(readers, { ...held, entities: [{ ...stoltenberg, description: 'x', descriptionBy: 'reader' }] }), 'Jens Stoltenberg').description).toBe('Head of NATO');
  });

  it('gives a bundle merged with itself back unchanged', () => {
    expect(mergeBundle(second(), second())).toEqual(second());
  });

  it('places an import: the same bundle unchanged, an edited one updated in place, another source added', () => {
    const held = [{ id: 'nato-asks-seoul-for-arms', builtIn: false, bundle: first() }];
    const free = (base: string) => `${base}-2`;
    expect(placeBundle(held, first(), free)).toEqual({ result: 'unchanged', bundle: first() });
    // An edited export: the file's words win, what only the library holds stays.
    const edited = { ...first(), entities: [{ ...first().entities[0], description: 'Edited in the file' }] };
    const placed = placeBundle(held, edited, free);
    expect(placed.result).toBe('updated');
    expect(placed.bundle.id).toBe('nato-asks-seoul-for-arms');
    expect(placed.bundle.entities.map((entity) => entity.description)).toEqual(['Edited in the file', undefined]);
    // The same page under another id (another profile's capture) joins it too.
    expect(placeBundle(held, { ...second(), id: 'copy' }, free)).toMatchObject({ result: 'updated', bundle: { id: 'nato-asks-seoul-for-arms' } });
    const other = { ...first(), source: { ...first().source, url: 'https://news.example.org/other' } };
    expect(placeBundle(held, other, free)).toMatchObject({ result: 'renamed', bundle: { id: 'nato-asks-seoul-for-arms-2' } });
  });

  it('dedupes a card’s quotes: one source held by two bundles shows each quote once', () => {
    const copy = { ...first(), id: 'copy' };
    const entry = [...buildCatalogue([first(), copy]).values()].find((candidate) => candidate.entity.name === 'Jens Stoltenberg')!;
    expect(entry.sources).toHaveLength(2);
    expect(quotesBySource(entry)).toEqual([{ source: first().source, facts: first().entities[0].facts }]);
  });
});

describe('importing again', () => {
  beforeEach(() => fakeBrowser.reset());

  it('re-importing an edited export adds no copy, and says per bundle what happened', async () => {
    await installBuiltIn(defaultBundle);
    await addBundles([{ bundle: first() }], new Date('2024-03-01T00:00:00Z'));
    const file = libraryFile(await getLibrary());
    file.bundles[0].bundle = { ...file.bundles[0].bundle, entities: [{ ...file.bundles[0].bundle.entities[0], description: 'Edited' }, file.bundles[0].bundle.entities[1]] };
    const read = readImport(toJson(file));
    if (!read.ok) throw new Error(read.errors.join('\n'));
    expect(await importBundles(read.bundles)).toEqual([
      { title: SOURCE.title, result: 'updated', id: first().id },
      { title: defaultBundle.source.title, result: 'unchanged', id: defaultBundle.id },
    ]);
    expect((await getLibraryIndex()).entries.map((entry) => entry.id)).toEqual([first().id, defaultBundle.id]);
    expect((await getLibrary())[0].bundle?.entities[0].description).toBe('Edited');
    // Again: nothing changes.
    expect((await importBundles(read.bundles)).map((outcome) => outcome.result)).toEqual(['unchanged', 'unchanged']);
    expect((await getLibraryIndex()).entries).toHaveLength(2);
  });

  it('says a file that is not Side Notes’ is not, with the details after', () => {
    expect(readImport(JSON.stringify({ name: 'my-package', version: '1.0.0' }))).toMatchObject({ ok: false, foreign: true, errors: expect.arrayContaining([expect.stringMatching(/^schemaVersion: /)]) });
    expect(readImport(JSON.stringify([1, 2]))).toMatchObject({ ok: false, foreign: true });
    expect(readImport(JSON.stringify({ format: 'other-app' }))).toMatchObject({ ok: false, foreign: true });
    expect(readImport('not json')).toMatchObject({ ok: false, foreign: true });
    expect(readImport(JSON.stringify({ format: 'side-notes-library', schemaVersion: 9, bundles: [] }))).toMatchObject({ ok: false, foreign: false });
  });
});
