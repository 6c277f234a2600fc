import SearchableMap from 'minisearch/SearchableMap';
import { forEachNumber, forEachWord } from './words';

/**
 * A full-text index of words: every text added is split into the page matcher's folded words, and each distinct
 * word keeps the list of texts it occurs in. Lookups go word by word — exactly, by prefix, or within a few typing
 * errors — so a search costs what its words' lists cost, whatever the size of the rest of the index.
 *
 * The dictionary of words is MiniSearch's radix tree (`SearchableMap`), whose `fuzzyGet` finds the words within an
 * edit distance without comparing against each one. Prefixes are answered from lists of the words that share their
 * first two characters, which cost nothing to keep up while the index grows.
 */

export interface WordMatch {
  /** Id of a word of the index. */
  word: number;
  /** 0 for the word itself or a prefix of it; the edit distance for a fuzzy match. */
  edits: number;
}

export class WordIndex {
  /** Text id → the text as added, and its owner and field (numbers the caller chooses). */
  readonly texts: string[] = [];
  readonly owners: number[] = [];
  readonly fields: number[] = [];
  /**
   * The word ids of every text, in order, one text after another: one buffer rather than an array per text, since
   * tens of thousands of small objects make every garbage collection of the popup slower.
   */
  private wordIds: Int32Array = new Int32Array(1024);
  /** Text id → where its words start in `wordIds`; one more entry than texts. */
  private readonly wordsStart: number[] = [0];
  /** Word id → the word. */
  readonly words: string[] = [];
  /** Word id → ids of the texts holding it, ascending, each once. */
  private readonly postings: number[][] = [];
  /** The same for the texts added as names, for the words names hold: the lookups that only names answer. */
  private readonly namePostings = new Map<number, number[]>();
  private readonly ids = new Map<string, number>();
  /** The same words as `ids`, in a radix tree for fuzzy lookups. */
  private readonly dictionary = new SearchableMap<number>();
  /** The ids of the words that start with each pair of characters (a word of one character: with it). */
  private readonly byStart = new Map<string, number[]>();

  /**
   * Adds a text; returns its id. A name of several words is also found written as one ("southkorea",
   * "osanairbase"), as readers and hashtags write them; a number in digit groups ("965,000") also as one key.
   */
  add(owner: number, field: number, text: string, isName: boolean): number {
    const id = this.texts.length;
    let end = this.wordsStart[id];
    const folded: string[] = [];
    forEachWord(text, (word) => {
      const wordId = this.idOf(word);
      if (end === this.wordIds.length) this.wordIds = growTo(this.wordIds, end * 2);
      this.wordIds[end++] = wordId;
      addOnce(this.postings[wordId], id);
      if (isName) {
        this.addName(wordId, id);
        folded.push(word);
      }
    });
    if (folded.length > 1) {
      const joined = this.idOf(folded.join(''));
      addOnce(this.postings[joined], id);
      this.addName(joined, id);
    }
    forEachNumber(text, (key) => addOnce(this.postings[this.idOf(key)], id));
    this.texts.push(text);
    this.owners.push(owner);
    this.fields.push(field);
    this.wordsStart.push(end);
    return id;
  }

  /** The ids of a text's words, in order (a view: valid until the next `add`). */
  wordsOf(text: number): Int32Array {
    return this.wordIds.subarray(this.wordsStart[text], this.wordsStart[text + 1]);
  }

  /** Ids of the texts holding a word, or only of the names holding it. */
  textsWith(word: number, namesOnly = false): readonly number[] {
    return namesOnly ? (this.namePostings.get(word) ?? NONE) : this.postings[word];
  }

  /** The id of a word, if the index has it. */
  exact(word: string): number | undefined {
    return this.ids.get(word);
  }

  /** Ids of the words that start with `prefix` and are longer than it. */
  startingWith(prefix: string): number[] {
    const lists =
      prefix.length >= 2
        ? [this.byStart.get(prefix.slice(0, 2)) ?? []]
        : [...this.byStart].filter(([start]) => start.startsWith(prefix)).map(([, list]) => list);
    const ids: number[] = [];
    for (const list of lists) {
      for (const id of list) {
        const word = this.words[id];
        if (word.length > prefix.length && word.startsWith(prefix)) ids.push(id);
      }
    }
    return ids;
  }

  /** The words within `maxEdits` insertions, deletions or substitutions of `word`, itself excluded. */
  near(word: string, maxEdits: number): WordMatch[] {
    const matches: WordMatch[] = [];
    for (const [, [id, edits]] of this.dictionary.fuzzyGet(word, maxEdits)) {
      if (edits > 0) matches.push({ word: id, edits });
    }
    return matches;
  }

  private idOf(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(word);
      this.postings.push([]);
      this.ids.set(word, id);
      this.dictionary.set(word, id);
      const start = word.slice(0, 2);
      const list = this.byStart.get(start);
      if (list) list.push(id);
      else this.byStart.set(start, [id]);
    }
    return id;
  }

  private addName(word: number, text: number): void {
    const list = this.namePostings.get(word);
    if (list) addOnce(list, text);
    else this.namePostings.set(word, [text]);
  }
}

const NONE: readonly number[] = [];

function growTo(array: Int32Array, length: number): Int32Array {
  const grown = new Int32Array(length);
  grown.set(array);
  return grown;
}

function addOnce(list: number[], id: number): void {
  if (list[list.length - 1] !== id) list.push(id);
}
