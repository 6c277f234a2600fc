import { storage } from 'wxt/utils/storage';
import { withLock } from '@/utils/locks';
import { aliasKey } from '@/utils/match/normalize';
import { noteFor, READER_NOTES_KEY, readReaderNotes, type NoteOwner, type ReaderNote, type ReaderNotesValue } from './reader-notes-read';

export { noteFor, READER_NOTES_KEY, readerNoteIndex, readReaderNotes, type NoteOwner, type ReaderNote } from './reader-notes-read';
export { NOTE_MAX_LENGTH, ReaderNoteSchema, ReaderNotesSchema } from './reader-note-schema';

/**
 * The reader's own notes in storage (README, "Notes library"): one WXT storage item, `local:readerNotes`, version 1,
 * `{ notes: ReaderNote[] }`, at most one note per kind and folded name. Written one change at a time (Web Locks,
 * like the library), checked with valibot when they come from a file.
 */

const notesItem = storage.defineItem<ReaderNotesValue>(`local:${READER_NOTES_KEY}`, {
  fallback: { notes: [] },
  version: 1,
});

const NOTES_LOCK = 'side-notes:reader-notes';

export async function getReaderNotes(): Promise<ReaderNote[]> {
  return readReaderNotes(await notesItem.getValue());
}

/** Calls `callback` with the notes whenever they change (in any part of the extension). */
export function watchReaderNotes(callback: (notes: ReaderNote[]) => void): () => void {
  return notesItem.watch((value) => callback(readReaderNotes(value)));
}

/** Changes the notes one writer at a time; `change` gets them as they are when its turn comes. */
function updateReaderNotes<T>(change: (notes: ReaderNote[]) => { notes: ReaderNote[]; result: T }): Promise<T> {
  return withLock(NOTES_LOCK, async () => {
    const before = await getReaderNotes();
    const { notes, result } = change(before);
    if (notes !== before) await notesItem.setValue({ notes });
    return result;
  });
}

/** The same note, found by its kind and folded name. */
const sameKey = (a: Pick<ReaderNote, 'kind' | 'key'>, b: Pick<ReaderNote, 'kind' | 'key'>) => a.kind === b.kind && a.key === b.key;

/**
 * Writes the reader's note on a catalogue entry, given its entity (blank text deletes it). The note takes the entry's name, kind and
 * id as they are now, so it follows the entry the reader sees.
 */
export function setReaderNote(owner: NoteOwner, text: string, now = new Date()): Promise<ReaderNote | null> {
  const written = text.trim();
  return updateReaderNotes((notes) => {
    const old = noteFor(notes, owner);
    const others = notes.filter((note) => note !== old);
    if (written === '') return { notes: old ? others : notes, result: null };
    const note: ReaderNote = {
      kind: owner.kind,
      key: aliasKey(owner.name),
      name: owner.name.trim(),
      entryId: owner.id,
      text: written,
      updatedAt: now.toISOString(),
    };
    // One note per kind and name: another note already under the entry's name (written when it was another entry's
    // name) is the same entity's, and goes into this one rather than being left to shadow it.
    const shadowed = others.find((other) => sameKey(other, note));
    return { notes: [note, ...others.filter((other) => other !== shadowed)], result: note };
  });
}

/** What merging imported notes did. */
export interface NotesMerge {
  notes: ReaderNote[];
  /** New to the reader. */
  added: number;
  /** The reader had a different note on the same entity: both texts are kept, the reader's first. */
  joined: number;
  /** The reader already had it (or more). */
  kept: number;
}

const paragraphs = (text: string) => text.split(/\n\s*\n/).map((part) => part.trim());

/** Whether `whole` already holds every paragraph of `part`. */
function holds(whole: string, part: string): boolean {
  const have = new Set(paragraphs(whole));
  return paragraphs(part).every((paragraph) => have.has(paragraph));
}

/**
 * Merges imported notes into the reader's, losing nothing: a note on an entity the reader has none on is added; the
 * same text, or a text the reader's note already holds, changes nothing; a text that holds the reader's and more
 * replaces it; two different texts are both kept, the reader's first, then the file's, as paragraphs. So importing
 * the same file twice changes nothing the second time.
 */
export function mergeReaderNotes(mine: readonly ReaderNote[], imported: readonly ReaderNote[]): NotesMerge {
  const notes = [...mine];
  let added = 0;
  let joined = 0;
  let kept = 0;
  for (const theirs of imported) {
    const at = notes.findIndex((note) => sameKey(note, theirs));
    if (at < 0) {
      notes.push({ ...theirs });
      added++;
      continue;
    }
    const ours = notes[at];
    const newer = ours.updatedAt >= theirs.updatedAt ? ours.updatedAt : theirs.updatedAt;
    if (holds(ours.text, theirs.text)) kept++;
    else if (holds(theirs.text, ours.text)) {
      notes[at] = { ...ours, text: theirs.text, updatedAt: newer };
      joined++;
    } else {
      notes[at] = { ...ours, text: `${ours.text}\n\n${theirs.text}`, updatedAt: newer };
      joined++;
    }
  }
  return { notes, added, joined, kept };
}

/** Merges imported notes into storage (`mergeReaderNotes`); returns what it did. */
export function importReaderNotes(imported: readonly ReaderNote[]): Promise<Omit<NotesMerge, 'notes'>> {
  return updateReaderNotes((mine) => {
    const merged = mergeReaderNotes(mine, imported);
    const { notes, ...counts } = merged;
    return { notes: counts.added + counts.joined > 0 ? notes : mine, result: counts };
  });
}
