import { isNameCode, NAME_WEIGHT, TITLE_CODE, WEIGHT_OF_CODE } from './fields';
import type { ParsedQuery } from './query';
import type { WordIndex } from './word-index';

/**
 * Where the notes' texts are in the word index. A note's own texts are consecutive; the title of its article is
 * indexed once for all the article's notes (owner: the bundle).
 */
export interface NotesLayout {
  index: WordIndex;
  /** Note → the id of its first text. */
  firstText: number[];
  /** Note → its bundle. */
  noteBundle: number[];
  /** Bundle → the id of its title's text. */
  titleText: number[];
  /** Bundle → its notes. */
  bundleNotes: number[][];
}

export interface Ranked {
  note: number;
  /** 0 (nothing) to `MAX_RELEVANCE`. */
  relevance: number;
  /** The text that matched best. */
  text: number;
}

/** Added when the query's words stand next to each other, in order, in one text ("non-lethal aid", "965,000"). */
const PHRASE_BONUS = 0.3;
/** Added when the query is a whole name or alias ("us", "Jens Stoltenberg"). */
const WHOLE_NAME_BONUS = 0.5;
/**
 * Times the share of the query a note's name or alias holds, added when its best text is another: of the notes
 * whose quote reads "the strategic relationship against China's arms expansion", China comes first.
 */
const NAME_SHARE_BONUS = 0.2;
/** The best possible relevance: all words, in a name, as a phrase, and the whole name. */
export const MAX_RELEVANCE = 1 + NAME_WEIGHT + PHRASE_BONUS + WHOLE_NAME_BONUS + NAME_SHARE_BONUS;
/** Notes scored for phrases and whole names: the best by words alone, and at least this many. */
const MIN_FINALISTS = 60;
/**
 * A word in more than this share of all texts ("the", "and") says almost nothing about which note is meant and
 * costs the most to look up: next to a rarer word it only counts in phrases.
 */
const COMMON_SHARE = 0.3;

/**
 * Per-search sums, one slot per text and per note, kept between searches (allocating them for each keystroke would
 * cost more than the search); every slot a search writes is listed and cleared when it ends.
 */
export class Scores {
  /** Per text: the weighted quality of the query words in it, which words (bits), and a scratch best. */
  readonly textScore: Float64Array;
  readonly textWords: Int32Array;
  readonly textBest: Float64Array;
  /** The texts one query word was found in (scratch). */
  readonly found: Int32Array;
  /** Per note: the weighted quality of the query words anywhere in it, which words, and a scratch best. */
  readonly noteScore: Float64Array;
  readonly noteWords: Int32Array;
  readonly noteBest: Float64Array;
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
    this.noteWords = new Int32Array(notes);
    this.noteBest = new Float64Array(notes);
  }

  clear(): void {
    for (const text of this.touchedTexts) {
      this.textScore[text] = 0;
      this.textWords[text] = 0;
    }
    for (const note of this.touchedNotes) {
      this.noteScore[note] = 0;
      this.noteWords[note] = 0;
      this.noteBest[note] = 0;
    }
    this.touchedTexts.length = 0;
    this.touchedNotes.length = 0;
  }
}

/**
 * Scores every note that holds a query word. A word weighs by its rarity (inverse document frequency over the
 * texts); a note's relevance is the share of the query's weight it holds anywhere (its article's title included),
 * plus its best single text's share times that field's weight. The best notes by words are then scored again with
 * bonuses for phrases and whole names. `masks`: for each word id the query stands for, the bits of its query words.
 */
export function rank(
  { words, sequence }: ParsedQuery,
  masks: Map<number, number>,
  layout: NotesLayout,
  scores: Scores,
  limit: number,
): Ranked[] {
  const { index, noteBundle, titleText } = layout;
  const { textScore, textWords, noteScore, noteWords, noteBest, touchedTexts, touchedNotes } = scores;
  const { owners, fields } = index;
  const weights = new Float64Array(words.length);
  /** Per query word, its best quality in each title it was found in. */
  const titleQuality = new Map<number, Float64Array>();

  try {
    const lookups = words.map(({ matches }) =>
      matches.reduce((sum, { word, namesOnly }) => sum + index.textsWith(word, namesOnly).length, 0),
    );
    const common = lookups.map((count) => count > COMMON_SHARE * index.texts.length);
    const onlyCommon = common.every(Boolean);
    words.forEach((word, bit) => {
      if (common[bit] && !onlyCommon) return;
      weights[bit] = findWord(word, bit, layout, scores, titleQuality);
    });
    const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);

    // A query that only the title of an article answers ("seek military aid"): its notes, in order.
    if (touchedNotes.length === 0) {
      for (const [title] of titleQuality) {
        for (const note of layout.bundleNotes[owners[title]]) touchedNotes.push(note);
      }
    }
    // Each note's article title counts for the query words the note does not hold itself.
    for (const note of touchedNotes) {
      const title = titleText[noteBundle[note]];
      const quality = titleQuality.get(title);
      if (!quality) continue;
      const missing = textWords[title] & ~noteWords[note];
      for (let bit = 0; bit < words.length; bit++) {
        if (missing & (1 << bit)) noteScore[note] += weights[bit] * quality[bit];
      }
    }

    // Each note's best text by words alone (its own texts, then its title), and the finalists.
    for (const text of touchedTexts) {
      if (fields[text] === TITLE_CODE) continue;
      const note = owners[text];
      noteBest[note] = Math.max(noteBest[note], (textScore[text] / totalWeight) * WEIGHT_OF_CODE[fields[text]]);
    }
    const titleValue = (note: number) => {
      const title = titleText[noteBundle[note]];
      return textWords[title] === 0 ? 0 : (textScore[title] / totalWeight) * WEIGHT_OF_CODE[TITLE_CODE];
    };
    const byWords = (note: number) => noteScore[note] / totalWeight + Math.max(noteBest[note], titleValue(note));
    const finalists = topNotes(touchedNotes, byWords, Math.max(MIN_FINALISTS, limit * 3));

    const ranked = finalists.map((note): Ranked => {
      let best = -1;
      let bestText = -1;
      let nameShare = 0;
      for (const text of textsOf(layout, note)) {
        if (textWords[text] === 0) continue;
        const code = fields[text];
        const share = textScore[text] / totalWeight;
        if (isNameCode(code)) nameShare = Math.max(nameShare, share);
        let value = share * WEIGHT_OF_CODE[code];
        if (sequence.length > 1) {
          value += PHRASE_BONUS * phraseShare(index.wordsOf(text), sequence, masks) * WEIGHT_OF_CODE[code];
        }
        if (isNameCode(code) && isWholeText(index, text, sequence, words)) value += WHOLE_NAME_BONUS;
        if (value > best) {
          best = value;
          bestText = text;
        }
      }
      const relevance = noteScore[note] / totalWeight + best + NAME_SHARE_BONUS * nameShare;
      return { note, relevance, text: bestText };
    });
    return ranked.sort((a, b) => b.relevance - a.relevance || a.note - b.note).slice(0, limit);
  } finally {
    scores.clear();
  }
}

/**
 * Adds one query word's matches to the sums: each text's best quality for it, weighted by the word's rarity, and
 * each note's. Returns the word's weight.
 */
function findWord(
  { matches }: ParsedQuery['words'][number],
  bit: number,
  { index }: NotesLayout,
  scores: Scores,
  titleQuality: Map<number, Float64Array>,
): number {
  const { textScore, textWords, textBest, found, noteScore, noteWords, noteBest, touchedTexts, touchedNotes } = scores;
  const { owners, fields } = index;
  // The best match of this word in each text: a text can hold it exactly and by prefix.
  let foundCount = 0;
  for (const { word, quality, namesOnly } of matches) {
    for (const text of index.textsWith(word, namesOnly)) {
      if (textBest[text] === 0) found[foundCount++] = text;
      if (quality > textBest[text]) textBest[text] = quality;
    }
  }
  const weight = Math.log(1 + index.texts.length / (1 + foundCount));
  const notes: number[] = [];
  for (let i = 0; i < foundCount; i++) {
    const text = found[i];
    const quality = textBest[text];
    textBest[text] = 0;
    if (textWords[text] === 0) touchedTexts.push(text);
    textWords[text] |= 1 << bit;
    textScore[text] += weight * quality;
    if (fields[text] === TITLE_CODE) {
      let qualities = titleQuality.get(text);
      if (!qualities) titleQuality.set(text, (qualities = new Float64Array(32)));
      qualities[bit] = quality;
      continue;
    }
    const note = owners[text];
    if (noteBest[note] === 0) notes.push(note);
    if (quality > noteBest[note]) noteBest[note] = quality;
  }
  for (const note of notes) {
    if (noteWords[note] === 0) touchedNotes.push(note);
    noteWords[note] |= 1 << bit;
    noteScore[note] += weight * noteBest[note];
    noteBest[note] = 0;
  }
  return weight;
}

/** The ids of a note's texts: its own, then its article's title. */
function* textsOf({ index, firstText, noteBundle, titleText }: NotesLayout, note: number): Generator<number> {
  const end = note + 1 < firstText.length ? firstText[note + 1] : index.texts.length;
  for (let text = firstText[note]; text < end; text++) if (index.fields[text] !== TITLE_CODE) yield text;
  yield titleText[noteBundle[note]];
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
export function wordMasks(words: ParsedQuery['words']): Map<number, number> {
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
  const textWords = index.wordsOf(text);
  if (textWords.length !== sequence.length) return false;
  return sequence.every((at, i) => index.words[textWords[i]] === words[at].text);
}
