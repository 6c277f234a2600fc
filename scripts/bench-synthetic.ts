/**
 * A synthetic bundle of 10,000 entities for `npm run bench`: realistic multi-word person, place and organisation
 * names built from syllables with a seeded PRNG, so every run (and every page it is generated in) gets the very
 * same bundle. 1–3 aliases each (about 2.5 on average, ~25k aliases), some of them ambiguous (`needs: 'evidence'`,
 * with cues) and some case-exact acronyms. The seed bundle's entities come first, unchanged, so the seed's own
 * mentions are still found.
 */
import type { Alias, Bundle, Entity, EntityKind } from '@/utils/bundle/schema';

/** mulberry32: small, fast, and the same on every engine. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = ['b', 'br', 'c', 'ch', 'd', 'dr', 'f', 'g', 'gr', 'h', 'j', 'k', 'kh', 'l', 'm', 'n', 'p', 'r', 's', 'sh', 'st', 't', 'tr', 'v', 'w', 'y', 'z', ''];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ie', 'ou', 'ei', 'ao', 'y'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'm', 'k', 'th', 'nd', 'rt', 'sk', 'v', 'x'];
const PLACE_HEADS = ['Port', 'Lake', 'Mount', 'San', 'Saint', 'New', 'North', 'South', 'East', 'West', 'Fort', 'Cape'];
const PLACE_TAILS = ['ville', 'burg', 'stad', 'grad', 'ford', 'ton', 'abad', 'pur', 'holm', 'mouth', 'field', 'haven'];
const ORG_TAILS = [
  'Institute', 'Foundation', 'Group', 'Corporation', 'Holdings', 'Party', 'Council', 'Authority', 'Bank', 'University',
  'Agency', 'Commission', 'Airlines', 'Press', 'Union', 'Trust', 'Society', 'Federation', 'Alliance', 'Ministry',
];
const ORG_MIDS = ['National', 'Federal', 'Royal', 'United', 'Central', 'International', 'People’s', 'Northern', 'Democratic'];
const TITLES = ['President', 'Minister', 'Senator', 'Governor', 'Dr.', 'Mr.', 'Ms.', 'General', 'Judge', 'Chancellor'];

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const slug = (text: string) =>
  text
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

export const SYNTHETIC_ENTITY_COUNT = 10_000;
export const SYNTHETIC_SEED = 0x5eed_2023;

/** The seed bundle's entities plus `count` generated ones, as one bundle (ids are unique across both). */
export function syntheticBundle(seedBundle: Bundle, count = SYNTHETIC_ENTITY_COUNT, seed = SYNTHETIC_SEED): Bundle {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const syllable = () => pick(ONSETS) + pick(VOWELS) + pick(CODAS);
  const word = (min: number, max: number) => {
    const n = min + Math.floor(random() * (max - min + 1));
    let out = '';
    for (let i = 0; i < n; i++) out += syllable();
    return capitalise(out);
  };

  const ids = new Set(seedBundle.entities.map((entity) => entity.id));
  const entities: Entity[] = [...seedBundle.entities];
  const fact = (name: string) => [{ quote: `${name} is a synthetic entity of the benchmark.`, start: 0 }];

  while (entities.length < seedBundle.entities.length + count) {
    const roll = random();
    let kind: EntityKind;
    let name: string;
    let aliases: Alias[];
    // How many aliases: 1 (10 %), 2 (30 %), 3 (60 %): about 2.5 each.
    const aliasRoll = random();
    const aliasCount = aliasRoll < 0.1 ? 1 : aliasRoll < 0.4 ? 2 : 3;
    if (roll < 0.5) {
      kind = 'person';
      const first = word(1, 2);
      const last = word(2, 3);
      const middle = random() < 0.3 ? `${pick('ABCDEFGHJKLMNPRSTW'.split(''))}. ` : '';
      name = `${first} ${middle}${last}`;
      aliases = [{ text: name, needs: 'always', case: 'any' }];
      if (aliasCount >= 2) aliases.push({ text: `${first.charAt(0)}. ${last}`, needs: 'always', case: 'any' });
      if (aliasCount >= 3) {
        // The surname alone is ambiguous: it counts after a title or once the page names the person in full.
        aliases.push({ text: last, needs: 'evidence', case: 'any', cuesBefore: [pick(TITLES), pick(TITLES)] });
      }
    } else if (roll < 0.8) {
      kind = 'place';
      const core = word(1, 3);
      const shape = random();
      name = shape < 0.35 ? `${pick(PLACE_HEADS)} ${core}` : shape < 0.7 ? `${core}${pick(PLACE_TAILS)}` : core;
      aliases = [{ text: name, needs: random() < 0.15 ? 'evidence' : 'always', case: 'any' }];
      if (aliasCount >= 2) aliases.push({ text: `${name} ${pick(['City', 'Province', 'District', 'Region'])}`, needs: 'always', case: 'any' });
      if (aliasCount >= 3) aliases.push({ text: `${core}${pick(['ia', 'o', 'a', 'en'])}`, needs: 'always', case: 'any' });
    } else {
      kind = 'organisation';
      const core = word(2, 3);
      const mid = random() < 0.5 ? `${pick(ORG_MIDS)} ` : '';
      const tail = pick(ORG_TAILS);
      name = random() < 0.3 ? `${tail} of ${core}` : `${mid}${core} ${tail}`;
      aliases = [{ text: name, needs: 'always', case: 'any' }];
      if (aliasCount >= 2) {
        const acronym = name
          .split(/\s+/)
          .filter((w) => w !== 'of')
          .map((w) => w.charAt(0).toUpperCase())
          .join('');
        aliases.push({ text: `${acronym}${pick('XQZKV'.split(''))}`, needs: 'always', case: 'exact' });
      }
      if (aliasCount >= 3) {
        // The short form: unambiguous with its tail, ambiguous alone.
        aliases.push(mid ? { text: `${core} ${tail}`, needs: 'always', case: 'any' } : { text: core, needs: 'evidence', case: 'any', cuesAfter: [tail] });
      }
    }
    const id = slug(name);
    if (!id || ids.has(id)) continue;
    ids.add(id);
    entities.push({ id, name, kind, description: `Synthetic ${kind} for the benchmark.`, aliases, facts: fact(name), related: [] });
  }

  return { ...seedBundle, id: `${seedBundle.id}-synthetic-${count}`, entities };
}

export function aliasCount(bundle: Bundle): number {
  return bundle.entities.reduce((sum, entity) => sum + entity.aliases.length, 0);
}
