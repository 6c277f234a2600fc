/**
 * Pages for the review journeys, written for the tests (not copied from anywhere): a long article that names many
 * people and places (the review page's list must stay compact), two names run together in a caption, and a page
 * that is no article (a directory: names and towns in a list, hardly a sentence).
 */
import { newsPage } from './capture-pages';

const PEOPLE = [
  ['Anna', 'Berglund', 'Uppsala'], ['Carlos', 'Mendoza', 'Valencia'], ['Ingrid', 'Halvorsen', 'Bergen'], ['Tomasz', 'Wojcik', 'Gdansk'],
  ['Lucia', 'Ferrante', 'Bologna'], ['Pieter', 'Van Dijk', 'Utrecht'], ['Elena', 'Petrova', 'Varna'], ['Mikko', 'Lehtonen', 'Tampere'],
  ['Sofia', 'Andrade', 'Coimbra'], ['Jonas', 'Kairys', 'Kaunas'], ['Marta', 'Kowalska', 'Lublin'], ['Henrik', 'Lindqvist', 'Malmo'],
  ['Irena', 'Novak', 'Maribor'], ['Dimitri', 'Papadakis', 'Patras'], ['Greta', 'Baumann', 'Freiburg'], ['Ruben', 'Castillo', 'Zaragoza'],
  ['Katrin', 'Tamm', 'Tartu'], ['Olivier', 'Marchand', 'Rennes'], ['Agnes', 'Szabo', 'Debrecen'], ['Viktor', 'Horvath', 'Rijeka'],
  ['Saskia', 'Jansen', 'Groningen'], ['Nadia', 'Haddad', 'Marseille'], ['Lars', 'Eriksen', 'Aarhus'], ['Paula', 'Ionescu', 'Constanta'],
] as const;

const page = (title: string, body: string) =>
  newsPage({ title, site: 'The Continental Ledger', published: '2024-05-14T07:00:00Z', body });

export const MAYORS_TITLE = 'Mayors of twenty-four cities meet to plan cleaner ports';

/**
 * A long article naming twenty-four mayors and their twenty-four cities, each in sentences of its own, and two doctors
 * whose names a caption runs together ("Zohar Lahav Oren Morales"). The capture splits two names run together when the
 * second starts with a first name it knows ("Zohar Lahav David Morales": tests/capture-draft.test.ts); "Oren" it does
 * not know, so this one reaches the review page joined, and the reader splits it there.
 */
export function mayorsArticle(): string {
  const paragraphs = PEOPLE.flatMap(([first, last, city]) => [
    `Mayor ${first} ${last} of ${city} said the port of ${city} would stop burning heavy fuel oil before the end of the decade.`,
    `${last} told the meeting that ${city} had already replaced most of its harbour ferries with electric boats.`,
  ]);
  const body = [
    ...paragraphs.slice(0, 10).map((text) => `<p>${text}</p>`),
    '<figure><figcaption>Doctors Zohar Lahav Oren Morales at the opening session of the summit on Tuesday.</figcaption></figure>',
    '<p>The two doctors, Lahav and Morales, presented a study of the air in harbour districts to the mayors on Tuesday.</p>',
    ...paragraphs.slice(10).map((text) => `<p>${text}</p>`),
  ];
  return page(MAYORS_TITLE, body.join('\n      '));
}

export const DIRECTORY_TITLE = 'Directory of harbour offices';

/** No article: a directory, a name and a town to a line, with one sentence at the top. */
export function directoryPage(): string {
  const rows = PEOPLE.map(([first, last, city]) => `<li>${first} ${last} — Harbour Office, ${city}</li>`);
  return page(DIRECTORY_TITLE, `<p>Every harbour office of the network, with the name of the person who runs it.</p>\n      <ul>\n        ${rows.join('\n        ')}\n      </ul>`);
}
