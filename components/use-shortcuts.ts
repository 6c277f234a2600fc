import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

/** A keyboard command of the extension and the reader's shortcut for it ('' when none is set). */
export interface Shortcut {
  name: string;
  description: string;
  shortcut: string;
}

/** The order the commands are listed in: the walk, going into the card, the site switch, then adding a passage. */
const ORDER = ['next-name', 'previous-name', 'focus-card', 'toggle-site', 'add-selection'];

/** The extension's keyboard shortcuts as the browser has them now (the reader may have changed them). */
export function useShortcuts(): Shortcut[] {
  const [shortcuts, setShortcuts] = useState<Shortcut[]>([]);
  useEffect(() => {
    // (Asked for in a promise: where the API is missing, that is one more way for the answer not to come.)
    void Promise.resolve()
      .then(() => browser.commands.getAll())
      .then(
      (commands) =>
        setShortcuts(
          commands.flatMap(({ name, description, shortcut }) =>
            name && name !== '_execute_action' ? [{ name, description: description ?? name, shortcut: shortcut ?? '' }] : [],
          ).sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name)),
        ),
      () => {},
    );
  }, []);
  return shortcuts;
}
