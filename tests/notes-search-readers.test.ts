import { describe, expect, it } from 'vitest';
import { defaultBundle } from '@/utils/bundle/load';
import { createNotesSearch } from '@/utils/search/notes-search';
import { READER_QUERIES } from './fixtures/reader-queries';

/**
 * What readers of the seed article type to find a note again (tests/fixtures/reader-queries.ts): roles, words and
 * numbers from the quotes, phrases in any order, typos, other spellings and scripts. A right entity must be among
 * the first three results.
 */
describe('reader queries on the seed bundle', () => {
  const search = createNotesSearch([defaultBundle]);

  it.each(READER_QUERIES.map((entry) => [entry.kind, entry.query, entry.accept] as const))(
    '%s: "%s" finds %j in the top three',
    (_kind, query, accept) => {
      const top = search.search(query, 3).map((hit) => hit.entity.id);
      expect(top.filter((id) => accept.includes(id))).not.toEqual([]);
    },
  );

  it('finds nothing for words the notes do not hold', () => {
    // "defibrillators" is in the article but in none of its notes' quotes.
    expect(search.search('defibrillators')).toEqual([]);
    expect(search.search('xyzzy')).toEqual([]);
  });
});
