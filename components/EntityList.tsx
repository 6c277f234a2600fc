import { useEffect, useRef } from 'preact/hooks';
import type { Entity } from '@/utils/bundle/schema';
import { KIND_LABELS } from './kinds';
import './EntityList.css';

export interface EntityListItem {
  entity: Entity;
  /** How often the page names it, when the list is a page's entities. */
  count?: number;
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
 * names the active row; a click opens a row.
 */
export function EntityList({ id, label, items, activeIndex, onChoose, onHover, itemTestId }: EntityListProps) {
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (activeIndex < 0) return;
    list.current?.children[activeIndex]?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  return (
    <ul class="sn-list sn-kinds" id={id} role="listbox" aria-label={label} ref={list}>
      {items.map(({ entity, count }, index) => (
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
          <span class="sn-list__heading">
            <span class="sn-list__name">{entity.name}</span>
            <span class="sn-list__kind">{KIND_LABELS[entity.kind]}</span>
            {count !== undefined && (
              <span class="sn-list__count">
                {count}
                <span class="sn-list__unit"> {count === 1 ? 'mention' : 'mentions'}</span>
              </span>
            )}
          </span>
          <span class="sn-list__description">{entity.description}</span>
        </li>
      ))}
    </ul>
  );
}
