import { describe, expect, it } from 'vitest';
import { nameKeys, namesAnother } from '@/utils/capture/describe';
import { draftFromArticle } from '@/utils/capture/draft';

describe('a drafted description about another entity', () => {
  const people = nameKeys(['Yoon Suk Yeol', 'Yoon', 'Kim Yong-hyun', 'Kim', 'Lee Sang-min', 'Olaf Scholz', 'Scholz', 'Emmanuel Macron', 'Macron']);
  const places = nameKeys(['Canada', 'UK', 'United Kingdom', 'Pyeongtaek', 'Seoul']);

  it('is dropped when it names another of the same kind (a list, the next name)', () => {
    expect(namesAnother('Kim and Interior Minister Lee Sang-min', nameKeys(['Yoon Suk Yeol', 'Yoon']), people)).toBe(true);
    expect(namesAnother('French President Macron', nameKeys(['Olaf Scholz', 'Scholz']), people)).toBe(true);
    expect(namesAnother('the UK', nameKeys(['Canada']), places)).toBe(true);
  });

  it('is kept when the name only says whose or where, or is the entity’s own', () => {
    expect(namesAnother('a city south of Seoul', nameKeys(['Pyeongtaek']), places)).toBe(false);
    expect(namesAnother('the wife of President Yoon', nameKeys(['Kim Keon-hee']), people)).toBe(false);
    expect(namesAnother('President Yoon', nameKeys(['Yoon Suk Yeol', 'Yoon']), people)).toBe(false);
    expect(namesAnother('German Chancellor', nameKeys(['Olaf Scholz']), people)).toBe(false);
  });

  it('is left out of the draft, not saved', () => {
    const text = [
      'Lawmakers met in Seoul on Monday.',
      'Olaf Scholz, French President Macron and others spoke.',
      'Emmanuel Macron, the French president, agreed with Scholz.',
      'Pyeongtaek, a city south of Seoul, hosts a base.',
    ].join('\n\n');
    const draft = draftFromArticle({ title: 'Leaders', text, things: [] } as never, { url: 'https://example.org/leaders' });
    const byName = new Map(draft.entities.map((entity) => [entity.name, entity]));
    expect(byName.get('Olaf Scholz')).toBeDefined();
    expect(byName.get('Olaf Scholz')).not.toHaveProperty('description');
    expect(byName.get('Emmanuel Macron')?.description).toBe('the French president');
    expect(byName.get('Pyeongtaek')?.description).toBe('a city south of Seoul');
  });
});
