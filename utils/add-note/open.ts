import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { SELECTION_MESSAGE, type PageSelection } from '@/utils/messages';

/**
 * "Add to Side Notes" (README, "Taking notes from a selection"), the background's side: the context menu item and the
 * shortcut ask the tab's top-frame content script for the reader's selection, at once (before anything can change
 * it), and open the add-note page (entrypoints/add-note) in a small window with it. Nothing is written to the library
 * until the reader saves there.
 *
 * The selection reaches the page through `storage.session` (kept in memory only, never on disk, and only until the
 * page reads it: it is removed as it is read), under a key drawn at random that the page's address names.
 */

export const ADD_NOTE_MENU_ID = 'side-notes:add-selection';
export const ADD_NOTE_COMMAND = 'add-selection';
export const ADD_NOTE_PATH = '/add-note.html';

/** What the add-note page is given: the selection, or why there is none. */
export type PendingNote = { selection: PageSelection } | { error: string };

const pendingKey = (id: string) => `session:pendingNote:${id}` as const;

/**
 * The longest passage that becomes a quote: a few paragraphs. A whole page selected by accident is refused, with the
 * reason, rather than stored as one quote.
 */
export const MAX_QUOTE_LENGTH = 5000;

/** The add-note window's size: the quote, the choice of entity and the reader's note fit without scrolling. */
const WINDOW = { width: 560, height: 720 };

/** Whether a content script's answer is a selection. */
function isSelection(answer: unknown): answer is PageSelection {
  const value = answer as Partial<PageSelection> | null | undefined;
  return typeof value?.text === 'string' && typeof value.url === 'string' && Array.isArray(value.entities);
}

/** Asks the page in `tabId` for its selection and opens the add-note page with it (or with why it cannot). */
export async function addSelectionFrom(tabId: number): Promise<void> {
  const answer: unknown = await browser.tabs.sendMessage(tabId, { type: SELECTION_MESSAGE }, { frameId: 0 }).catch(() => undefined);
  const pending: PendingNote = !isSelection(answer)
    ? { error: 'Side Notes can’t read that page. If it is a web page, reloading it may help.' }
    : answer.text === ''
      ? { error: 'Nothing is selected. Select a passage on the page first, then choose “Add to Side Notes”.' }
      : answer.text.length > MAX_QUOTE_LENGTH
        ? {
            error: `That passage is ${answer.text.length.toLocaleString('en')} characters long: a quote can be at most ${MAX_QUOTE_LENGTH.toLocaleString('en')}. Select a shorter one.`,
          }
        : { selection: answer };
  const id = crypto.randomUUID();
  await storage.setItem(pendingKey(id), pending);
  const url = browser.runtime.getURL(`${ADD_NOTE_PATH}?note=${id}`);
  // A browser without windows (Firefox for Android) gets a tab instead.
  await Promise.resolve()
    .then(() => browser.windows.create({ type: 'popup', url, ...WINDOW }))
    .catch(() => browser.tabs.create({ url }));
}

/** The selection the add-note page was opened for, taken out of session storage (so it is read once). */
export async function takePendingNote(id: string): Promise<PendingNote | null> {
  const key = pendingKey(id);
  const pending = await storage.getItem<PendingNote>(key);
  await storage.removeItem(key);
  return pending;
}
