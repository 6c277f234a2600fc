import { ACRONYM_KINDS, EQUIPMENT, ORGANISATION_WORDS } from './lexicon';

/**
 * Our compromise plugin: the words compromise does not know, so that its tagger reads them as names. Acronyms of
 * places become countries (then "ROK" is tagged like "South Korea"), other listed acronyms organisations;
 * equipment names that are not also ordinary words ("HIMARS", "Bayraktar") get an `Equipment` tag, a kind of proper
 * noun; news agencies and legislatures are organisations. Words that are also ordinary words ("Patriot", "Leopard") are left to the capture's context rules.
 */
const words: Record<string, string> = {};
for (const [acronym, kind] of Object.entries(ACRONYM_KINDS)) words[acronym] = kind === 'place' ? 'Country' : 'Organization';
for (const word of ORGANISATION_WORDS) words[word] = 'Organization';
for (const [name, { context }] of Object.entries(EQUIPMENT)) if (!context) words[name] = 'Equipment';

export const sideNotesPlugin = {
  tags: { Equipment: { isA: 'ProperNoun' } },
  words,
};
