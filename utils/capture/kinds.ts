import type { EntityKind } from '../bundle/schema';
import { appositiveHead, roleBefore } from './describe';
import {
  ACRONYM_KINDS, CORPORATE_SUFFIXES, DIRECTIONS, EQUIPMENT, EQUIPMENT_NOUNS, EVENT_HEADS, INSTITUTION_WORDS, LAW_WORDS, LOCATIVES,
  MILITARY_HEADS, NOT_ACRONYMS,
  ORG_ATTRIBUTES, ORG_HEADS, ORG_HEADS_BEFORE_OF, ORG_NOUNS, PLACE_APPOSITIVES, PLACE_FIRSTS, PLACE_HEADS, PLACE_NAMES,
  PLACE_NOUNS, ROLE_NOUNS, SHIP_PREFIXES, SPEECH_VERBS, TREATY_WORDS, ACQUISITION_VERBS,
} from './lexicon';
import type { Span } from './sentences';
import {
  FUNCTION_TAGS, has, isAcronym, isCommonWord, isDemonym, isModelNumber, lexiconTags, ORG_TAGS, PERSON_TAGS, PLACE_TAGS, UPPER,
  type Word,
} from './words';

/**
 * What kind of entity a name is, and why (`KindVerdict.reason`, shown to the reader in the review page). In order: what the name's own words say (a treaty's or a weapon's word, an
 * acronym we know, a word that heads organisations or places, what compromise's lexicon knows of the word), then
 * the words around it ("the Likud party", "the city of Sirte", "Biden administration", a title, an appositive
 * with a role), then compromise's tags in context, then weaker clues (a verb of saying, "in" before an unknown
 * name). Undefined when nothing says: such names are left out of the draft.
 */

export interface NameContext {
  text: string;
  words: Word[];
  /** The sentence the name stands in. */
  sentence: Span | undefined;
  /** The title that stands before it ("President", "Mr."), inside its chunk or right before it. */
  title?: string;
}

/** A kind and why: a short sentence for the reader ("“Agency” heads the name"). */
export interface KindVerdict {
  kind: EntityKind;
  reason: string;
  /** Only a weak clue says it ("in" before an unknown name). */
  weak?: boolean;
  /** The name's own words say it (a head word, an acronym, the lexicon), not the words around it. */
  own?: boolean;
}

/** The name's words say it names nothing ("South Korean", "the North", a law). */
const NOTHING = null;

const verdict = (kind: EntityKind, reason: string): KindVerdict => ({ kind, reason });
/** A word of the article as the reader sees it, in curly quotes. */
export const quoted = (text: string) => `“${text}”`;
const KIND_WORDS: Record<EntityKind, string> = {
  person: 'a person',
  organisation: 'an organisation',
  place: 'a place',
  treaty: 'a treaty',
  equipment: 'equipment',
  event: 'an event',
};
export const kindWords = (kind: EntityKind) => KIND_WORDS[kind];

const NAME_TAGS = ['LastName', 'FirstName', 'MaleName', 'FemaleName'];
/** "Soyuz-FG", "Proton-M", "Falcon-9": a capitalised name, a hyphen and a model's letters or digits. */
const DESIGNATION = /^\p{Lu}\p{Ll}+-(?:\p{Lu}{1,3}\d{0,2}|\d{1,3})$/u;
const ARTICLES = new Set(['the', 'a', 'an']);

/** The word right before the name, when only a space separates them. */
function wordBefore(name: Word[], words: Word[]): Word | undefined {
  const before = words[name[0].index - 1];
  return before?.joinsNext ? before : undefined;
}

/** The word right after the name, when only a space separates them. */
export function wordAfter(name: Word[], words: Word[]): Word | undefined {
  const last = name[name.length - 1];
  return last.joinsNext ? words[last.index + 1] : undefined;
}

/**
 * An equipment word right after the name, or after a few lower-case words that describe it: "Patriot missiles",
 * "Patriot air defense systems", "Leopard 2A6 main battle tanks"; not across a verb ("Bradley said the tanks").
 */
function equipmentNounAfter(name: Word[], words: Word[]): Word | undefined {
  let word = name[name.length - 1];
  for (let step = 0; step < 4 && word.joinsNext; step++) {
    const next = words[word.index + 1];
    if (!next || /^\p{Lu}/u.test(next.text)) return undefined;
    if (EQUIPMENT_NOUNS.has(next.lower)) return next;
    if (has(next, [...FUNCTION_TAGS, 'Verb']) && !has(next, ['Adjective'])) return undefined;
    word = next;
  }
  return undefined;
}

/** A lower-case noun or adjective right after a name: the name is used as a modifier ("Islamist violence"). */
function isNounAfter(word: Word): boolean {
  return !/^\p{Lu}/u.test(word.text) && has(word, ['Noun', 'Adjective']) && !has(word, FUNCTION_TAGS) && !has(word, ['Verb']);
}

/** What the name's own words say; null when they say it names nothing ("South Korean", "the North"). */
export function kindOfWords(name: Word[], after: Word | undefined, words: Word[]): KindVerdict | null | undefined {
  const first = name[0];
  const last = name[name.length - 1];
  const lowers = name.map((word) => word.lower);
  if (name.length >= 2 && TREATY_WORDS.has(last.lower)) return verdict('treaty', `${quoted(last.text)} ends the name`);
  if (name.length >= 3 && TREATY_WORDS.has(first.lower) && ['of', 'on', 'against'].includes(name[1].lower)) {
    return verdict('treaty', `the name opens with ${quoted(`${first.text} ${name[1].text}`)}`);
  }
  const nextWords = words.slice(last.index + 1, last.index + 5);
  const equipmentName = EQUIPMENT[lowers.join(' ')] ? lowers.join(' ') : first.lower;
  const equipment = EQUIPMENT[equipmentName];
  const beside = equipmentNounAfter(name, words);
  if (equipment && !equipment.context) return verdict('equipment', `${quoted(name.map((word) => word.text).join(' '))} is a weapon system’s name`);
  if (equipment && beside) return verdict('equipment', `a weapon’s name with ${quoted(beside.text)} after it`);
  // "USS Ronald Reagan"
  if (name.length >= 2 && SHIP_PREFIXES.has(first.lower)) return verdict('equipment', `a ship’s name (${quoted(first.text)})`);
  if (equipment && name.some(isModelNumber)) return verdict('equipment', 'a weapon’s name with a model number');
  // A model designation is a machine when an equipment word follows soon: "AMX-10s, armored fighting vehicles",
  // "the Progress MS-04 cargo ship".
  const equipmentAfter = nextWords.find((word) => EQUIPMENT_NOUNS.has(word.lower));
  if (name.some(isModelNumber) && equipmentAfter) return verdict('equipment', `a model number with ${quoted(equipmentAfter.text)} after it`);
  // "the Soyuz-FG rocket booster", "a Proton-M rocket": a name with a designation, before an equipment word.
  if (name.some((word) => DESIGNATION.test(word.text)) && equipmentAfter) return verdict('equipment', `a model’s designation with ${quoted(equipmentAfter.text)} after it`);
  if (name.length >= 2 && LAW_WORDS.has(last.lower)) return NOTHING;
  if (name.length >= 2 && EVENT_HEADS.has(last.lower)) return verdict('event', `${quoted(last.text)} ends the name`);
  if (name.every(isDemonym)) return NOTHING;
  // A shouted name is no acronym: "AUSTIN", "MOSCOW" (compromise knows them as names).
  const shoutedName = /^\p{Lu}{4,}$/u.test(first.text) && lexiconTags(first.lower).some((tag) => [...PLACE_TAGS, ...NAME_TAGS, 'Person'].includes(tag));
  if (name.length === 1 && isAcronym(first) && !(shoutedName && !ACRONYM_KINDS[first.lower])) {
    const bare = first.lower.replace(/\./g, '');
    const listed = ACRONYM_KINDS[bare];
    if (listed) return verdict(listed, `${quoted(first.text)} is the acronym of ${listed === 'place' ? 'a country' : kindWords(listed)}`);
    if (NOT_ACRONYMS.has(bare) || isCommonWord(bare)) return NOTHING;
    return has(first, PLACE_TAGS)
      ? verdict('place', `compromise knows ${quoted(first.text)} as a place`)
      : verdict('organisation', 'an acronym, as organisations are named');
  }
  // The word that heads the name: the last, or the one before "of"/"for" ("Bank of Korea", "Center for Health").
  const connector = lowers.findIndex((lower, i) => i > 0 && (lower === 'of' || lower === 'for' || lower === 'on'));
  const headWord = connector > 0 ? name[connector - 1] : last;
  const head = headWord.lower;
  // "U.S. Forces Korea", "U.S. Army Pacific": armed forces named with the place they serve in.
  const military = name.slice(1, -1).find((word) => MILITARY_HEADS.has(word.lower));
  if (military && connector < 0) return verdict('organisation', `${quoted(military.text)} heads the name`);
  if (PLACE_NAMES.has(lowers.join(' '))) return verdict('place', 'a country’s name');
  if (connector > 0 && ORG_HEADS_BEFORE_OF.has(head)) return verdict('organisation', `${quoted(`${headWord.text} ${name[connector].text}`)} heads the name`);
  if (name.length >= 2 && PLACE_FIRSTS.has(first.lower)) return verdict('place', `${quoted(first.text)} opens the name`);
  if (name.length >= 2 && ORG_HEADS.has(head)) return verdict('organisation', `${quoted(headWord.text)} heads the name`);
  if (name.length >= 2 && PLACE_HEADS.has(head)) return verdict('place', `${quoted(headWord.text)} heads the name`);
  if (isDemonym(last)) return NOTHING;
  // "joined The Times", "since joining The Post": a capitalised "The" inside a sentence before a word that heads
  // organisations is a publication's or an institution's name.
  const the = words[first.index - 1];
  if (name.length === 1 && the?.text === 'The' && the.joinsNext && !the.initial && ORG_HEADS.has(last.lower)) {
    return verdict('organisation', `${quoted(`The ${last.text}`)} is a publication’s name`);
  }
  if (name.length === 1 && (last.tags.has('Plural') || DIRECTIONS.has(last.lower) || CORPORATE_SUFFIXES.has(last.lower))) return NOTHING;
  // "a Navy veteran", "in the Navy", "the Court ruled": an institution's word, capitalised inside a sentence.
  if (name.length === 1 && INSTITUTION_WORDS.has(last.lower) && !first.initial && !first.headline) return verdict('organisation', `${quoted(first.text)}, capitalised, is an institution’s name`);
  // What compromise's lexicon says of the name out of context: "Egypt" stays a country in "Egypt’s Islamist
  // Muslim Brotherhood", "Obama" a surname in "the Obama administration".
  const known = lexiconTags(lowers.join(' '));
  if (known.some((tag) => ['Country', 'City', 'Region'].includes(tag))) return verdict('place', 'compromise knows it as a place');
  if (name.length === 1 && known.some((tag) => NAME_TAGS.includes(tag))) return verdict('person', 'compromise knows it as a person’s name');
  if (known.includes('Organization')) return verdict('organisation', 'compromise knows it as an organisation');
  // "SpaceX", "YouTube": a capital inside a word is a brand's, a company's.
  // "CNNMoney": an acronym glued to a word.
  const glued = /^\p{Lu}{2,}(\p{Lu}\p{Ll}{2,})$/u.exec(first.text);
  if (name.length === 1 && (/^\p{Lu}\p{Ll}+\p{Lu}/u.test(first.text) || (glued && lexiconTags(glued[1].toLowerCase()).length > 0))) {
    return verdict('organisation', 'a capital inside the word, as brands write their names');
  }
  return undefined;
}

/** What the words around the name say. */
function kindOfContext(name: Word[], context: NameContext, before: Word | undefined, after: Word | undefined): KindVerdict | undefined {
  const { words } = context;
  const last = name[name.length - 1];
  // "the Likud party", "her G40 political faction", "the Walkley journalism foundation", "Yahoo shareholders"
  const afterModifier = after && after.joinsNext && isNounAfter(after) ? words[after.index + 1] : undefined;
  const orgNoun = (word: Word | undefined) => !!word && (ORG_NOUNS.has(word.lower) || ORG_ATTRIBUTES.has(word.lower));
  if (!last.possessive && orgNoun(after)) return verdict('organisation', `${quoted(after!.text)} follows it`);
  if (!last.possessive && afterModifier && ORG_NOUNS.has(afterModifier.lower)) return verdict('organisation', `${quoted(`${after!.text} ${afterModifier.text}`)} follows it`);
  // "Amazon-owned Whole Foods"; "Seattle-based"
  if (name.length === 1 && last.compound === 'owned') return verdict('organisation', `it owns something (${quoted(`${last.text}-owned`)})`);
  if (last.compound === 'based') return verdict('place', `things are based there (${quoted(`${last.text}-based`)})`);
  // "the remote Russian Tuva region"
  if (!last.possessive && after && PLACE_NOUNS.has(after.lower)) return verdict('place', `${quoted(after.text)} follows it`);
  // "Ketchikan, Alaska", "Baikonur, Kazakhstan": a name before a comma and a country, state or city is a place.
  const comma = context.text.slice(last.end, last.end + 2) === ', ' ? words[last.index + 1] : undefined;
  const placeAfterComma = comma && !comma.possessive && !(comma.joinsNext && isNounAfter(words[comma.index + 1]));
  if (placeAfterComma && lexiconTags(comma.lower).some((tag) => ['Country', 'Region', 'City'].includes(tag)) && !has(last, PERSON_TAGS)) {
    return verdict('place', `a place follows it (${quoted(`, ${comma.text}`)})`);
  }
  // "rescue group Project Jonah", "the newspaper Rodong Sinmun", "Mugabe's ruling Zanu-PF"
  if (before && (ORG_NOUNS.has(before.lower) || before.lower === 'ruling')) return verdict('organisation', `${quoted(before.text)} stands before it`);
  // "a reporter for Breitbart Tech", "a professor at Harvard", "a senior fellow at the Council on Foreign Relations":
  // people work for and at organisations.
  const preposition = before && ARTICLES.has(before.lower) ? wordBefore([before], words) : before;
  const role = preposition && (preposition.lower === 'for' || preposition.lower === 'at') ? wordBefore([preposition], words) : undefined;
  if (role && ROLE_NOUNS.has(role.lower) && !/^\p{Lu}/u.test(role.text)) return verdict('organisation', `someone is ${quoted(`${role.text} ${preposition!.text}`)} it`);
  // "the Biden administration": administrations are named after their leaders.
  if (!last.possessive && after?.lower === 'administration' && name.length <= 3) return verdict('person', 'an administration is named after it');
  // "the Libyan city of Sirte"
  const of = before?.lower === 'of' ? wordBefore([before], words) : undefined;
  if (of && PLACE_NOUNS.has(of.lower)) return verdict('place', `${quoted(`${of.text} of`)} stands before it`);
  if (context.title) return verdict('person', `a title stands before it (${quoted(context.title)})`);
  // What an appositive says it is: "Ajmi Lourimi, a member of …", "Ansar al-Sharia, an al-Qaeda-linked
  // organization", "Pyeongtaek, a city south of Seoul"; "the priest, Fidelis Mukonori,".
  if (!context.sentence) return undefined;
  const span = { start: name[0].start, end: last.end };
  const head = appositiveHead(context.text, span, context.sentence).at(-1);
  if (head && ROLE_NOUNS.has(head)) return verdict('person', `the article calls it ${quoted(head)}`);
  if (head && ORG_NOUNS.has(head)) return verdict('organisation', `the article calls it ${quoted(head)}`);
  if (head && PLACE_APPOSITIVES.has(head)) return verdict('place', `the article calls it ${quoted(head)}`);
  if (roleBefore(context.text, span, context.sentence)) return verdict('person', 'a role is given before the name');
  return undefined;
}

/**
 * What compromise's tags in context say: the last word weighs most ("Korean Central News Agency"). A single word
 * used as an adjective ("a traditional Māori design") is no name of anything here.
 */
function kindOfTags(name: Word[], after: Word | undefined): KindVerdict | undefined {
  const last = name[name.length - 1];
  if (name.length === 1 && !last.possessive && after && isNounAfter(after)) return undefined;
  // "John Knoll": a first name the lexicon knows, before a word it knows as no place and no organisation, whatever
  // compromise guesses in context.
  const first = name[0];
  const firstName = lexiconTags(first.lower);
  const lastKnown = lexiconTags(last.lower);
  if (name.length >= 2 && name.length <= 3 && ['FirstName', 'MaleName', 'FemaleName'].some((tag) => firstName.includes(tag)) && !firstName.some((tag) => PLACE_TAGS.includes(tag)) && !lastKnown.some((tag) => [...PLACE_TAGS, 'Organization'].includes(tag)) && name.every((word) => UPPER.test(word.text))) {
    return verdict('person', `compromise knows ${quoted(first.text)} as a first name`);
  }
  const count = (tags: string[]) => name.filter((word) => has(word, tags)).length;
  const person = count(PERSON_TAGS);
  const place = count(PLACE_TAGS);
  const org = count(ORG_TAGS);
  // A first name opens a person's name ("Tony Abbott’s office" is no organisation).
  if (name.length >= 2 && name[0].tags.has('FirstName') && !has(name[0], [...PLACE_TAGS, ...ORG_TAGS])) {
    return verdict('person', `compromise knows ${quoted(name[0].text)} as a first name`);
  }
  const tagged = (kind: EntityKind) => verdict(kind, `compromise reads it as ${kindWords(kind)} here`);
  if (has(last, ORG_TAGS) && org >= person) return tagged('organisation');
  if (has(last, PLACE_TAGS) && place >= person) return tagged('place');
  if (person > 0 && person >= place && person >= org) return tagged('person');
  if (org > 0 && org >= place) return tagged('organisation');
  if (place > 0) return tagged('place');
  return undefined;
}

/** Weak clues for names nothing else types: a verb of saying, a preposition of place. */
function kindOfClues(name: Word[], before: Word | undefined, after: Word | undefined, words: Word[]): KindVerdict | undefined {
  const unknown = name.every((word) => !isCommonWord(word.lower) && !isAcronym(word));
  if (!unknown) return undefined;
  // "Yoon Suk-Yeol said", "said Fumio Kishida"; not "the Rodong Sinmun said": people's names take no article.
  const article = before !== undefined && ARTICLES.has(before.lower);
  const verb = after !== undefined && SPEECH_VERBS.has(after.lower) ? after : before !== undefined && SPEECH_VERBS.has(before.lower) ? before : undefined;
  if (verb && !article && name.length >= 2 && name.length <= 4) return verdict('person', `a name that speaks (${quoted(verb.text)})`);
  // "the Rodong Sinmun said": what speaks with an article before its name is an organisation (or its newspaper).
  if (verb && verb === after && article && name.length <= 4) return verdict('organisation', `${quoted(`the … ${verb!.text}`)}: an organisation speaks`);
  // "bought Snapchat instead of Tumblr", "acquired Instagram": what is bought and sold is a company.
  const deal = before !== undefined && ACQUISITION_VERBS.has(before.lower) ? before : undefined;
  const alternative = before?.lower === 'of' && wordBefore([before], words)?.lower === 'instead' ? before : undefined;
  if ((deal || alternative) && name.length <= 3) return verdict('organisation', `a company is bought or sold (${quoted(`${(deal ?? alternative)!.text} …`)})`);
  // "Osan Air Base in Pyeongtaek"; not "in Mnangagwa’s removal", not "from Islamist violence".
  if (before !== undefined && LOCATIVES.has(before.lower) && !name[name.length - 1].possessive && !(after && isNounAfter(after))) {
    return { ...verdict('place', `an unknown name after ${quoted(before.text)}`), weak: true };
  }
  return undefined;
}

/** The name's kind and why, strongest evidence first; undefined when nothing says (such names are left out). */
export function kindOf(name: Word[], context: NameContext): KindVerdict | undefined {
  const before = wordBefore(name, context.words);
  const after = wordAfter(name, context.words);
  const own = kindOfWords(name, after, context.words);
  if (own !== undefined) return own ? { ...own, own: true } : undefined;
  return kindOfContext(name, context, before, after) ?? kindOfTags(name, after) ?? kindOfClues(name, before, after, context.words);
}
