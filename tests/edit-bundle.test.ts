import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultBundle } from '@/utils/bundle/load';
import type { Bundle } from '@/utils/bundle/schema';
import { placeholderDescription } from '@/utils/catalogue/catalogue';
import { bundleFromEdit, draftOfBundle, replaceBundle } from '@/utils/library/edit-bundle';
import { bundleFromDraft, type ReviewedDraft } from '@/utils/library/from-draft';
import { addBundles, getBundle, getLibraryIndex, installBuiltIn, setBundle, setBundleEnabled } from '@/utils/library/store';
import { dropFact, merge, rename, type ReviewEntry } from '@/entrypoints/review/edits';

const TEXT = [
  'Lithuanian President Gitanas Nauseda welcomed allied leaders to Vilnius on Tuesday.',
  'Finnish President Sauli Niinisto attended his first summit.',
  'Niinisto said the Baltic Sea had become safer, and Nauseda agreed.',
].join('\n\n');

const draft: ReviewedDraft = {
  source: { url: 'https://courier.example/vilnius', title: 'Allies gather in Vilnius', site: 'The Baltic Courier', published: '2023-07-11' },
  entities: [
    {
      name: 'Gitanas Nauseda',
      kind: 'person',
      aliases: ['Nauseda'],
      description: 'President of Lithuania',
      facts: [{ quote: TEXT.split('\n\n')[0] }, { quote: TEXT.split('\n\n')[2] }],
    },
    { name: 'Sauli Niinisto', kind: 'person', aliases: ['Niinisto'], facts: [{ quote: TEXT.split('\n\n')[1] }, { quote: TEXT.split('\n\n')[2] }] },
    { name: 'Vilnius', kind: 'place', aliases: [], facts: [{ quote: TEXT.split('\n\n')[0] }] },
  ],
};

function captured(): Bundle {
  const parsed = bundleFromDraft(draft, TEXT, { now: new Date('2024-01-01T00:00:00Z') });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.bundle;
}

/** The review page's entries for a stored bundle, as the edit mode starts them. */
const entriesOfBundle = (bundle: Bundle): ReviewEntry[] => draftOfBundle(bundle).entities.map((entity, key) => ({ ...entity, key }));

function edited(bundle: Bundle, entries: ReviewEntry[], title = bundle.source.title): Bundle {
  const parsed = bundleFromEdit(bundle, { source: { ...draftOfBundle(bundle).source, title }, entities: entries });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.bundle;
}

describe('a stored bundle in the review page', () => {
  it('opens with its names, kinds, aliases, descriptions (none where it had the placeholder) and quotes where they stand', () => {
    const bundle = captured();
    const { source, entities } = draftOfBundle(bundle);
    expect(source).toEqual({ url: 'https://courier.example/vilnius', title: 'Allies gather in Vilnius', site: 'The Baltic Courier', published: '2023-07-11' });
    expect(entities[0]).toEqual({
      id: 'gitanas-nauseda',
      name: 'Gitanas Nauseda',
      kind: 'person',
      aliases: ['Nauseda'],
      description: 'President of Lithuania',
      descriptionBy: 'capture',
      facts: bundle.entities[0].facts,
    });
    expect(bundle.entities[1]).not.toHaveProperty('description');
    expect(entities[1]).not.toHaveProperty('description');
    // A bundle saved before descriptions were optional holds a placeholder: the review page shows none.
    const older = { ...bundle, entities: bundle.entities.map((entity) => ({ ...entity, description: entity.description ?? placeholderDescription(bundle.source.title) })) };
    expect(draftOfBundle(older).entities[1]).not.toHaveProperty('description');
  });

  it('saves unchanged as the same bundle', () => {
    const bundle = captured();
    expect(edited(bundle, entriesOfBundle(bundle))).toEqual(bundle);
    expect(edited(defaultBundle, entriesOfBundle(defaultBundle))).toEqual(defaultBundle);
  });

  it('renames (the old name an alias), drops a quote, merges two in their order; ids kept while the name still gives them', () => {
    const bundle = captured();
    let entries = entriesOfBundle(bundle);
    entries = rename(entries, 1, 'Sauli Väinämö Niinistö');
    entries = dropFact(entries, 0, 1);
    entries = rename(entries, 2, 'vilnius');
    const saved = edited(bundle, entries);
    expect(saved.id).toBe(bundle.id);
    expect(saved.entities.map((entity) => entity.id)).toEqual(['gitanas-nauseda', 'sauli-vainamo-niinisto', 'vilnius']);
    expect(saved.entities[1].aliases.map((alias) => alias.text)).toEqual(['Sauli Väinämö Niinistö', 'Sauli Niinisto', 'Niinisto']);
    expect(saved.entities[0].facts).toEqual([bundle.entities[0].facts[0]]);
    // Related entities follow the renamed id.
    expect(saved.entities[0].related).toContain('sauli-vainamo-niinisto');

    const merged = edited(bundle, merge(entriesOfBundle(bundle), 0, 1, ''));
    expect(merged.entities.map((entity) => entity.id)).toEqual(['gitanas-nauseda', 'vilnius']);
    expect(merged.entities[0].facts.map((fact) => fact.start)).toEqual([
      TEXT.indexOf(TEXT.split('\n\n')[0]),
      TEXT.indexOf(TEXT.split('\n\n')[1]),
      TEXT.indexOf(TEXT.split('\n\n')[2]),
    ]);
    expect(merged.entities[0].related).not.toContain('sauli-niinisto');
  });

  it('keeps the rules of the aliases it had (cues, evidence) and gives new ones a capture’s', () => {
    const entries = entriesOfBundle(defaultBundle);
    const saved = edited(defaultBundle, entries.map((entry) => (entry.id === 'leopard-2' ? { ...entry, aliases: [...entry.aliases, 'Leo 2'] } : entry)));
    const before = defaultBundle.entities.find((entity) => entity.id === 'leopard-2')!;
    const after = saved.entities.find((entity) => entity.id === 'leopard-2')!;
    expect(after.aliases.slice(0, before.aliases.length)).toEqual(before.aliases);
    expect(after.aliases.at(-1)).toEqual({ text: 'Leo 2', needs: 'always', case: 'any', alone: true });
  });
});

describe('saving an edited bundle in place', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps its id, its entry (off, and where it was) and the library’s order; writes only the bundle', async () => {
    await installBuiltIn(defaultBundle);
    const bundle = captured();
    await addBundles([{ bundle }]);
    await addBundles([{ bundle: { ...bundle, id: 'newer' } }]);
    await setBundleEnabled(bundle.id, false);
    const index = await getLibraryIndex();
    const changed = edited(bundle, rename(entriesOfBundle(bundle), 2, 'Vilnius, Lithuania'));

    const writes: string[] = [];
    fakeBrowser.storage.onChanged.addListener((changes) => writes.push(...Object.keys(changes)));
    expect(await replaceBundle(bundle, changed)).toEqual({ ok: true });
    // The bundle, and with it a new library revision (the background compiles the library again).
    expect(writes).toEqual([`bundle:${bundle.id}`, 'libraryRevision']);
    expect(await getLibraryIndex()).toEqual(index);
    expect((await getBundle(bundle.id))?.entities[2].name).toBe('Vilnius, Lithuania');
  });

  it('refuses when the bundle changed or went while it was edited, and never touches the built-in one', async () => {
    await installBuiltIn(defaultBundle);
    const bundle = captured();
    await addBundles([{ bundle }]);
    const changed = edited(bundle, dropFact(entriesOfBundle(bundle), 0, 1));
    // A quote added from a page meanwhile.
    const meanwhile = { ...bundle, entities: bundle.entities.map((entity, i) => (i === 2 ? { ...entity, facts: [...entity.facts, { quote: 'More.', start: 999 }] } : entity)) };
    await setBundle(meanwhile);
    const refused = await replaceBundle(bundle, changed);
    expect(refused.ok).toBe(false);
    expect(await getBundle(bundle.id)).toEqual(meanwhile);

    expect((await replaceBundle({ ...bundle, id: 'gone' }, { ...changed, id: 'gone' })).ok).toBe(false);
    expect((await replaceBundle(defaultBundle, edited(defaultBundle, entriesOfBundle(defaultBundle).slice(1)))).ok).toBe(false);
    expect(await getBundle(defaultBundle.id)).toEqual(defaultBundle);
  });
});
