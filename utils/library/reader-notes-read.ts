import { aliasKey } from '@/utils/match/normalize';

/**
 * The reader's own notes: a line or a few of their own about an entity, kept apart from the bundles (which hold
 * only what articles said). Read here with no storage library and no schema library, so that the content script
 * can show them on the card; written and checked by `reader-notes.ts`.
 *
 * A note belongs to a catalogue entry, not to a bundle: the same entity may be known by several articles, which
 * come and go. So it is keyed by what finds the entry again whatever the library holds: its kind and its name as
 * the matcher folds it (`aliasKey`), and the entry's id when it was written.
 */

/** Its key in `storage.local` (a WXT storage item, versioned: `readerNotes$` holds the version). */
export const READER_NOTES_KEY = 'readerNotes';

export interface ReaderNote {
  /** The entity's kind: a note on the place Georgia is not a note on the person. */
  kind: string;
  /** `aliasKey(name)`: the entry's name as the matcher reads it. */
  key: string;
  /** The entry's name when the note was written, as written (shown when its entity is no longer in the notes). */
  name: string;
  /** The catalogue id of the entry when the note was written. */
  entryId: string;
  /** The reader's words, as typed (line breaks kept). */
  text: string;
  /** When the reader last wrote it (ISO 8601). */
  updatedAt: string;
}

/** What storage holds under `readerNotes`. */
export interface ReaderNotesValue {
  notes: ReaderNote[];
}

/** The notes as stored, keeping those that can be read (storage may be edited by hand or left by another version). */
export function readReaderNotes(stored: unknown): ReaderNote[] {
  const notes = (stored as { notes?: unknown } | null)?.notes;
  if (!Array.isArray(notes)) return [];
  return notes.filter(
    (note): note is ReaderNote =>
      typeof note?.kind === 'string' && typeof note.key === 'string' && typeof note.text === 'string' && note.text.trim() !== '',
  );
}

/** What a note is found by: a catalogue entry's entity (whose id is the entry's). */
export interface NoteOwner {
  id: string;
  name: string;
  kind: string;
  aliases: readonly { text: string }[];
}

/**
 * The reader's note on a catalogue entry: of its kind, and written for its name, else for its id, else for one of
 * its other names (a note written on "Stoltenberg" before the seed's Jens Stoltenberg joined it).
 */
export function noteFor(notes: readonly ReaderNote[], entity: NoteOwner): ReaderNote | undefined {
  const ofKind = notes.filter((note) => note.kind === entity.kind);
  if (ofKind.length === 0) return undefined;
  const name = aliasKey(entity.name);
  let found = ofKind.find((note) => note.key === name) ?? ofKind.find((note) => note.entryId === entity.id);
  for (let i = 0; !found && i < entity.aliases.length; i++) {
    const key = aliasKey(entity.aliases[i].text);
    found = ofKind.find((note) => note.key === key);
  }
  return found;
}

/**
 * The notes by the ways an entry finds them, for looking up many entries at once (the search indexes every entry).
 * Answers as `noteFor` does.
 */
export function readerNoteIndex(notes: readonly ReaderNote[]): (owner: NoteOwner) => ReaderNote | undefined {
  if (notes.length === 0) return () => undefined;
  const byKey = new Map<string, ReaderNote>();
  const byId = new Map<string, ReaderNote>();
  for (const note of notes) {
    const key = `${note.kind}\u0000${note.key}`;
    if (!byKey.has(key)) byKey.set(key, note);
    const id = `${note.kind}\u0000${note.entryId}`;
    if (!byId.has(id)) byId.set(id, note);
  }
  return (entity) => {
    const found = byKey.get(`${entity.kind}\u0000${aliasKey(entity.name)}`) ?? byId.get(`${entity.kind}\u0000${entity.id}`);
    if (found) return found;
    for (const alias of entity.aliases) {
      const byAlias = byKey.get(`${entity.kind}\u0000${aliasKey(alias.text)}`);
      if (byAlias) return byAlias;
    }
    return undefined;
  };
}
