import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { EntityCard } from '@/components/EntityCard';
import { EntityList, optionId, type EntityListItem } from '@/components/EntityList';
import { OwnNoteEditor } from '@/components/OwnNoteEditor';
import { SearchBox } from '@/components/SearchBox';
import { Switch } from '@/components/Switch';
import { useNotesSearch } from '@/components/use-notes-search';
import { useSiteSettings } from '@/components/use-site-settings';
import type { Bundle } from '@/utils/bundle/schema';
import { reviewPageUrl } from '@/utils/capture-host/review-url';
import { quotesBySource } from '@/utils/catalogue/catalogue';
import { noteFor, watchReaderNotes, type ReaderNote } from '@/utils/library/reader-notes';
import { CARD_MESSAGE, type CardAnswer, type CardRequest } from '@/utils/messages';
import { followTabSummary, type PageSummary } from '@/utils/page/page-state';
import type { Note, NoteMatch } from '@/utils/search/notes-search';
import { isEnabledOn, isSiteOn, setPaused, setSiteEnabled, siteForHost, siteLabel } from '@/utils/settings/items';
import { Logo } from '@/components/Logo';
import { useShortcuts } from '@/components/use-shortcuts';
import { BrowseAll } from './BrowseAll';
import { MentionsBar } from './MentionsBar';
import { countLine } from './counts';

export interface AppProps {
  bundles: Bundle[];
  /** The tab to describe; the active tab of the current window when left out. */
  tabId?: number;
  /** The reader's own notes on entities, as stored when the popup opened (followed after). */
  readerNotes?: ReaderNote[];
}

interface TabInfo {
  id: number;
}

type PageView = { status: 'loading' } | { status: 'unreadable' } | { status: 'ready'; summary: PageSummary };

const LIST_ID = 'notes-list';

async function findTab(tabId: number | undefined): Promise<TabInfo | null> {
  try {
    const tab =
      tabId === undefined
        ? (await browser.tabs.query({ active: true, currentWindow: true }))[0]
        : await browser.tabs.get(tabId);
    return tab?.id === undefined ? null : { id: tab.id };
  } catch {
    return null;
  }
}

/** The toolbar popup: search every note, see what this page names, switch Side Notes off here or everywhere. */
export function App({ bundles, tabId, readerNotes = [] }: AppProps) {
  const [query, setQuery] = useState('');
  const [ownNotes, setOwnNotes] = useState(readerNotes);
  useEffect(() => watchReaderNotes(setOwnNotes), []);
  const { notes, hits, pending, hitsNow } = useNotesSearch(bundles, query, ownNotes);
  const settings = useSiteSettings();
  const [tab, setTab] = useState<TabInfo | null | undefined>(undefined);
  const [page, setPage] = useState<PageView>({ status: 'loading' });
  const [activeIndex, setActiveIndex] = useState(-1);
  // The cards opened one from another; Back returns along it, and past its start to the list.
  const [trail, setTrail] = useState<Note[]>([]);
  const backButton = useRef<HTMLButtonElement>(null);
  /** Every note, by kind: the popup's answer on a page that names nothing, or to a reader who wants to look round. */
  const [browsing, setBrowsing] = useState(false);
  const shortcuts = useShortcuts();

  useEffect(() => {
    void findTab(tabId).then(setTab);
  }, [tabId]);


  // The page tells an open popup its site and what it names, now and whenever that changes (no polling). The
  // popup never reads the tab's address: the extension holds no permission to read the reader's tabs. A page still
  // loading, reloaded or left for another is followed again as soon as its content script is there.
  useEffect(() => {
    if (tab === undefined) return;
    if (tab === null) {
      setPage({ status: 'unreadable' });
      return;
    }
    return followTabSummary(
      browser.tabs,
      { onMessage: browser.runtime.onMessage, onUpdated: browser.tabs.onUpdated },
      tab.id,
      (summary) => setPage({ status: 'ready', summary }),
      // A page that went away is being replaced: "Reading this page…" until the next one answers.
      (wasReady) => setPage({ status: wasReady ? 'loading' : 'unreadable' }),
    );
  }, [tab]);

  /** The site of the page, as its content script knows it; null where none answers (browser pages). */
  const host = page.status === 'ready' ? page.summary.site : null;
  const enabledHere = settings && host ? isEnabledOn(settings, host) : null;
  /** The site the switch turns on and off: the page's registrable domain (README, "Sites"). */
  const site = host ? siteForHost(host) : null;
  const paused = settings?.paused ?? false;
  const summary = page.status === 'ready' && page.summary.enabled ? page.summary : null;

  const counts = useMemo(
    () =>
      page.status === 'ready' && page.summary.enabled
        ? new Map(page.summary.entities.map(({ entityId, count }) => [entityId, count]))
        : new Map<string, number>(),
    [page],
  );

  const searching = query.trim() !== '';
  const listed: { note: Note; count?: number; match?: NoteMatch }[] = useMemo(() => {
    if (searching) return hits.map((hit) => ({ note: hit, match: hit.match }));
    if (!enabledHere) return [];
    return [...counts].flatMap(([id, count]) => {
      const note = notes.note(id);
      return note ? [{ note, count }] : [];
    });
  }, [searching, hits, notes, counts, enabledHere]);
  const items: EntityListItem[] = listed.map(({ note, count, match }) => ({ entity: note.entity, count, match }));

  const card = trail.at(-1);

  useEffect(() => {
    if (card) backButton.current?.focus();
  }, [card]);

  function changeQuery(value: string) {
    setQuery(value);
    // The best match is ready for Enter; with nothing typed, nothing is chosen until the user moves.
    setActiveIndex(value.trim() === '' ? -1 : 0);
  }

  function move(step: 1 | -1) {
    if (items.length === 0) return;
    setActiveIndex((index) => {
      if (index < 0) return step > 0 ? 0 : items.length - 1;
      return (index + step + items.length) % items.length;
    });
  }

  /**
   * Opens an entity's card on the page, at one of its mentions (the page scrolls to it and marks it), and answers
   * where that is; null when the page could not (it changed, or nothing answers).
   */
  async function showOnPage(entityId: string, at: number, focus: boolean): Promise<CardAnswer | null> {
    if (!tab) return null;
    const request: CardRequest = { type: CARD_MESSAGE, action: 'show', entityId, at, focus };
    return ((await browser.tabs.sendMessage(tab.id, request, { frameId: 0 }).catch(() => null)) as CardAnswer | null) ?? null;
  }

  async function open(index: number) {
    // "On this page" leads to the page: the card opens there, at the first mention, with focus in it, and the popup
    // makes way for it.
    if (!searching) {
      const note = listed[index]?.note;
      if (!note) return;
      setActiveIndex(index);
      if (await showOnPage(note.entity.id, 0, true)) window.close();
      return;
    }
    // Enter can come before the search for the last keystroke had its turn: open from that query's hits.
    const chosen = hitsNow()[index];
    if (!chosen) return;
    setActiveIndex(index);
    setTrail([chosen]);
  }

  function openRelated(id: string) {
    const note = notes.note(id);
    if (card && note) setTrail([...trail, note]);
  }

  function back() {
    setTrail(trail.slice(0, -1));
  }

  const walkKeys = ['next-name', 'previous-name']
    .map((name) => shortcuts.find((shortcut) => shortcut.name === name)?.shortcut)
    .filter((key): key is string => !!key);
  const siteKey = shortcuts.find((shortcut) => shortcut.name === 'toggle-site')?.shortcut;

  return (
    <div class="popup">
      <header class="popup__header">
        <Logo size={20} />
        <h1 class="popup__title">Side Notes</h1>
        <button
          type="button"
          class="sn-button popup__take-notes"
          disabled={tab === null || tab === undefined || page.status !== 'ready' || shownFile(page.summary) !== null}
          onClick={() => {
            if (!tab) return;
            void browser.tabs.create({ url: reviewPageUrl(tab.id) }).then(() => window.close());
          }}
          data-testid="take-notes"
        >
          Take notes from this page
        </button>
      </header>

      {card ? (
        <main
          class="popup__card"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              back();
            }
          }}
        >
          <div class="popup__card-top">
            <button type="button" class="popup__back" ref={backButton} onClick={back} data-testid="back">
              <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                <path d="M10 3.5L5.5 8l4.5 4.5" />
              </svg>
              Back
            </button>
            {tab && summary && enabledHere && (counts.get(card.entity.id) ?? 0) > 0 && (
              <MentionsBar
                key={card.entity.id}
                name={card.entity.name}
                count={counts.get(card.entity.id)!}
                show={(at) => showOnPage(card.entity.id, at, false)}
              />
            )}
          </div>
          <EntityCard
            entity={card.entity}
            source={card.bundle.source}
            sources={quotesBySource(card)}
            ownNote={noteFor(ownNotes, card.entity)?.text}
            related={card.entity.related.flatMap((id) => notes.note(id)?.entity ?? [])}
            mentionsOnPage={enabledHere ? counts.get(card.entity.id) : undefined}
            onSelectEntity={openRelated}
          />
          <OwnNoteEditor key={card.entity.id} entity={card.entity} text={noteFor(ownNotes, card.entity)?.text ?? ''} />
        </main>
      ) : browsing && !searching ? (
        <BrowseAll
          notes={notes.all()}
          onOpen={(note) => setTrail([note])}
          onBack={() => setBrowsing(false)}
        />
      ) : (
        <main class="popup__main">
          <SearchBox
            value={query}
            onInput={changeQuery}
            listId={LIST_ID}
            expanded={items.length > 0}
            activeOptionId={activeIndex >= 0 ? optionId(LIST_ID, activeIndex) : undefined}
            onMove={move}
            onChoose={() => void open(activeIndex)}
            label="Search your notes"
            placeholder="Search your notes"
          />
          <section class="popup__section" aria-labelledby="popup-list-heading" aria-busy={searching && pending}>
            <h2 class="popup__label" id="popup-list-heading">
              {searching ? 'Notes' : 'On this page'}
            </h2>
            {!searching && enabledHere && summary && summary.total > 0 && (
              // The toolbar badge's count, said in full (its tooltip says the same).
              <p class="popup__total" data-testid="page-total">
                {countLine(summary.total, summary.entities.length)}
              </p>
            )}
            {items.length > 0 ? (
              <EntityList
                id={LIST_ID}
                label={searching ? 'Matching notes' : 'Named on this page'}
                items={items}
                activeIndex={activeIndex}
                onChoose={(index) => void open(index)}
                onHover={setActiveIndex}
                itemTestId={searching ? 'result' : 'page-entity'}
              />
            ) : (
              <p
                class="popup__message"
                data-testid={searching ? 'no-results' : 'page-message'}
                hidden={searching && pending}
              >
                {searching ? (
                  <>No notes match “{query.trim()}”.</>
                ) : (
                  <PageMessage
                    page={page}
                    paused={settings?.paused ?? false}
                    enabledHere={enabledHere}
                  />
                )}
              </p>
            )}
          </section>
          {!searching && (
            <button type="button" class="popup__browse" onClick={() => setBrowsing(true)} data-testid="browse-all">
              Browse all notes <span class="popup__browse-count">({notes.all().length})</span>
            </button>
          )}
        </main>
      )}

      <footer class="popup__footer">
        <div class={paused ? 'popup__site popup__site--overridden' : 'popup__site'}>
          <Switch
            label={site ? `Side notes on ${siteLabel(site)}` : 'Side notes on this site'}
            checked={host !== null && settings !== null && isSiteOn(settings, host)}
            disabled={host === null || settings === null}
            onChange={(enabled) => {
              if (host) void setSiteEnabled(host, enabled);
            }}
            describedBy={paused && host ? 'site-overridden' : undefined}
            testId="site-switch"
          />
          {paused && host && (
            // The switch still works (the choice is kept for when the pause ends); it just has no effect for now.
            <p class="popup__overridden" id="site-overridden" data-testid="site-overridden">
              Paused everywhere: this switch takes effect when you resume.
            </p>
          )}
        </div>
        <Switch
          label="Pause everywhere"
          checked={settings?.paused ?? false}
          disabled={settings === null}
          onChange={(paused) => void setPaused(paused)}
          testId="pause-switch"
        />
        <a
          class="popup__options"
          href="/options.html"
          target="_blank"
          onClick={(event) => {
            event.preventDefault();
            void browser.runtime.openOptionsPage();
          }}
        >
          Options
        </a>
        {(walkKeys.length > 0 || siteKey) && (
          <p class="popup__keys" data-testid="popup-keys">
            {walkKeys.length > 0 && (
              <>
                {walkKeys.map((key, index) => (
                  <span key={key}>
                    {index > 0 && ' / '}
                    <kbd>{key}</kbd>
                  </span>
                ))}{' '}
                walk the names on a page
              </>
            )}
            {walkKeys.length > 0 && siteKey && ' · '}
            {siteKey && (
              <>
                <kbd>{siteKey}</kbd> turns this site on or off
              </>
            )}
          </p>
        )}
      </footer>
    </div>
  );
}

/**
 * What file the browser shows in the tab instead of a web page — its own PDF viewer, an image, a video — or null for
 * a page of text (HTML, XML, plain text), which Side Notes reads.
 */
export function shownFile({ type }: PageSummary): string | null {
  if (!type) return null;
  if (type === 'application/pdf') return 'a PDF file';
  const media = /^(image|video|audio)\//.exec(type)?.[1];
  return media ? ({ image: 'an image', video: 'a video file', audio: 'an audio file' } as Record<string, string>)[media] : null;
}

/** Why "On this page" lists nothing, said plainly. */
function PageMessage(props: { page: PageView; paused: boolean; enabledHere: boolean | null }) {
  const { page, paused, enabledHere } = props;
  if (page.status === 'loading') return <>Reading this page…</>;
  // Nothing answers on browser pages, and on pages open since before Side Notes was installed or updated.
  if (page.status === 'unreadable') {
    return (
      <>
        Side Notes can't read this page: browser pages (settings, extensions, the web store, page sources) are closed to
        extensions. If it is a web page, reloading it may help.
      </>
    );
  }
  const file = shownFile(page.summary);
  if (file) {
    return (
      <span data-testid="unreadable-file">
        This tab shows {file}, not a web page: Side Notes can't read it, so nothing here is underlined. Open the article
        as a web page to see its names.
      </span>
    );
  }
  if (paused) return <>Side notes are paused everywhere.</>;
  if (enabledHere === false) return <>Side notes are off on this site.</>;
  return <>Nothing from your notes is named on this page.</>;
}
