import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { groupByKind, KIND_LABELS } from '@/components/kinds';
import { SourceDate } from '@/components/SourceDate';
import { Switch } from '@/components/Switch';
import type { Bundle } from '@/utils/bundle/schema';
import { defaultBundle } from '@/utils/bundle/load';
import { parseBundle } from '@/utils/bundle/parse';
import { editPageUrl } from '@/utils/capture-host/review-url';
import { isPlaceholderIn } from '@/utils/library/edit-bundle';
import { importBundles, libraryFile, toJson, toMarkdown, type ImportOutcome } from '@/utils/library/exchange';
import { readImportFile, type ImportProgress } from '@/utils/library/read-import';
import { storageProblem } from '@/utils/library/storage-errors';
import { getReaderNotes, importReaderNotes, watchReaderNotes, type ReaderNote } from '@/utils/library/reader-notes';
import {
  deleteBundle,
  getLibrary,
  restoreBuiltIn,
  setBundleEnabled,
  undoDelete,
  watchLibrary,
  type DeletedBundle,
  type LibraryItem,
} from '@/utils/library/store';

/** Offers a file to save, made here: no download permission, nothing leaves the machine. */
function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const today = () => new Date().toISOString().slice(0, 10);

/** A bundle as stored, if it is still what the schema says (storage can be damaged or edited by hand). */
function readable(item: LibraryItem): { bundle: Bundle } | { problem: string } {
  if (!item.bundle) return { problem: 'Its notes are missing from storage.' };
  const parsed = parseBundle(item.bundle);
  return parsed.ok ? { bundle: parsed.bundle } : { problem: `Its notes are damaged (${parsed.errors[0]}).` };
}

function webUrl(url: string | null): string | null {
  return url && /^https?:\/\//.test(url) ? url : null;
}

/** What the reader's own notes in a file did: added, joined to the reader's own, or already there. */
type NotesOutcome = Awaited<ReturnType<typeof importReaderNotes>>;

type ImportState =
  | { status: 'idle' }
  | { status: 'reading'; progress: ImportProgress | null; cancel: () => void }
  | { status: 'saving'; count: number }
  | { status: 'cancelled' }
  | { status: 'done'; outcomes: ImportOutcome[]; notes: NotesOutcome | null }
  /** `foreign`: the file is not a Side Notes file, which is all the reader needs to know first. */
  | { status: 'failed'; errors: string[]; foreign?: boolean }
  | { status: 'not-saved'; message: string };

/** What an import did with each bundle, in a sentence. */
const IMPORT_RESULTS: Record<ImportOutcome['result'], (outcome: ImportOutcome) => string> = {
  added: ({ title }) => `“${title}” was added.`,
  updated: ({ title }) => `“${title}” was already in the library: it was updated with what the file adds (nothing you had was lost).`,
  unchanged: ({ title }) => `“${title}” is already in the library, unchanged.`,
  renamed: ({ title, id }) => `“${title}” was added beside a different bundle with the same id (now ${id}).`,
};

function ImportErrors({ errors }: { errors: string[] }) {
  return (
    <ul>
      {errors.map((error, index) => (
        <li key={index}>
          <code>{error}</code>
        </li>
      ))}
    </ul>
  );
}

const count = (n: number) => n.toLocaleString('en');

/** Where an import is, in words, with what its bar shows (no `value`: under way, how far unknown). */
function importStep(state: ImportState): { text: string; value?: number; max?: number } | null {
  if (state.status === 'saving') return { text: `Saving ${count(state.count)} ${state.count === 1 ? 'article' : 'articles'}…` };
  if (state.status !== 'reading') return null;
  const { progress } = state;
  if (!progress) return { text: 'Reading the file…' };
  const { phase, done, total } = progress;
  if (phase === 'reading') {
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    return { text: `Reading the file: ${mb(done)} of ${mb(total)} MB…`, value: done, max: total };
  }
  return { text: `Checking the notes: ${count(done)} of ${count(total)} articles…`, value: done, max: total };
}

/** What an import did with the reader's own notes, in a sentence; '' when the file had none. */
function notesSentence(notes: NotesOutcome | null): string {
  if (!notes || notes.added + notes.joined + notes.kept === 0) return '';
  const parts = [
    notes.added ? `${notes.added} of your ${notes.added === 1 ? 'note was' : 'notes were'} added` : '',
    notes.joined ? `${notes.joined} joined to the ${notes.joined === 1 ? 'note' : 'notes'} you had on the same ${notes.joined === 1 ? 'entity' : 'entities'} (both kept)` : '',
    notes.kept ? `${notes.kept} ${notes.kept === 1 ? 'was' : 'were'} already there` : '',
  ].filter(Boolean);
  return `Your own notes: ${parts.join('; ')}.`;
}

/**
 * The notes library (options page): every bundle with its source, date and entity count; on/off; delete with undo;
 * the built-in article restored; export as JSON (the bundle schema) and Markdown; import of JSON, checked whole.
 */
export function NotesLibrary() {
  /** The bundle whose entities are listed (one at a time). */
  const [openBundle, setOpenBundle] = useState<string | null>(null);
  const [items, setItems] = useState<LibraryItem[] | null>(null);
  const [readerNotes, setReaderNotes] = useState<ReaderNote[]>([]);
  const [deleted, setDeleted] = useState<{ title: string; what: DeletedBundle } | null>(null);
  const [imported, setImported] = useState<ImportState>({ status: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    const read = () => void getLibrary().then((next) => live && setItems(next));
    read();
    const stop = watchLibrary(read);
    void getReaderNotes().then((notes) => live && setReaderNotes(notes));
    const stopNotes = watchReaderNotes(setReaderNotes);
    return () => {
      live = false;
      stop();
      stopNotes();
    };
  }, []);

  // Each bundle checked once per read of the library, not on every render: a library can hold megabytes of notes.
  const shown = useMemo(
    () => (items ?? []).filter((item) => !item.entry.hidden).map((item) => ({ item, read: readable(item) })),
    [items],
  );
  if (items === null) return null;
  const hiddenBuiltIn = items.find((item) => item.entry.builtIn && item.entry.hidden);
  const usable = shown.flatMap(({ read }) => ('bundle' in read ? [read.bundle] : []));

  async function remove(item: LibraryItem) {
    const what = await deleteBundle(item.entry.id);
    if (what) setDeleted({ title: item.bundle?.source?.title ?? item.entry.id, what });
  }

  async function importFile(file: File) {
    // Read and checked in a worker, with progress and a way out: a big file never holds the page (read-import.ts).
    const reading = readImportFile(file, (progress) =>
      setImported((now) => (now.status === 'reading' ? { ...now, progress } : now)),
    );
    setImported({ status: 'reading', progress: null, cancel: reading.cancel });
    const read = await reading.result;
    if (read === null) {
      setImported({ status: 'cancelled' });
      return;
    }
    if (!read.ok) {
      setImported({ status: 'failed', errors: read.errors, foreign: read.foreign });
      return;
    }
    setImported({ status: 'saving', count: read.bundles.length });
    try {
      // The bundles first (one write), then the reader's own notes, merged into theirs (utils/library/reader-notes.ts).
      const outcomes = read.bundles.length > 0 ? await importBundles(read.bundles) : [];
      const notes = read.readerNotes.length > 0 ? await importReaderNotes(read.readerNotes) : null;
      setImported({ status: 'done', outcomes, notes });
    } catch (error) {
      setImported({ status: 'not-saved', message: storageProblem(error, 'Nothing was imported') });
    }
  }
  const step = importStep(imported);

  return (
    <section class="options__section" aria-labelledby="library-heading">
      <h2 id="library-heading">Notes library</h2>
      <p class="options__hint">
        The articles Side Notes has read. Each bundle holds what one article said; names from every bundle that is on
        are underlined.
      </p>

      {deleted && (
        <p class="options__notice" role="status" data-testid="deleted-notice">
          <span>Deleted “{deleted.title}”.</span>
          <button
            type="button"
            class="sn-button options__button"
            onClick={() => void undoDelete(deleted.what).then(() => setDeleted(null))}
            data-testid="undo-delete"
          >
            Undo
          </button>
        </p>
      )}

      <ul class="options__bundles">
        {shown.map(({ item, read }) => {
          const bundle = 'bundle' in read ? read.bundle : null;
          const url = webUrl(bundle?.source.url ?? null);
          return (
            <li key={item.entry.id} data-testid="bundle" data-bundle-id={item.entry.id}>
              <div class="options__bundle-text">
                <span class="options__bundle-title">
                  {bundle ? (
                    url ? (
                      <a href={url} target="_blank" rel="noopener noreferrer">
                        {bundle.source.title}
                      </a>
                    ) : (
                      bundle.source.title
                    )
                  ) : (
                    item.entry.id
                  )}
                </span>
                {bundle ? (
                  <span class="options__bundle-meta">
                    {bundle.source.publisher && <>{bundle.source.publisher} · </>}
                    <SourceDate date={bundle.source.date} /> ·{' '}
                    <button
                      type="button"
                      class="options__link-button"
                      aria-expanded={openBundle === item.entry.id}
                      aria-controls={`entities-${item.entry.id}`}
                      onClick={() => setOpenBundle(openBundle === item.entry.id ? null : item.entry.id)}
                      data-testid="bundle-open"
                    >
                      {openBundle === item.entry.id ? 'Hide' : 'Show'} its {bundle.entities.length}{' '}
                      {bundle.entities.length === 1 ? 'entity' : 'entities'}
                    </button>
                    {item.entry.builtIn && <> · comes with Side Notes</>}
                  </span>
                ) : (
                  <span class="options__error" data-testid="bundle-problem">
                    {'problem' in read ? read.problem : ''}
                  </span>
                )}
              </div>
              <div class="options__bundle-actions">
                {bundle && (
                  <>
                    {!item.entry.builtIn && (
                      <button
                        type="button"
                        class="sn-button options__button"
                        aria-label={`Edit ${bundle.source.title}`}
                        onClick={() => void browser.tabs.create({ url: editPageUrl(item.entry.id) })}
                        data-testid="edit-bundle"
                      >
                        Edit
                      </button>
                    )}
                    <Switch
                      label={<span class="sn-visually-hidden">Underline names from {bundle.source.title}</span>}
                      checked={item.entry.enabled}
                      onChange={(enabled) => void setBundleEnabled(item.entry.id, enabled)}
                      testId="bundle-switch"
                    />
                    <button
                      type="button"
                      class="sn-button options__button"
                      aria-label={`Export ${bundle.source.title} as JSON`}
                      onClick={() => download(`${bundle.id}.json`, toJson(bundle), 'application/json')}
                    >
                      JSON
                    </button>
                    <button
                      type="button"
                      class="sn-button options__button"
                      aria-label={`Export ${bundle.source.title} as Markdown`}
                      onClick={() => download(`${bundle.id}.md`, toMarkdown([bundle], readerNotes), 'text/markdown')}
                    >
                      Markdown
                    </button>
                  </>
                )}
                <button
                  type="button"
                  class="sn-button options__button"
                  aria-label={`Delete ${bundle?.source.title ?? item.entry.id}`}
                  onClick={() => void remove(item)}
                  data-testid="delete-bundle"
                >
                  Delete
                </button>
              </div>
              {bundle && openBundle === item.entry.id && <BundleEntities bundle={bundle} id={`entities-${item.entry.id}`} />}
            </li>
          );
        })}
      </ul>
      {shown.length === 0 && <p class="options__empty">No notes: Side Notes underlines nothing.</p>}

      {hiddenBuiltIn && (
        <p class="options__notice">
          <span>The article Side Notes comes with is deleted.</span>
          <button
            type="button"
            class="sn-button options__button"
            onClick={() => void restoreBuiltIn(defaultBundle)}
            data-testid="restore-builtin"
          >
            Restore it
          </button>
        </p>
      )}

      <h3>Export and import</h3>
      <div class="options__tools">
        <button
          type="button"
          class="sn-button options__button"
          disabled={items.every((item) => !item.bundle)}
          onClick={() => download(`side-notes-library-${today()}.json`, toJson(libraryFile(items, readerNotes)), 'application/json')}
          data-testid="export-library"
        >
          Export library (JSON)
        </button>
        <button
          type="button"
          class="sn-button options__button"
          disabled={usable.length === 0}
          onClick={() => download(`side-notes-${today()}.md`, toMarkdown(usable, readerNotes), 'text/markdown')}
          data-testid="export-markdown"
        >
          All notes as Markdown
        </button>
        <button
          type="button"
          class="sn-button options__button"
          disabled={step !== null}
          onClick={() => fileInput.current?.click()}
          data-testid="import"
        >
          Import JSON…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="import-file"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) void importFile(file);
          }}
        />
      </div>
      <p class="options__hint">
        JSON keeps everything, your own notes on entities too, and can be imported into Side Notes elsewhere; Markdown
        is for reading. A file is checked whole before anything is imported, and importing never loses a note you have:
        where you and the file each have a different note on an entity, both are kept.
      </p>
      {step && (
        <div class="options__import-progress" data-testid="import-progress">
          <p id="import-step" class="options__status" role="status">
            {step.text}
          </p>
          <div class="options__add-row">
            <progress aria-labelledby="import-step" value={step.value} max={step.max} />
            {imported.status === 'reading' && (
              <button type="button" class="sn-button options__button" onClick={imported.cancel} data-testid="import-cancel">
                Cancel
              </button>
            )}
          </div>
        </div>
      )}
      {imported.status === 'cancelled' && (
        <p class="options__status" role="status" data-testid="import-cancelled">
          Import cancelled: nothing was imported.
        </p>
      )}
      {imported.status === 'not-saved' && (
        <p class="options__error" role="alert" data-testid="import-not-saved">
          {imported.message}
        </p>
      )}
      {imported.status === 'done' && (
        <ul class="options__import-result" role="status" data-testid="import-result">
          {imported.outcomes.map((outcome) => (
            <li key={outcome.id} data-result={outcome.result}>
              {IMPORT_RESULTS[outcome.result](outcome)}
            </li>
          ))}
          {notesSentence(imported.notes) && <li data-testid="import-notes">{notesSentence(imported.notes)}</li>}
        </ul>
      )}
      {imported.status === 'failed' && (
        <div class="options__import-errors" role="alert" data-testid="import-errors">
          {imported.foreign ? (
            <>
              <p data-testid="import-foreign">This is not a Side Notes file. Nothing was imported.</p>
              {imported.errors.length > 0 && (
                <details>
                  <summary>Details</summary>
                  <ImportErrors errors={imported.errors} />
                </details>
              )}
            </>
          ) : (
            <>
              <p>Nothing was imported. The file has {imported.errors.length === 1 ? 'a problem' : `${imported.errors.length} problems`}:</p>
              <ImportErrors errors={imported.errors} />
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** A bundle's entities, grouped by kind, each with its description: what the article's notes hold. */
function BundleEntities({ bundle, id }: { bundle: Bundle; id: string }) {
  return (
    <div class="options__entities sn-kinds" id={id} data-testid="bundle-entities">
      {groupByKind(bundle.entities, (entity) => entity).map(({ kind, items: ofKind }) => (
        <div key={kind} class="options__entity-group">
          <h4 class="options__entity-kind">
            {KIND_LABELS[kind]} ({ofKind.length})
          </h4>
          <ul>
            {ofKind.map((entity) => (
              <li key={entity.id} data-kind={kind} data-testid="bundle-entity">
                <span class="options__entity-name">{entity.name}</span>
                {entity.description && !isPlaceholderIn(bundle, entity.description) && (
                  <span class="options__entity-description">{entity.description}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
