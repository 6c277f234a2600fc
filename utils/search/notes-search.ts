import type { Bundle, Entity } from '@/utils/bundle/schema';
import { APOSTROPHE, classOf, tokenize } from '@/utils/match/normalize';
import { parseQuery, type ParsedQuery } from './query';
import { WordIndex } from './word-index';

/** An entity together with the bundle (and so the source) it comes from. */
export interface Note {
  entity: Entity;
  bundle: Bundle;
}

/** The parts of a note that are searched. */
export type NoteField = 'name' | 'alias' | 'kind' | 'description' | 'quote' | 'title';

/** Why a note was found: the text of it that matched best, and the matched words' ranges in it. */
export interface NoteMatch {
  field: NoteField;
  text: string;
  /** [start, end) of each matched word in `text`, in order. */
  marks: [number, number][];
}

export interface NoteHit extends Note {
  /** 0 is a perfect match, 1 no match at all. */
  score: number;
  match: NoteMatch;
}

export interface NotesSearch {
  /** Best matches first; an empty or blank query finds nothing. Searches the notes indexed so far. */
  search(query: string, limit?: number): NoteHit[];
  /** The note for an entity id, from the newest bundle that has it. */
  note(entityId: string): Note | undefined;
  /** Indexes notes for about `budgetMs` (at least one note); true once all of them are. */
  indexFor(budgetMs: number): boolean;
  /** Every note is indexed. */
  readonly ready: boolean;
}

const DEFAULT_LIMIT = 20;

/**
 * How much a match counts by where it is: a note's name first, then its aliases, its description and kind, its
 * quotes, and last the title of the article it comes from (which every note of that article shares).
 */
const FIELD_WEIGHT: Record<NoteField, number> = {
  name: 1,
  alias: 0.95,
  description: 0.6,
  kind: 0.5,
  quote: 0.4,
  title: 0.15,
};
/** The index stores a text's field as its position here; names and aliases come first. */
const FIELDS: NoteField[] = ['name', 'alias', 'description', 'kind', 'quote', 'title'];
const FIELD_CODE = new Map(FIELDS.map((field, code) => [field, code]));
const WEIGHT_OF_CODE = FIELDS.map((field) => FIELD_WEIGHT[field]);
const isNameCode = (code: number) => code <= 1;

/** Added when the query's words stand next to each other, in order, in one text ("non-lethal aid", "965,000"). */
const PHRASE_BONUS = 0.3;
/** Added when the query is a whole name or alias ("us", "Jens Stoltenberg"). */
const WHOLE_NAME_BONUS = 0.5;
/** The best possible score: all words, in a name, as a phrase, and the whole name. */
const MAX_RELEVANCE = 1 + FIELD_WEIGHT.name + PHRASE_BONUS + WHOLE_NAME_BONUS;
/** Notes scored for phrases and whole names: the best by words alone, and at least this many. */
const MIN_FINALISTS = 60;

/**
 * The page matcher's folding (case, diacritics, every hyphen and apostrophe form, any whitespace), so "suk-yeol"
 * finds "Suk Yeol" here exactly as it does on a page; a possessive s is dropped ("Yoon’s" is Yoon).
 */
export function normalizeSearchText(text: string): string {
  const words: string[] = [];
  for (const token of tokenize(text)) {
    const possessive =
      token.folded === 's' && token.start > 0 && classOf(text.charCodeAt(token.start - 1)) === APOSTROPHE;
    if (!possessive) words.push(token.folded);
  }
  return words.join(' ');
}

/** One note per entity id: the newest bundle (by its source's date) wins. */
function uniqueNotes(bundles: Bundle[]): Note[] {
  const newestFirst = [...bundles].sort((a, b) => b.source.date.localeCompare(a.source.date));
  const seen = new Set<string>();
  const notes: Note[] = [];
  for (const bundle of newestFirst) {
    for (const entity of bundle.entities) {
      if (seen.has(entity.id)) continue;
      seen.add(entity.id);
      notes.push({ entity, bundle });
    }
  }
  return notes;
}

/** The searchable texts of a note, best field first. */
function textsOf({ entity, bundle }: Note): [NoteField, string][] {
  const name = normalizeSearchText(entity.name);
  const aliases = new Map<string, string>();
  for (const { text } of entity.aliases) {
    const key = normalizeSearchText(text);
    if (key !== name && !aliases.has(key)) aliases.set(key, text);
  }
  return [
    ['name', entity.name],
    ...[...aliases.values()].map((text): [NoteField, string] => ['alias', text]),
    ['description', entity.description],
    ['kind', entity.kind],
    ...entity.facts.map(({ quote }): [NoteField, string] => ['quote', quote]),
    ['title', bundle.source.title],
  ];
}

/**
 * Search over everything a note holds: names, aliases in every language and script, kind, description, every quote
 * and its article's title. Words match in any order, by prefix and within a typing error or two; a note ranks by
 * how much of the query it holds (rare words counting more), then by where: name, description, quotes, title.
 */
export function createNotesSearch(bundles: Bundle[]): NotesSearch {
  const search = startNotesSearch(bundles);
  search.indexFor(Infinity);
  return search;
}

/** Like `createNotesSearch`, but indexes nothing until `indexFor` is called: the popup indexes after it is drawn. */
export function startNotesSearch(bundles: Bundle[]): NotesSearch {
  const notes = uniqueNotes(bundles);
  const byId = new Map(notes.map((note) => [note.entity.id, note]));
  const index = new WordIndex();
  /** Note → its first text's id; a note's texts are consecutive. */
  const firstText: number[] = [];
  let indexed = 0;
  let scores = new Scores(0, 0);

  return {
    search(query, limit = DEFAULT_LIMIT) {
      const parsed = parseQuery(query, index);
      if (parsed.words.length === 0) return [];
      if (scores.texts < index.texts.length) scores = new Scores(index.texts.length, indexed);
      const masks = wordMasks(parsed.words);
      return rank(parsed, masks, index, firstText, scores, limit).map(({ note, relevance, text }) => ({
        ...notes[note],
        score: Math.max(0, 1 - relevance / MAX_RELEVANCE),
        match: matchOf(index, text, masks),
      }));
    },
    note(entityId) {
      return byId.get(entityId);
    },
    indexFor(budgetMs) {
      const start = performance.now();
      while (indexed < notes.length) {
        firstText.push(index.texts.length);
        for (const [field, text] of textsOf(notes[indexed])) {
          const code = FIELD_CODE.get(field)!;
          index.add(indexed, code, text, isNameCode(code));
        }
        indexed++;
        if (performance.now() - start >= budgetMs) break;
      }
      index.sortNewWords();
      return indexed === notes.length;
    },
    get ready() {
      return indexed === notes.length;
    },
  };
}

/**
 * Per-search sums, one slot per text and per note, kept between searches (allocating them for each keystroke would
 * cost more than the search); every slot a search writes is listed and cleared when it ends.
 */
class Scores {
  /** Per text: the weighted quality of the query words in it, which words (bits), and a scratch best. */
  readonly textScore: Float64Array;
  readonly textWords: Int32Array;
  readonly textBest: Float64Array;
  /** The texts one query word was found in (scratch). */
  readonly found: Int32Array;
  /** Per note: the weighted quality of the query words anywhere in it, and a scratch best. */
  readonly noteScore: Float64Array;
  readonly noteBest: Float64Array;
  readonly noteText: Int32Array;
  readonly touchedTexts: number[] = [];
  readonly touchedNotes: number[] = [];

  constructor(
    readonly texts: number,
    notes: number,
  ) {
    this.textScore = new Float64Array(texts);
    this.textWords = new Int32Array(texts);
    this.textBest = new Float64Array(texts);
    this.found = new Int32Array(texts);
    this.noteScore = new Float64Array(notes);
    this.noteBest = new Float64Array(notes);
    this.noteText = new Int32Array(notes);
  }

  clear(): void {
    for (const text of this.touchedTexts) {
      this.textScore[text] = 0;
      this.textWords[text] = 0;
    }
    for (const note of this.touchedNotes) {
      this.noteScore[note] = 0;
      this.noteBest[note] = 0;
    }
    this.touchedTexts.length = 0;
    this.touchedNotes.length = 0;
  }
}

interface Ranked {
  note: number;
  relevance: number;
  /** The text that matched best. */
  text: number;
}

/**
 * Scores every note that holds a query word. A word weighs by its rarity (inverse document frequency over the
 * texts); a note's relevance is the share of the query's weight it holds anywhere, plus its best single text's share
 * times that field's weight. The best notes by words are then scored again with bonuses for phrases and whole names.
 */
function rank(
  { words, sequence }: ParsedQuery,
  masks: Map<number, number>,
  index: WordIndex,
  firstText: number[],
  scores: Scores,
  limit: number,
): Ranked[] {
  const { textScore, textWords, textBest, found, noteScore, noteBest, noteText, touchedTexts, touchedNotes } = scores;
  const { owners } = index;
  const textCount = index.texts.length;
  let totalWeight = 0;

  try {
    words.forEach(({ matches }, bit) => {
      // The best match of this word in each text: a text can hold it exactly and by prefix.
      let foundCount = 0;
      for (const { word, quality, namesOnly } of matches) {
        for (const text of index.textsWith(word, namesOnly)) {
          if (textBest[text] === 0) found[foundCount++] = text;
          if (quality > textBest[text]) textBest[text] = quality;
        }
      }
      const weight = Math.log(1 + textCount / (1 + foundCount));
      totalWeight += weight;
      const notes: number[] = [];
      for (let i = 0; i < foundCount; i++) {
        const text = found[i];
        const quality = textBest[text];
        textBest[text] = 0;
        if (textWords[text] === 0) touchedTexts.push(text);
        textWords[text] |= 1 << bit;
        textScore[text] += weight * quality;
        const note = owners[text];
        if (noteBest[note] === 0) notes.push(note);
        if (quality > noteBest[note]) noteBest[note] = quality;
      }
      for (const note of notes) {
        if (noteScore[note] === 0) touchedNotes.push(note);
        noteScore[note] += weight * noteBest[note];
        noteBest[note] = 0;
      }
    });
    if (touchedNotes.length === 0) return [];

    // Each note's best text by words alone (noteBest, noteText), then the finalists.
    for (const text of touchedTexts) {
      const note = owners[text];
      const value = (textScore[text] / totalWeight) * WEIGHT_OF_CODE[index.fields[text]];
      if (value > noteBest[note]) {
        noteBest[note] = value;
        noteText[note] = text;
      }
    }
    const byWords = (note: number) => noteScore[note] / totalWeight + noteBest[note];
    const finalists = topNotes(touchedNotes, byWords, Math.max(MIN_FINALISTS, limit * 3));

    const ranked = finalists.map((note): Ranked => {
      const end = note + 1 < firstText.length ? firstText[note + 1] : textCount;
      let best = -1;
      let bestText = noteText[note];
      for (let text = firstText[note]; text < end; text++) {
        if (textWords[text] === 0) continue;
        const code = index.fields[text];
        let value = (textScore[text] / totalWeight) * WEIGHT_OF_CODE[code];
        if (sequence.length > 1) {
          value += PHRASE_BONUS * phraseShare(index.textWords[text], sequence, masks) * WEIGHT_OF_CODE[code];
        }
        if (isNameCode(code) && isWholeText(index, text, sequence, words)) value += WHOLE_NAME_BONUS;
        if (value > best) {
          best = value;
          bestText = text;
        }
      }
      return { note, relevance: noteScore[note] / totalWeight + best, text: bestText };
    });
    return ranked.sort((a, b) => b.relevance - a.relevance || a.note - b.note).slice(0, limit);
  } finally {
    scores.clear();
  }
}

/** The `count` notes with the highest `score`, in no particular order. */
function topNotes(notes: number[], score: (note: number) => number, count: number): number[] {
  if (notes.length <= count) return notes;
  const values = Float64Array.from(notes, score);
  // The count-th highest score: a sort of the numbers alone, which is faster than sorting the notes by a callback.
  const threshold = Float64Array.from(values).sort()[values.length - count];
  const top: number[] = [];
  for (let i = 0; i < notes.length && top.length < count; i++) if (values[i] > threshold) top.push(notes[i]);
  for (let i = 0; i < notes.length && top.length < count; i++) if (values[i] === threshold) top.push(notes[i]);
  return top;
}

/** For each word id the query can stand for, the bits of the query words it matches. */
function wordMasks(words: ParsedQuery['words']): Map<number, number> {
  const masks = new Map<number, number>();
  words.forEach(({ matches }, bit) => {
    for (const { word } of matches) masks.set(word, (masks.get(word) ?? 0) | (1 << bit));
  });
  return masks;
}

/** How much of the query stands in this text as one run of adjacent words in the query's order: 0 to 1. */
function phraseShare(textWords: Int32Array, sequence: number[], masks: Map<number, number>): number {
  let longest = 0;
  for (let start = 0; start < textWords.length && longest < sequence.length; start++) {
    let run = 0;
    while (
      run < sequence.length &&
      start + run < textWords.length &&
      ((masks.get(textWords[start + run]) ?? 0) & (1 << sequence[run])) !== 0
    ) {
      run++;
    }
    if (run > longest) longest = run;
  }
  return longest <= 1 ? 0 : (longest - 1) / (sequence.length - 1);
}

/** The text's words are the query's words exactly. */
function isWholeText(index: WordIndex, text: number, sequence: number[], words: ParsedQuery['words']): boolean {
  const textWords = index.textWords[text];
  if (textWords.length !== sequence.length) return false;
  return sequence.every((at, i) => index.words[textWords[i]] === words[at].text);
}

/** The ranges of a text's words that some query word matched (`masks`: their word ids). */
function matchOf(index: WordIndex, text: number, masks: Map<number, number>): NoteMatch {
  const value = index.texts[text];
  const ids = index.textWords[text];
  const tokens = tokenize(value);
  const marks: [number, number][] = [];
  tokens.forEach((token, i) => {
    if (masks.has(ids[i])) marks.push([token.start, token.end]);
  });
  // A name found written as one word ("southkorea") matched as a whole.
  if (marks.length === 0 && isNameCode(index.fields[text]) && tokens.length > 0) {
    marks.push([tokens[0].start, tokens[tokens.length - 1].end]);
  }
  return { field: FIELDS[index.fields[text]], text: value, marks };
}
