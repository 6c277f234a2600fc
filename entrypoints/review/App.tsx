import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Logo } from '@/components/Logo';
import { KIND_LABELS } from '@/components/kinds';
import { ENTITY_KINDS, type EntityKind } from '@/utils/bundle/schema';
import type { DraftSource } from '@/utils/capture/types';
import {
  dropFact,
  merge,
  problemsOf,
  remove,
  rename,
  setAliases,
  setDescription,
  setKind,
  type ReviewEntry,
} from './edits';
import { captureStart, editStart, type ReviewStart } from './start';

type View =
  | { status: 'reading' }
  | { status: 'failed'; message: string }
  | { status: 'reviewing'; start: ReviewStart }
  | { status: 'saved'; title: string; count: number };

/** Where the page's notes come from: a tab's article to capture, or a bundle of the library to edit. */
export type ReviewOf = { tabId: number } | { bundleId: string } | null;

/** Closes this tab: cancelling leaves nothing behind, since nothing was stored. */
async function closePage() {
  const tab = await browser.tabs.getCurrent().catch(() => undefined);
  if (tab?.id !== undefined) await browser.tabs.remove(tab.id);
  else window.close();
}

/**
 * The review page: the draft "Take notes from this page" made, for the reader to correct before anything is saved —
 * or, opened with "Edit" from the notes library, a bundle the library holds, to correct later. Every edit stays in
 * this page's memory; Save writes the bundle (a new one, or in place of the one edited), Cancel closes the page.
 */
export function App({ of }: { of: ReviewOf }) {
  const [view, setView] = useState<View>({ status: 'reading' });
  const editing = of !== null && 'bundleId' in of;

  useEffect(() => {
    if (of === null) {
      setView({ status: 'failed', message: 'No page was given to take notes from.' });
      return;
    }
    if (editing) document.title = 'Edit notes — Side Notes';
    void ('bundleId' in of ? editStart(of.bundleId) : captureStart(of.tabId)).then((result) =>
      setView(result.ok ? { status: 'reviewing', start: result.start } : { status: 'failed', message: result.message }),
    );
  }, [of]);

  return (
    <main class="review">
      <header class="review__header">
        <Logo size={24} />
        <h1 class="review__title">{editing ? 'Edit notes' : 'Take notes from this page'}</h1>
      </header>
      {view.status === 'reading' && (
        <p class="review__message" role="status">
          {editing ? 'Opening the notes…' : 'Reading the article…'}
        </p>
      )}
      {view.status === 'failed' && (
        <section class="review__panel" data-testid="review-error">
          <p class="review__message" role="alert">
            {view.message}
          </p>
          <button type="button" class="sn-button" onClick={() => void closePage()}>
            Close
          </button>
        </section>
      )}
      {view.status === 'reviewing' && (
        <Review start={view.start} onSaved={(title, count) => setView({ status: 'saved', title, count })} />
      )}
      {view.status === 'saved' && (
        <section class="review__panel" data-testid="review-saved">
          <p class="review__message" role="status">
            {editing ? (
              <>
                Saved your changes to “{view.title}” ({view.count} {view.count === 1 ? 'entity' : 'entities'}). Every open
                page uses them at once.
              </>
            ) : (
              <>
                Saved {view.count} {view.count === 1 ? 'entity' : 'entities'} from “{view.title}”. Their names are
                underlined on every page from now on.
              </>
            )}
          </p>
          <div class="review__row">
            <button type="button" class="sn-button" onClick={() => void browser.runtime.openOptionsPage()}>
              Open the notes library
            </button>
            <button type="button" class="sn-button" onClick={() => void closePage()}>
              Close
            </button>
          </div>
        </section>
      )}
    </main>
  );
}

function Review({ start, onSaved }: { start: ReviewStart; onSaved: (title: string, count: number) => void }) {
  const { text } = start;
  const [source, setSource] = useState<DraftSource>(start.source);
  const [entries, setEntries] = useState<ReviewEntry[]>(start.entries);
  const [selected, setSelected] = useState<number[]>([]);
  const [saveErrors, setSaveErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const problems = useMemo(() => [...(source.title.trim() ? [] : ['The article needs a title.']), ...problemsOf(entries)], [source, entries]);
  const edit = (next: ReviewEntry[]) => {
    setEntries(next);
    setSelected((keys) => keys.filter((key) => next.some((entry) => entry.key === key)));
    setSaveErrors([]);
  };
  const toggle = (key: number) =>
    setSelected((keys) => (keys.includes(key) ? keys.filter((other) => other !== key) : [...keys, key]));
  // The entry listed first keeps its name: the capture lists the most named first.
  const mergeSelected = () => {
    const [into, from] = entries.filter((entry) => selected.includes(entry.key)).map((entry) => entry.key);
    edit(merge(entries, into, from, text));
    setSelected([]);
  };

  async function save() {
    setSaving(true);
    try {
      const saved = await start.save(source, entries);
      if (!saved.ok) {
        setSaveErrors(saved.errors);
        return;
      }
      onSaved(saved.title, saved.count);
    } catch (error) {
      setSaveErrors([`Nothing was saved: ${(error as Error).message}`]);
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <section class="review__panel review__source" aria-label="The article">
        <label class="review__field">
          <span class="review__label">Article</span>
          <input
            type="text"
            value={source.title}
            data-testid="source-title"
            onInput={(event) => setSource({ ...source, title: event.currentTarget.value })}
          />
        </label>
        <p class="review__meta">
          {[source.site, source.author, source.published?.slice(0, 10)].filter(Boolean).join(' · ')}
          {source.url && (
            <>
              {' · '}
              <span class="review__url">{source.url}</span>
            </>
          )}
        </p>
      </section>

      <div class="review__toolbar">
        <p class="review__count" data-testid="entry-count">
          {entries.length} {entries.length === 1 ? 'entry' : 'entries'}
          {selected.length > 0 && <> · {selected.length} selected</>}
        </p>
        <button
          type="button"
          class="sn-button"
          disabled={selected.length !== 2}
          title={selected.length === 2 ? undefined : 'Select two entries to merge them'}
          onClick={mergeSelected}
          data-testid="merge"
        >
          Merge selected
        </button>
      </div>

      <ol class="review__entries">
        {entries.map((entry) => (
          <EntryEditor
            key={entry.key}
            entry={entry}
            selected={selected.includes(entry.key)}
            onToggle={() => toggle(entry.key)}
            onEdit={(change) => edit(change(entries))}
          />
        ))}
      </ol>

      <footer class="review__footer">
        {[...problems, ...saveErrors].length > 0 && (
          <ul class="review__problems" role="alert" data-testid="review-problems">
            {[...problems, ...saveErrors].map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        <div class="review__row">
          <button type="button" class="sn-button" onClick={() => void closePage()} data-testid="cancel">
            Cancel
          </button>
          <button
            type="button"
            class="sn-button sn-button--primary"
            disabled={problems.length > 0 || saving}
            onClick={() => void save()}
            data-testid="save"
          >
            Save {entries.length} {entries.length === 1 ? 'entry' : 'entries'}
          </button>
        </div>
      </footer>
    </>
  );
}

type Edit = (entries: ReviewEntry[]) => ReviewEntry[];

function EntryEditor(props: { entry: ReviewEntry; selected: boolean; onToggle: () => void; onEdit: (change: Edit) => void }) {
  const { entry, selected, onToggle, onEdit } = props;
  const [newAlias, setNewAlias] = useState('');

  function addAlias(event: Event) {
    event.preventDefault();
    if (!newAlias.trim()) return;
    onEdit((entries) => setAliases(entries, entry.key, [...entry.aliases, newAlias]));
    setNewAlias('');
  }

  return (
    <li class="review__entry sn-kinds" data-kind={entry.kind} data-testid="review-entry">
      <div class="review__entry-head">
        <input type="checkbox" checked={selected} onChange={onToggle} aria-label={`Select ${entry.name}`} data-testid="select" />
        <label class="review__field review__field--name">
          <span class="review__label">
            Name
          </span>
          <input
            type="text"
            value={entry.name}
            data-testid="name"
            onChange={(event) => onEdit((entries) => rename(entries, entry.key, event.currentTarget.value))}
          />
        </label>
        <label class="review__field">
          <span class="review__label">Kind</span>
          {entry.kindReason && <span class="review__why" data-testid="kind-reason">{entry.kindReason}</span>}
          <select
            value={entry.kind}
            data-testid="kind"
            onChange={(event) => onEdit((entries) => setKind(entries, entry.key, event.currentTarget.value as EntityKind))}
          >
            {ENTITY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class="sn-button review__remove"
          onClick={() => onEdit((entries) => remove(entries, entry.key))}
          data-testid="remove"
        >
          Remove
        </button>
      </div>

      <label class="review__field">
        <span class="review__label">Description</span>
        <input
          type="text"
          value={entry.description ?? ''}
          placeholder="The article does not say who or what this is"
          data-testid="description"
          onChange={(event) => onEdit((entries) => setDescription(entries, entry.key, event.currentTarget.value))}
        />
      </label>

      <div class="review__aliases">
        <span class="review__label">Also written</span>
        <ul class="review__chips" data-testid="aliases">
          {entry.aliases.map((alias) => (
            <li key={alias} class="review__chip">
              <span>{alias}</span>
              <button
                type="button"
                aria-label={`Remove the alias ${alias}`}
                onClick={() => onEdit((entries) => setAliases(entries, entry.key, entry.aliases.filter((other) => other !== alias)))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <form class="review__add-alias" onSubmit={addAlias}>
          <input
            type="text"
            value={newAlias}
            placeholder="Add an alias"
            aria-label={`Add an alias of ${entry.name}`}
            data-testid="new-alias"
            onInput={(event) => setNewAlias(event.currentTarget.value)}
          />
          <button type="submit" class="sn-button">
            Add
          </button>
        </form>
      </div>

      <ul class="review__facts">
        {entry.facts.map((fact, index) => (
          <li key={fact.quote} class="review__fact" data-testid="fact">
            <blockquote>{fact.quote}</blockquote>
            <button
              type="button"
              class="review__drop"
              disabled={entry.facts.length === 1}
              title={entry.facts.length === 1 ? 'An entry keeps at least one quote: remove the entry instead' : undefined}
              aria-label="Drop this quote"
              onClick={() => onEdit((entries) => dropFact(entries, entry.key, index))}
              data-testid="drop-fact"
            >
              Drop
            </button>
          </li>
        ))}
      </ul>
    </li>
  );
}
