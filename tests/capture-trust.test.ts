/**
 * Drafts that mislead (issue 19, item 4), on the pages the trust journeys capture (e2e/fixtures/trust): two people
 * written side by side, a demonym as an organisation, a place with "de" as a person, a quote that is a name alone
 * or starts mid-quotation, a description about someone else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureDraft, midQuotation, nameAlone } from '@/utils/capture/draft';
import { isCaptureError, type CaptureDraft, type DraftEntity } from '@/utils/capture/types';

function draftOf(page: string): CaptureDraft {
  const html = readFileSync(join(import.meta.dirname, '..', 'e2e', 'fixtures', 'trust', page), 'utf8');
  const draft = captureDraft(new DOMParser().parseFromString(html, 'text/html'), { url: `https://news.example/${page}` });
  if (isCaptureError(draft)) throw new Error(draft.message);
  return draft;
}

function captureDraftOf(paragraphs: string[]): CaptureDraft {
  const body = paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('');
  const html = `<!doctype html><title>Air defence</title><article><h1>Air defence</h1>${body}<p>${'The talks were described as frank and constructive by people familiar with them. '.repeat(3)}</p></article>`;
  const draft = captureDraft(new DOMParser().parseFromString(html, 'text/html'), { url: 'https://news.example/air' });
  if (isCaptureError(draft)) throw new Error(draft.message);
  return draft;
}

const byName = (draft: CaptureDraft) => new Map<string, DraftEntity>(draft.entities.map((entity) => [entity.name, entity]));

describe('drafts that do not mislead', () => {
  const wire = byName(draftOf('ministry-patriot.html'));
  const nbc = byName(draftOf('nbc-yoon.html'));

  it('keeps two people written side by side apart', () => {
    expect(wire.has('Zohar Lahav David Morales')).toBe(false);
    expect(wire.get('Zohar Lahav')?.kind).toBe('person');
    expect(wire.get('David Morales')?.kind).toBe('person');
  });

  it('drafts no demonym as an entity, and a place with "de" as a place', () => {
    expect([...wire.keys()]).not.toContain('Spanish');
    expect(wire.get('Jerez de Frontera')?.kind).toBe('place');
  });

  it('quotes whole sentences that say something: never the name alone', () => {
    const quotes = wire.get('Stella Kim')!.facts.map((fact) => fact.quote);
    expect(quotes).not.toContain('Stella Kim');
    expect(quotes.length).toBeGreaterThan(0);
    expect(nameAlone('Stella Kim', ['Stella Kim'])).toBe(true);
    expect(nameAlone('Stella Kim (AFP)', ['Stella Kim', 'AFP'])).toBe(true);
    expect(nameAlone('Stella Kim spoke.', ['Stella Kim'])).toBe(false);
  });

  it('never starts a quote mid-quotation: it starts where the quotation does', () => {
    const draft = captureDraftOf([
      '“The skies are hard to keep. We will keep the skies over Ukraine safe,” said Stella Kim in Brussels on Monday.',
      'Officials in Brussels and Kyiv said the missiles would arrive before winter, and that more would follow in spring.',
    ]);
    const quotes = byName(draft).get('Stella Kim')!.facts.map((fact) => fact.quote);
    expect(quotes).toContain('“The skies are hard to keep. We will keep the skies over Ukraine safe,” said Stella Kim in Brussels on Monday.');
    expect(midQuotation('We will keep going,” said Stella Kim.')).toBe(true);
    expect(midQuotation('“We will keep going,” said Stella Kim.')).toBe(false);
    expect(midQuotation('Stella Kim said the missiles would arrive.')).toBe(false);
    for (const entity of [...wire.values(), ...nbc.values()]) {
      for (const { quote } of entity.facts) expect(midQuotation(quote), quote).toBe(false);
    }
  });

  it('gives no description that names someone else, and cuts a title out of a list', () => {
    expect(nbc.get('Yoon Suk Yeol')).not.toHaveProperty('description');
    expect(nbc.get('Lee Sang-min')?.description).toBe('Interior Minister');
  });

  it('marks the forms that are ordinary words, to be saved as needing evidence', () => {
    expect(wire.get('Patriot')?.commonWords).toEqual(['Patriot']);
    expect(wire.get('State Department')).not.toHaveProperty('commonWords');
  });
});
