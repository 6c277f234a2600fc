/**
 * A synthetic bundle of 10,000 entities for `npm run bench`: realistic multi-word person, place and organisation
 * names built from syllables with a seeded PRNG, so every run (and every page it is generated in) gets the very
 * same bundle. 1–3 aliases each (about 2.5 on average, ~25k aliases), some of them ambiguous (`needs: 'evidence'`,
 * with cues) and some case-exact acronyms. The seed bundle's entities come first, unchanged, so the seed's own
 * mentions are still found.
 */
import type { Alias, Bundle, Entity, EntityKind } from '@/utils/bundle/schema';

/** mulberry32: small, fast, and the same on every engine. */
export function prng(seed: number): () => number {
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

/**
 * What the search bench needs that the scan bench does not: notes shaped like the seed's. The entities of
 * `syntheticBundle` (same names and aliases), each with a description of 50–90 characters and four to six quotes of
 * 150–300 characters. The quotes are runs of `english` (real text, word by word, as the bench reads it from saved
 * news pages), with the entity's name and often another entity's name put in, and about one word in six swapped
 * for a rarer word from a long, Zipf-distributed tail, so the vocabulary grows as a real archive's does (tens of
 * thousands of distinct words at 10,000 entities) and the seed's own words stay as rare as they would be there.
 */
export function syntheticNotesBundle(
  seedBundle: Bundle,
  english: readonly string[],
  count = SYNTHETIC_ENTITY_COUNT,
  seed = SYNTHETIC_SEED,
): Bundle {
  const base = syntheticBundle(seedBundle, count, seed);
  const random = prng(seed ^ 0x9e37_79b9);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const tail = (() => {
    const words: string[] = [];
    const seen = new Set<string>();
    const syllable = () => pick(ONSETS) + pick(VOWELS) + pick(CODAS);
    while (words.length < RARE_WORDS) {
      let word = '';
      for (let i = between(1, 3); i > 0; i--) word += syllable();
      if (word.length > 3 && !seen.has(word)) seen.add(word), words.push(word);
    }
    return words;
  })();
  // Zipf: the word of rank r is drawn with probability ∝ 1/r, by inverting the harmonic sum's ln approximation.
  const rare = () => tail[Math.min(tail.length - 1, Math.floor(Math.exp(random() * Math.log(tail.length + 1)) - 1))];

  /** `min`–`max` characters of `english` from a random place, with `names` put in at random places. */
  const sentence = (names: string[], min: number, max: number) => {
    const reserved = names.reduce((sum, name) => sum + name.length + 1, 0);
    const length = between(min, max) - reserved;
    const words: string[] = [];
    let at = between(0, english.length - 1);
    let chars = 0;
    while (chars < length) {
      const word = random() < 1 / 6 ? rare() : english[at];
      at = (at + 1) % english.length;
      words.push(word);
      chars += word.length + 1;
    }
    while (words.length > 1 && chars + reserved > max) chars -= words.pop()!.length + 1;
    for (const name of names) words.splice(between(0, words.length), 0, name);
    const text = words.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1).replace(/[.,;:]$/, '')}.`;
  };

  const seedIds = new Set(seedBundle.entities.map((entity) => entity.id));
  const entities = base.entities.map((entity): Entity => {
    if (seedIds.has(entity.id)) return entity;
    const other = () => pick(base.entities).name;
    const description = sentence([`${entity.kind}`], 50, 90).slice(0, -1);
    const facts = Array.from({ length: between(4, 6) }, () => ({
      quote: sentence(random() < 0.7 ? [entity.name, other()] : [entity.name], 150, 300),
      start: 0,
    }));
    return { ...entity, description, facts };
  });
  return { ...base, id: `${seedBundle.id}-notes-${count}`, entities };
}

/** Distinct rare words the synthetic quotes draw from. */
const RARE_WORDS = 60_000;
