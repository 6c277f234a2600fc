import { describe, expect, it } from 'vitest';
import type { Bundle, Entity } from '@/utils/bundle/schema';
import { defaultBundle } from '@/utils/bundle/load';
import { buildCatalogue, knownNames, placeholderDescription, quotesBySource } from '@/utils/catalogue/catalogue';
import { compileLibrary, compileMatcher, compileSteps } from '@/utils/match/compile';
import { runInSlices } from '@/utils/match/store-compiled';
import { scanText } from '@/utils/match/scan';

const seed = defaultBundle;

function entity(fields: Partial<Entity> & Pick<Entity, 'id' | 'name'>): Entity {
  return {
    kind: 'person',
    description: `${fields.name}, as described`,
    aliases: [{ text: fields.name, needs: 'always', case: 'any' }],
    facts: [{ quote: `A sentence about ${fields.name}.`, start: 0 }],
    related: [],
    ...fields,
  };
}

function capture(id: string, date: string, entities: Entity[], title = `Article ${id}`): Bundle {
  return { schemaVersion: 1, id, source: { title, date, publisher: 'Example News', url: `https://example.org/${id}` }, entities };
}

const alias = (text: string) => ({ text, needs: 'always' as const, case: 'any' as const });

describe('the catalogue', () => {
  it('joins a captured "Stoltenberg" to the seed’s Jens Stoltenberg: one entry, the seed’s description, quotes by source', () => {
    const captured = capture('later', '2024-03-01', [
      entity({
        id: 'stoltenberg',
        name: 'Stoltenberg',
        description: 'the alliance’s outgoing chief',
        aliases: [alias('Stoltenberg'), alias('NATO chief Stoltenberg')],
        facts: [{ quote: 'Stoltenberg spoke in Brussels.', start: 10 }],
      }),
    ]);
    const catalogue = buildCatalogue([seed, captured]);
    const stoltenberg = [...catalogue.values()].filter((entry) => /stoltenberg/i.test(entry.entity.name));
    expect(stoltenberg).toHaveLength(1);
    const [entry] = stoltenberg;
    const seedEntity = seed.entities.find((other) => other.id === 'jens-stoltenberg')!;
    // The fullest name and its id; the curated description over the newer capture's draft; every source's aliases.
    expect(entry.id).toBe('jens-stoltenberg');
    expect(entry.entity.name).toBe('Jens Stoltenberg');
    expect(entry.entity.description).toBe(seedEntity.description);
    expect(entry.entity.descriptionBy).toBe('curated');
    expect(entry.entity.aliases.map((a) => a.text)).toContain('NATO chief Stoltenberg');
    expect(entry.entity.aliases.map((a) => a.text)).toContain('斯托尔滕贝格');
    // Quotes grouped by article, the newest first, each under its own source.
    expect(entry.bundle).toBe(captured);
    expect(quotesBySource(entry)).toEqual([
      { source: captured.source, facts: [{ quote: 'Stoltenberg spoke in Brussels.', start: 10 }] },
      { source: seed.source, facts: seedEntity.facts },
    ]);
    expect(entry.entity.facts[0].quote).toBe('Stoltenberg spoke in Brussels.');
    // The seed's related entities still resolve.
    expect(entry.entity.related).toEqual(seedEntity.related);
    // The matcher finds the new alias for the one entry.
    const matcher = compileMatcher([seed, captured]);
    expect(scanText('as NATO chief Stoltenberg said', matcher).map((c) => c.alias.entityId)).toEqual(['jens-stoltenberg']);
  });

  it('keeps the description a person or the article wrote over a capture’s placeholder', () => {
    const captured = capture('later', '2024-03-01', [
      entity({ id: 'seoul', name: 'Seoul', kind: 'place', description: placeholderDescription('Article later') }),
    ]);
    const entry = buildCatalogue([seed, captured]).get('seoul')!;
    expect(entry.sources).toHaveLength(2);
    expect(entry.entity.description).toBe(seed.entities.find((other) => other.id === 'seoul')!.description);
  });

  it('shows a description a person wrote or confirmed over a capture’s, whatever the order and dates; none over a placeholder', () => {
    const yoon = seed.entities.find((other) => other.id === 'yoon-suk-yeol')!;
    const drafted = capture('nbc', '2025-01-10', [
      entity({ id: 'yoon-suk-yeol', name: 'Yoon Suk Yeol', description: 'a drafted line', descriptionBy: 'capture' }),
    ]);
    const legacy = capture('legacy', '2025-02-01', [entity({ id: 'yoon-suk-yeol', name: 'Yoon Suk Yeol', description: 'a line saved before provenance' })]);
    for (const bundles of [[seed, drafted, legacy], [legacy, drafted, seed]]) {
      expect(buildCatalogue(bundles).get('yoon-suk-yeol')!.entity).toMatchObject({ description: yoon.description, descriptionBy: 'curated' });
    }
    // The reader's own, confirmed in review, wins over the seed's too when newer; over a newer capture's always.
    const confirmed = capture('confirmed', '2024-05-01', [
      entity({ id: 'yoon-suk-yeol', name: 'Yoon Suk Yeol', description: 'President until his impeachment', descriptionBy: 'reader' }),
    ]);
    expect(buildCatalogue([seed, drafted, confirmed]).get('yoon-suk-yeol')!.entity.description).toBe('President until his impeachment');
    // Captures alone: the newest capture's.
    expect(buildCatalogue([drafted, legacy]).get('yoon-suk-yeol')!.entity.description).toBe('a line saved before provenance');
    // Only placeholders, or nothing: the entry has no description at all.
    const placeholder = capture('yonhap', '2025-01-12', [entity({ id: 'kim', name: 'Kim Yong-hyun', description: placeholderDescription('Article yonhap') })]);
    const { description: _none, ...undescribed } = entity({ id: 'lee', name: 'Lee Sang-min' });
    const bare = capture('bare', '2025-01-12', [undescribed]);
    expect(buildCatalogue([placeholder]).get('kim')!.entity).not.toHaveProperty('description');
    expect(buildCatalogue([bare]).get('lee')!.entity).not.toHaveProperty('description');
  });

  it('never joins entities of different kinds, through aliases alone, or within one bundle', () => {
    const other = capture('other', '2024-01-01', [
      // "Washington" is an alias of the seed's Washington (the US government) and of George Washington: alias ≠ name.
      entity({ id: 'george-washington', name: 'George Washington', aliases: [alias('George Washington'), alias('Washington')] }),
      // Same name as a seed entity, another kind.
      entity({ id: 'seoul-fc', name: 'Seoul', kind: 'organisation' }),
    ]);
    const catalogue = buildCatalogue([seed, other]);
    expect(catalogue.get('george-washington')?.sources).toHaveLength(1);
    expect(catalogue.get('washington')?.sources).toHaveLength(1);
    expect(catalogue.get('seoul')?.sources).toHaveLength(1);
    expect(catalogue.get('seoul-fc')?.entity.kind).toBe('organisation');

    const twins = capture('twins', '2024-01-01', [entity({ id: 'kim', name: 'Kim' }), entity({ id: 'kim', name: 'Kim' })]);
    const ids = [...buildCatalogue([twins]).keys()];
    expect(ids).toEqual(['kim', 'kim-2']);
  });

  it('joins by id across bundles, and points related entities and evidence at the entries they became', () => {
    const older = capture('older', '2020-01-01', [
      entity({ id: 'ada', name: 'Ada Lovelace', related: ['babbage'] }),
      entity({
        id: 'babbage',
        name: 'Charles Babbage',
        aliases: [alias('Charles Babbage'), { ...alias('Babbage'), needs: 'evidence', evidenceFrom: ['ada'] }],
        related: ['ada'],
      }),
    ]);
    const newer = capture('newer', '2021-01-01', [entity({ id: 'ada', name: 'Countess of Lovelace' })]);
    const catalogue = buildCatalogue([older, newer]);
    expect(catalogue.get('ada')?.sources.map((source) => source.bundle.id)).toEqual(['newer', 'older']);
    expect(catalogue.get('ada')?.entity.related).toEqual(['babbage']);
    expect(catalogue.get('babbage')?.entity.aliases[1].evidenceFrom).toEqual(['ada']);
  });

  it('orders sources by the article’s date, newest first, whatever the library’s order', () => {
    const a = capture('a', '2022-05-01', [entity({ id: 'kyiv', name: 'Kyiv', kind: 'place' })]);
    const b = capture('b', '2024-05-01', [entity({ id: 'kyiv', name: 'Kyiv', kind: 'place' })]);
    const entry = buildCatalogue([a, seed, b]).get('kyiv')!;
    expect(entry.sources.map((source) => source.bundle.id)).toEqual(['b', seed.id, 'a']);
  });

  it('gives the names a capture should reuse', () => {
    const names = knownNames(buildCatalogue([seed]));
    expect(names).toContainEqual(expect.objectContaining({ name: 'Jens Stoltenberg', kind: 'person' }));
    expect(names.find((name) => name.name === 'Jens Stoltenberg')?.aliases).toContain('Stoltenberg');
  });

  it('compiles the same matcher a slice at a time as at once', async () => {
    const captured = capture('later', '2024-03-01', [entity({ id: 'stoltenberg', name: 'Stoltenberg' })]);
    const whole = compileMatcher([seed, captured]);
    const sliced = await runInSlices(compileSteps([seed, captured]), async () => true);
    expect([...sliced!.catalogue.keys()]).toEqual([...whole.entities.keys()]);
    expect(sliced!.catalogue.get('jens-stoltenberg')?.sources).toHaveLength(2);
    expect(sliced!.nodes).toEqual(compileLibrary([seed, captured]).nodes);
    expect(sliced!.aliasCount).toBe(whole.aliasCount);
  });
});
