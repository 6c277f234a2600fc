import Fuse from 'fuse.js';
import type { Bundle, Entity } from '@/utils/bundle/schema';
import { APOSTROPHE, classOf, tokenize } from '@/utils/match/normalize';

/** An entity together with the bundle (and so the source) it comes from. */
export interface Note {
  entity: Entity;
  bundle: Bundle;
}

export interface NoteHit extends Note {
  /** Fuse's score: 0 is a perfect match, 1 no match at all. Hits are ranked by how they match first, then by this. */
  score: number;
}

export interface NotesSearch {
  /** Best matches first; an empty or blank query finds nothing. */
  search(query: string, limit?: number): NoteHit[];
  /** The note for an entity id, from the newest bundle that has it. */
  note(entityId: string): Note | undefined;
}

const DEFAULT_LIMIT = 20;

/**
 * Per-word fuzziness (Fuse's `threshold`): 0.3 lets "trety" find "treaty" and "stoltenbrg" find "Stoltenberg" while
 * keeping three-letter words from matching half the index.
 */
const WORD_THRESHOLD = 0.3;

/**
 * Records scoring worse than this are dropped. Real hits (even a word found only in a description or a quote) scored
 * below 0.7 on the default bundle; the tail above 0.8 was one stray word match in an unrelated quote.
 */
const MAX_SCORE = 0.75;

/**
 * Fuzzy scores alone rank "us" inside "Russia" as high as the alias "US" itself, so hits are first grouped by how
 * they match a name or alias: all of it, the start of one of its words, or only fuzzily or elsewhere.
 */
const EXACT = 0;
const WORD_PREFIX = 1;
const FUZZY = 2;

/** Below this many letters a fuzzy match is noise ("a" is in almost every quote): only names and their starts count. */
const MIN_FUZZY_LENGTH = 3;

/** The text a note is searched by, normalised once when the index is built. */
interface SearchDocument {
  name: string;
  aliases: string[];
  description: string;
  quotes: string[];
}

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

function matchTier(document: SearchDocument, query: string): number {
  const names = [document.name, ...document.aliases];
  if (names.includes(query)) return EXACT;
  if (names.some((name) => ` ${name}`.includes(` ${query}`))) return WORD_PREFIX;
  return FUZZY;
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

/** Fuzzy search over every entity of `bundles`: names count most, then aliases, descriptions, and quotes least. */
export function createNotesSearch(bundles: Bundle[]): NotesSearch {
  const notes = uniqueNotes(bundles);
  const byId = new Map(notes.map((note) => [note.entity.id, note]));
  const documents: SearchDocument[] = notes.map(({ entity }) => ({
    name: normalizeSearchText(entity.name),
    aliases: entity.aliases.map((alias) => normalizeSearchText(alias.text)),
    description: normalizeSearchText(entity.description),
    quotes: entity.facts.map((fact) => normalizeSearchText(fact.quote)),
  }));
  const fuse = new Fuse(documents, {
    keys: [
      { name: 'name', weight: 4 },
      { name: 'aliases', weight: 3 },
      { name: 'description', weight: 1 },
      { name: 'quotes', weight: 0.5 },
    ],
    // Word by word, so "arms trety" matches "Arms Trade Treaty" although the words are not adjacent.
    useTokenSearch: true,
    threshold: WORD_THRESHOLD,
    // A name mentioned at the end of a long quote counts as much as one at its start.
    ignoreLocation: true,
    includeScore: true,
  });

  return {
    search(query, limit = DEFAULT_LIMIT) {
      const normalized = normalizeSearchText(query);
      if (normalized === '') return [];
      const maxTier = normalized.length < MIN_FUZZY_LENGTH ? WORD_PREFIX : FUZZY;
      return fuse
        .search(normalized)
        .map(({ refIndex, score = 1 }) => ({ refIndex, score, tier: matchTier(documents[refIndex], normalized) }))
        .filter((hit) => hit.score <= MAX_SCORE && hit.tier <= maxTier)
        .sort((a, b) => a.tier - b.tier || a.score - b.score)
        .slice(0, limit)
        .map(({ refIndex, score }) => ({ ...notes[refIndex], score }));
    },
    note(entityId) {
      return byId.get(entityId);
    },
  };
}
