import { useEffect, useRef } from 'preact/hooks';
import { groupByKind, KIND_PLURALS } from '@/components/kinds';
import type { Note } from '@/utils/search/notes-search';

export interface BrowseAllProps {
  notes: Note[];
  onOpen: (note: Note) => void;
  onBack: () => void;
}

/**
 * Every note the reader has, grouped by kind and in alphabetical order: what the popup offers on a page that names
 * nothing, and to a reader who does not know what to search for. Each name is a button that opens its card.
 */
export function BrowseAll({ notes, onOpen, onBack }: BrowseAllProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const groups = groupByKind(notes, (note) => note.entity);

  return (
    <main
      class="popup__main popup__browse-all sn-kinds"
      data-testid="browse-all-view"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onBack();
        }
      }}
    >
      <button type="button" class="popup__back" onClick={onBack} data-testid="browse-back">
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path d="M10 3.5L5.5 8l4.5 4.5" />
        </svg>
        Back
      </button>
      <h2 class="popup__browse-title" tabIndex={-1} ref={heading}>
        All notes <span class="popup__browse-count">({notes.length})</span>
      </h2>
      <div class="popup__groups">
        {groups.map(({ kind, items: ofKind }) => (
          <section key={kind} aria-labelledby={`browse-${kind}`} data-testid="browse-group" data-kind={kind}>
            <h3 class="popup__label" id={`browse-${kind}`}>
              {KIND_PLURALS[kind]} <span class="popup__browse-count">({ofKind.length})</span>
            </h3>
            <ul class="popup__names">
              {ofKind.map((note) => (
                <li key={note.entity.id} data-kind={kind}>
                  <button type="button" class="popup__name" onClick={() => onOpen(note)} data-testid="browse-note">
                    <span class="popup__kind-dot" aria-hidden="true" />
                    {note.entity.name}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </main>
  );
}
