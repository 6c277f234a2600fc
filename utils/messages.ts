/** Runtime messages between the extension's parts (the page-state contract lives in utils/page/page-state.ts). */

/**
 * Content script → background: how many mentions the top frame underlines, of how many names, and whether Side
 * Notes is on there (`paused` everywhere, `off` for the site): the toolbar badge and its tooltip.
 */
export const MENTION_COUNT_MESSAGE = 'side-notes:mention-count';

export interface MentionCountMessage {
  type: typeof MENTION_COUNT_MESSAGE;
  count: number;
  /** Distinct entities named (absent from an older content script). */
  names?: number;
  state?: 'on' | 'off' | 'paused';
}

export function isMentionCountMessage(message: unknown): message is MentionCountMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === MENTION_COUNT_MESSAGE &&
    typeof (message as { count?: unknown }).count === 'number'
  );
}

/** The toolbar badge for a count of mentions: empty for none, capped so it fits. */
export function badgeText(count: number): string {
  return count > 0 ? String(Math.min(count, 999)) : '';
}

/** The toolbar button's tooltip for a tab: what its badge counts, or why there is none. */
export function badgeTitle({ count, names, state }: Pick<MentionCountMessage, 'count' | 'names' | 'state'>): string {
  if (state === 'paused') return 'Side Notes: paused everywhere';
  if (state === 'off') return 'Side Notes: off on this site';
  if (count === 0) return 'Side Notes: no names from your notes on this page';
  const mentions = `${count} ${count === 1 ? 'mention' : 'mentions'}`;
  return names === undefined
    ? `Side Notes: ${mentions} on this page`
    : `Side Notes: ${mentions} of ${names} ${names === 1 ? 'name' : 'names'} on this page`;
}

/**
 * A runtime message listener that answers the messages `accepts` with what `answer` resolves to, the way every
 * browser's own API supports: `sendResponse`, and `true` to keep the channel open. (Returning a promise from the
 * listener is the webextension-polyfill's way, which the content script does without: see wxt.config.ts.)
 */
export function replyTo<M>(accepts: (message: unknown) => message is M, answer: (message: M) => Promise<unknown>) {
  return (message: unknown, _sender: unknown, sendResponse: (response?: unknown) => void): boolean => {
    if (!accepts(message)) return false;
    answer(message).then(sendResponse, () => sendResponse(undefined));
    return true;
  };
}

/**
 * Background or popup → the tab's top-frame content script: the card by keyboard and from the popup. `next` and
 * `previous` walk the page's marked names (the keyboard shortcuts), `focus` moves focus into the open card, `show`
 * opens an entity's card at one of its mentions (0-based `at`), with focus in it when `focus`. `hint` says how to
 * move into the card with the reader's own shortcut, for the announcement of a card opened by keyboard.
 */
export const CARD_MESSAGE = 'side-notes:card';

export type CardRequest =
  | { type: typeof CARD_MESSAGE; action: 'next' | 'previous' | 'focus'; hint?: string }
  | { type: typeof CARD_MESSAGE; action: 'show'; entityId: string; at: number; focus: boolean };

/** What a card request opened: the entity, and which of its mentions on the page (0-based `at` of `of`). */
export interface CardAnswer {
  entityId: string;
  at: number;
  of: number;
}

export function isCardRequest(message: unknown): message is CardRequest {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === CARD_MESSAGE;
}

/**
 * Background → the tab's top-frame content script: "Add to Side Notes" (the context menu and the shortcut) asks for
 * the passage the reader selected, as `PageSelection`.
 */
export const SELECTION_MESSAGE = 'side-notes:selection';

/**
 * The reader's selection on a page: `text` exactly as the reader sees it selected (`Selection.toString()`), trimmed
 * of white space at its ends only; '' when nothing is selected. `start` is the offset (UTF-16) of its first
 * character in the text of the page's body (`Range.toString()` from the body's start: the body's text content,
 * hidden text included), as the page was at that moment: it orders quotes and is never used to cut text. `entities`:
 * the catalogue ids of the entities whose underlined mentions the selection touches, in page order (none when Side
 * Notes is off on the page). `site` and `published` are what the page's metadata says, when it says.
 */
export interface PageSelection {
  text: string;
  start: number;
  url: string;
  title: string;
  site?: string;
  published?: string;
  entities: string[];
}

export function isSelectionRequest(message: unknown): message is { type: typeof SELECTION_MESSAGE } {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === SELECTION_MESSAGE;
}
