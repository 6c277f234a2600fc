import SearchableMap from 'minisearch/SearchableMap';
import { tokenize } from '@/utils/match/normalize';

/**
 * A full-text index of words: every text added is split into the page matcher's folded words, and each distinct
 * word keeps the list of texts it occurs in. Lookups go word by word — exactly, by prefix, or within a few typing
 * errors — so a search costs what its words' lists cost, whatever the size of the rest of the index.
 *
 * The dictionary of words is MiniSearch's radix tree (`SearchableMap`), whose `fuzzyGet` finds the words within an
 * edit distance without comparing against each one; a sorted array beside it answers prefixes.
 */

export interface WordMatch {
  /** Id of a word of the index. */
  word: number;
  /** 0 for the word itself or a prefix of it; the edit distance for a fuzzy match. */
  edits: number;
}

export class WordIndex {
  /** Text id → the text as added, its owner and field (numbers the caller chooses), and its words' ids in order. */
  readonly texts: string[] = [];
  readonly owners: number[] = [];
  readonly fields: number[] = [];
  readonly textWords: Int32Array[] = [];
  /** Word id → the word. */
  readonly words: string[] = [];
  /** Word id → ids of the texts holding it, ascending, each once. */
  private readonly postings: number[][] = [];
  /** The same for the texts added as names: short lists for the lookups that only names answer. */
  private readonly namePostings: number[][] = [];
  private readonly ids = new Map<string, number>();
  /** The same words as `ids`, in a radix tree for fuzzy lookups. */
  private readonly dictionary = new SearchableMap<number>();
  /** Every word, sorted, for prefix ranges; words added since the last lookup wait in `unsorted`. */
  private sorted: string[] = [];
  private unsorted: string[] = [];

  /**
   * Adds a text; returns its id. A name of several words is also found written as one ("southkorea",
   * "osanairbase"), as readers and hashtags write them.
   */
  add(owner: number, field: number, text: string, isName: boolean): number {
    const id = this.texts.length;
    const tokens = tokenize(text);
    const words = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const word = this.idOf(tokens[i].folded);
      words[i] = word;
      addOnce(this.postings[word], id);
      if (isName) addOnce(this.namePostings[word], id);
    }
    if (isName && tokens.length > 1) {
      const joined = this.idOf(tokens.map((token) => token.folded).join(''));
      addOnce(this.postings[joined], id);
      addOnce(this.namePostings[joined], id);
    }
    this.texts.push(text);
    this.owners.push(owner);
    this.fields.push(field);
    this.textWords.push(words);
    return id;
  }

  /** Ids of the texts holding a word, or only of the names holding it. */
  textsWith(word: number, namesOnly = false): readonly number[] {
    return namesOnly ? this.namePostings[word] : this.postings[word];
  }

  /** The id of a word, if the index has it. */
  exact(word: string): number | undefined {
    return this.ids.get(word);
  }

  /** Ids of the words that start with `prefix` and are longer than it. */
  startingWith(prefix: string): number[] {
    this.sortNewWords();
    const { sorted } = this;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (sorted[mid] <= prefix) low = mid + 1;
      else high = mid;
    }
    const ids: number[] = [];
    for (let i = low; i < sorted.length && sorted[i].startsWith(prefix); i++) ids.push(this.ids.get(sorted[i])!);
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
      this.namePostings.push([]);
      this.ids.set(word, id);
      this.dictionary.set(word, id);
      this.unsorted.push(word);
    }
    return id;
  }

  /**
   * Merges the words added since the last call into the sorted list. Prefix lookups do it when they must; calling
   * it after each batch of texts keeps that work small and out of the lookups.
   */
  sortNewWords(): void {
    if (this.unsorted.length === 0) return;
    const added = this.unsorted.sort();
    const merged: string[] = new Array(this.sorted.length + added.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.sorted.length && j < added.length) {
      merged[k++] = this.sorted[i] < added[j] ? this.sorted[i++] : added[j++];
    }
    while (i < this.sorted.length) merged[k++] = this.sorted[i++];
    while (j < added.length) merged[k++] = added[j++];
    this.sorted = merged;
    this.unsorted = [];
  }
}

function addOnce(list: number[], id: number): void {
  if (list[list.length - 1] !== id) list.push(id);
}
