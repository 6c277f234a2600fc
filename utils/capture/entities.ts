import type { EntityKind } from '../bundle/schema';
import { aliasKey } from '../match/normalize';
import { appositiveHead, roleBefore } from './describe';
import { kindOf, kindOfWords, kindWords, quoted, wordAfter, type KindVerdict } from './kinds';
import {
  ACRONYM_KINDS, CORPORATE_SUFFIXES, DIRECTIONS, EQUIPMENT_NOUNS, EVENT_HEADS, LAW_WORDS, EVENT_NAMES, EVENT_NOUNS, EXERCISE_NOUNS, MEETING_NOUNS, NEWS_AGENCIES, OF_WORDS, ORG_HEADS, OUTBREAK_NOUNS,
  NAME_PARTICLES, PARTY_MEMBERS, PLACE_HEADS, PORTFOLIOS, QUALIFIERS, ROLE_NOUNS, TITLES, TREATY_MODIFIERS, TREATY_NOUNS, TREATY_NOUNS_NEEDING_A_MODIFIER, TREATY_WORDS,
} from './lexicon';
import { shoutedBylineOrganisation, type Credit, type CreditKind } from './credits';
import type { MetadataThing } from './metadata';
import { sentenceAt, type Span } from './sentences';
import type { KnownName } from './types';
import {
  chunks, FUNCTION_TAGS, has, isAcronym, isCommonWord, isDemonym, lexiconTags, ORG_TAGS, PERSON_TAGS, PLACE_TAGS, UPPER,
  wordsOf, type Word,
} from './words';

/**
 * The entities an article names: its proper-name chunks (words.ts), cut at titles, typed (kinds.ts), merged where
 * the article writes one entity several ways ("Jens Stoltenberg" … "Stoltenberg"; "North Atlantic Treaty
 * Organization (NATO)"; a name in the reader's notes), then every form found again in the text, so that an
 * entity's mentions are all of its occurrences.
 */

export interface FoundEntity {
  name: string;
  kind: EntityKind;
  /** Why it has that kind, for the reader: the evidence of its strongest form ("“Agency” heads the name"). */
  kindReason: string;
  /** Every form the article uses for it, the name included, as written (possessives dropped). */
  forms: string[];
  /** Every occurrence of one of its forms, in text order. */
  mentions: Span[];
  /** Its names are another's with common words ("war in Ukraine"): a mention of it is one of that name's too. */
  wraps?: boolean;
}

interface Candidate {
  words: Word[];
  start: number;
  end: number;
  text: string;
  key: string;
  kind?: EntityKind;
  /** Why it has that kind. */
  reason?: string;
  /** Its kind rests on a weak clue only ("in" before it): a list beside it says more. */
  weak?: boolean;
  /** Its kind comes from its own words (a head word, an acronym, the lexicon). */
  own?: boolean;
  /** A title or a role says who the name is ("President Yoon", "the priest, Fidelis Mukonori,"). */
  introduced: boolean;
  known?: KnownName;
  /** A reader's single-word name for a person that counts once the article names that person more fully. */
  evidenceFor?: KnownName;
  /** An event's place or people ("place:ukraine" of "war in Ukraine", "people:russian" of "Russian invasion"). */
  about?: string;
  /** A name made of another name and common words ("Gaza conflict", "Iran nuclear deal"): it names that one too. */
  phrase?: boolean;
}

const isTitleWord = (word: Word) => TITLES.has(word.lower.replace(/\.$/, '')) || word.tags.has('Honorific');

/** What remains after a title reads as a person's name (not "General Assembly", not "Minister of Defence"). */
function personAfterTitle(rest: Word[]): boolean {
  if (!rest.length) return false;
  const last = rest[rest.length - 1];
  if ([ORG_HEADS, PLACE_HEADS, EVENT_HEADS, TREATY_WORDS].some((heads) => heads.has(last.lower))) return false;
  if (rest.some((word) => has(word, PERSON_TAGS))) return true;
  // "Secretary of State Condoleezza Rice": a first word the lexicon does not know (whatever compromise guesses in
  // context), then a surname that may be a common word.
  const unknownFirst = lexiconTags(rest[0].lower).length === 0 && !isAcronym(rest[0]);
  if (rest.length >= 2 && rest.length <= 3 && unknownFirst && rest.every((word) => UPPER.test(word.text))) return true;
  if (rest.some((word) => has(word, [...PLACE_TAGS, ...ORG_TAGS]) || isAcronym(word))) return false;
  return rest.every((word) => !isCommonWord(word.lower));
}

/** Whether an appositive's head is a role ("a member", "the British defence secretary"). */
function isRole(heads: string[]): boolean {
  return ROLE_NOUNS.has(heads.at(-1) ?? '');
}

/** The words as one phrase, spaces normalised. */
function textOf(words: Word[]): string {
  return words.map((word) => word.text).join(' ');
}

/** Consecutive runs of words (a chunk with its title words taken out falls into runs). */
function runs(words: Word[]): Word[][] {
  const out: Word[][] = [];
  for (const word of words) {
    const run = out[out.length - 1];
    if (run && run[run.length - 1].index === word.index - 1) run.push(word);
    else out.push([word]);
  }
  return out;
}

const FIRST_NAME_TAGS = ['FirstName', 'MaleName', 'FemaleName'];
const isFirstName = (word: Word) => has(word, FIRST_NAME_TAGS) || lexiconTags(word.lower).some((tag) => FIRST_NAME_TAGS.includes(tag));

/**
 * Where a second person's name starts in a run of four or more capitalised words with no particle, title or "of"
 * ("Zohar Lahav David Morales" → 2): a first name after two words of a name, before its surname; -1 when none.
 */
function secondPersonAt(words: Word[]): number {
  if (words.length < 4 || words.length > 6) return -1;
  if (words.some((word) => !UPPER.test(word.text) || NAME_PARTICLES.has(word.lower) || OF_WORDS.has(word.lower) || isTitleWord(word) || isAcronym(word))) return -1;
  if (words.some((word) => has(word, [...PLACE_TAGS, ...ORG_TAGS]) || isCommonWord(word.lower))) return -1;
  for (let i = 2; i <= words.length - 2; i++) if (isFirstName(words[i]) && !isFirstName(words[i - 1])) return i;
  return -1;
}

/**
 * Splits a chunk at its titles: "US Defense Secretary Lloyd Austin" → "US" and the titled "Lloyd Austin";
 * "NATO Secretary General Jens Stoltenberg" → "NATO" and "Jens Stoltenberg". Leading function words go ("The").
 */
function splitChunk(whole: Word[], words: Word[]): { words: Word[]; title?: string; verdict?: KindVerdict }[] {
  // "Business Insider Inc Nintendo": a company's legal suffix ends its name.
  const suffix = whole.findIndex((word, i) => i > 0 && i < whole.length - 1 && CORPORATE_SUFFIXES.has(word.lower));
  if (suffix > 0) return [...splitChunk(whole.slice(0, suffix + 1), words), ...splitChunk(whole.slice(suffix + 1), words)];
  const chunk = whole;
  let lastTitle = -1;
  for (let i = 0; i < chunk.length; i++) {
    const word = chunk[i];
    if (isTitleWord(word)) lastTitle = i;
    else if (lastTitle === i - 1 && (word.lower === 'of' || word.lower === 'for')) {
      // "Secretary of Defense", "Minister for Foreign Affairs": the portfolio belongs to the title.
      let j = i + 1;
      while (j < chunk.length - 1 && PORTFOLIOS.has(chunk[j].lower)) j++;
      if (j > i + 1) {
        lastTitle = j - 1;
        i = j - 1;
      }
    }
  }
  const notTitle = (word: Word) => !isTitleWord(word) && !PORTFOLIOS.has(word.lower) && !OF_WORDS.has(word.lower);
  const parts: { words: Word[]; title?: string; verdict?: KindVerdict }[] = [];
  const rest = chunk.slice(lastTitle + 1);
  // A chunk of titles and initials alone names nobody ("Mr. President", "Q Mr."); a title word last with a name
  // before it is a surname ("Gayle King").
  if (chunk.every((word) => isTitleWord(word) || /^\p{Lu}\.?$/u.test(word.text) || OF_WORDS.has(word.lower))) return [];
  if (lastTitle >= 0 && personAfterTitle(rest)) {
    // Names inside the title ("NATO" of "NATO Secretary General", "US" of "US Defense Secretary").
    for (const run of runs(chunk.slice(0, lastTitle + 1).filter(notTitle))) {
      // "the Virginia Democrat Mark Warner": the name before a party's member is a state's.
      const party = words[run[run.length - 1].index + 1];
      const state = party && PARTY_MEMBERS.has(party.lower) && !isCommonWord(run[run.length - 1].lower);
      parts.push({ words: run, ...(state ? { verdict: { kind: 'place' as const, reason: `a state before ${quoted(party.text)}` } } : {}) });
    }
    // The title as written: the run of title words that ends right before the name ("Secretary of Defense").
    let from = lastTitle;
    while (from > 0 && (isTitleWord(chunk[from - 1]) || PORTFOLIOS.has(chunk[from - 1].lower) || OF_WORDS.has(chunk[from - 1].lower))) from--;
    parts.push({ words: rest, title: textOf(chunk.slice(from, lastTitle + 1)) });
  } else {
    const before = words[chunk[0].index - 1];
    const titled = before !== undefined && before.joinsNext && isTitleWord(before) && !QUALIFIERS.has(before.lower);
    parts.push({ words: chunk, title: titled ? before.text : undefined });
  }
  for (const part of parts) {
    while (part.words.length > 1 && (has(part.words[0], FUNCTION_TAGS) || OF_WORDS.has(part.words[0].lower))) part.words.shift();
  }
  // "Zohar Lahav David Morales": two people written side by side with no comma between them.
  const split = parts.flatMap((part) => {
    const at = part.verdict ? -1 : secondPersonAt(part.words);
    return at < 0 ? [part] : [{ ...part, words: part.words.slice(0, at) }, { words: part.words.slice(at) }];
  });
  return split.filter((part) => part.words.length && !(part.words.length === 1 && (has(part.words[0], FUNCTION_TAGS) || /^\p{Lu}\.?$/u.test(part.words[0].text))));
}

/** Words compromise's lexicon knows as a country, a city or a region ("United States"). */
function isPlaceWord(words: Word[]): boolean {
  return lexiconTags(words.map((word) => word.lower).join(' ')).some((tag) => PLACE_TAGS.includes(tag));
}

/** How many words at the start of a name are a demonym ("German", "South Korean"). */
function leadingDemonyms(words: Word[]): number {
  let count = 0;
  while (count < words.length && (isDemonym(words[count]) || (words[count + 1] && DIRECTIONS.has(words[count].lower) && isDemonym(words[count + 1])))) count++;
  return count;
}

/** How many words at the start of a treaty's name name its sponsor ("United Nations", "UN", "EU"). */
function sponsorLength(words: Word[]): number {
  let count = 0;
  while (count < words.length - 2 && (has(words[count], ORG_TAGS) || isAcronym(words[count]))) count++;
  return count;
}

/** "North Atlantic Treaty Organization" → "NATO"; "Republic of Korea" → "ROK" or "RK". */
function initials(text: string): string[] {
  const words = text.split(/\s+/);
  const capitals = words.filter((word) => UPPER.test(word)).map((word) => word[0]).join('');
  const all = words.filter((word) => /^\p{L}/u.test(word)).map((word) => word[0].toUpperCase()).join('');
  return [capitals, all];
}

/** Union–find over candidate keys. */
class Groups {
  private parent = new Map<string, string>();
  find(key: string): string {
    if (!this.parent.has(key)) this.parent.set(key, key);
    let root = key;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    return root;
  }
  union(from: string, into: string): void {
    const a = this.find(from);
    const b = this.find(into);
    if (a !== b) this.parent.set(a, b);
  }
}

/** "the page’s metadata (JSON-LD) lists it as an Organization", "… names it as the article’s author". */
function metadataReason(thing: MetadataThing): string {
  if (thing.role === 'author' && thing.kind === 'person') return 'the page’s metadata (JSON-LD) names it as an author';
  if (thing.role === 'about') return `the page’s metadata (JSON-LD) says the article is about it, ${kindWords(thing.kind)}`;
  return `the page’s metadata (JSON-LD) lists it as ${/^[AEIOU]/.test(thing.type) ? 'an' : 'a'} ${thing.type}`;
}

/** A credit's chunk with a word said twice cut in two: "AFP AFP" of "Lee Jin-man/ POOL / AFP AFP – LEE JIN-MAN". */
function repeatedApart(chunk: Word[]): Word[][] {
  const pieces: Word[][] = [[chunk[0]]];
  for (let i = 1; i < chunk.length; i++) {
    if (chunk[i].lower === chunk[i - 1].lower) pieces.push([chunk[i]]);
    else pieces[pieces.length - 1].push(chunk[i]);
  }
  return pieces;
}

/**
 * What a name in a credit, a byline or a dateline's brackets is: an agency we know ("AFP", "Getty Images"), what its
 * own words say when they say an organisation or a place ("The New York Times", "Moscow"), else a person when it is
 * two to four capitalised words ("Lee Jin-man", "JIM WATSON", "Marcia Dunn"). A lone unknown word ("Supplied") is
 * nothing.
 */
function creditVerdict(part: Word[], title: string | undefined, what: CreditKind, words: Word[]): KindVerdict | undefined {
  const phrase = part.map((word) => word.lower).join(' ');
  if (NEWS_AGENCIES.has(phrase)) return { kind: 'organisation', reason: what === 'dateline' ? 'the news agency of the dateline' : `a news agency named in a ${what}` };
  const own = kindOfWords(part, wordAfter(part, words), words);
  if (own === null) return undefined;
  if (own?.kind === 'organisation') return { kind: 'organisation', reason: `an organisation named in a ${what}` };
  if (own && own.kind !== 'person') return own;
  if (title) return { kind: 'person', reason: `named in a ${what}, after a title (${quoted(title)})` };
  if (part.length >= 2 && part.length <= 4 && part.every((word) => UPPER.test(word.text) || word.text.length <= 3)) return { kind: 'person', reason: `named in a ${what}` };
  return undefined;
}

/** "MOSCOW (AP) —", "SEOUL, Aug. 20 (Yonhap) --", "LONDON —": what follows a dateline's place. */
const DATELINE_AFTER = /^\s*(?:\([^)\n]{1,30}\)\s*)?(?:,[^\n—–()]{1,30}?\s*)?(?:\([^)\n]{1,30}\)\s*)?(?:—|–|--)\s/;

/**
 * A dateline opening a paragraph ("AUSTIN (KXAN) —", "Washington CNN —") names the place the story was filed from;
 * a news organisation glued to it ("CNN") is that organisation.
 */
function datelineParts(chunk: Word[], text: string): { words: Word[]; verdict: KindVerdict }[] | undefined {
  const first = chunk[0];
  const last = chunk[chunk.length - 1];
  if (!(first.start === 0 || text[first.start - 1] === '\n') || !DATELINE_AFTER.test(text.slice(last.end, last.end + 48))) return undefined;
  const place: KindVerdict = { kind: 'place', reason: 'a dateline: where the story was filed' };
  if (chunk.length >= 2 && isAcronym(last) && isPlaceWord(chunk.slice(0, -1))) {
    return [{ words: chunk.slice(0, -1), verdict: place }, { words: [last], verdict: { kind: 'organisation', reason: 'the news organisation of the dateline' } }];
  }
  const shouted = chunk.every((word) => !/\p{Ll}/u.test(word.text));
  return shouted || isPlaceWord(chunk) ? [{ words: chunk, verdict: place }] : undefined;
}

/** The names of the article as typed candidates, in text order. */
function candidatesOf(
  text: string,
  words: Word[],
  sentences: Span[],
  credits: Credit[],
  known: Map<string, KnownName>,
  typedByPage: Map<string, KindVerdict>,
): Candidate[] {
  const candidates: Candidate[] = [];
  const add = (part: Word[], title: string | undefined, given?: KindVerdict) => {
    const first = part[0];
    const last = part[part.length - 1];
    const candidateText = text.slice(first.start, last.end);
    const key = aliasKey(candidateText);
    if (!key) return;
    const sentence = sentenceAt(sentences, first.start);
    const span = { start: first.start, end: last.end };
    const administration = last.joinsNext && words[last.index + 1]?.lower === 'administration';
    const role = !!sentence && (isRole(appositiveHead(text, span, sentence)) || roleBefore(text, span, sentence));
    const introduced = title !== undefined || role || administration;
    const entry = known.get(key);
    // A reader's single-word name for a person ("Austin") needs evidence here: a title, or a fuller form.
    const knownEntry = entry && !(entry.kind === 'person' && !key.includes(' ') && !introduced) ? entry : undefined;
    const typed = knownEntry
      ? { kind: knownEntry.kind, reason: `already in your notes as ${kindWords(knownEntry.kind)}` }
      : (typedByPage.get(key) ?? given ?? kindOf(part, { text, words, sentence, title }));
    candidates.push({
      words: part,
      start: first.start,
      end: last.end,
      text: candidateText,
      key,
      introduced,
      known: knownEntry,
      evidenceFor: entry && !knownEntry ? entry : undefined,
      kind: typed?.kind,
      reason: typed?.reason,
      weak: typed?.weak,
      own: typed?.own,
    });
  };
  for (const chunk of chunks(words, text)) {
    if (chunk[0].credit) {
      for (const { words: part, title } of repeatedApart(chunk).flatMap((piece) => splitChunk(piece, words))) {
        const verdict = creditVerdict(part, title, chunk[0].credit, words);
        if (verdict) add(part, title, verdict);
      }
      continue;
    }
    const dateline = datelineParts(chunk, text);
    if (dateline) {
      for (const { words: part, verdict } of dateline) add(part, undefined, verdict);
      continue;
    }
    for (const { words: part, title, verdict } of splitChunk(chunk, words)) {
      if (verdict || known.has(aliasKey(text.slice(part[0].start, part[part.length - 1].end)))) {
        add(part, title, verdict);
        continue;
      }
      const context = (name: Word[]) => ({ text, words, sentence: sentenceAt(sentences, name[0].start), title });
      // "German Leopard 2", "South Korean Yoon Suk Yeol", "Russian Tuva": a demonym before a weapon, a person or a
      // place is no part of it.
      const demonyms = leadingDemonyms(part);
      const rest = part.slice(demonyms);
      if (demonyms && rest.length) {
        const typed = kindOf(rest, context(rest));
        const kind = typed?.kind;
        // (Not before a place's own word: "Korean Peninsula", "Arabian Sea".)
        const compound = PLACE_HEADS.has(part[part.length - 1].lower);
        if (kind === 'equipment' || kind === 'person' || (kind === 'place' && !compound)) {
          add(rest, title, typed);
          continue;
        }
      }
      // "Virginia Democrat", "House Republicans": a party's member is no name; the state before it is a place's.
      if (part.length >= 2 && PARTY_MEMBERS.has(part[part.length - 1].lower)) {
        const state = part.slice(0, -1);
        // (Not "House Republicans": a common word names no state.)
        if (!isCommonWord(state[state.length - 1].lower)) add(state, undefined, { kind: 'place', reason: `a state before ${quoted(part[part.length - 1].text)}` });
        continue;
      }
      // "NATO Allies", "United States Embassies": a place or an acronym with a common plural after it is that name.
      const plural = part[part.length - 1];
      const head = part.slice(0, -1);
      const headIsName = head.length === 1 ? isAcronym(head[0]) || isPlaceWord(head) : head.length > 1 && isPlaceWord(head);
      const commonAfter = isCommonWord(plural.lower) && !ORG_HEADS.has(plural.lower) && !PLACE_HEADS.has(plural.lower) && !EVENT_HEADS.has(plural.lower) && !TREATY_WORDS.has(plural.lower) && !LAW_WORDS.has(plural.lower);
      // ("U.S. Military", "U.S. Flag": a country's name before any common noun is that country's.)
      const placeHead = isPlaceWord(head) || (head.length === 1 && ACRONYM_KINDS[head[0].lower.replace(/\./g, '')] === 'place');
      if (headIsName && commonAfter && (plural.tags.has('Plural') || placeHead) && !EQUIPMENT_NOUNS.has(plural.lower)) {
        add(head, title);
        continue;
      }
      // "United Nations Arms Trade Treaty": the organisation and the treaty it sponsors are two names; "U.N. Charter"
      // is the treaty's whole name, which names the United Nations too.
      const treaty = kindOf(part, context(part))?.kind === 'treaty';
      const sponsor = treaty ? sponsorLength(part) : 0;
      if (sponsor) {
        add(part.slice(0, sponsor), undefined);
        add(part.slice(sponsor), undefined);
        continue;
      }
      if (treaty && part.length === 2 && isAcronym(part[0])) {
        add(part.slice(0, 1), undefined);
        add(part, title);
        candidates[candidates.length - 1].phrase = true;
        continue;
      }
      add(part, title);
    }
  }
  // "LAURIE OAKES IS THE NINE NETWORK POLITICAL EDITOR": the author's organisation, whose words are shouted.
  for (const credit of credits) {
    const span = credit.what === 'byline' ? shoutedBylineOrganisation(text, credit) : undefined;
    const part = span ? words.filter((word) => word.start >= span.start && word.end <= span.end) : [];
    if (part.length) add(part, undefined, { kind: 'organisation', reason: 'an organisation named in a byline' });
  }
  candidates.push(...namedPhrases(text, words, candidates));
  // Lists are of one kind: "cabinet ministers Jonathan Moyo and Saviour Kasukuwere", "Walmart, Kroger and Costco".
  // An untyped name listed right beside a person, an organisation or a place takes that kind.
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < candidates.length; i++) {
      const candidate = candidates[i];
      if ((candidate.kind && !candidate.weak) || candidate.words.some((word) => isCommonWord(word.lower) || isDemonym(word))) continue;
      // A comma lists only when the list goes on after the name ("Walmart, Kroger and Costco"), not before a verb.
      const continues = /^(?:,| and|, and|, or| or) /.test(text.slice(candidate.end, candidate.end + 6));
      for (const other of [candidates[i - 1], candidates[i + 1]]) {
        if (!other?.kind || !['person', 'organisation', 'place'].includes(other.kind)) continue;
        if (other.kind === 'person' && (candidate.words.length < 2 || other.words.length < 2)) continue;
        const left = other.end <= candidate.start;
        const between = left ? text.slice(other.end, candidate.start) : text.slice(candidate.end, other.start);
        if (/^(?:,? and|,? or)(?: the)? $/.test(between) || (between === ', ' && (!left || continues))) {
          if (candidate.kind === other.kind) break;
          candidate.kind = other.kind;
          candidate.weak = false;
          candidate.reason = `listed beside ${quoted(other.text)}, ${kindWords(other.kind)}`;
          break;
        }
      }
    }
  }
  return candidates;
}

/**
 * Names of events and treaties that are partly written in lower case, or carry no event word:
 * - a noun of war before "in"/"of" and a place the article names ("war in Ukraine", "conflict in Darfur"), after a
 *   demonym ("Russian invasion") or after a place ("Gaza conflict"); a meeting after a place or an organisation
 *   ("NATO summit", "Madrid peace talks"); a disease's name before "pandemic" ("COVID-19 pandemic");
 * - events known by a bare name ("9/11", "Brexit");
 * - a treaty noun after a place, with what it is about when the noun is a vague one ("Iran nuclear deal", "Oslo
 *   accords").
 * Events about a place carry it (`about`), so that the article's names for one war are one entity.
 */
function namedPhrases(text: string, words: Word[], candidates: Candidate[]): Candidate[] {
  const placeStarts = new Map(candidates.filter((candidate) => candidate.kind === 'place').map((candidate) => [candidate.start, candidate]));
  const nameEnds = new Map(candidates.filter((candidate) => candidate.kind === 'place' || candidate.kind === 'organisation').map((candidate) => [candidate.end, candidate]));
  const out: Candidate[] = [];
  const push = (from: Word, last: Word, kind: EntityKind, reason: string, about?: string) => {
    let first = from;
    while (first.index < last.index && (first.lower === 'the' || has(first, ['Determiner']))) first = words[first.index + 1];
    const phrase = text.slice(first.start, last.end);
    out.push({ words: words.slice(first.index, last.index + 1), start: first.start, end: last.end, text: phrase, key: aliasKey(phrase), kind, reason, introduced: false, about, phrase: true });
  };
  const anyEnds = new Map(candidates.map((candidate) => [candidate.end, candidate]));
  /** The place or organisation whose name ends right before `word`, with one space between. */
  const nameBefore = (word: Word, kinds: EntityKind[]) => {
    const prev = words[word.index - 1];
    const name = prev?.joinsNext && !prev.possessive ? nameEnds.get(prev.end) : undefined;
    return name && name.kind && kinds.includes(name.kind) ? name : undefined;
  };
  /** Any name (not a person's) that ends right before `word`: "New START" of "the New START treaty". */
  const anyNameBefore = (word: Word) => {
    const prev = words[word.index - 1];
    const name = prev?.joinsNext && !prev.possessive ? anyEnds.get(prev.end) : undefined;
    return name && name.kind !== 'person' && !name.phrase ? name : undefined;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word.credit || UPPER.test(word.text)) continue;
    const prev = i > 0 && words[i - 1].joinsNext ? words[i - 1] : undefined;
    const next = word.joinsNext ? words[i + 1] : undefined;
    if (EVENT_NOUNS.has(word.lower)) {
      const place = next && next.joinsNext && (next.lower === 'in' || next.lower === 'of') ? placeStarts.get(words[i + 2]?.start) : undefined;
      const demonym = prev && isDemonym(prev) && UPPER.test(prev.text) ? prev : undefined;
      const placeBefore = !demonym ? nameBefore(word, ['place']) : undefined;
      if (place) push(demonym ?? word, place.words[place.words.length - 1], 'event', `a war word before a place (${quoted(`${word.text} ${next!.text}`)})`, `place:${place.key}`);
      else if (demonym) push(demonym, word, 'event', `a war word after a people’s name (${quoted(`${demonym.text} ${word.text}`)})`, `people:${demonym.lower}`);
      else if (placeBefore) push(placeBefore.words[0], word, 'event', `a war word after a place (${quoted(word.text)})`, `place:${placeBefore.key}`);
      continue;
    }
    const meeting = MEETING_NOUNS.has(word.lower) ? word : next && MEETING_NOUNS.has(`${word.lower} ${next.lower}`) ? next : undefined;
    const host = meeting ? nameBefore(word, ['place', 'organisation']) : undefined;
    if (meeting && host) {
      push(host.words[0], meeting, 'event', `a meeting named after a ${host.kind === 'place' ? 'place' : 'body'} (${quoted(text.slice(word.start, meeting.end))})`);
      continue;
    }
    if (OUTBREAK_NOUNS.has(word.lower) && prev && UPPER.test(prev.text) && !isCommonWord(prev.lower) && !isDemonym(prev)) {
      push(prev, word, 'event', `a disease’s name before ${quoted(word.text)}`);
      continue;
    }
    if (TREATY_NOUNS.has(word.lower)) {
      const modifier = prev && TREATY_MODIFIERS.has(prev.lower) ? prev : undefined;
      const place = nameBefore(modifier ?? word, ['place']);
      // A plain treaty word may follow any name ("the New START treaty", "the INF treaty"); a vague one ("deal")
      // only a place's with what it is about ("the Iran nuclear deal").
      const plain = !modifier && !TREATY_NOUNS_NEEDING_A_MODIFIER.has(word.lower);
      let named = plain ? anyNameBefore(word) : undefined;
      // "the New START treaty", "the SALT treaty": an acronym that is also a word, which is no name alone.
      const acronym = plain && !named && prev && /^\p{Lu}{2,}$/u.test(prev.text) ? prev : undefined;
      if (acronym) {
        const opener = words[acronym.index - 1]?.joinsNext && UPPER.test(words[acronym.index - 1].text) ? words[acronym.index - 1] : acronym;
        named = { words: words.slice(opener.index, acronym.index + 1) } as Candidate;
      }
      if (place && (modifier || !TREATY_NOUNS_NEEDING_A_MODIFIER.has(word.lower))) {
        push(place.words[0], word, 'treaty', `a treaty word after a place (${quoted(text.slice((modifier ?? word).start, word.end))})`);
      } else if (named) {
        push(named.words[0], word, 'treaty', `a treaty word after a name (${quoted(word.text)})`);
      }
      continue;
    }
    // "the Ulchi Freedom Shield exercise", "Freedom Shield drills"
    const exercise = EXERCISE_NOUNS.has(word.lower) ? anyNameBefore(word) : undefined;
    if (exercise && exercise.kind !== 'place') push(exercise.words[0], word, 'event', `a military exercise’s name (${quoted(word.text)})`);
  }
  // "9/11", "Brexit": events known by their bare name.
  for (const name of EVENT_NAMES) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}/])${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\p{L}\\p{N}/])`, 'gu');
    for (const match of text.matchAll(pattern)) {
      const inside = words.filter((word) => word.start >= match.index && word.end <= match.index + name.length && !word.credit);
      if (inside.length) push(inside[0], inside[inside.length - 1], 'event', `${quoted(name)} is an event’s name`);
    }
  }
  return out;
}

/**
 * Whether a group is worth a note. A person named by one word only counts when the article says who it is (a
 * title, a role) or compromise knows the surname ("Putin"); a lone first name or an unexplained surname is too
 * little to know who it is.
 */
function keep(kind: EntityKind, all: Candidate[], keys: string[]): boolean {
  if (kind !== 'person' || keys.some((key) => key.includes(' '))) return true;
  return all.some((candidate) => candidate.introduced || candidate.known || lexiconTags(candidate.words[0].lower).includes('LastName'));
}

/**
 * Why the entity has its kind: the reason of its weightiest form of that kind (the longest, a titled one first), as
 * the votes weigh them.
 */
function reasonFor(kind: EntityKind, all: Candidate[], known: KnownName | undefined): string {
  if (known) return `already in your notes as ${kindWords(known.kind)}`;
  const weight = (candidate: Candidate) => candidate.words.length + (candidate.introduced ? 2 : 0);
  const best = all.filter((candidate) => candidate.kind === kind && candidate.reason).sort((a, b) => weight(b) - weight(a) || a.start - b.start)[0];
  return best?.reason ?? `read as ${kindWords(kind)}`;
}

/**
 * The fullest form: most words, then capitalised ("Kyiv" over "kyiv"), then most used; shouted forms last. A
 * person the article only shouts ("JIM WATSON/AFP") is named in ordinary capitals ("Jim Watson"); the shouted form
 * stays an alias.
 */
function chooseName(forms: string[], all: Candidate[], kind: EntityKind): string {
  const uses = (form: string) => all.filter((candidate) => candidate.text === form).length;
  const length = (form: string) => form.split(/\s+/).length;
  const shouted = (form: string) => !/\p{Ll}/u.test(form);
  const capital = (form: string) => Number(UPPER.test(form));
  const name = [...forms].sort((a, b) => Number(shouted(a)) - Number(shouted(b)) || length(b) - length(a) || capital(b) - capital(a) || uses(b) - uses(a))[0];
  if (kind !== 'person' || !shouted(name)) return name;
  return name.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, gap: string, letter: string) => gap + letter.toUpperCase());
}

/**
 * Every occurrence of every entity's forms, whole words only, leftmost-longest across entities ("North Korea" is
 * not also a mention of a "Korea"). Forms are matched as written; a possessive after them is fine.
 */
function findMentions(text: string, entities: FoundEntity[], seen: Map<FoundEntity, Span[]>): void {
  // Where the names were found stand, even where a search for whole words would not find them ("CreditChang W. Lee").
  const found: { start: number; end: number; entity: FoundEntity }[] = [...seen].flatMap(([entity, spans]) => spans.map((span) => ({ ...span, entity })));
  const letterOrDigit = /[\p{L}\p{N}]/u;
  /** The character (a whole code point) that ends right before `at`, or starts at `at`. */
  const charBefore = (at: number) => (at >= 2 && /[\uDC00-\uDFFF]/.test(text[at - 1]) ? text.slice(at - 2, at) : text[at - 1] ?? '');
  const charAt = (at: number) => String.fromCodePoint(text.codePointAt(at) ?? 32);
  for (const entity of entities) {
    for (const form of entity.forms) {
      if (!form) continue;
      // A model's plural is the model ("AMX-10s", "F-16s").
      const plural = /\d$/.test(form);
      // Whole words only: no letter or digit right before or after (string search, then the edges checked).
      for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
        let after = at + form.length;
        if (plural && text[after] === 's') after++;
        if (letterOrDigit.test(charBefore(at)) || (after < text.length && letterOrDigit.test(charAt(after)))) continue;
        found.push({ start: at, end: at + form.length, entity });
      }
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  let reached = -1;
  for (const hit of found) {
    if (hit.start < reached || (hit.start === reached && hit.end === reached)) continue;
    const last = hit.entity.mentions[hit.entity.mentions.length - 1];
    if (last && last.start === hit.start) continue;
    hit.entity.mentions.push({ start: hit.start, end: hit.end });
    if (!hit.entity.wraps) reached = hit.end;
  }
}

/**
 * The entities of an article's text. `known`: names in the reader's notes (their names and kinds win); `things`: what
 * the page's JSON-LD names with a type (a name's kind when nothing in the reader's notes says otherwise).
 */
export function findEntities(text: string, sentences: Span[], credits: Credit[], known: KnownName[] = [], things: MetadataThing[] = []): FoundEntity[] {
  const words = wordsOf(text, sentences, credits);
  const knownByKey = new Map<string, KnownName>();
  for (const entry of known) for (const form of [entry.name, ...entry.aliases]) if (aliasKey(form)) knownByKey.set(aliasKey(form), entry);
  const typedByPage = new Map<string, KindVerdict>();
  for (const thing of things) {
    const key = aliasKey(thing.name);
    if (key && !typedByPage.has(key)) typedByPage.set(key, { kind: thing.kind, reason: metadataReason(thing) });
  }
  const candidates = candidatesOf(text, words, sentences, credits, knownByKey, typedByPage);

  // "Yahoo Japan", "Yahoo Finance": a name that starts with an organisation's one-word name is that
  // organisation's (a brand, a subsidiary), whatever its last word says.
  const organisationWords = new Set(candidates.filter((candidate) => candidate.words.length === 1 && candidate.kind === 'organisation').map((candidate) => candidate.key));
  for (const candidate of candidates) {
    const named = candidate.kind === 'person' || candidate.kind === 'organisation' || candidate.phrase;
    if (candidate.words.length >= 2 && !candidate.known && !named && organisationWords.has(candidate.words[0].lower)) {
      candidate.kind = 'organisation';
      candidate.reason = `it starts with ${quoted(candidate.words[0].text)}, an organisation`;
    }
  }

  const groups = new Groups();
  const byKey = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    groups.find(candidate.key);
    const same = byKey.get(candidate.key);
    if (same) same.push(candidate);
    else byKey.set(candidate.key, [candidate]);
  }
  const keys = [...byKey.keys()];
  const wordCount = (key: string) => key.split(' ').length;
  // (Kinds are settled by now: each key's vote is counted once.)
  const voted = new Map<string, EntityKind | undefined>();
  const kindVotes = (key: string) => {
    if (voted.has(key)) return voted.get(key);
    const votes = new Map<EntityKind, number>();
    for (const candidate of byKey.get(key) ?? []) if (candidate.kind) votes.set(candidate.kind, (votes.get(candidate.kind) ?? 0) + 1);
    const kind = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    voted.set(key, kind);
    return kind;
  };

  // Known entities: every form the reader's notes list for one entity is one entity here.
  const knownRoot = new Map<KnownName, string>();
  for (const candidate of candidates) {
    if (!candidate.known) continue;
    const root = knownRoot.get(candidate.known);
    if (root) groups.union(candidate.key, root);
    else knownRoot.set(candidate.known, candidate.key);
  }
  for (const candidate of candidates) {
    const root = candidate.evidenceFor && knownRoot.get(candidate.evidenceFor);
    if (!root) continue;
    candidate.known = candidate.evidenceFor;
    groups.union(candidate.key, root);
  }
  const isKnown = (key: string) => (byKey.get(key) ?? []).some((candidate) => candidate.known);
  // A place's name: "US" of "US Congress", "New Zealand" of "New Zealand Department of Conservation".
  const isPlaceKey = (key: string) => kindVotes(key) === 'place' || ACRONYM_KINDS[key.replace(/ /g, '')] === 'place' || lexiconTags(key).some((tag) => PLACE_TAGS.includes(tag));

  // Short forms: "Stoltenberg", "Yoon", "Bin Laden" join the longer person's name that starts or ends with them;
  // "Bardo" and "Department of Conservation" the longer organisation's name that starts or ends with them, once the
  // article has named it in full ("Yahoo" before "Yahoo Japan" is Yahoo). When
  // several could own a short form ("Lee": Lee Jae-myung, Lee Sang-min), the one the article named last before the
  // short form's first use owns it, as a reader takes it. A person's short form may carry any guess of
  // compromise's ("Yoon’s" tagged an organisation); a place the lexicon knows keeps apart.
  const firsts = new Map<string, number>();
  for (const [key, list] of byKey) {
    let first = Infinity;
    for (const candidate of list) first = Math.min(first, candidate.start);
    firsts.set(key, first);
  }
  const firstAt = (key: string) => firsts.get(key) ?? Infinity;
  // (A name seen only in credits owns no short form of the article's text: "Roscosmos Space Agency Press Service".)
  const inText = (key: string) => (byKey.get(key) ?? []).some((candidate) => !candidate.words[0].credit);
  const longer = (kind: EntityKind) => keys.filter((key) => wordCount(key) >= 2 && kindVotes(key) === kind && inText(key));
  const people = longer('person');
  const organisations = longer('organisation');
  const machines = longer('equipment');
  const places = longer('place');
  for (const key of keys) {
    if (isKnown(key) || lexiconTags(key).some((tag) => PLACE_TAGS.includes(tag))) continue;
    const kind = kindVotes(key);
    const asPerson = kind !== 'treaty' && kind !== 'equipment' && kind !== 'event';
    const owners = [
      ...(asPerson ? people.filter((long) => long !== key && (long.startsWith(key + ' ') || long.endsWith(' ' + key))) : []),
      ...(kind === 'organisation'
        ? organisations.filter(
            (long) =>
              long !== key &&
              ((long.startsWith(key + ' ') && firstAt(long) < firstAt(key)) ||
                (long.endsWith(' ' + key) && (wordCount(key) >= 2 || isPlaceKey(long.slice(0, -key.length - 1))))),
          )
        : []),
      // "Leopard" of "Leopard 2 tanks … the Leopard tanks"
      ...(kind === 'equipment' || (kind === undefined && wordCount(key) === 1) ? machines.filter((long) => long !== key && long.startsWith(key + ' ')) : []),
    ];
    const at = firstAt(key);
    const before = owners.filter((owner) => firstAt(owner) < at);
    const roots = new Set(owners.map((owner) => groups.find(owner)));
    if (roots.size === 1) groups.union(key, owners[0]);
    else if (before.length) {
      const latest = (owner: string) => Math.max(...(byKey.get(owner) ?? []).map((candidate) => candidate.start).filter((start) => start < at));
      groups.union(key, before.sort((a, b) => latest(b) - latest(a))[0]);
    }
  }
  // "United States of America" is the "United States" the article names; "Ninety Mile" in "Ninety Mile beach" is
  // the "Ninety Mile Beach" (but "Whangārei" is not "Whangārei Harbour").
  const placeKeys = keys.filter((key) => kindVotes(key) === 'place');
  for (const key of places) {
    for (const other of placeKeys) {
      const head = key.startsWith(other + ' ') ? key.slice(other.length + 1) : '';
      const headAfter = PLACE_HEADS.has(head) && (byKey.get(other) ?? []).every((candidate) => aliasKey(text.slice(candidate.end, candidate.end + head.length + 1)) === head);
      if (head.startsWith('of ') || headAfter) groups.union(other, key);
    }
  }
  // "Department of Defense" and "Defense Department", "Ministry of Finance" and "Finance Ministry": one organisation.
  const reordered = new Map<string, string>();
  for (const key of organisations) {
    const of = /^(\S+) of (?:the )?(.+)$/.exec(key);
    if (of && ORG_HEADS.has(of[1])) reordered.set(`${of[2]} ${of[1]}`, key);
  }
  for (const key of keys) {
    const long = reordered.get(key);
    if (long && kindVotes(key) === 'organisation') groups.union(key, long);
  }
  // One war, several names: "war in Ukraine", "invasion of Ukraine" and "Ukraine war" share their place; a
  // people's war word ("Russian invasion") is that war too when the article's war words name one place only.
  const abouts = new Map<string, string>();
  for (const candidate of candidates) {
    if (!candidate.about) continue;
    const root = abouts.get(candidate.about);
    if (root) groups.union(candidate.key, root);
    else abouts.set(candidate.about, candidate.key);
  }
  const placeWars = [...abouts.keys()].filter((about) => about.startsWith('place:'));
  if (placeWars.length === 1) {
    for (const [about, key] of abouts) if (about.startsWith('people:')) groups.union(key, abouts.get(placeWars[0])!);
  }
  // Acronyms: "NATO" joins "North Atlantic Treaty Organization"; "(KCNA)" right after a name joins it. (The names'
  // initials are indexed once, the first name in text order winning, when the article has an acronym at all.)
  let initialsIndex: Map<string, string> | undefined;
  const byInitials = () => {
    if (initialsIndex) return initialsIndex;
    initialsIndex = new Map();
    for (const key of keys) {
      if (wordCount(key) < 2) continue;
      for (const other of byKey.get(key) ?? []) for (const letters of initials(other.text)) if (!initialsIndex.has(letters)) initialsIndex.set(letters, key);
    }
    return initialsIndex;
  };
  for (const candidate of candidates) {
    if (candidate.words.length !== 1 || !isAcronym(candidate.words[0]) || candidate.known) continue;
    const bare = candidate.words[0].text.replace(/\./g, '');
    const before = candidates.find((other) => other.end <= candidate.start && other.words.length >= 2 && /^\s*\($/.test(text.slice(other.end, candidate.start)));
    if (before && text[candidate.end] === ')') {
      groups.union(candidate.key, before.key);
      continue;
    }
    const long = byInitials().get(bare);
    if (long) groups.union(candidate.key, long);
  }

  const members = new Map<string, string[]>();
  for (const key of keys) {
    const root = groups.find(key);
    const group = members.get(root);
    if (group) group.push(key);
    else members.set(root, [key]);
  }
  const entities: FoundEntity[] = [];
  const seen = new Map<FoundEntity, Span[]>();
  for (const groupKeys of members.values()) {
    const all = groupKeys.flatMap((key) => byKey.get(key) ?? []);
    const knownEntry = all.find((candidate) => candidate.known)?.known;
    const votes = new Map<EntityKind, number>();
    // A longer form says more about what the entity is than a short one, and a title or a role more than tags.
    for (const candidate of all) {
      if (candidate.kind) votes.set(candidate.kind, (votes.get(candidate.kind) ?? 0) + candidate.words.length + (candidate.introduced ? 2 : 0));
    }
    const kind = knownEntry?.kind ?? [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (!kind || !keep(kind, all, groupKeys)) continue;
    // Named only in Title Case lines (headlines, related links): only what its own words say is trusted, and never a
    // person ("Pearl Oscar Dress" is no one).
    const headlineOnly = !knownEntry && all.every((candidate) => candidate.words.every((word) => word.headline));
    if (headlineOnly && (kind === 'person' || !all.some((candidate) => candidate.own || candidate.phrase))) continue;
    const forms = [...new Set(all.map((candidate) => candidate.text))];
    const entity: FoundEntity = { name: knownEntry?.name ?? chooseName(forms, all, kind), kind, kindReason: reasonFor(kind, all, knownEntry), forms, mentions: [] };
    if (all.every((candidate) => candidate.phrase)) entity.wraps = true;
    entities.push(entity);
    seen.set(entity, all.map(({ start, end }) => ({ start, end })));
  }
  findMentions(text, entities, seen);
  return entities.filter((entity) => entity.mentions.length > 0);
}
