import { useEffect, useRef } from 'preact/hooks';
import './SearchBox.css';

export interface SearchBoxProps {
  value: string;
  onInput: (value: string) => void;
  /** Id of the list the box drives; arrow keys move through it, Enter opens its active item. */
  listId: string;
  /** Whether the list has options to move through. */
  expanded: boolean;
  /** Id of the list's active option, for screen readers (focus stays in the box). */
  activeOptionId?: string;
  onMove: (step: 1 | -1) => void;
  onChoose: () => void;
  label: string;
  placeholder?: string;
  /** Takes focus when it appears (the popup's way); false where another control should have it first. */
  autoFocus?: boolean;
}

/** The search field of an ARIA combobox: typing filters, arrows move, Enter opens, Esc clears. */
export function SearchBox({
  value,
  onInput,
  listId,
  expanded,
  activeOptionId,
  onMove,
  onChoose,
  label,
  placeholder,
  autoFocus = true,
}: SearchBoxProps) {
  const input = useRef<HTMLInputElement>(null);

  // Focus on mount: the popup opens ready for typing, and coming back from a card lands here again.
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      onMove(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onChoose();
    } else if (event.key === 'Escape' && value !== '') {
      // Only when there is something to clear: an Esc in an empty box is left to close the popup.
      event.preventDefault();
      event.stopPropagation();
      onInput('');
    }
  }

  return (
    <div class="sn-search">
      <svg class="sn-search__icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <circle cx="7" cy="7" r="4.5" />
        <path d="M10.5 10.5L14 14" />
      </svg>
      <input
        ref={input}
        class="sn-search__input"
        type="text"
        role="combobox"
        enterkeyhint="search"
        aria-label={label}
        aria-controls={listId}
        aria-expanded={expanded}
        aria-autocomplete="list"
        aria-activedescendant={activeOptionId}
        autocomplete="off"
        spellcheck={false}
        placeholder={placeholder}
        value={value}
        data-testid="search"
        onInput={(event) => onInput(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
