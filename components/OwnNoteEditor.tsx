import { useEffect, useRef, useState } from 'preact/hooks';
import { NOTE_MAX_LENGTH, setReaderNote, type NoteOwner } from '@/utils/library/reader-notes';
import './OwnNoteEditor.css';

export interface OwnNoteEditorProps {
  /** The catalogue entry's entity the note is on. */
  entity: NoteOwner;
  /** The reader's note on it now ('' for none). */
  text: string;
}

/**
 * Writing the reader's own note on an entity (the popup's card): a button that opens a small form, Save writes it
 * (an empty note is deleted), Cancel or Esc leaves it as it was. The card above shows the note as it is stored.
 */
export function OwnNoteEditor({ entity, text }: OwnNoteEditorProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  /** Focus goes back to the button that opened the form when it closes, not to the page's start. */
  const refocus = useRef(false);

  useEffect(() => {
    if (editing) field.current?.focus();
    else if (refocus.current) {
      refocus.current = false;
      opener.current?.focus();
    }
  }, [editing]);

  function close() {
    refocus.current = true;
    setEditing(false);
    setError(null);
  }

  async function save(event: Event) {
    event.preventDefault();
    try {
      await setReaderNote(entity, draft);
      close();
    } catch (failure) {
      setError(`Your note was not saved: ${(failure as Error).message}`);
    }
  }

  if (!editing) {
    return (
      <button
        type="button"
        class="sn-button sn-own-note__open"
        ref={opener}
        onClick={() => {
          setDraft(text);
          setEditing(true);
        }}
        data-testid="own-note-edit"
      >
        {text ? 'Edit your note' : 'Add your note'}
      </button>
    );
  }
  return (
    <form
      class="sn-own-note"
      onSubmit={(event) => void save(event)}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        // Esc leaves the form, not the card.
        event.preventDefault();
        event.stopPropagation();
        close();
      }}
    >
      <label class="sn-own-note__label" for="own-note-text">
        Your note on {entity.name}
      </label>
      <textarea
        id="own-note-text"
        ref={field}
        rows={3}
        maxLength={NOTE_MAX_LENGTH}
        value={draft}
        aria-describedby="own-note-help"
        onInput={(event) => setDraft(event.currentTarget.value)}
        data-testid="own-note-text"
      />
      <p class="sn-own-note__help" id="own-note-help">
        Your own words: kept apart from the quotes, searched, exported with your notes. Empty deletes it.
      </p>
      {error && (
        <p class="sn-own-note__error" role="alert">
          {error}
        </p>
      )}
      <div class="sn-own-note__row">
        <button type="button" class="sn-button" onClick={close}>
          Cancel
        </button>
        <button type="submit" class="sn-button sn-button--primary" data-testid="own-note-save">
          Save note
        </button>
      </div>
    </form>
  );
}
