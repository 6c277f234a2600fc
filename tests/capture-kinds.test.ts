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

describe('credits, bylines and datelines', () => {
  const draft = draftOf([
    'MOSCOW (AP) — A cargo spaceship broke up over Siberia on Thursday after its launch from Baikonur, officials in Moscow said.',
    'Rescuers searched the area on Friday.Anthony Wallace / AFP - Getty Images',
    'The debris fell near a village, the regional government said.(Oleg Urusov/ Roscosmos Space Agency Press Service photo via AP)',
    'Engineers inspected a launch pad in Kazakhstan this month.CreditCreditChang W. Lee/The New York Times',
    'JIM WATSON/AFP/Getty Images',
    'Gunmen stormed the museum in Tunis, killing at least 19 people, most of them foreign tourists. (Reuters)',
    'Aerospace Writer Marcia Dunn in Cape Canaveral, Florida, contributed to this report.',
  ]);

  it('makes people of the names in photo credits, even glued to their caption', () => {
    expect(entity(draft, 'Anthony Wallace')).toMatchObject({ kind: 'person', kindReason: 'named in a photo credit' });
    expect(entity(draft, 'Oleg Urusov').kind).toBe('person');
    expect(entity(draft, 'Chang W. Lee').kind).toBe('person');
    expect(entity(draft, 'Marcia Dunn')).toMatchObject({ kind: 'person', kindReason: 'named in a contributor line, after a title (“Writer”)' });
  });

  it('names a person the credit only shouts in ordinary capitals, keeping the shouted form as an alias', () => {
    expect(entity(draft, 'Jim Watson')).toMatchObject({ kind: 'person', aliases: ['JIM WATSON'] });
  });

  it('makes organisations of agencies and publications in credits and datelines', () => {
    for (const name of ['AFP', 'Getty Images', 'Reuters', 'Roscosmos Space Agency Press Service', 'New York Times']) expect(entity(draft, name).kind).toBe('organisation');
    expect(entity(draft, 'AP').kindReason).toBe('the news agency of the dateline');
  });

  it('reads a dateline’s place as a place', () => {
    expect(entity(draft, 'Moscow')).toMatchObject({ kind: 'place', aliases: ['MOSCOW'] });
    const austin = draftOf(['AUSTIN (KXAN) — Texas voters approved an amendment to the state constitution on Tuesday, officials said.']);
    expect(entity(austin, 'AUSTIN')).toMatchObject({ kind: 'place', kindReason: 'a dateline: where the story was filed' });
    expect(entity(austin, 'KXAN').kind).toBe('organisation');
  });

  it('never quotes a credit as a fact of the caption’s entities, and quotes the caption without its glued credit', () => {
    const quotes = draft.entities.flatMap((candidate) => candidate.facts.map((fact) => fact.quote));
    expect(entity(draft, 'Kazakhstan').facts).toEqual([{ quote: 'Engineers inspected a launch pad in Kazakhstan this month.' }]);
    expect(quotes.filter((quote) => quote.includes('Getty Images')).length).toBeGreaterThan(0);
    for (const name of ['Siberia', 'Baikonur', 'Tunis', 'Kazakhstan']) {
      for (const { quote } of entity(draft, name).facts) expect(quote).not.toMatch(/Getty|AFP|CreditChang|Urusov/);
    }
  });
});

describe('the page’s own metadata', () => {
  it('types a name the JSON-LD lists, and says so', () => {
    const ld = JSON.stringify({
      '@type': 'NewsArticle',
      about: [{ '@type': 'Organization', name: 'Quorvane' }],
      mentions: [{ '@type': 'Person', name: 'Tarsk Ovelin' }],
      author: { '@type': 'Person', name: 'Mira Solvag' },
    });
    const head = `<title>Example</title><script type="application/ld+json">${ld}</script>`;
    const draft = draftOf(
      ['Quorvane lost a case in Oslo on Monday, and Tarsk Ovelin was not in court to hear it, people there said.', 'Mira Solvag reported from Oslo.'],
      { head },
    );
    expect(entity(draft, 'Quorvane')).toMatchObject({ kind: 'organisation', kindReason: 'the page’s metadata (JSON-LD) says the article is about it, an organisation' });
    expect(entity(draft, 'Tarsk Ovelin')).toMatchObject({ kind: 'person', kindReason: 'the page’s metadata (JSON-LD) lists it as a Person' });
    expect(entity(draft, 'Mira Solvag')).toMatchObject({ kind: 'person', kindReason: 'the page’s metadata (JSON-LD) names it as an author' });
  });
});

describe('treaties, weapons and events', () => {
  const draft = draftOf([
    'Obama said he was confident the Iran nuclear deal would pass, and that the Oslo accords still mattered to Israel.',
    'The Yahoo deal, however, is not a sale of the public company, lawyers in Delaware said on Tuesday.',
    'The bloody Gaza conflict during the summer and the conflict in Darfur were discussed at the NATO summit in Vilnius.',
    'Since 9/11 and the Arab Spring, officials in Tunisia have worried about the COVID-19 pandemic less than about security.',
    'The Soyuz-FG rocket booster and a Proton-M rocket were on the pad, and the Progress MS-04 cargo ship was lost.',
    'The Progress cargo ship broke up over Siberia, officials in Moscow said.',
    'Germany sends Leopard 2 tanks; the Leopard tanks will reach Ukraine in spring. France is contributing AMX-10s, armored fighting vehicles.',
    'The Soviet Union collapsed long ago, the president said aboard Air Force One on Monday.',
  ]);

  it('reads treaties written in lower case after a place, not a company’s deal', () => {
    expect(entity(draft, 'Iran nuclear deal')).toMatchObject({ kind: 'treaty', kindReason: 'a treaty word after a place (“nuclear deal”)' });
    expect(entity(draft, 'Oslo accords').kind).toBe('treaty');
    expect(draft.entities.map((candidate) => candidate.name)).not.toContain('Yahoo deal');
    // The place inside the treaty's name is named too.
    expect(entity(draft, 'Iran').kind).toBe('place');
  });

  it('reads events: wars after a place, meetings, outbreaks, a people’s Spring, bare names', () => {
    expect(entity(draft, 'Gaza conflict')).toMatchObject({ kind: 'event', kindReason: 'a war word after a place (“conflict”)' });
    expect(entity(draft, 'conflict in Darfur').kind).toBe('event');
    expect(entity(draft, 'NATO summit').kind).toBe('event');
    expect(entity(draft, 'Arab Spring')).toMatchObject({ kind: 'event', kindReason: '“Spring” ends the name' });
    expect(entity(draft, '9/11')).toMatchObject({ kind: 'event', kindReason: '“9/11” is an event’s name' });
    expect(entity(draft, 'COVID-19 pandemic').kind).toBe('event');
    expect(entity(draft, 'Gaza').kind).toBe('place');
  });

  it('reads machines by their designation and joins a weapon’s short name to its full one', () => {
    expect(entity(draft, 'Soyuz-FG').kind).toBe('equipment');
    expect(entity(draft, 'Proton-M')).toMatchObject({ kind: 'equipment', kindReason: 'a model’s designation with “rocket” after it' });
    expect(entity(draft, 'Progress MS-04')).toMatchObject({ kind: 'equipment', aliases: ['Progress'] });
    expect(entity(draft, 'Leopard 2')).toMatchObject({ kind: 'equipment', aliases: ['Leopard'] });
    expect(entity(draft, 'AMX-10').kind).toBe('equipment');
    expect(entity(draft, 'Air Force One').kind).toBe('equipment');
    expect(entity(draft, 'Soviet Union').kind).toBe('place');
  });

  it('makes one event of the article’s names for one war', () => {
    const war = draftOf([
      'The war in Ukraine was the topic in Seoul on Monday, and Stoltenberg spoke of it for an hour with reporters.',
      'Seoul has sent aid since the Russian invasion began on February 24, officials said on Tuesday in a statement.',
      'The Ukraine war will not end soon, Stoltenberg said later that day to the press in the city.',
    ]);
    expect(entity(war, 'war in Ukraine')).toMatchObject({ kind: 'event', aliases: expect.arrayContaining(['Russian invasion', 'Ukraine war']) });
  });
});

describe('organisations and places', () => {
  const draft = draftOf([
    'Jeffrey Frankel, a professor at Harvard, and Lucas Nolan, a reporter for Breitbart Tech, spoke on Monday in Boston.',
    'Marc Goldwein, senior vice president at the Committee for a Responsible Federal Budget, said the Department of Defense would ask for more.',
    'The Defense Department declined to comment, and the Virginia Democrat Mark Warner said nothing either, reporters in Washington said.',
    'Gates and former Secretary of State Condoleezza Rice both recommended Tillerson, officials said on Tuesday.',
    'He joined The Times in 2007. Stocks fell, CNNMoney reported at 1:28 AM ET on Tuesday.',
    'Officials met in Instagram and the WhatsApp offices, and the Democratic People’s Republic of Korea said nothing.',
  ]);

  it('reads an organisation from who works for it or at it', () => {
    expect(entity(draft, 'Harvard')).toMatchObject({ kind: 'organisation', kindReason: 'someone is “professor at” it' });
    expect(entity(draft, 'Breitbart Tech').kind).toBe('organisation');
    expect(entity(draft, 'Committee for a Responsible Federal Budget').kind).toBe('organisation');
    expect(entity(draft, 'Times')).toMatchObject({ kind: 'organisation', kindReason: '“The Times” is a publication’s name' });
    expect(entity(draft, 'CNNMoney').kind).toBe('organisation');
  });

  it('makes one organisation of “Department of Defense” and “Defense Department”', () => {
    expect(entity(draft, 'Department of Defense').aliases).toEqual(['Defense Department']);
  });

  it('keeps a party’s member out of names, and the state before it a place', () => {
    expect(entity(draft, 'Virginia').kind).toBe('place');
    expect(draft.entities.map((candidate) => candidate.name)).not.toContain('Virginia Democrat');
    expect(draft.entities.map((candidate) => candidate.name)).not.toContain('ET');
  });

  it('trusts the lexicon’s first name over compromise’s guess in context', () => {
    const knoll = draftOf(['ILM supervisor John Knoll, who first pitched the story idea, said last year that ILM finished a new print.']);
    expect(entity(knoll, 'John Knoll')).toMatchObject({ kind: 'person', kindReason: 'compromise knows “John” as a first name' });
  });

  it('finds a person after a long title, whatever compromise guesses of an unknown first name', () => {
    expect(entity(draft, 'Condoleezza Rice')).toMatchObject({ kind: 'person', kindReason: 'a title stands before it (“Secretary of State”)' });
  });

  it('lets a list say more than a preposition, and reads “People’s” inside a name', () => {
    expect(entity(draft, 'Instagram').kind).toBe('organisation');
    expect(entity(draft, 'Democratic People’s Republic of Korea').kind).toBe('place');
  });
});

describe('military and diplomatic news', () => {
  const draft = draftOf([
    'North Korea fired a Hwasong-18 intercontinental ballistic missile on Wednesday, the Joint Chiefs of Staff (JCS) said, a day after the Korean Central News Agency (KCNA) warned of a response.',
    'The aircraft carrier USS Ronald Reagan arrived in Busan, and F-35A stealth fighters joined drills near Osan Air Base.',
    'Washington is bound by the Treaty on the Non-Proliferation of Nuclear Weapons (NPT) and the New START treaty, officials said.',
    'Kyiv relies on HIMARS launchers and Patriot air defense systems, and General Bradley said the tanks were late.',
    'The Workers’ Party of Korea met, U.S. Forces Korea (USFK) said, before the Ulchi Freedom Shield exercise begins next month.',
  ]);

  it('makes one entity of an acronym beside its expansion, with both names', () => {
    expect(entity(draft, 'Korean Central News Agency')).toMatchObject({ kind: 'organisation', aliases: ['KCNA'], kindReason: '“Agency” heads the name' });
    expect(entity(draft, 'Joint Chiefs of Staff')).toMatchObject({ kind: 'organisation', aliases: ['JCS'] });
    expect(entity(draft, 'U.S. Forces Korea')).toMatchObject({ kind: 'organisation', aliases: ['USFK'], kindReason: '“Forces” heads the name' });
    expect(entity(draft, 'Treaty on the Non-Proliferation of Nuclear Weapons')).toMatchObject({ kind: 'treaty', aliases: ['NPT'] });
  });

  it('reads weapons, ships and designations, and events and treaties around them', () => {
    expect(entity(draft, 'Hwasong-18').kind).toBe('equipment');
    expect(entity(draft, 'USS Ronald Reagan')).toMatchObject({ kind: 'equipment', kindReason: 'a ship’s name (“USS”)' });
    expect(entity(draft, 'F-35A').kind).toBe('equipment');
    expect(entity(draft, 'Patriot')).toMatchObject({ kind: 'equipment', kindReason: 'a weapon’s name with “systems” after it' });
    expect(entity(draft, 'New START treaty').kind).toBe('treaty');
    expect(entity(draft, 'Ulchi Freedom Shield exercise').kind).toBe('event');
    expect(entity(draft, 'Workers’ Party of Korea').kind).toBe('organisation');
    expect(entity(draft, 'Osan Air Base').kind).toBe('place');
  });

  it('does not read a person as a weapon across a verb', () => {
    expect(draft.entities.find((candidate) => candidate.name === 'Bradley')?.kind).not.toBe('equipment');
  });
});

describe('headlines, lists inside names, companies', () => {
  const draft = draftOf([
    'Pizza Man Making Special Delivery Pizza Delivery to Afghanistan During Super Bowl',
    '$150K Pearl Oscar Dress Stolen From Famous Hotel Room',
    'The study was presented at the annual meeting of the American Academy of Allergy, Asthma and Immunology in Houston.',
    'Katie Allen directs research at the Murdoch Children’s Research Institute in Melbourne, and Hicks is a Navy veteran.',
    '© Provided by Business Insider Inc Nintendo and Apple shocked the world this year, analysts in Tokyo said on Monday.',
    'Officials cited the U.S. Flag Code and said the U.S. Military would respond soon, reporters in Seoul said.',
  ]);
  const names = draft.entities.map((candidate) => candidate.name);

  it('reads a Title Case line by what its words say alone: places and known events, no one made of common words', () => {
    expect(entity(draft, 'Afghanistan').kind).toBe('place');
    expect(entity(draft, 'Super Bowl').kind).toBe('event');
    for (const junk of ['Pizza Man', 'Special Delivery Pizza Delivery', 'Pearl Oscar', 'Pearl Oscar Dress', 'Famous Hotel Room']) expect(names).not.toContain(junk);
  });

  it('reads a list inside a name, a plural’s possessive inside a name, and an institution’s word', () => {
    expect(entity(draft, 'American Academy of Allergy, Asthma and Immunology').kind).toBe('organisation');
    expect(entity(draft, 'Murdoch Children’s Research Institute').kind).toBe('organisation');
    expect(entity(draft, 'Navy')).toMatchObject({ kind: 'organisation', kindReason: '“Navy”, capitalised, is an institution’s name' });
  });

  it('ends a company’s name at its legal suffix, and leaves laws and common nouns out of a country’s name', () => {
    expect(entity(draft, 'Business Insider Inc').kind).toBe('organisation');
    expect(names).not.toContain('Business Insider Inc Nintendo');
    expect(names).not.toContain('U.S. Flag Code');
    expect(names).not.toContain('U.S. Military');
    expect(entity(draft, 'U.S.').kind).toBe('place');
  });
});

describe('clues to organisations', () => {
  const draft = draftOf([
    'If only Yahoo had bought Snapchat instead of Tumblr, analysts in New York said on Monday in a note to clients.',
    '"The drill is a rehearsal for invasion," the Rodong Sinmun said in a commentary, and Mugabe\u2019s ruling Zanu-PF agreed.',
    'Sales doubled, according to Coresight Research, and Whole Foods matched prices at Costco or Sam\u2019s Club.',
    'Whole Foods stores have been festooned with yellow signs this month, shoppers in Seattle said.',
  ]);

  it('reads companies from deals, speakers from “the … said”, parties from “ruling”, firms from their heads', () => {
    expect(entity(draft, 'Snapchat')).toMatchObject({ kind: 'organisation', kindReason: 'a company is bought or sold (“bought …”)' });
    expect(entity(draft, 'Tumblr').kind).toBe('organisation');
    expect(entity(draft, 'Rodong Sinmun')).toMatchObject({ kind: 'organisation', kindReason: '“the … said”: an organisation speaks' });
    expect(entity(draft, 'Zanu-PF')).toMatchObject({ kind: 'organisation', kindReason: '“ruling” stands before it' });
    expect(entity(draft, 'Coresight Research').kind).toBe('organisation');
    // (A possessive before a head word stays one name even when the next paragraph opens with a capital.)
    expect(entity(draft, 'Sam’s Club').kind).toBe('organisation');
  });
});
