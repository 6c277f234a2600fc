import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultBundle } from '@/utils/bundle/load';
import type { Bundle } from '@/utils/bundle/schema';
import { buildCatalogue, placeholderDescription } from '@/utils/catalogue/catalogue';
import { addQuote, bundleForPage, entryTarget, pageAddress, pageTitle, saveQuote, type QuoteTarget } from '@/utils/library/from-selection';
import { addBundles, getBundle, getEnabledBundles, getLibraryIndex, installBuiltIn, setBundleEnabled } from '@/utils/library/store';
import type { PageSelection } from '@/utils/messages';

const QUOTE = 'Stoltenberg said the alliance would double its presence in the Baltic states.';

const selection = (fields: Partial<PageSelection> = {}): PageSelection => ({
  text: QUOTE,
  start: 412,
  url: 'https://news.example.org/baltic#comments',
  title: 'NATO doubles its Baltic presence | Example News',
  site: 'Example News',
  published: '2024-06-02T07:30:00Z',
  entities: ['jens-stoltenberg'],
  ...fields,
});

const catalogue = buildCatalogue([defaultBundle]);
const stoltenberg = () => entryTarget(catalogue.get('jens-stoltenberg')!);
const now = new Date('2024-06-03T12:00:00Z');

function added(result: ReturnType<typeof addQuote>) {
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result;
}

describe('a selection becomes a quote', () => {
  it('starts a bundle for the page: its title without the site’s name, its date, its site, its address without fragment', () => {
    const { bundle, newBundle, entityId } = added(addQuote({ selection: selection(), target: stoltenberg(), bundles: [], takenIds: new Set(), now }));
    expect(newBundle).toBe(true);
    expect(bundle.id).toBe('nato-doubles-its-baltic-presence');
    expect(bundle.source).toEqual({
      title: 'NATO doubles its Baltic presence',
      date: '2024-06-02',
      publisher: 'Example News',
      url: 'https://news.example.org/baltic',
    });
    expect(entityId).toBe('jens-stoltenberg');
    expect(bundle.entities).toEqual([
      {
        id: 'jens-stoltenberg',
        name: 'Jens Stoltenberg',
        kind: 'person',
        description: 'Secretary General of NATO, who urged South Korea to send weapons to Ukraine',
        descriptionBy: 'curated',
        aliases: [{ text: 'Jens Stoltenberg', needs: 'always', case: 'any', alone: true }],
        facts: [{ quote: QUOTE, start: 412 }],
        related: [],
      },
    ]);
  });

  it('puts the quote verbatim on the entry the reader chose: one card, the new quote with the others', () => {
    const { bundle } = added(addQuote({ selection: selection(), target: stoltenberg(), bundles: [], takenIds: new Set(), now }));
    const entry = buildCatalogue([defaultBundle, bundle]).get('jens-stoltenberg')!;
    expect(entry.sources.map((source) => source.bundle.id)).toEqual([bundle.id, defaultBundle.id]);
    expect(entry.entity.facts[0]).toEqual({ quote: QUOTE, start: 412 });
    // Whichever entry is chosen: the new entity takes its name, kind and id, and joins it.
    const seoul = added(
      addQuote({ selection: selection({ url: 'https://other.example/' }), target: entryTarget(catalogue.get('seoul')!), bundles: [], takenIds: new Set(), now }),
    );
    expect(buildCatalogue([defaultBundle, seoul.bundle]).get('seoul')!.sources).toHaveLength(2);
  });

  it('adds to the reader’s bundle for the same page: the quote on its entity, or the entity added; a quote once', () => {
    const first = added(addQuote({ selection: selection(), target: stoltenberg(), bundles: [], takenIds: new Set(), now })).bundle;
    const again = added(
      addQuote({ selection: selection({ url: 'https://news.example.org/baltic', text: '  Second quote.\n', start: 900 }), target: stoltenberg(), bundles: [first], takenIds: new Set([first.id]), now }),
    );
    expect(again.newBundle).toBe(false);
    expect(again.bundle.id).toBe(first.id);
    expect(again.bundle.entities[0].facts).toEqual([
      { quote: QUOTE, start: 412 },
      { quote: 'Second quote.', start: 900 },
    ]);
    expect(added(addQuote({ selection: selection(), target: stoltenberg(), bundles: [again.bundle], takenIds: new Set(), now })).bundle).toEqual(again.bundle);

    const nato = entryTarget(catalogue.get('nato')!);
    const withNato = added(addQuote({ selection: selection({ text: 'NATO met.' }), target: nato, bundles: [again.bundle], takenIds: new Set(), now }));
    expect(withNato.bundle.entities.map((entity) => entity.id)).toEqual(['jens-stoltenberg', 'nato']);
    expect(withNato.bundle.source).toEqual(first.source);
  });

  it('creates a new entity: the reader’s description (theirs: it wins over a capture’s), else none', () => {
    const target: QuoteTarget = { type: 'new', name: 'Kaja Kallas', kind: 'person' };
    const { bundle } = added(addQuote({ selection: selection({ entities: [] }), target, bundles: [], takenIds: new Set(), now }));
    expect(bundle.entities[0]).toMatchObject({ id: 'kaja-kallas', name: 'Kaja Kallas' });
    expect(bundle.entities[0]).not.toHaveProperty('description');
    const described = added(addQuote({ selection: selection(), target: { ...target, description: 'Prime Minister of Estonia' }, bundles: [], takenIds: new Set(), now }));
    expect(described.bundle.entities[0]).toMatchObject({ description: 'Prime Minister of Estonia', descriptionBy: 'reader' });
    // A new entity named like one the page's bundle has (same kind) is that one.
    const joined = added(addQuote({ selection: selection({ text: 'More.' }), target, bundles: [bundle], takenIds: new Set(), now }));
    expect(joined.bundle.entities).toHaveLength(1);
    expect(joined.bundle.entities[0].facts).toHaveLength(2);
  });

  it('never writes a placeholder description, nor copies one an older bundle holds', () => {
    const captured = added(addQuote({ selection: selection({ url: 'https://a.example/1', title: 'First' }), target: { type: 'new', name: 'Kaja Kallas', kind: 'person' }, bundles: [], takenIds: new Set(), now })).bundle;
    const entry = buildCatalogue([captured]).get('kaja-kallas')!;
    const target = entryTarget(entry);
    expect(target).not.toHaveProperty('description');
    const second = added(addQuote({ selection: selection({ url: 'https://b.example/2', title: 'Second' }), target, bundles: [captured], takenIds: new Set([captured.id]), now })).bundle;
    expect(second.entities[0]).not.toHaveProperty('description');
    // A bundle saved before descriptions were optional holds the placeholder: it is read as none.
    const older = { ...captured, entities: [{ ...captured.entities[0], description: placeholderDescription('First') }] };
    expect(entryTarget(buildCatalogue([older]).get('kaja-kallas')!)).not.toHaveProperty('description');
  });

  it('says why when there is nothing to add or no name', () => {
    expect(addQuote({ selection: selection({ text: '  ' }), target: stoltenberg(), bundles: [], takenIds: new Set(), now })).toEqual({ ok: false, errors: ['Nothing was selected.'] });
    expect(addQuote({ selection: selection(), target: { type: 'new', name: ' - ', kind: 'person' }, bundles: [], takenIds: new Set(), now }).ok).toBe(false);
  });

  it('knows a page by its address without fragment, and a title without its site', () => {
    expect(pageAddress('https://a.example/x?y=1#z')).toBe('https://a.example/x?y=1');
    const bundle = { source: { url: 'https://a.example/x#top' } } as Bundle;
    expect(bundleForPage([bundle], 'https://a.example/x')).toBe(bundle);
    expect(bundleForPage([bundle], 'https://a.example/y')).toBeUndefined();
    expect(pageTitle('Allies gather | The Baltic Courier', 'The Baltic Courier')).toBe('Allies gather');
    expect(pageTitle('Allies gather — the baltic courier', 'The Baltic Courier')).toBe('Allies gather');
    expect(pageTitle('The Baltic Courier', 'The Baltic Courier')).toBe('The Baltic Courier');
    expect(pageTitle('A (b) c', 'b)')).toBe('A (b) c');
  });
});

describe('saving a quote in the library', () => {
  beforeEach(() => fakeBrowser.reset());

  it('adds a new bundle first and on; a later quote from the page goes into it, which keeps its place and state', async () => {
    await installBuiltIn(defaultBundle);
    const saved = await saveQuote(selection(), stoltenberg(), now);
    if (!saved.ok) throw new Error(saved.errors.join('\n'));
    const index = await getLibraryIndex();
    expect(index.entries.map((entry) => [entry.id, entry.enabled, entry.builtIn])).toEqual([
      [saved.bundle.id, true, false],
      [defaultBundle.id, true, true],
    ]);

    // Another bundle added since, and the page's switched off then on: its entry stays where it is.
    await addBundles([{ bundle: { ...saved.bundle, id: 'later', source: { ...saved.bundle.source, url: 'https://else.example/' } } }]);
    await setBundleEnabled(saved.bundle.id, false);
    await setBundleEnabled(saved.bundle.id, true);
    const before = await getLibraryIndex();
    const second = await saveQuote(selection({ text: 'Another passage.', start: 1000 }), stoltenberg(), now);
    expect(second.ok && second.newBundle).toBe(false);
    expect(await getLibraryIndex()).toEqual(before);
    expect((await getBundle(saved.bundle.id))?.entities[0].facts.map((fact) => fact.quote)).toEqual([QUOTE, 'Another passage.']);
  });

  it('never writes into the built-in bundle, nor into one that is off', async () => {
    await installBuiltIn(defaultBundle);
    const builtIn = { ...defaultBundle, source: { ...defaultBundle.source, url: 'https://news.example.org/baltic' } };
    await installBuiltIn(builtIn);
    const saved = await saveQuote(selection(), stoltenberg(), now);
    expect(saved.ok && saved.newBundle).toBe(true);
    expect(await getBundle(defaultBundle.id)).toEqual(builtIn);

    if (!saved.ok) return;
    await setBundleEnabled(saved.bundle.id, false);
    const third = await saveQuote(selection({ text: 'Third.' }), stoltenberg(), now);
    expect(third.ok && third.newBundle).toBe(true);
    expect((await getEnabledBundles()).map((bundle) => bundle.id)).toContain(third.ok ? third.bundle.id : '');
  });
});
