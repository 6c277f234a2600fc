import type { Bundle, Entity } from '@/utils/bundle/schema';
import { catalogueSteps, type Catalogue, type EntitySource } from '@/utils/catalogue/catalogue';
import { readerNoteIndex, type ReaderNote } from '@/utils/library/reader-notes-read';
import { FIELD_CODE, FIELDS, isNameCode, type NoteField } from './fields';
import { QueryParser } from './query';
import { MAX_RELEVANCE, rank, Scores, wordMasks, type NotesLayout } from './rank';
import { WordIndex } from './word-index';
import { forEachNumber, forEachWord, readerWords } from './words';

export type { NoteField } from './fields';

/**
 * An entity of the catalogue (utils/catalogue): merged across the bundles that know it, with its newest source's
 * bundle and what each bundle says (`sources`, newest first).
 */
export interface Note {
  entity: Entity;
  bundle: Bundle;
  sources: EntitySource[];
}

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
  /** The note for an entity id (a catalogue id). */
  note(entityId: string): Note | undefined;
  /** Every note, in catalogue order (for browsing: builds the catalogue if it is not yet). */
  all(): Note[];
  /**
   * Works for about `budgetMs` (at least one step: one entity into the catalogue, or once it is built, one note
   * indexed); true once every note is indexed.
   */
  indexFor(budgetMs: number): boolean;
  /** Every note is indexed. */
  readonly ready: boolean;
}

const DEFAULT_LIMIT = 20;

/**
 * The page matcher's folding (case, diacritics, every hyphen and apostrophe form, any whitespace), so "suk-yeol"
 * finds "Suk Yeol" here exactly as it does on a page; a possessive s is dropped ("Yoon’s" is Yoon).
 */
export function normalizeSearchText(text: string): string {
  return readerWords(text)
    .map(({ word }) => word)
    .join(' ');
}

/**
 * The searchable texts of a note, best field first (its article's title is indexed once per article); `own`: the
 * reader's own note on it.
 */
function textsOf({ entity }: Note, own: string | undefined): [NoteField, string][] {
  const name = normalizeSearchText(entity.name);
  const aliases = new Map<string, string>();
  for (const { text } of entity.aliases) {
    const key = normalizeSearchText(text);
    if (key !== name && !aliases.has(key)) aliases.set(key, text);
  }
  return [
    ['name', entity.name],
    ...[...aliases.values()].map((text): [NoteField, string] => ['alias', text]),
    ...(own ? [['note', own] as [NoteField, string]] : []),
    ...(entity.description ? [['description', entity.description] as [NoteField, string]] : []),
    ['kind', entity.kind],
    ...entity.facts.map(({ quote }): [NoteField, string] => ['quote', quote]),
  ];
}

/**
 * Search over everything a note holds: names, aliases in every language and script, the reader's own note on it,
 * kind, description, every quote and its article's title. Words match in any order, by prefix and within a typing
 * error or two; a note ranks by how much of the query it holds (rare words counting more), then by where: name,
 * the reader's note, description, quotes, title.
 */
export function createNotesSearch(bundles: Bundle[], readerNotes: readonly ReaderNote[] = []): NotesSearch {
  const search = startNotesSearch(bundles, readerNotes);
  search.indexFor(Infinity);
  return search;
}

/**
 * Like `createNotesSearch`, but does nothing until `indexFor` is called: the popup indexes after it is drawn. The
 * bundles become one catalogue first (an entity several bundles know is one note), within the same slices.
 */
export function startNotesSearch(bundles: Bundle[], readerNotes: readonly ReaderNote[] = []): NotesSearch {
  const steps = catalogueSteps(bundles);
  const ownNote = readerNoteIndex(readerNotes);
  let catalogue: Catalogue | null = null;
  let notes: Note[] = [];
  /** Builds the catalogue for up to `budgetMs` (all of it for Infinity); true once it is built. */
  function catalogueFor(budgetMs: number, start: number): boolean {
    while (!catalogue) {
      const step = steps.next();
      if (step.done) {
        catalogue = step.value;
        notes = [...catalogue.values()];
        return budgetMs === Infinity || performance.now() - start < budgetMs;
      }
      if (performance.now() - start >= budgetMs) return false;
    }
    return true;
  }
  const bundleIndex = new Map<Bundle, number>();
  const index = new WordIndex();
  const layout: NotesLayout = { index, firstText: [], noteBundle: [], titleText: [], bundleNotes: [] };
  const parser = new QueryParser(index);
  let indexed = 0;
  let scores = new Scores(0, 0);

  function add(note: number): void {
    const { bundle } = notes[note];
    let inBundle = bundleIndex.get(bundle);
    if (inBundle === undefined) {
      inBundle = layout.titleText.length;
      bundleIndex.set(bundle, inBundle);
      layout.titleText.push(index.add(inBundle, FIELD_CODE.get('title')!, bundle.source.title, false));
      layout.bundleNotes.push([]);
    }
    layout.noteBundle.push(inBundle);
    layout.bundleNotes[inBundle].push(note);
    layout.firstText.push(index.texts.length);
    for (const [field, text] of textsOf(notes[note], ownNote(notes[note].entity)?.text)) {
      const code = FIELD_CODE.get(field)!;
      index.add(note, code, text, isNameCode(code));
    }
  }

  return {
    search(query, limit = DEFAULT_LIMIT) {
      const parsed = parser.parse(query);
      if (parsed.words.length === 0) return [];
      if (scores.texts < index.texts.length) scores = new Scores(index.texts.length, indexed);
      const masks = wordMasks(parsed.words);
      return rank(parsed, masks, layout, scores, limit).map(({ note, relevance, text }) => ({
        ...notes[note],
        score: Math.max(0, 1 - relevance / MAX_RELEVANCE),
        match: matchOf(index, text, masks),
      }));
    },
    note(entityId) {
      catalogueFor(Infinity, 0);
      return catalogue!.get(entityId);
    },
    all() {
      catalogueFor(Infinity, 0);
      return notes;
    },
    indexFor(budgetMs) {
      const start = performance.now();
      if (!catalogueFor(budgetMs, start)) return false;
      while (indexed < notes.length) {
        add(indexed++);
        if (performance.now() - start >= budgetMs) break;
      }
      return indexed === notes.length;
    },
    get ready() {
      return catalogue !== null && indexed === notes.length;
    },
  };
}

/** The ranges of a text's words that some query word matched (`masks`: their word ids). */
function matchOf(index: WordIndex, text: number, masks: Map<number, number>): NoteMatch {
  const value = index.texts[text];
  const ids = index.wordsOf(text);
  const marks: [number, number][] = [];
  let first = -1;
  let last = -1;
  let i = 0;
  forEachWord(value, (_word, start, end) => {
    if (masks.has(ids[i++])) marks.push([start, end]);
    if (first < 0) first = start;
    last = end;
  });
  // A name found written as one word ("southkorea") matched as a whole.
  if (marks.length === 0 && isNameCode(index.fields[text]) && first >= 0) marks.push([first, last]);
  // A number in digit groups matched as written: one mark over all of it.
  forEachNumber(value, (key, start, end) => {
    const word = index.exact(key);
    if (word === undefined || !masks.has(word)) return;
    const after = marks.findIndex(([markStart]) => markStart >= start);
    const from = after < 0 ? marks.length : after;
    let to = from;
    while (to < marks.length && marks[to][0] < end) to++;
    marks.splice(from, to - from, [start, end]);
  });
  return { field: FIELDS[index.fields[text]], text: value, marks };
}
