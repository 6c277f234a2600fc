import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Bundle, Entity } from '@/utils/bundle/schema';
import { defaultBundle } from '@/utils/bundle/load';
import { cardEntryFromCatalogue } from '@/utils/catalogue/card-entry';
import { addBundles, installBuiltIn, setBundleEnabled } from '@/utils/library/store';
import { compileMatcher } from '@/utils/match/compile';
import type { Matcher } from '@/utils/match/matcher';
import { scanText, scanTextIfReady } from '@/utils/match/scan';
import { COMPILED_KEY, COMPILED_PREFIX, StoredMatcher, type CompiledMeta } from '@/utils/match/stored';
import { CompiledKeeper, storeCompiled } from '@/utils/match/store-compiled';

const TEXT =
  'NATO Secretary General Jens Stoltenberg met Yoon Suk Yeol in Seoul; Secretary Austin spoke of the Arms Trade ' +
  'Treaty, Leopard tanks and South Korea’s howitzers, while Nicola Yoon and the Austin Police were elsewhere.';

/** What the scan finds, as the card and page state read it. */
const found = (candidates: ReturnType<typeof scanText>) =>
  candidates.map(({ start, end, strength, alias }) => [start, end, strength, alias.entityId, alias.entityName, alias.kind]);

/** Scans as the page does with a stored matcher: read what the text reached, then scan again. */
async function scanStored(text: string, matcher: Matcher) {
  for (let tries = 0; tries < 3; tries++) {
    const candidates = scanTextIfReady(text, matcher);
    if (candidates) return candidates;
    await matcher.load();
  }
  throw new Error('the stored matcher never read what the text needs');
}

const storedKeys = async () => Object.keys(await fakeBrowser.storage.local.get(null)).filter((key) => key.startsWith(COMPILED_PREFIX));

function entity(id: string, name: string): Entity {
  return {
    id,
    name,
    kind: 'place',
    description: `${name}, as described`,
    aliases: [{ text: name, needs: 'always', case: 'any' }],
    facts: [{ quote: `A sentence about ${name}.`, start: 0 }],
    related: [],
  };
}

describe('the compiled form in storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('finds in text exactly what the compiler’s own matcher finds, reading only the aliases the text reaches', async () => {
    const memory = compileMatcher([defaultBundle]);
    await storeCompiled([defaultBundle], 'r1', undefined, { oneShardAliases: 0 });
    const stored = (await StoredMatcher.open())!;
    expect(stored.complete).toBe(false);
    expect(stored.nodes.size).toBe(memory.nodes.size);
    expect(scanTextIfReady(TEXT, stored)).toBeNull();
    expect(found(await scanStored(TEXT, stored))).toEqual(found(scanText(TEXT, memory)));
    expect(found(scanText(TEXT, memory)).length).toBeGreaterThan(5);
    expect(stored.quickLook?.source).toBe(memory.quickLook?.source);
  });

  it('gives a small library’s aliases to a page with the meta, so its scan never waits for storage', async () => {
    const memory = compileMatcher([defaultBundle]);
    await storeCompiled([defaultBundle], 'r1');
    const meta = (await fakeBrowser.storage.local.get(COMPILED_KEY))[COMPILED_KEY] as CompiledMeta;
    expect(meta.aliasShards).toBe(1);
    const stored = (await StoredMatcher.open())!;
    expect(stored.complete).toBe(true);
    const load = vi.spyOn(stored, 'load');
    const hits = scanTextIfReady(TEXT, stored);
    expect(hits).not.toBeNull();
    expect(found(hits!)).toEqual(found(scanText(TEXT, memory)));
    expect(load).not.toHaveBeenCalled();
  });

  it('gives each card what the catalogue gives it: name, description, quotes by source, related names', async () => {
    const later: Bundle = {
      schemaVersion: 1,
      id: 'later',
      source: { title: 'Later', date: '2024-03-01', publisher: 'Example News', url: 'https://example.org/later' },
      entities: [{ ...entity('stoltenberg', 'Jens Stoltenberg'), kind: 'person' }],
    };
    const bundles = [later, defaultBundle];
    await fakeBrowser.storage.local.set({ 'bundle:later': later, [`bundle:${defaultBundle.id}`]: defaultBundle });
    const memory = compileMatcher(bundles);
    await storeCompiled(bundles, 'r1');
    const stored = (await StoredMatcher.open())!;
    const ids = [...memory.entities.keys()].filter((id) => /stoltenberg|yoon|arms-trade|nato/.test(id));
    expect(ids).toHaveLength(4);
    expect(ids.some((id) => memory.entities.get(id)!.sources.length === 2)).toBe(true);
    for (const id of ids) {
      const expected = cardEntryFromCatalogue(memory.entities.get(id)!, memory.entities);
      const card = (await stored.cardEntry(id))!;
      // Aliases are there for the reader's own note to be found by (`noteFor`): their texts, once each.
      const texts = (aliases: Entity['aliases']) => [...new Set(aliases.map((alias) => alias.text))].sort();
      expect({ ...card.entity, aliases: texts(card.entity.aliases) }).toEqual({ ...expected.entity, aliases: texts(expected.entity.aliases) });
      expect(card.related).toEqual(expected.related);
      expect(card.sources.map(({ bundle, entity }) => [bundle.id, entity.id])).toEqual(
        expected.sources.map(({ bundle, entity }) => [bundle.id, entity.id]),
      );
    }
    expect(await stored.cardEntry('no-such-entity')).toBeNull();
  });

  it('writes only what changed, and takes away what a smaller library no longer has', async () => {
    const many: Bundle = { ...defaultBundle, id: 'many', entities: Array.from({ length: 600 }, (_, i) => entity(`p-${i}`, `Placename${i}`)) };
    await storeCompiled([defaultBundle, many], 'r1');
    const big = await storedKeys();
    const writes: string[] = [];
    fakeBrowser.storage.onChanged.addListener((changes) => writes.push(...Object.keys(changes)));
    await storeCompiled([defaultBundle, many], 'r2');
    expect(writes).toEqual([COMPILED_KEY]);
    writes.length = 0;
    await storeCompiled([defaultBundle], 'r3');
    const small = await storedKeys();
    expect(small.length).toBeLessThan(big.length);
    expect(writes).toContain(COMPILED_KEY);
    expect(writes.filter((key) => !small.includes(key) && key !== COMPILED_KEY).length).toBeGreaterThan(0);
    const stored = (await StoredMatcher.open())!;
    expect(found(await scanStored('Placename7 and NATO', stored)).map((hit) => hit[3])).toEqual(['nato']);
  });

  it('is compiled again by the background when the library changes, and at start when stale or of another format', async () => {
    await installBuiltIn(defaultBundle);
    const keeper = new CompiledKeeper();
    await keeper.ensure();
    const first = (await fakeBrowser.storage.local.get(COMPILED_KEY))[COMPILED_KEY] as CompiledMeta;
    expect(first.entries).toBe(defaultBundle.entities.length);

    await addBundles([{ bundle: { ...defaultBundle, id: 'one-place', entities: [entity('atlantis', 'Atlantis')] } }]);
    await keeper.ensure();
    expect(((await fakeBrowser.storage.local.get(COMPILED_KEY))[COMPILED_KEY] as CompiledMeta).entries).toBe(first.entries + 1);
    await setBundleEnabled('one-place', false);
    await keeper.ensure();
    expect(((await fakeBrowser.storage.local.get(COMPILED_KEY))[COMPILED_KEY] as CompiledMeta).entries).toBe(first.entries);

    await fakeBrowser.storage.local.set({ [COMPILED_KEY]: { ...first, format: 0 } });
    expect(await StoredMatcher.open()).toBeNull();
    await keeper.ensure();
    expect(await StoredMatcher.open()).not.toBeNull();
  });
});
