import * as v from 'valibot';
import { ENTITY_KINDS } from '@/utils/bundle/schema';

/** The reader's own note as files and storage hold it (`reader-notes.ts`); apart from storage, for the import worker. */

/** How long a note the reader types may be (one written by merging two imports may be longer). */
export const NOTE_MAX_LENGTH = 2000;

const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1));

export const ReaderNoteSchema = v.object({
  kind: v.picklist(ENTITY_KINDS),
  key: v.pipe(v.string(), v.minLength(1)),
  name: nonEmpty,
  entryId: v.string(),
  text: v.pipe(nonEmpty, v.maxLength(20 * NOTE_MAX_LENGTH)),
  updatedAt: v.optional(v.string(), ''),
});

export const ReaderNotesSchema = v.array(ReaderNoteSchema);
