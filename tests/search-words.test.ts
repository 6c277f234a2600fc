import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultBundle } from '@/utils/bundle/load';
import { tokenize } from '@/utils/match/normalize';
import { forEachNumber, forEachWord, readerWords } from '@/utils/search/words';

function words(text: string): [string, number, number][] {
  const out: [string, number, number][] = [];
  forEachWord(text, (word, start, end) => out.push([word, start, end]));
  return out;
}

const tokens = (text: string) => tokenize(text).map(({ folded, start, end }) => [folded, start, end]);

describe('forEachWord', () => {
  it('gives the page matcher’s words, folded the same way, at the same places', () => {
    for (const text of [
      'Yoon Suk-yeol’s visit to Séoul',
      'Côte d’Ivoire, P’yŏngyang and Pjöngjang',
      'soft\u00ADhyphen and zero\u200Bwidth',
      '윤석열 met 北约 officials in ソウル',
      'U.S.-made 965,000 4,000,000',
      '',
    ]) {
      expect(words(text)).toEqual(tokens(text));
    }
  });

  it('agrees with tokenize on every text of the seed bundle and of the saved pages', () => {
    const texts = defaultBundle.entities.flatMap((entity) => [
      entity.name,
      ...(entity.description ? [entity.description] : []),
      ...entity.aliases.map((alias) => alias.text),
      ...entity.facts.map((fact) => fact.quote),
    ]);
    const pages = join(import.meta.dirname, 'fixtures', 'pages');
    for (const file of readdirSync(pages).filter((name) => name.endsWith('.html'))) {
      // The first 20,000 characters of each: every script and punctuation the pages use, in a second.
      texts.push(readFileSync(join(pages, file), 'utf8').slice(0, 20_000));
    }
    // Compared as one string each: the pages hold hundreds of thousands of words.
    for (const text of texts) expect(words(text).join(' ')).toBe(tokens(text).join(' '));
  });
});

describe('numbers in digit groups', () => {
  it('are one key each, with where they stand', () => {
    const numbers: [string, string][] = [];
    const text = '965,000 soldiers, 4.000.000 in reserve, 1’000 francs; January 30, 2023 and 20 tons';
    forEachNumber(text, (key, start, end) => numbers.push([key, text.slice(start, end)]));
    expect(numbers).toEqual([
      ['965 000', '965,000'],
      ['4 000 000', '4.000.000'],
      ['1 000', '1’000'],
    ]);
  });

  it('are one word of what a reader types', () => {
    expect(readerWords('100,000 rounds').map(({ word }) => word)).toEqual(['100 000', 'rounds']);
    expect(readerWords('Yoon’s 965,000').map(({ word }) => word)).toEqual(['yoon', '965 000']);
  });
});
