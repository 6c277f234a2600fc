import { useState } from 'preact/hooks';
import type { CardAnswer } from '@/utils/messages';

export interface MentionsBarProps {
  /** The entity's name, for the buttons' accessible names. */
  name: string;
  /** How often the page names it. */
  count: number;
  /** Opens the entity's card on the page at its `at`-th mention (0-based); answers where that is, or null. */
  show: (at: number) => Promise<CardAnswer | null>;
}

/**
 * Above the popup's card, for an entity the page names: "Show on page", and previous / next through its mentions,
 * saying which one the page shows ("3 of 14"). The page scrolls to the mention, marks it and opens its card there;
 * the popup stays open, so the reader can go on to the next.
 */
export function MentionsBar({ name, count, show }: MentionsBarProps) {
  /** The mention the page shows now (0-based), once one was shown; and how many the page said there are. */
  const [shown, setShown] = useState<{ at: number; of: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const of = shown?.of ?? count;

  async function go(at: number) {
    const answer = await show(((at % of) + of) % of);
    setFailed(answer === null);
    if (answer) setShown({ at: answer.at, of: answer.of });
  }

  return (
    <div class="popup__mentions" role="group" aria-label={`${name} on this page`} data-testid="mentions-bar">
      <button type="button" class="sn-button popup__show" onClick={() => void go(shown?.at ?? 0)} data-testid="show-on-page">
        Show on page
      </button>
      <button
        type="button"
        class="popup__step"
        aria-label={`Previous mention of ${name}`}
        onClick={() => void go(shown ? shown.at - 1 : of - 1)}
        data-testid="previous-mention"
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path d="M10 3.5L5.5 8l4.5 4.5" />
        </svg>
      </button>
      <span class="popup__where" aria-live="polite" data-testid="mention-position">
        {failed
          ? 'The page has changed: try again.'
          : shown
            ? `${shown.at + 1} of ${shown.of}`
            : `${count} ${count === 1 ? 'mention' : 'mentions'}`}
      </span>
      <button
        type="button"
        class="popup__step"
        aria-label={`Next mention of ${name}`}
        onClick={() => void go(shown ? shown.at + 1 : 0)}
        data-testid="next-mention"
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path d="M6 3.5L10.5 8 6 12.5" />
        </svg>
      </button>
    </div>
  );
}
