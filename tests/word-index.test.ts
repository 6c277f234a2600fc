import { describe, expect, it } from 'vitest';
import { WordIndex } from '@/utils/search/word-index';

const QUOTE = 1;
const NAME = 0;

function indexOf(texts: [string, boolean][]): WordIndex {
  const index = new WordIndex();
  texts.forEach(([text, isName], owner) => index.add(owner, isName ? NAME : QUOTE, text, isName));
  return index;
}

const words = (index: WordIndex, ids: number[]) => ids.map((id) => index.words[id]).sort();

describe('WordIndex', () => {
  const index = indexOf([
    ['South Korea', true],
    ['The South Korean government has focused on humanitarian aid.', false],
    ['Seoul has sent more than 20 tons of humanitarian aid, 20 tons.', false],
  ]);

  it('folds words as the page matcher does and lists the texts holding each, once', () => {
    expect(index.wordsOf(0)).toHaveLength(2);
    expect(index.textsWith(index.exact('humanitarian')!)).toEqual([1, 2]);
    expect(index.textsWith(index.exact('tons')!)).toEqual([2]);
    expect(index.textsWith(index.exact('south')!)).toEqual([0, 1]);
    expect(index.exact('Humanitarian')).toBeUndefined();
  });

  it('keeps short lists of the names holding a word', () => {
    expect(index.textsWith(index.exact('south')!, true)).toEqual([0]);
    expect(index.textsWith(index.exact('aid')!, true)).toEqual([]);
  });

  it('finds a name of several words written as one', () => {
    expect(index.textsWith(index.exact('southkorea')!, true)).toEqual([0]);
    expect([...index.wordsOf(0)]).not.toContain(index.exact('southkorea'));
  });

  it('finds the longer words a prefix starts', () => {
    expect(words(index, index.startingWith('kor'))).toEqual(['korea', 'korean']);
    expect(words(index, index.startingWith('korea'))).toEqual(['korean']);
    expect(index.startingWith('x')).toEqual([]);
  });

  it('finds words within a few edits, not the word itself', () => {
    expect(index.near('humanitarain', 2).map(({ word, edits }) => [index.words[word], edits])).toEqual([
      ['humanitarian', 2],
    ]);
    expect(index.near('goverment', 1).map(({ word }) => index.words[word])).toEqual(['government']);
    expect(index.near('aid', 1).map(({ word }) => index.words[word])).not.toContain('aid');
  });

  it('answers prefixes of one character and for words added after a lookup', () => {
    const growing = indexOf([['Arms Trade Treaty', true]]);
    expect(words(growing, growing.startingWith('tr'))).toEqual(['trade', 'treaty']);
    growing.add(1, QUOTE, 'ratified in 2014 with the intention of maintaining strict control over trucks', false);
    expect(words(growing, growing.startingWith('tr'))).toEqual(['trade', 'treaty', 'trucks']);
    expect(words(growing, growing.startingWith('t'))).toEqual(['the', 'trade', 'treaty', 'trucks']);
    expect(words(growing, growing.startingWith('20'))).toEqual(['2014']);
  });
});
