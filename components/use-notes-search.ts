import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Bundle } from '@/utils/bundle/schema';
import type { ReaderNote } from '@/utils/library/reader-notes-read';
import { indexInBackground } from '@/utils/search/index-in-background';
import { startNotesSearch, type NoteHit, type NotesSearch } from '@/utils/search/notes-search';

export interface NotesSearchState {
  /** The search itself: `note(id)` answers at once, `search` once the notes are indexed. */
  notes: NotesSearch;
  /** The hits for `query`, or the last query's while the new search waits for its turn. */
  hits: NoteHit[];
  /** The hits shown are not yet those of `query` (or not of every note). */
  pending: boolean;
  /** The hits for `query` now: for Enter pressed before the search had its turn. */
  hitsNow(): NoteHit[];
}

const NO_NOTES: readonly ReaderNote[] = [];

interface Searched {
  notes: NotesSearch | null;
  query: string;
  complete: boolean;
  hits: NoteHit[];
}

/**
 * Searches `bundles` (and the reader's own notes on their entities) for `query` without ever making typing wait: the notes are indexed in slices after the first
 * paint, and each query is searched in a task of its own once the keystroke has been drawn; a newer keystroke
 * cancels a search that has not started yet, so stale results are never computed.
 */
export function useNotesSearch(bundles: Bundle[], query: string, readerNotes: readonly ReaderNote[] = NO_NOTES): NotesSearchState {
  const notes = useMemo(() => startNotesSearch(bundles, readerNotes), [bundles, readerNotes]);
  const [ready, setReady] = useState(false);
  const [searched, setSearched] = useState<Searched>({ notes: null, query: '', complete: true, hits: [] });
  const latest = useRef(searched);
  latest.current = searched;

  useEffect(() => {
    setReady(notes.ready);
    const indexing = new AbortController();
    void indexInBackground(notes, indexing.signal).then((done) => done && setReady(true));
    return () => indexing.abort();
  }, [notes]);

  /** The hits shown are those of this query, over every note. */
  const upToDate = (current: Searched) => current.notes === notes && current.query === query && current.complete;

  useEffect(() => {
    if (upToDate(latest.current)) return;
    const timer = setTimeout(() => setSearched(searchNow(notes, query)), 0);
    return () => clearTimeout(timer);
  }, [notes, query, ready]);

  return {
    notes,
    hits: searched.hits,
    pending: !upToDate(searched),
    hitsNow() {
      if (upToDate(latest.current)) return latest.current.hits;
      const now = searchNow(notes, query);
      latest.current = now;
      setSearched(now);
      return now.hits;
    },
  };
}

function searchNow(notes: NotesSearch, query: string): Searched {
  return { notes, query, complete: notes.ready, hits: query.trim() === '' ? [] : notes.search(query) };
}
