import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { EntityList, optionId } from '@/components/EntityList';
import { KIND_LABELS } from '@/components/kinds';
import { Logo } from '@/components/Logo';
import { SearchBox } from '@/components/SearchBox';
import { SourceDate } from '@/components/SourceDate';
import { useNotesSearch } from '@/components/use-notes-search';
import type { PendingNote } from '@/utils/add-note/open';
import { ENTITY_KINDS, type Bundle, type EntityKind } from '@/utils/bundle/schema';
import { publishedDate } from '@/utils/library/from-draft';
import { bundleForPage, entryTarget, hostOf, pageTitle, saveQuote, type QuoteTarget } from '@/utils/library/from-selection';
import { NOTE_MAX_LENGTH, noteFor, setReaderNote, type ReaderNote } from '@/utils/library/reader-notes';
import type { PageSelection } from '@/utils/messages';
import type { Note } from '@/utils/search/notes-search';
import { storageProblem } from '@/utils/library/storage-errors';

export interface AppProps {
  /** What the background gave this page: the selection, or why there is none (null: nothing, or read already). */
  pending: PendingNote | null;
  /** The bundles that are on: the entries the reader chooses among. */
  bundles: Bundle[];
  /** The reader's own bundles that are on: one of them may already hold this page's notes. */
  ownBundles: Bundle[];
  readerNotes: ReaderNote[];
}

/** Closes this window (or tab): cancelling leaves nothing behind, since nothing was stored. */
async function closePage() {
  const tab = await browser.tabs.getCurrent().catch(() => undefined);
  if (tab?.id !== undefined) await browser.tabs.remove(tab.id);
  else window.close();
}

/** Esc closes the page from anywhere in it, unless a control used it (the search box clearing itself). */
function useEscapeCloses() {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        void closePage();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

/**
 * The add-note page ("Add to Side Notes", README "Taking notes from a selection"): the passage the reader selected,
 * its source, and the entity to put it on — one the passage names (the first chosen), another found in the reader's
 * notes, or a new one — with the reader's own note on it. Save writes the quote (and the note), Cancel or Esc writes
 * nothing; either closes the window.
 */
export function App({ pending, bundles, ownBundles, readerNotes }: AppProps) {
  useEscapeCloses();
  return (
    <main class="add-note">
      <header class="add-note__header">
        <Logo size={22} />
        <h1 class="add-note__title">Add to Side Notes</h1>
      </header>
      {pending && 'selection' in pending ? (
        <AddNote selection={pending.selection} bundles={bundles} ownBundles={ownBundles} readerNotes={readerNotes} />
      ) : (
        <Failed
          message={
            pending?.error ??
            'There is no passage to add here: it was saved or cancelled already. Select a passage on a page and choose “Add to Side Notes”.'
          }
        />
      )}
    </main>
  );
}

function Failed({ message }: { message: string }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <section class="add-note__panel" data-testid="add-note-error">
      <p class="add-note__message" role="alert">
        {message}
      </p>
      <div class="add-note__row">
        <button type="button" class="sn-button" ref={close} onClick={() => void closePage()}>
          Close
        </button>
      </div>
    </section>
  );
}

type Choice = { type: 'entry'; id: string } | { type: 'new' };

const LIST_ID = 'add-note-results';
/** Search results shown at once: enough to find one, few enough to leave the rest of the page in view. */
const MAX_RESULTS = 6;

/** A selection short enough to be a name (the reader selected "Gitanas Nauseda"): the new entity's name to start with. */
function nameFrom(text: string): string {
  const words = text.trim().split(/\s+/);
  return words.length <= 5 && text.length <= 60 && !/[.!?;:]$/.test(text.trim()) ? words.join(' ') : '';
}

const today = () => new Date().toISOString().slice(0, 10);

function AddNote({ selection, bundles, ownBundles, readerNotes }: { selection: PageSelection } & Omit<AppProps, 'pending'>) {
  const [query, setQuery] = useState('');
  const { notes, hits, pending, hitsNow } = useNotesSearch(bundles, query, readerNotes);
  /** The entries the passage names, in page order: the first is chosen to start with. */
  const named = useMemo(() => selection.entities.flatMap((id) => notes.note(id) ?? []), [notes, selection]);
  /** An entry the reader found with the search. */
  const [found, setFound] = useState<Note | null>(null);
  const [choice, setChoice] = useState<Choice>(() => (named[0] ? { type: 'entry', id: named[0].entity.id } : { type: 'new' }));
  const [activeIndex, setActiveIndex] = useState(-1);
  const [name, setName] = useState(() => (named.length === 0 ? nameFrom(selection.text) : ''));
  const [kind, setKind] = useState<EntityKind>('person');
  const [description, setDescription] = useState('');
  /** What the reader typed as their note, per choice (switching entities keeps each one's). */
  const [noteDrafts, setNoteDrafts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const checkedRadio = useRef<HTMLInputElement>(null);
  const nameField = useRef<HTMLInputElement>(null);
  const [focusChoice, setFocusChoice] = useState(true);

  const choices = found && !named.some((note) => note.entity.id === found.entity.id) ? [...named, found] : named;
  const chosen = choice.type === 'entry' ? notes.note(choice.id) : undefined;
  const noteKey = chosen ? `entry:${chosen.entity.id}` : 'new';
  const existingNote = chosen ? (noteFor(readerNotes, chosen.entity)?.text ?? '') : '';
  const noteText = noteDrafts[noteKey] ?? existingNote;
  const targetName = chosen ? chosen.entity.name : name.trim();

  // The choice has focus when the page opens, and again when the search chose an entry (focus follows the choice).
  useEffect(() => {
    if (!focusChoice) return;
    setFocusChoice(false);
    checkedRadio.current?.focus();
  }, [focusChoice]);

  const pageBundle = bundleForPage(ownBundles, selection.url);
  const source = pageBundle?.source ?? {
    title: pageTitle(selection.title, selection.site) || hostOf(selection.url) || 'Notes',
    publisher: selection.site?.trim() || hostOf(selection.url),
    date: publishedDate(selection.published) ?? today(),
  };

  const searching = query.trim() !== '';
  const results = searching ? hits.slice(0, MAX_RESULTS) : [];

  function choose(index: number) {
    const hit = hitsNow()[index];
    if (!hit) return;
    setFound(hit);
    setChoice({ type: 'entry', id: hit.entity.id });
    setQuery('');
    setActiveIndex(-1);
    setErrors([]);
    setFocusChoice(true);
  }

  async function save(event: Event) {
    event.preventDefault();
    if (saving) return;
    if (!chosen && !name.trim()) {
      setErrors(['Give the new entity a name, or choose one of your notes.']);
      nameField.current?.focus();
      return;
    }
    const target: QuoteTarget = chosen
      ? entryTarget(chosen)
      : { type: 'new', name: name.trim(), kind, ...(description.trim() ? { description: description.trim() } : {}) };
    setSaving(true);
    try {
      const result = await saveQuote(selection, target);
      if (!result.ok) {
        setErrors(result.errors);
        return;
      }
      if (noteText.trim() !== existingNote.trim()) {
        await setReaderNote(chosen?.entity ?? { id: result.entityId, name: target.name, kind: target.kind, aliases: [] }, noteText);
      }
      await closePage();
    } catch (error) {
      setErrors([storageProblem(error, 'Nothing was saved')]);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="add-note__form" onSubmit={(event) => void save(event)}>
      <section class="add-note__panel" aria-labelledby="quote-heading">
        <h2 class="add-note__label" id="quote-heading">
          The passage
        </h2>
        <blockquote class="add-note__quote" data-testid="add-note-quote">
          {selection.text}
        </blockquote>
        <p class="add-note__source" data-testid="add-note-source">
          From <cite>{source.title}</cite>
          {source.publisher && <>, {source.publisher}</>}, <SourceDate date={source.date} />
          {pageBundle && <span class="add-note__hint"> · with your other notes from this page</span>}
        </p>
      </section>

      <fieldset class="add-note__panel add-note__choices sn-kinds">
        <legend class="add-note__label">Add it to</legend>
        {choices.map((note) => {
          const checked = choice.type === 'entry' && choice.id === note.entity.id;
          return (
            <label key={note.entity.id} class="add-note__choice" data-kind={note.entity.kind} data-testid="add-note-choice">
              <input
                type="radio"
                name="target"
                checked={checked}
                ref={checked ? checkedRadio : undefined}
                onChange={() => {
                  setChoice({ type: 'entry', id: note.entity.id });
                  setErrors([]);
                }}
              />
              <span class="add-note__choice-name">{note.entity.name}</span>
              <span class="add-note__choice-kind">{KIND_LABELS[note.entity.kind]}</span>
            </label>
          );
        })}
        <label class="add-note__choice" data-testid="add-note-new">
          <input
            type="radio"
            name="target"
            checked={choice.type === 'new'}
            ref={choice.type === 'new' ? checkedRadio : undefined}
            onChange={() => {
              setChoice({ type: 'new' });
              setErrors([]);
            }}
          />
          <span class="add-note__choice-name">A new entity</span>
        </label>
        {choice.type === 'new' && (
          <div class="add-note__new">
            <label class="add-note__field add-note__field--name">
              <span class="add-note__field-label">Name</span>
              <input
                type="text"
                ref={nameField}
                value={name}
                aria-required="true"
                data-testid="new-name"
                onInput={(event) => setName(event.currentTarget.value)}
              />
            </label>
            <label class="add-note__field">
              <span class="add-note__field-label">Kind</span>
              <select value={kind} data-testid="new-kind" onChange={(event) => setKind(event.currentTarget.value as EntityKind)}>
                {ENTITY_KINDS.map((option) => (
                  <option key={option} value={option}>
                    {KIND_LABELS[option]}
                  </option>
                ))}
              </select>
            </label>
            <label class="add-note__field add-note__field--wide">
              <span class="add-note__field-label">Who or what it is (optional)</span>
              <input
                type="text"
                value={description}
                data-testid="new-description"
                onInput={(event) => setDescription(event.currentTarget.value)}
              />
            </label>
          </div>
        )}
        <div class="add-note__search">
          <SearchBox
            value={query}
            onInput={(value) => {
              setQuery(value);
              setActiveIndex(value.trim() === '' ? -1 : 0);
            }}
            listId={LIST_ID}
            expanded={results.length > 0}
            activeOptionId={activeIndex >= 0 ? optionId(LIST_ID, activeIndex) : undefined}
            onMove={(step) =>
              results.length > 0 &&
              setActiveIndex((index) => (index < 0 ? (step > 0 ? 0 : results.length - 1) : (index + step + results.length) % results.length))
            }
            onChoose={() => choose(activeIndex)}
            label="Find another entity in your notes"
            placeholder="Find another in your notes"
            autoFocus={false}
          />
          {results.length > 0 && (
            <EntityList
              id={LIST_ID}
              label="Your notes"
              items={results.map((hit) => ({ entity: hit.entity, match: hit.match }))}
              activeIndex={activeIndex}
              onChoose={choose}
              onHover={setActiveIndex}
              itemTestId="add-note-result"
            />
          )}
          {searching && !pending && results.length === 0 && (
            <p class="add-note__hint" role="status">
              No notes match “{query.trim()}”.
            </p>
          )}
        </div>
      </fieldset>

      <section class="add-note__panel">
        <label class="add-note__field add-note__field--wide">
          <span class="add-note__label">
            Your note{targetName ? ` on ${targetName}` : ''} <span class="add-note__optional">(optional)</span>
          </span>
          <textarea
            rows={3}
            maxLength={NOTE_MAX_LENGTH}
            value={noteText}
            aria-describedby="own-note-hint"
            data-testid="own-note"
            onInput={(event) => {
              const text = event.currentTarget.value;
              setNoteDrafts((drafts) => ({ ...drafts, [noteKey]: text }));
            }}
          />
        </label>
        <p class="add-note__hint" id="own-note-hint">
          Your own words, kept apart from the quotes: the card shows them as yours.
        </p>
      </section>

      <footer class="add-note__footer">
        {errors.length > 0 && (
          <div role="alert" data-testid="add-note-problems">
            <ul class="add-note__problems">
              {errors.map((error) => (
                <li key={error}>{error}</li>
              ))}
            </ul>
          </div>
        )}
        <div class="add-note__row">
          <button type="button" class="sn-button" onClick={() => void closePage()} data-testid="add-note-cancel">
            Cancel
          </button>
          <button type="submit" class="sn-button sn-button--primary" disabled={saving} data-testid="add-note-save">
            Save
          </button>
        </div>
      </footer>
    </form>
  );
}
