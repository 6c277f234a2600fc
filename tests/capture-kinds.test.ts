import { describe, expect, it } from 'vitest';
import { captureDraft } from '@/utils/capture/draft';
import { isCaptureError, type CaptureDraft, type DraftEntity, type KnownName } from '@/utils/capture/types';
import { articlePage, NATO_ARTICLE, parse } from './fixtures/capture-articles';

/** Long enough to be an article to Readability and to the capture, and names nothing. */
const FILLER = 'The talks were described as frank and constructive by people familiar with them, and further meetings are expected in the coming weeks.';

function draftOf(paragraphs: string[], { head, known }: { head?: string; known?: KnownName[] } = {}): CaptureDraft {
  const draft = captureDraft(parse(articlePage({ paragraphs: [...paragraphs, FILLER], ...(head ? { head } : {}) })), { url: 'https://news.example/a', known });
  if (isCaptureError(draft)) throw new Error(draft.message);
  return draft;
}

function entity(draft: CaptureDraft, name: string): DraftEntity {
  const found = draft.entities.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no entity "${name}" in ${draft.entities.map((candidate) => `${candidate.name} (${candidate.kind})`).join(', ')}`);
  return found;
}

describe('why each kind', () => {
  const draft = draftOf(NATO_ARTICLE);

  it('every entity says why it has its kind, in a short sentence', () => {
    for (const { kindReason } of draft.entities) {
      expect(kindReason).toMatch(/\S/);
      expect(kindReason.length).toBeLessThan(90);
    }
  });

  it('names the word that decided it', () => {
    expect(entity(draft, 'Arms Trade Treaty').kindReason).toBe('“Treaty” ends the name');
    expect(entity(draft, 'North Atlantic Treaty Organization').kindReason).toBe('“Organization” heads the name');
    expect(entity(draft, 'Lloyd Austin').kindReason).toBe('a title stands before it (“Defense Secretary”)');
    expect(entity(draft, 'Leopard 2').kindReason).toBe('a weapon’s name with “tanks” after it');
    expect(entity(draft, 'Seoul').kindReason).toBe('compromise knows it as a place');
  });

  it('says when the kind comes from the reader’s notes', () => {
    const known: KnownName[] = [{ name: 'Korean Central News Agency', kind: 'organisation', aliases: ['KCNA'] }];
    expect(entity(draftOf(NATO_ARTICLE, { known }), 'Korean Central News Agency').kindReason).toBe('already in your notes as an organisation');
  });

  it('says when a list gave the kind', () => {
    const list = draftOf(['Shoppers left Walmart, Zorblax and Costco for smaller grocers, analysts said on Monday in a report on retail.']);
    expect(entity(list, 'Zorblax')).toMatchObject({ kind: 'organisation', kindReason: 'listed beside “Walmart”, an organisation' });
  });
});
