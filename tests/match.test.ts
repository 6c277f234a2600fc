import { describe, expect, it } from 'vitest';
import type { Bundle } from '@/utils/bundle/schema';
import { defaultBundle } from '@/utils/bundle/load';
import { compileMatcher } from '@/utils/match/compile';
import { aliasKey, foldText, tokenize } from '@/utils/match/normalize';
import { scanText } from '@/utils/match/scan';

const matcher = compileMatcher([defaultBundle]);

/** What the scan finds in `text`: `entityId:page words` for each candidate, strong ones only unless asked. */
function found(text: string, { weak = false } = {}): string[] {
  return scanText(text, matcher)
    .filter((candidate) => weak || candidate.strength === 'strong')
    .map((candidate) => `${candidate.alias.entityId}:${text.slice(candidate.start, candidate.end)}`);
}

describe('normalising text', () => {
  it('folds case, diacritics, apostrophes, hyphens and spaces without changing length', () => {
    const text = 'Séoul’s\u00a0Suk\u2011Yeol  P’yŏngyang';
    expect(foldText(text)).toBe("seoul's suk-yeol  p'yongyang");
    expect(foldText(text)).toHaveLength(text.length);
  });

  it('splits words on hyphens, apostrophes and any space, and ignores soft hyphens inside words', () => {
    expect(tokenize('Yoon Suk-yeol’s\nStolten\u00adberg').map((t) => t.folded)).toEqual(['yoon', 'suk', 'yeol', 's', 'stoltenberg']);
    expect(aliasKey('Yoon  Suk–Yeol')).toBe(aliasKey('yoon suk yeol'));
  });
});

describe('finding names', () => {
  it('matches whole words only', () => {
    expect(found('The Senator spoke.')).toEqual([]);
    expect(found('NATOs and UNESCO and USAID')).toEqual([]);
  });

  it('handles case: "Nato" and "NATO", the article’s lower-case "kyiv"', () => {
    expect(found('Nato and NATO and nato')).toEqual(['nato:Nato', 'nato:NATO', 'nato:nato']);
    expect(found('support for kyiv.')).toEqual(['kyiv:kyiv']);
  });

  it('keeps exact-case aliases exact: "US" is the country, "us" is not', () => {
    expect(found('Let us go to the US embassy.')).toEqual(['united-states:US']);
  });

  it('finds possessives through every apostrophe', () => {
    for (const apostrophe of ["'", '’', 'ʼ']) {
      expect(found(`Stoltenberg${apostrophe}s proposals`)).toEqual(['jens-stoltenberg:Stoltenberg']);
    }
  });

  it('finds "Yoon Suk Yeol" in every spelling, as one mention', () => {
    for (const spelling of ['Yoon Suk Yeol', 'Yoon Suk-yeol', 'Yoon Suk-Yeol', 'Yoon Suk‑Yeol', 'YOON SUK YEOL', 'Yoon\n   Suk\u00a0Yeol']) {
      expect(found(`President ${spelling} said`)).toEqual([`yoon-suk-yeol:${spelling}`]);
    }
  });

  it('prefers the longest name: "North Atlantic Treaty Organization", "Leopard 2 tanks", "Osan Air Base"', () => {
    expect(found('the North Atlantic Treaty Organization met')).toEqual(['nato:North Atlantic Treaty Organization']);
    expect(found('German Leopard 2 tanks and Leopard 2A6')).toEqual(['leopard-2:Leopard 2 tanks', 'leopard-2:Leopard 2A6']);
    expect(found('arrival at Osan Air Base in Pyeongtaek')).toEqual(['osan-air-base:Osan Air Base', 'pyeongtaek:Pyeongtaek']);
  });

  it('finds names after the titles the press puts before them', () => {
    expect(found('Secretary-General Stoltenberg’s visit')).toEqual(['jens-stoltenberg:Stoltenberg']);
    expect(found('Defence Secretary Austin and President Yoon’s aides')).toEqual([
      'lloyd-austin:Austin',
      'yoon-suk-yeol:Yoon',
    ]);
    expect(found('the former Kiev, now Kyiv, and the Republic of Korea')).toEqual([
      'kyiv:Kiev',
      'kyiv:Kyiv',
      'south-korea:Republic of Korea',
    ]);
  });

  it('reads initials and abbreviations inside a name', () => {
    expect(found('Defense Secretary Lloyd J. Austin III arrived')).toEqual(['lloyd-austin:Lloyd J. Austin III']);
    expect(found('the U.S. and S. Korea')).toEqual(['united-states:U.S', 'south-korea:S. Korea']);
  });

  it('does not join words across punctuation', () => {
    expect(found('South, Korea')).toEqual([]);
  });
});

describe('aliases that need evidence', () => {
  it('count next to a cue: a title before a person, "tanks" after a tank', () => {
    expect(found('Secretary Austin said')).toEqual(['lloyd-austin:Austin']);
    expect(found('President Yoon said')).toEqual(['yoon-suk-yeol:Yoon']);
    expect(found('sending Abrams tanks')).toEqual(['m1-abrams:Abrams tanks']);
    expect(found('the Leopard tanks')).toEqual(['leopard-2:Leopard']);
  });

  it('wait for page evidence when alone', () => {
    const weak = scanText('Yoon said it was difficult.', matcher);
    expect(weak.map((c) => [c.alias.entityId, c.strength])).toEqual([['yoon-suk-yeol', 'weak']]);
    expect(found('When Austin arrived', { weak: true })).toEqual(['lloyd-austin:Austin']);
  });

  it('never count inside a longer proper name', () => {
    expect(found('Nicola Yoon wrote a novel', { weak: true })).toEqual([]);
    expect(found('the Austin Police Department', { weak: true })).toEqual([]);
    expect(found('Mac OS X Leopard Server', { weak: true })).toEqual([]);
    expect(found('The Washington Post reported', { weak: true })).toEqual([]);
    expect(found('Stacey Abrams spoke', { weak: true })).toEqual([]);
  });

  it('treat capitals as no sign of a name in an all-capitals headline', () => {
    expect(found('PRESIDENT YOON SAYS')).toEqual(['yoon-suk-yeol:YOON']);
  });
});

describe('names inside other names, codes and capitals', () => {
  it('does not take a place inside a longer proper name in prose', () => {
    expect(found('the stock of Yahoo Japan and Mozilla China')).toEqual([]);
    expect(found('as reported by The Moscow Times yesterday')).toEqual([]);
    expect(found('in Northern Ukraine and Communist China')).toEqual(['ukraine:Ukraine', 'china:China']);
    expect(found('Across Ukraine, sirens')).toEqual(['ukraine:Ukraine']);
  });

  it('reads a Title Case headline or menu as names, not as one long name', () => {
    expect(found('Biden Visits Ukraine To Meet Leaders')).toEqual(['joe-biden:Biden', 'ukraine:Ukraine']);
    expect(found('Germany Japan Poland')).toEqual(['germany:Germany', 'japan:Japan', 'poland:Poland']);
  });

  it('applies an alias’s vetoes: locales, organisations named after a place, Washington state', () => {
    expect(found('English (US) and en-US')).toEqual([]);
    expect(found('the range of US-ASCII characters', { weak: true })).toEqual([]);
    expect(found('the Infectious Diseases Society of America, Latin America')).toEqual([]);
    expect(found('Irish people in America')).toEqual(['united-states:America']);
    expect(found('Washington state officials', { weak: true })).toEqual([]);
  });

  it('reads an acronym in a run of capitals only with page evidence', () => {
    expect(found('FOLLOW US', { weak: true })).toEqual([]);
    expect(found('ABOUT US')).toEqual([]);
    expect(found('ABOUT US', { weak: true })).toEqual(['united-states:US']);
    expect(found('Photo: POOL / AFP AFP')).toEqual(['afp:AFP', 'afp:AFP']);
    expect(found('the US-made tanks')).toEqual(['united-states:US']);
  });
});

describe('scripts without spaces between words', () => {
  it('finds Chinese, Japanese and Korean names inside running text', () => {
    expect(found('美国联邦航空管理局')).toEqual(['united-states:美国']);
    expect(found('世界と日本の童話')).toEqual(['japan:日本']);
    expect(found('윤석열 대통령은 서울에서')).toEqual(['yoon-suk-yeol:윤석열', 'seoul:서울']);
  });

  it('keeps language names apart from their country', () => {
    expect(found('日本語')).toEqual([]);
    expect(found('한국어')).toEqual([]);
  });
});

describe('compiling', () => {
  it('merges bundles newest first: the first bundle’s entry wins, every bundle’s aliases count', () => {
    const older: Bundle = {
      ...defaultBundle,
      id: 'older',
      entities: [{ ...defaultBundle.entities[0], name: 'Old name', aliases: [{ text: 'Old Alias', needs: 'always', case: 'any' }] }],
    };
    const merged = compileMatcher([defaultBundle, older]);
    const id = defaultBundle.entities[0].id;
    expect(merged.entities.get(id)?.entity.name).toBe(defaultBundle.entities[0].name);
    expect(scanText('an Old Alias here', merged).map((c) => c.alias.entityId)).toEqual([id]);
  });

  it('compiles 10,000 entities and still finds names', () => {
    const entities = Array.from({ length: 10_000 }, (_, i) => ({
      ...defaultBundle.entities[0],
      id: `synthetic-${i}`,
      aliases: [{ text: `Synthetic Person ${i}`, needs: 'always' as const, case: 'any' as const }],
    }));
    const big = compileMatcher([defaultBundle, { ...defaultBundle, id: 'synthetic', entities }]);
    expect(scanText('Synthetic Person 9999 met Stoltenberg', big).map((c) => c.alias.entityId)).toEqual([
      'synthetic-9999',
      'jens-stoltenberg',
    ]);
  });
});

describe('words that are not names', () => {
  it('leaves words inside web addresses shown as text alone', () => {
    expect(found('Source: https://www.whitehouse.gov/briefing-room/2023/01/27/fact-sheet-u-s-eu-trade-and-technology-council/')).toEqual([]);
    expect(found('Read more at http://www.tagesschau.de/inland/hintergruende/deutschland/ today.')).toEqual([]);
    expect(found('Siehe …/eu-pakt-mit-nato-2023… und www.nato.int')).toEqual([]);
    expect(found('the slug fact-sheet-u-s-eu-trade was shared')).toEqual([]);
    // Prose around an address is read as prose, and ordinary punctuation is not an address.
    expect(found('NATO (see nato.int) met in Seoul; NATO/EU talks, U.S.-led, on 24/7 alert.')).toEqual([
      'nato:NATO',
      'seoul:Seoul',
      'nato:NATO',
      'united-states:U.S',
    ]);
  });

  it('reads the Spanish "América" as the Americas, not the United States', () => {
    expect(found('Twitter Lite llega a 11 países de América Latina.')).toEqual([]);
    expect(found('AMÉRICA')).toEqual([]);
    expect(found('Noticias de América y Europa')).toEqual([]);
    expect(found('antes da Copa America de 2019')).toEqual([]);
    expect(found('America First, said the United States.')).toEqual(['united-states:America', 'united-states:United States']);
  });
});

describe('photo credits are not addresses', () => {
  it('reads the agency in "Name/AFP/Getty Images"', () => {
    expect(found('Fethi Belaid/AFP/Getty Images')).toEqual(['afp:AFP']);
  });
});
