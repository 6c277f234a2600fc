import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBundle, checkBundle, serializeBundle } from '@/utils/bundle/build';
import { defaultBundle } from '@/utils/bundle/load';
import { parseBundle } from '@/utils/bundle/parse';
import type { Bundle, Entity } from '@/utils/bundle/schema';
import { aliasKey } from '@/utils/match/normalize';

const root = join(import.meta.dirname, '..');
const seedsDir = join(root, 'seeds');
const bundlesDir = join(root, 'assets', 'bundles');

// Small fixtures: each failing case below breaks one rule of an otherwise valid seed or bundle.
const article =
  'Jens Stoltenberg arrived in Seoul. Seoul did not confirm. Seoul did not confirm. NATO said it’s “clear”.';
const meta = { title: 'A test article', date: '2023-01-30', url: null };

function curated(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    name: id,
    kind: 'place',
    description: `About ${id}`,
    aliases: [{ text: id }],
    facts: [{ quote: 'Jens Stoltenberg arrived in Seoul.' }],
    related: [],
    ...overrides,
  };
}

function build(entities: unknown[]) {
  return buildBundle('test-seed', article, meta, entities);
}

function validBundle(entities: Entity[]): Bundle {
  return { schemaVersion: 1, id: 'test-seed', source: meta, entities };
}

function entity(id: string, overrides: Partial<Entity> = {}): Entity {
  return {
    id,
    name: id,
    kind: 'place',
    description: `About ${id}`,
    aliases: [{ text: id, needs: 'always', case: 'any' }],
    facts: [{ quote: 'Jens Stoltenberg arrived in Seoul.', start: 0 }],
    related: [],
    ...overrides,
  };
}

describe('buildBundle', () => {
  it('builds a valid seed, placing each quote by its UTF-16 offset and filling alias defaults', () => {
    const { bundle, problems } = build([
      curated('seoul', { facts: [{ quote: 'NATO said it’s “clear”.' }], related: ['nato'] }),
      curated('nato', { aliases: [{ text: 'NATO', case: 'exact' }], related: ['seoul'] }),
    ]);
    expect(problems).toEqual([]);
    expect(bundle?.id).toBe('test-seed');
    expect(bundle?.entities[0].facts).toEqual([
      { quote: 'NATO said it’s “clear”.', start: article.indexOf('NATO') },
    ]);
    expect(bundle?.entities[1].aliases).toEqual([{ text: 'NATO', needs: 'always', case: 'exact' }]);
  });

  it('fails when a quote is not verbatim in the article', () => {
    const invented = curated('seoul', { facts: [{ quote: 'Jens Stoltenberg arrived in Tokyo.' }] });
    const { bundle, problems } = build([invented]);
    expect(bundle).toBeNull();
    expect(problems).toEqual([
      'entities[0].facts[0].quote (seoul): not found verbatim in the article: "Jens Stoltenberg arrived in Tokyo."',
    ]);
  });

  it('points at straight quotes typed where the article has curly ones', () => {
    const { problems } = build([curated('nato', { facts: [{ quote: 'NATO said it\'s "clear".' }] })]);
    expect(problems).toEqual([
      'entities[0].facts[0].quote (nato): not found verbatim in the article ' +
        '(the article may use curly quotes ’ “ ” where this has straight ones): "NATO said it\'s "clear"."',
    ]);
  });

  it('fails when a repeated quote has no occurrence, and honours one when given', () => {
    const repeated = 'Seoul did not confirm.';
    expect(build([curated('seoul', { facts: [{ quote: repeated }] })]).problems).toEqual([
      'entities[0].facts[0].quote (seoul): "Seoul did not confirm." appears 2 times in the article; ' +
        'add "occurrence" (0 to 1)',
    ]);
    const { bundle } = build([curated('seoul', { facts: [{ quote: repeated, occurrence: 1 }] })]);
    expect(bundle?.entities[0].facts[0].start).toBe(article.lastIndexOf(repeated));
    expect(build([curated('seoul', { facts: [{ quote: repeated, occurrence: 2 }] })]).problems).toEqual([
      'entities[0].facts[0].quote (seoul): occurrence 2 asked for, but "Seoul did not confirm." appears only 2 ' +
        'time(s) in the article',
    ]);
  });

  it('fails when an entity has no fact', () => {
    expect(build([curated('seoul', { facts: [] })]).problems).toEqual([
      'entities[0].facts: every entity needs at least one fact',
    ]);
  });

  it('fails when an alias reads the same for two entities', () => {
    const { bundle, problems } = build([
      curated('yoon-suk-yeol', { aliases: [{ text: 'Yoon Suk-yeol' }] }),
      curated('someone-else', { aliases: [{ text: 'yoon  suk yeol' }] }),
    ]);
    expect(bundle).toBeNull();
    expect(problems).toEqual([
      'entities[1].aliases[0].text: "yoon  suk yeol" of someone-else reads the same as "Yoon Suk-yeol" of ' +
        'yoon-suk-yeol (entities[0].aliases[0]); an alias must name one entity',
    ]);
  });

  it('fails when a related id does not exist', () => {
    expect(build([curated('seoul', { related: ['south-korea'] })]).problems).toEqual([
      'entities[0].related[0]: no entity has the id "south-korea"',
    ]);
  });

  it('fails when two entities share an id', () => {
    const twin = curated('seoul', { aliases: [{ text: 'Seoul, the other one' }] });
    expect(build([curated('seoul'), twin]).problems).toEqual([
      'entities[1].id: "seoul" is already the id of entities[0]',
    ]);
  });

  it('fails on an unknown kind, naming the allowed ones', () => {
    expect(build([curated('seoul', { kind: 'city' })]).problems).toEqual([
      'entities[0].kind: Invalid type: Expected ("person" | "organisation" | "place" | "treaty" | "equipment" | ' +
        '"event") but received "city"',
    ]);
  });

  it('fails on a misspelt key in a curated file instead of dropping it', () => {
    expect(build([curated('seoul', { aliases: [{ text: 'Seoul', cuesbefore: ['Mayor'] }] })]).problems).toEqual([
      'entities[0].aliases[0].cuesbefore: Invalid key: Expected never but received "cuesbefore"',
    ]);
  });

  it('fails on bad article metadata and a slug that is not kebab-case', () => {
    const undated = { ...meta, date: '30 January 2023' };
    expect(buildBundle('test-seed', article, undated, [curated('seoul')]).problems).toEqual([
      'source.date: Invalid date: Received "30 January 2023"',
    ]);
    expect(buildBundle('Test Seed', article, meta, [curated('seoul')]).problems).toEqual([
      'id: ids are kebab-case: a-z, 0-9 and -',
    ]);
  });
});

describe('checkBundle', () => {
  it('accepts a bundle whose facts read verbatim at their offsets', () => {
    expect(checkBundle(validBundle([entity('seoul')]), article)).toEqual([]);
  });

  it('fails when a fact is not at its offset, or not in the article at all', () => {
    const moved = entity('seoul', { facts: [{ quote: 'Jens Stoltenberg arrived in Seoul.', start: 3 }] });
    const invented = entity('nato', { facts: [{ quote: 'NATO sent tanks.', start: 0 }] });
    expect(checkBundle(validBundle([moved, invented]), article)).toEqual([
      'entities[0].facts[0].start (seoul): the article reads the quote at 0, not at 3',
      'entities[1].facts[0].quote (nato): not found verbatim in the article: "NATO sent tanks."',
    ]);
  });

  it('fails when an entity has no fact', () => {
    expect(checkBundle(validBundle([entity('seoul', { facts: [] })]), article)).toEqual([
      'entities[0].facts: seoul needs at least one fact',
    ]);
  });

  it('fails when an entity is related to itself', () => {
    expect(checkBundle(validBundle([entity('seoul', { related: ['seoul'] })]), article)).toEqual([
      'entities[0].related[0]: seoul cannot be related to itself',
    ]);
  });
});

describe('alias collisions', () => {
  function aliases(...texts: string[]): Partial<Entity> {
    return { aliases: texts.map((text) => ({ text, needs: 'always', case: 'any' })) };
  }

  it('read aliases as the matcher does: case, diacritics, apostrophes, hyphens and spaces fold away', () => {
    const bundle = validBundle([
      entity('north-korea', aliases('Democratic People’s Republic', 'Russia–Ukraine war')),
      entity('someone-else', aliases("democratic people's  republic", 'RUSSIA UKRAINE\u00A0WAR')),
    ]);
    expect(checkBundle(bundle, article)).toEqual([
      'entities[1].aliases[0].text: "democratic people\'s  republic" of someone-else reads the same as ' +
        '"Democratic People’s Republic" of north-korea (entities[0].aliases[0]); an alias must name one entity',
      'entities[1].aliases[1].text: "RUSSIA UKRAINE\u00A0WAR" of someone-else reads the same as ' +
        '"Russia–Ukraine war" of north-korea (entities[0].aliases[1]); an alias must name one entity',
    ]);
  });

  it('let one entity list forms that read alike, and keep different words apart', () => {
    const bundle = validBundle([
      entity('seoul', aliases('Seoul', 'Séoul')),
      entity('leopard-2', aliases('Leopard 2')),
      entity('leopard-2a6', aliases('Leopard 2A6')),
    ]);
    expect(checkBundle(bundle, article)).toEqual([]);
  });
});

describe('parseBundle', () => {
  it('accepts a valid bundle', () => {
    expect(parseBundle(validBundle([entity('seoul')]))).toEqual({ ok: true, bundle: validBundle([entity('seoul')]) });
  });

  it('reports schema violations by path, without throwing', () => {
    const bundle = validBundle([entity('seoul', { aliases: [{ text: ' ', needs: 'always', case: 'any' }] })]);
    expect(parseBundle(bundle)).toEqual({
      ok: false,
      errors: ['entities[0].aliases[0].text: Invalid length: Expected >=1 but received 0'],
    });
    expect(parseBundle(null)).toEqual({ ok: false, errors: ['Invalid type: Expected Object but received null'] });
    expect(parseBundle('{}')).toEqual({ ok: false, errors: ['Invalid type: Expected Object but received "{}"'] });
  });

  it('reports the rules across entities', () => {
    const bundle = validBundle([
      entity('kyiv', { aliases: [{ text: 'Kiew', needs: 'always', case: 'any' }], related: ['ukraine'] }),
      entity('kyiv', { aliases: [{ text: 'KIEW', needs: 'always', case: 'exact' }] }),
    ]);
    expect(parseBundle(bundle)).toEqual({
      ok: false,
      errors: [
        'entities[1].id: "kyiv" is already the id of entities[0]',
        'entities[0].related[0]: no entity has the id "ukraine"',
        'entities[1].aliases[0].text: "KIEW" of kyiv reads the same as "Kiew" of kyiv (entities[0].aliases[0]); ' +
          'an alias must name one entity',
      ],
    });
  });
});

describe('seeds', () => {
  const slugs = readdirSync(seedsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  function buildSeed(slug: string) {
    const read = (file: string) => readFileSync(join(seedsDir, slug, file), 'utf8');
    return buildBundle(slug, read('article.txt'), JSON.parse(read('article.json')), JSON.parse(read('entities.json')));
  }

  it('build into exactly the committed bundles (run `npm run bundle` after editing a seed)', () => {
    const committed = readdirSync(bundlesDir).filter((file) => file.endsWith('.json')).sort();
    expect(committed).toEqual(slugs.map((slug) => `${slug}.json`));
    for (const slug of slugs) {
      const { bundle, problems } = buildSeed(slug);
      expect(problems, slug).toEqual([]);
      expect(serializeBundle(bundle!), slug).toBe(readFileSync(join(bundlesDir, `${slug}.json`), 'utf8'));
    }
  });

  it('name each entity in its own article and link related entities both ways', () => {
    for (const slug of slugs) {
      const { entities } = buildSeed(slug).bundle!;
      const articleKey = aliasKey(readFileSync(join(seedsDir, slug, 'article.txt'), 'utf8'));
      const related = new Map(entities.map((e) => [e.id, e.related]));
      for (const { id, aliases } of entities) {
        expect(aliases.some((a) => articleKey.includes(aliasKey(a.text))), `${id} is named in ${slug}`).toBe(true);
        const oneWay = related.get(id)!.filter((other) => !related.get(other)?.includes(id));
        expect(oneWay, `${id} is related to these, but not they to it`).toEqual([]);
      }
    }
  });

  it('keep each card short: a one-line description and one to four facts', () => {
    for (const slug of slugs) {
      for (const { id, description, facts } of buildSeed(slug).bundle!.entities) {
        expect(description, id).toBeTruthy();
        expect(description!.length, id).toBeLessThanOrEqual(90);
        expect(facts.length, id).toBeLessThanOrEqual(4);
      }
    }
  });
});

describe('defaultBundle', () => {
  const articleText = readFileSync(join(seedsDir, defaultBundle.id, 'article.txt'), 'utf8');
  const byId = new Map(defaultBundle.entities.map((e) => [e.id, e]));

  function alias(id: string, text: string) {
    return byId.get(id)?.aliases.find((a) => a.text === text);
  }

  it('is the NATO and South Korea article, valid and verbatim', () => {
    expect(defaultBundle.id).toBe('nato-south-korea-2023');
    expect(parseBundle(defaultBundle)).toEqual({ ok: true, bundle: defaultBundle });
    expect(checkBundle(defaultBundle, articleText)).toEqual([]);
  });

  it('covers every entity the article is about', () => {
    const required = [
      'jens-stoltenberg', 'yoon-suk-yeol', 'lloyd-austin', 'joe-biden', 'nato', 'korean-central-news-agency',
      'united-nations', 'arms-trade-treaty', 'south-korea', 'north-korea', 'seoul', 'pyongyang', 'ukraine', 'kyiv',
      'russia', 'moscow', 'united-states', 'washington', 'poland', 'germany', 'norway', 'sweden', 'japan', 'china',
      'korean-peninsula', 'asia-pacific', 'osan-air-base', 'pyeongtaek', 'm1-abrams', 'leopard-2',
      'russian-invasion-of-ukraine', 'afp', 'lee-jin-man',
    ];
    expect(required.filter((id) => !byId.has(id))).toEqual([]);
    expect(byId.get('russian-invasion-of-ukraine')?.kind).toBe('event');
    expect(byId.get('korean-central-news-agency')?.kind).toBe('organisation');
    expect(byId.get('leopard-2')?.kind).toBe('equipment');
  });

  it('asks for evidence before a bare surname, city or animal counts', () => {
    const cuesBefore = (...cues: string[]) => ({ needs: 'evidence', cuesBefore: expect.arrayContaining(cues) });
    const cuesAfter = (...cues: string[]) => ({ needs: 'evidence', cuesAfter: expect.arrayContaining(cues) });
    expect(alias('yoon-suk-yeol', 'Yoon')).toMatchObject(cuesBefore('President', 'Mr.'));
    expect(alias('lloyd-austin', 'Austin')).toMatchObject(cuesBefore('Secretary', 'Defense Secretary'));
    expect(alias('m1-abrams', 'Abrams')).toMatchObject(cuesAfter('tank', 'tanks'));
    expect(alias('leopard-2', 'Leopard')).toMatchObject(cuesAfter('tank', 'tanks', '2'));
    expect(alias('washington', 'Washington')).toMatchObject({ needs: 'evidence' });
    expect(alias('osan-air-base', 'Osan')).toMatchObject({ needs: 'evidence' });
  });

  it('matches abbreviations that are also words only in their own case', () => {
    const abbreviations = [['united-states', 'US'], ['united-nations', 'UN'], ['afp', 'AFP'], ['north-korea', 'DPRK']];
    for (const [id, text] of abbreviations) {
      expect(alias(id, text), text).toMatchObject({ case: 'exact' });
    }
    expect(alias('nato', 'NATO')).toMatchObject({ case: 'any' });
  });

  it('never makes "Korea" or "Korean" alone an alias, since both Koreas share them', () => {
    const keys = defaultBundle.entities.flatMap((e) => e.aliases.map((a) => aliasKey(a.text)));
    expect(keys).not.toContain('korea');
    expect(keys).not.toContain('korean');
  });
});
