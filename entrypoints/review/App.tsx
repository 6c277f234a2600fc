import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Logo } from '@/components/Logo';
import { KIND_LABELS } from '@/components/kinds';
import { ENTITY_KINDS, type EntityKind } from '@/utils/bundle/schema';
import type { DraftSource } from '@/utils/capture/types';
import {
  dropFact,
  merge,
  notAnArticle,
  problemsOf,
  removeMany,
  rename,
  restore,
  setAliases,
  confirmDescription,
  descriptionConfirmed,
  setDescription,
  setKind,
  split,
  splitProblems,
  suggestSplit,
  type QuotePlace,
  type Removed,
  type ReviewEntry,
  type SplitPlan,
} from './edits';
import { captureStart, editStart, type ReviewStart } from './start';
import { storageProblem } from '@/utils/library/storage-errors';

type View =
  | { status: 'reading' }
  | { status: 'failed'; message: string }
  | { status: 'reviewing'; start: ReviewStart }
  | { status: 'saved'; title: string; count: number; updated?: { entities: number; quotes: number } };

/** Where the page's notes come from: a tab's article to capture, or a bundle of the library to edit. */
export type ReviewOf = { tabId: number } | { bundleId: string } | null;

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

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
        <Review start={view.start} onSaved={(saved) => setView({ status: 'saved', ...saved })} />
      )}
      {view.status === 'saved' && (
        <section class="review__panel" data-testid="review-saved">
          <p class="review__message" role="status">
            {view.updated ? (
              <>
                Updated your notes from “{view.title}”: {plural(view.updated.quotes, 'new quote')} and{' '}
                {plural(view.updated.entities, 'new entity', 'new entities')} added ({plural(view.count, 'entity', 'entities')} in all).
                Nothing you had was lost.
              </>
            ) : editing ? (
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

type Saved = { title: string; count: number; updated?: { entities: number; quotes: number } };

function Review({ start, onSaved }: { start: ReviewStart; onSaved: (saved: Saved) => void }) {
  const { text, held } = start;
  const [source, setSource] = useState<DraftSource>(start.source);
  const [entries, setEntries] = useState<ReviewEntry[]>(start.entries);
  const [selected, setSelected] = useState<number[]>([]);
  /** The last entry whose box was clicked: a shift-click selects the range from it. */
  const anchor = useRef<number | null>(null);
  const [expanded, setExpanded] = useState<number[]>([]);
  const [removed, setRemoved] = useState<Removed | null>(null);
  const [update, setUpdate] = useState(held !== undefined);
  const shape = useMemo(() => notAnArticle(text, start.entries), [start]);
  const [goOn, setGoOn] = useState(shape === null);
  const [saveErrors, setSaveErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const selectAll = useRef<HTMLInputElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  // The removed entries' buttons are gone with them: the keyboard goes on from Undo.
  useEffect(() => {
    if (removed) undoButton.current?.focus();
  }, [removed]);
  const problemsId = useId();

  const problems = useMemo(() => [...(source.title.trim() ? [] : ['The article needs a title.']), ...problemsOf(entries)], [source, entries]);
  const shown = [...problems, ...saveErrors];
  const edit = (next: ReviewEntry[]) => {
    setEntries(next);
    setSelected((keys) => keys.filter((key) => next.some((entry) => entry.key === key)));
    setSaveErrors([]);
  };
  const editThen = (change: (entries: ReviewEntry[]) => ReviewEntry[]) => edit(change(entries));

  function toggle(key: number, shift: boolean) {
    const on = !selected.includes(key);
    const from = anchor.current === null ? -1 : entries.findIndex((entry) => entry.key === anchor.current);
    const to = entries.findIndex((entry) => entry.key === key);
    const range = shift && from >= 0 ? entries.slice(Math.min(from, to), Math.max(from, to) + 1).map((entry) => entry.key) : [key];
    setSelected((keys) => (on ? [...keys, ...range.filter((other) => !keys.includes(other))] : keys.filter((other) => !range.includes(other))));
    anchor.current = key;
  }
  const allSelected = entries.length > 0 && selected.length === entries.length;
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = selected.length > 0 && !allSelected;
  }, [selected, allSelected]);

  // The entry listed first keeps its name: the capture lists the most named first.
  const mergeSelected = () => {
    const [into, from] = entries.filter((entry) => selected.includes(entry.key)).map((entry) => entry.key);
    edit(merge(entries, into, from, text));
    setSelected([]);
  };
  function removeKeys(keys: number[]) {
    const result = removeMany(entries, keys);
    edit(result.entries);
    setRemoved(result.removed);
  }
  function undoRemove() {
    if (!removed) return;
    edit(restore(entries, removed));
    setRemoved(null);
  }
  const nextKey = () => Math.max(-1, ...entries.map((entry) => entry.key), ...(removed ?? []).map(({ entry }) => entry.key)) + 1;

  async function save() {
    setSaving(true);
    try {
      const saved = await start.save(source, entries, update);
      if (!saved.ok) {
        setSaveErrors(saved.errors);
        return;
      }
      onSaved(saved);
    } catch (error) {
      setSaveErrors([storageProblem(error, 'Nothing was saved')]);
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

      {held && (
        <fieldset class="review__panel review__notice" data-testid="held-notice">
          <legend class="review__notice-title">You already have notes from this page</legend>
          <p class="review__message">
            “{held.title}” ({held.date}) is in your notes library. Updating it adds the new quotes and entries, none
            twice, and keeps what you changed there.
          </p>
          <label class="review__choice">
            <input type="radio" name="held" checked={update} onChange={() => setUpdate(true)} data-testid="update-held" />
            Update those notes
          </label>
          <label class="review__choice">
            <input type="radio" name="held" checked={!update} onChange={() => setUpdate(false)} data-testid="save-separately" />
            Save these as separate notes
          </label>
        </fieldset>
      )}

      {shape && (
        <section class="review__panel review__notice" role={goOn ? undefined : 'alert'} data-testid="shape-notice">
          <h2 class="review__notice-title">This page doesn’t look like a news article</h2>
          <p class="review__message">
            The capture found {plural(shape.entries, 'entry', 'entries')} in {plural(shape.sentences, 'sentence')}
            {shape.fragmentsOnly > 0 && <>, and {shape.fragmentsOnly} of them are quoted only by fragments, not sentences</>}.
            Notes from a page like this (a specification, a list, an index) are mostly names that mean little elsewhere.
          </p>
          {!goOn && (
            <div class="review__row">
              <button type="button" class="sn-button" onClick={() => void closePage()}>
                Close
              </button>
              <button type="button" class="sn-button sn-button--primary" onClick={() => setGoOn(true)} data-testid="go-on">
                Review the entries anyway
              </button>
            </div>
          )}
        </section>
      )}

      {goOn && (
        <>
          <div class="review__toolbar">
            <label class="review__select-all">
              <input
                ref={selectAll}
                type="checkbox"
                checked={allSelected}
                onChange={() => setSelected(allSelected ? [] : entries.map((entry) => entry.key))}
                data-testid="select-all"
              />
              <span class="review__count" data-testid="entry-count">
                {plural(entries.length, 'entry', 'entries')}
                {selected.length > 0 && <> · {selected.length} selected</>}
              </span>
            </label>
            <div class="review__actions">
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
              <button
                type="button"
                class="sn-button review__remove"
                disabled={selected.length === 0}
                onClick={() => removeKeys(selected)}
                data-testid="remove-selected"
              >
                Remove selected
              </button>
            </div>
          </div>
          <div class="review__undo" role="status" data-testid="undo-status">
            {removed && (
              <>
                <span>Removed {removed.length === 1 ? `“${removed[0].entry.name}”` : plural(removed.length, 'entry', 'entries')}.</span>
                <button ref={undoButton} type="button" class="sn-button" onClick={undoRemove} data-testid="undo-remove">
                  Undo
                </button>
              </>
            )}
          </div>

          <ol class="review__entries" aria-label="Entries">
            {entries.map((entry) => (
              <EntryEditor
                key={entry.key}
                entry={entry}
                selected={selected.includes(entry.key)}
                expanded={expanded.includes(entry.key)}
                onToggle={(shift) => toggle(entry.key, shift)}
                onExpand={() => setExpanded((keys) => (keys.includes(entry.key) ? keys.filter((key) => key !== entry.key) : [...keys, entry.key]))}
                onRemove={() => removeKeys([entry.key])}
                onSplit={(plan) => {
                  const added = nextKey();
                  editThen((current) => split(current, entry.key, plan, added));
                  setExpanded((keys) => [...keys, added]);
                }}
                onEdit={editThen}
              />
            ))}
          </ol>
        </>
      )}

      <footer class="review__footer">
        <div class="review__problems" aria-live="polite" id={problemsId} data-testid="review-problems">
          {shown.length > 0 && (
            <ul>
              {shown.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
        </div>
        <div class="review__row">
          <button type="button" class="sn-button" onClick={() => void closePage()} data-testid="cancel">
            Cancel
          </button>
          <button
            type="button"
            class="sn-button sn-button--primary"
            disabled={problems.length > 0 || saving || !goOn}
            aria-describedby={shown.length > 0 ? problemsId : undefined}
            onClick={() => void save()}
            data-testid="save"
          >
            {held && update ? 'Update notes' : 'Save'} ({plural(entries.length, 'entry', 'entries')})
          </button>
        </div>
      </footer>
    </>
  );
}

type Edit = (entries: ReviewEntry[]) => ReviewEntry[];

interface EntryProps {
  entry: ReviewEntry;
  selected: boolean;
  expanded: boolean;
  onToggle: (shift: boolean) => void;
  onExpand: () => void;
  onRemove: () => void;
  onSplit: (plan: SplitPlan) => void;
  onEdit: (change: Edit) => void;
}

/** One entry: a line (select, name, kind, how many quotes, Edit, Remove); Edit opens the rest below it. */
function EntryEditor(props: EntryProps) {
  const { entry, selected, expanded, onToggle, onExpand, onRemove, onSplit, onEdit } = props;
  const [newAlias, setNewAlias] = useState('');
  const [splitting, setSplitting] = useState<SplitPlan | null>(null);
  const detailsId = useId();
  const reasonId = useId();

  function addAlias(event: Event) {
    event.preventDefault();
    if (!newAlias.trim()) return;
    onEdit((entries) => setAliases(entries, entry.key, [...entry.aliases, newAlias]));
    setNewAlias('');
  }

  return (
    <li class="review__entry sn-kinds" data-kind={entry.kind} data-expanded={expanded} data-testid="review-entry">
      <div class="review__line">
        <input
          type="checkbox"
          checked={selected}
          onClick={(event) => onToggle(event.shiftKey)}
          aria-label={`Select ${entry.name}`}
          data-testid="select"
        />
        <input
          type="text"
          class="review__name"
          value={entry.name}
          aria-label="Name"
          data-testid="name"
          onChange={(event) => onEdit((entries) => rename(entries, entry.key, event.currentTarget.value))}
        />
        <select
          value={entry.kind}
          aria-label={`Kind of ${entry.name}`}
          aria-describedby={entry.kindReason ? reasonId : undefined}
          title={entry.kindReason}
          data-testid="kind"
          onChange={(event) => onEdit((entries) => setKind(entries, entry.key, event.currentTarget.value as EntityKind))}
        >
          {ENTITY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
        {entry.kindReason && (
          <span id={reasonId} class="sn-visually-hidden" data-testid="kind-reason">
            {entry.kindReason}
          </span>
        )}
        <span class="review__quotes-count">{plural(entry.facts.length, 'quote')}</span>
        <button
          type="button"
          class="sn-button review__expand"
          aria-expanded={expanded}
          aria-controls={detailsId}
          aria-label={`${expanded ? 'Close' : 'Edit'} ${entry.name}`}
          onClick={onExpand}
          data-testid="expand"
        >
          {expanded ? 'Close' : 'Edit'}
        </button>
        <button type="button" class="sn-button review__remove" aria-label={`Remove ${entry.name}`} onClick={onRemove} data-testid="remove">
          Remove
        </button>
      </div>

      <div class="review__details" id={detailsId} hidden={!expanded}>
        {entry.kindReason && (
          <p class="review__why">
            Kind: {KIND_LABELS[entry.kind]}, because {entry.kindReason}
          </p>
        )}
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
        {entry.description?.trim() && (
          <label class="review__confirm">
            <input
              type="checkbox"
              checked={descriptionConfirmed(entry)}
              data-testid="description-confirmed"
              onChange={(event) => onEdit((entries) => confirmDescription(entries, entry.key, event.currentTarget.checked))}
            />
            <span>This description is right (it then wins over any a later capture drafts)</span>
          </label>
        )}

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

        <ul class="review__facts" aria-label={`Quotes about ${entry.name}`}>
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

        {splitting ? (
          <SplitPanel
            entry={entry}
            plan={splitting}
            onChange={setSplitting}
            onCancel={() => setSplitting(null)}
            onSplit={() => {
              onSplit(splitting);
              setSplitting(null);
            }}
          />
        ) : (
          <div class="review__row review__row--start">
            <button type="button" class="sn-button" onClick={() => setSplitting(suggestSplit(entry))} data-testid="split">
              Split into two entries…
            </button>
          </div>
        )}
      </div>
    </li>
  );
}

const PLACES: { place: QuotePlace; label: string }[] = [
  { place: 'stay', label: 'First' },
  { place: 'move', label: 'Second' },
  { place: 'both', label: 'Both' },
];

/** Splitting an entry: the two names, then which aliases and quotes go to the second. */
function SplitPanel(props: { entry: ReviewEntry; plan: SplitPlan; onChange: (plan: SplitPlan) => void; onCancel: () => void; onSplit: () => void }) {
  const { entry, plan, onChange, onCancel, onSplit } = props;
  const problems = splitProblems(entry, plan);
  const name = useId();
  return (
    <fieldset class="review__split" data-testid="split-panel">
      <legend>Split “{entry.name}” into two entries</legend>
      <div class="review__split-names">
        <label class="review__field">
          <span class="review__label">First entry</span>
          <input type="text" value={plan.keepName} data-testid="split-keep" onInput={(event) => onChange({ ...plan, keepName: event.currentTarget.value })} />
        </label>
        <label class="review__field">
          <span class="review__label">Second entry</span>
          <input type="text" value={plan.newName} data-testid="split-new" onInput={(event) => onChange({ ...plan, newName: event.currentTarget.value })} />
        </label>
      </div>
      {entry.aliases.length > 0 && (
        <fieldset class="review__split-group">
          <legend class="review__label">Aliases that go to the second entry</legend>
          {entry.aliases.map((alias) => (
            <label key={alias} class="review__choice">
              <input
                type="checkbox"
                checked={plan.moving.includes(alias)}
                onChange={() =>
                  onChange({ ...plan, moving: plan.moving.includes(alias) ? plan.moving.filter((other) => other !== alias) : [...plan.moving, alias] })
                }
                data-testid="split-alias"
              />
              {alias}
            </label>
          ))}
        </fieldset>
      )}
      <ol class="review__split-quotes" aria-label="Which entry each quote goes to">
        {entry.facts.map((fact, index) => (
          <li key={fact.quote} data-testid="split-quote">
            <blockquote>{fact.quote}</blockquote>
            <div role="radiogroup" aria-label={`Quote ${index + 1} goes to`} class="review__places">
              {PLACES.map(({ place, label }) => (
                <label key={place} class="review__choice">
                  <input
                    type="radio"
                    name={`${name}-${index}`}
                    value={place}
                    checked={plan.quotes[index] === place}
                    onChange={() => onChange({ ...plan, quotes: plan.quotes.map((other, i) => (i === index ? place : other)) })}
                  />
                  {label}
                </label>
              ))}
            </div>
          </li>
        ))}
      </ol>
      {problems.length > 0 && (
        <ul class="review__problems review__split-problems" data-testid="split-problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <div class="review__row">
        <button type="button" class="sn-button" onClick={onCancel}>
          Cancel split
        </button>
        <button type="button" class="sn-button sn-button--primary" disabled={problems.length > 0} onClick={onSplit} data-testid="split-confirm">
          Split
        </button>
      </div>
    </fieldset>
  );
}
