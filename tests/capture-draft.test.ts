import { describe, expect, it } from 'vitest';
import { extractArticle } from '@/utils/capture/article';
import { captureDraft, MAX_ENTITIES, MAX_FACTS } from '@/utils/capture/draft';
import { isCaptureError, type CaptureDraft, type DraftEntity, type KnownName } from '@/utils/capture/types';
import { articlePage, NATO_ARTICLE, parse } from './fixtures/capture-articles';

/** Long enough to be an article to Readability and to the capture, and names nothing. */
const FILLER = 'The talks were described as frank and constructive by people familiar with them, and further meetings are expected in the coming weeks.';

function draftOf(paragraphs: string[] = NATO_ARTICLE, known?: KnownName[]): CaptureDraft {
  const draft = captureDraft(parse(articlePage({ paragraphs: [...paragraphs, FILLER] })), { url: 'https://news.example/a', known });
  if (isCaptureError(draft)) throw new Error(draft.message);
  return draft;
}

function entity(draft: CaptureDraft, name: string): DraftEntity {
  const found = draft.entities.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no entity "${name}" in ${draft.entities.map((candidate) => candidate.name).join(', ')}`);
  return found;
}

const names = (draft: CaptureDraft) => draft.entities.map((candidate) => candidate.name);

describe('the entities of an article', () => {
  const draft = draftOf();

  it('finds people, organisations and places with compromise, each with its kind', () => {
    expect(entity(draft, 'Jens Stoltenberg').kind).toBe('person');
    expect(entity(draft, 'Yoon Suk Yeol').kind).toBe('person');
    expect(entity(draft, 'Lloyd Austin').kind).toBe('person');
    expect(entity(draft, 'Seoul').kind).toBe('place');
    expect(entity(draft, 'South Korea').kind).toBe('place');
    expect(entity(draft, 'North Korea').kind).toBe('place');
  });

  it('types what compromise does not: treaties, equipment, acronyms', () => {
    expect(entity(draft, 'Arms Trade Treaty').kind).toBe('treaty');
    expect(entity(draft, 'Leopard 2').kind).toBe('equipment');
    expect(entity(draft, 'M1 Abrams').kind).toBe('equipment');
    expect(entity(draft, 'KCNA').kind).toBe('organisation');
  });

  it('merges a name’s variants within the article: a surname, a possessive, an acronym in brackets', () => {
    const stoltenberg = entity(draft, 'Jens Stoltenberg');
    expect(stoltenberg.aliases).toEqual(['Stoltenberg']);
    expect(entity(draft, 'Yoon Suk Yeol').aliases).toEqual(['Yoon']);
    const nato = entity(draft, 'North Atlantic Treaty Organization');
    expect(nato.kind).toBe('organisation');
    expect(nato.aliases).toEqual(['NATO']);
    expect(names(draft).filter((name) => /Stoltenberg|NATO|Yoon/.test(name))).toEqual(['Jens Stoltenberg', 'Yoon Suk Yeol']);
  });

  it('keeps titles out of names: "US Defense Secretary Lloyd Austin" is Lloyd Austin, and the US', () => {
    expect(names(draft)).not.toContain('US Defense Secretary Lloyd Austin');
    expect(names(draft)).toContain('United States');
    expect(entity(draft, 'United States').aliases).toEqual(['US']);
  });

  it('leaves out dates, demonyms and words that only start a sentence', () => {
    for (const junk of ['Monday', 'January', 'US Defense', 'He', 'If', 'The Secretary General', 'South Korean']) expect(names(draft)).not.toContain(junk);
  });

  it('orders entities by how often the article names them, then by where it first does', () => {
    const cities = draftOf([
      'Officials in Bergen said the storm hit Bergen and Oslo on Monday but spared schools in Stavanger.',
      'Oslo reported floods, and Oslo closed its schools while Trondheim and Tromsø stayed dry.',
      'In Bergen, Oslo and Trondheim the rain stopped on Tuesday afternoon.',
    ]);
    expect(names(cities)).toEqual(['Oslo', 'Bergen', 'Trondheim', 'Stavanger', 'Tromsø']);
  });
});

describe('facts', () => {
  const doc = parse(articlePage());
  const text = extractArticle(doc)!.text;
  const draft = captureDraft(doc, { url: 'https://news.example/a' }) as CaptureDraft;

  it('are sentences of the article, each an exact substring of its text', () => {
    const quotes = draft.entities.flatMap((candidate) => candidate.facts.map((fact) => fact.quote));
    expect(quotes.length).toBeGreaterThan(10);
    for (const quote of quotes) expect(text.includes(quote), quote).toBe(true);
  });

  it('name the entity, keep the article’s curly quotes, and come in article order', () => {
    const facts = entity(draft, 'Jens Stoltenberg').facts.map((fact) => fact.quote);
    expect(facts).toEqual([
      NATO_ARTICLE[0],
      'Stoltenberg arrived in Seoul on January 29.',
      'He met the president of South Korea, Yoon Suk Yeol, for two hours, and Stoltenberg’s proposals were discussed at length.',
      NATO_ARTICLE[2],
    ]);
  });

  it('are at most five per entity, the earliest complete sentences first', () => {
    const paragraphs = Array.from({ length: 8 }, (_, i) => `Jens Stoltenberg spoke about weapons for Ukraine for the ${i + 1}th time in Brussels today.`);
    const facts = entity(draftOf(paragraphs), 'Jens Stoltenberg').facts;
    expect(facts).toHaveLength(MAX_FACTS);
    expect(facts[0].quote).toBe(paragraphs[0]);
    expect(facts[MAX_FACTS - 1].quote).toBe(paragraphs[MAX_FACTS - 1]);
  });
});

describe('descriptions', () => {
  it('come from an appositive after the name, verbatim', () => {
    const draft = draftOf([
      'Jens Stoltenberg, the Secretary General of NATO, said on Monday that allies must send more ammunition to Ukraine.',
      'Pyeongtaek, a city south of Seoul, hosts the largest American base abroad, and Stoltenberg did not visit it.',
    ]);
    expect(entity(draft, 'Jens Stoltenberg').description).toBe('the Secretary General of NATO');
    expect(entity(draft, 'Pyeongtaek').description).toBe('a city south of Seoul');
  });

  it('come from an appositive before a person’s name, or a title right before it', () => {
    const draft = draftOf(NATO_ARTICLE);
    expect(entity(draft, 'Jens Stoltenberg').description).toBe('The Secretary General of the North Atlantic Treaty Organization (NATO)');
    expect(entity(draft, 'Yoon Suk Yeol').description).toBe('the president of South Korea');
    expect(entity(draft, 'Lloyd Austin').description).toBe('US Defense Secretary');
    const chief = draftOf(['NATO chief Jens Stoltenberg arrived in Seoul on Sunday for talks about weapons for Ukraine with officials.', 'Stoltenberg left on Tuesday.']);
    expect(entity(chief, 'Jens Stoltenberg').description).toBe('NATO chief');
  });

  it('are left out when the article has none', () => {
    expect(entity(draftOf(NATO_ARTICLE), 'Germany').description).toBeUndefined();
    expect(entity(draftOf(NATO_ARTICLE), 'Germany')).not.toHaveProperty('description');
  });
});

describe('the lexicon', () => {
  it('knows acronyms of places and of organisations', () => {
    const draft = draftOf([
      'The ROK military held drills with US forces near the DMZ on Tuesday, the Joint Chiefs of Staff said.',
      'The EU and the UN called for calm, while the IAEA said it was watching the region closely.',
    ]);
    expect(entity(draft, 'ROK').kind).toBe('place');
    expect(entity(draft, 'EU').kind).toBe('organisation');
    expect(entity(draft, 'IAEA').kind).toBe('organisation');
  });

  it('types weapons by name or beside an equipment word, and treaties by their word', () => {
    const draft = draftOf([
      'Ukraine received HIMARS launchers, F-16 fighter jets and Patriot missiles last year, officials in Kyiv said.',
      'The Patriot Act was not discussed. Both countries signed the Treaty of Rome and the Paris Agreement long ago.',
    ]);
    expect(entity(draft, 'HIMARS').kind).toBe('equipment');
    expect(entity(draft, 'F-16').kind).toBe('equipment');
    expect(entity(draft, 'Patriot').kind).toBe('equipment');
    expect(entity(draft, 'Treaty of Rome').kind).toBe('treaty');
    expect(entity(draft, 'Paris Agreement').kind).toBe('treaty');
    expect(names(draft)).not.toContain('Patriot Act');
  });

  it('drafts the people and agencies of credits and bylines, but never quotes a credit line for anyone else', () => {
    const draft = draftOf([
      'Lloyd Austin walks to board a helicopter at Osan Air Base in Pyeongtaek on January 30, 2023. Lee Jin-man/ POOL / AFP AFP – LEE JIN-MAN',
      'Reporting by Hyonhee Shin; Editing by Gerry Doyle',
      'Grace said she was glad. Lloyd Austin said the talks in Seoul went well and that he would return to Korea soon.',
    ]);
    expect(entity(draft, 'Lee Jin-man')).toMatchObject({ kind: 'person', kindReason: 'named in a photo credit', aliases: ['LEE JIN-MAN'] });
    expect(entity(draft, 'AFP')).toMatchObject({ kind: 'organisation', kindReason: 'a news agency named in a photo credit' });
    expect(entity(draft, 'Hyonhee Shin')).toMatchObject({ kind: 'person', kindReason: 'named in a contributor line' });
    expect(entity(draft, 'Gerry Doyle').kind).toBe('person');
    // Named only in the credit: the credit line is its one quote, verbatim.
    expect(entity(draft, 'Lee Jin-man').facts).toEqual([{ quote: 'Lee Jin-man/ POOL / AFP AFP – LEE JIN-MAN' }]);
    for (const junk of ['POOL', 'Grace', 'Reporting', 'Credit']) expect(names(draft)).not.toContain(junk);
    expect(entity(draft, 'Osan Air Base').kind).toBe('place');
    expect(entity(draft, 'Pyeongtaek').kind).toBe('place');
    expect(entity(draft, 'Lloyd Austin').facts.map((fact) => fact.quote)).not.toContain('Lee Jin-man/ POOL / AFP AFP – LEE JIN-MAN');
  });
});

describe('variants and events', () => {
  it('joins an acronym to the name it abbreviates, and keeps a city the article writes in lower case', () => {
    const draft = draftOf([
      'The United Nations called for talks on Monday, and the UN envoy flew to kyiv on Tuesday to meet officials there.',
      'The war in Ukraine and the Russian invasion were the only subjects of the meeting, the envoy said later in a statement.',
    ]);
    expect(entity(draft, 'United Nations').aliases).toEqual(['UN']);
    expect(entity(draft, 'kyiv').kind).toBe('place');
    // One war: its place's phrase and its people's phrase are one event.
    expect(entity(draft, 'war in Ukraine')).toMatchObject({ kind: 'event', aliases: ['Russian invasion'] });
  });
});

describe('names already in the reader’s notes', () => {
  const known: KnownName[] = [
    { name: 'Yoon Suk Yeol', kind: 'person', aliases: ['Yoon', 'Yoon Suk-yeol'] },
    { name: 'Lloyd Austin', kind: 'person', aliases: ['Austin'] },
    { name: 'Korean Central News Agency', kind: 'organisation', aliases: ['KCNA'] },
  ];

  it('give an entity the reader’s name and kind, with this article’s forms as aliases', () => {
    const draft = draftOf(['President Yoon said on Tuesday that Seoul would not send weapons to Ukraine, KCNA reported from Pyongyang.', 'Yoon spoke after a meeting with his ministers in Seoul.'], known);
    const yoon = entity(draft, 'Yoon Suk Yeol');
    expect(yoon.kind).toBe('person');
    expect(yoon.aliases).toEqual(['Yoon']);
    expect(entity(draft, 'Korean Central News Agency').aliases).toEqual(['KCNA']);
  });

  it('need evidence when the reader’s name is one ambiguous word: Austin, Texas is no Lloyd Austin', () => {
    const draft = draftOf(['Voters in Austin lined up early on Tuesday, and the mayor of Austin said turnout in Texas was high this year.', 'Austin has grown fast.'], known);
    expect(names(draft)).not.toContain('Lloyd Austin');
  });
});

describe('limits', () => {
  it('keep at most MAX_ENTITIES entities, the most named first', () => {
    const cities = Array.from({ length: 70 }, (_, i) => `Stadt${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}ville`);
    const paragraphs = cities.map((city, i) => `Officials said ${i + 1} people were evacuated from homes in ${city} after the floods.`);
    paragraphs.push('Officials in Stadtaaville and Stadtbaville said the rain had stopped by the evening of the third day.');
    const draft = draftOf(paragraphs);
    expect(draft.entities).toHaveLength(MAX_ENTITIES);
    expect(names(draft).slice(0, 2)).toEqual(['StadtAaville', 'StadtBaville']);
  });
});
