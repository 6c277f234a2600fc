import { useEffect, useRef } from 'preact/hooks';
import type { Entity } from '@/utils/bundle/schema';
import type { NoteMatch } from '@/utils/search/notes-search';
import { KIND_LABELS } from './kinds';
import { SNIPPET_LENGTH } from '@/utils/search/snippet';
import { MatchSnippet } from './MatchSnippet';
import './EntityList.css';

export interface EntityListItem {
  entity: Entity;
  /** How often the page names it, when the list is a page's entities. */
  count?: number;
  /** Why a search found it, when the list is search results. */
  match?: NoteMatch;
}

export interface EntityListProps {
  id: string;
  /** Accessible name of the list. */
  label: string;
  items: EntityListItem[];
  /** The option the keyboard is on; -1 for none. */
  activeIndex: number;
  onChoose: (index: number) => void;
  onHover: (index: number) => void;
  /** `data-testid` of every row. */
  itemTestId: string;
}

export function optionId(listId: string, index: number): string {
  return `${listId}-option-${index}`;
}

/**
 * A listbox of entities (name, kind, description), driven from a combobox's search box: the box keeps focus and
 * names the active row; a click opens a row. A search result also shows why it matched: the matched words marked in
 * its name or description, or a line from the quote, alias or article title that matched.
 */
export function EntityList({ id, label, items, activeIndex, onChoose, onHover, itemTestId }: EntityListProps) {
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (activeIndex < 0) return;
    list.current?.children[activeIndex]?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  return (
    <ul class="sn-list sn-kinds" id={id} role="listbox" aria-label={label} ref={list}>
      {items.map(({ entity, count, match }, index) => (
        <li
          key={entity.id}
          id={optionId(id, index)}
          class="sn-list__item"
          role="option"
          aria-selected={index === activeIndex}
          data-kind={entity.kind}
          data-testid={itemTestId}
          onClick={() => onChoose(index)}
          onMouseMove={() => index !== activeIndex && onHover(index)}
        >
          <span class="sn-list__bar" aria-hidden="true" />
          {/* Read out as "Jens Stoltenberg, Person, 4 mentions": the commas are for the ear only. */}
          <span class="sn-list__heading">
            <span class="sn-list__name">
              {match?.field === 'name' ? <MatchSnippet text={entity.name} marks={match.marks} /> : entity.name}
            </span>
            <span class="sn-list__unit">, </span>
            <span class="sn-list__kind">{KIND_LABELS[entity.kind]}</span>
            {count !== undefined && (
              <>
                <span class="sn-list__unit">, </span>
                <span class="sn-list__count">
                  {count}
                  <span class="sn-list__unit"> {count === 1 ? 'mention' : 'mentions'}</span>
                </span>
              </>
            )}
            <span class="sn-list__unit">. </span>
          </span>
          {match?.field === 'description' && entity.description ? (
            <span class="sn-list__description sn-list__description--matched">
              <MatchSnippet text={entity.description} marks={match.marks} />
            </span>
          ) : (
            entity.description && <span class="sn-list__description">{entity.description}</span>
          )}
          {match && <MatchLine match={match} />}
        </li>
      ))}
    </ul>
  );
}

/** The line under a result that shows the quote, alias, article title or the reader's own note it matched in. */
function MatchLine({ match }: { match: NoteMatch }) {
  const { field, text, marks } = match;
  if (field !== 'quote' && field !== 'alias' && field !== 'title' && field !== 'note') return null;
  const quoted = field === 'quote' || field === 'title';
  return (
    <span class="sn-list__match" data-testid="match" data-field={field}>
      {field === 'alias' && <span class="sn-list__match-label">Also called </span>}
      {field === 'title' && <span class="sn-list__match-label">From the article </span>}
      {field === 'note' && <span class="sn-list__match-label">Your note: </span>}
      {quoted && '“'}
      <MatchSnippet text={text} marks={marks} maxLength={SNIPPET_LENGTH} />
      {quoted && '”'}
    </span>
  );
}
