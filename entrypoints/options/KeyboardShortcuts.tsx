import { browser } from 'wxt/browser';
import { useShortcuts } from '@/components/use-shortcuts';

/** Opens the browser's own page for changing extensions' shortcuts (Chrome's, or Firefox's add-ons manager). */
function changeShortcuts() {
  const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
  if (typeof commands.openShortcutSettings === 'function') void commands.openShortcutSettings();
  else void browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

/** The keyboard shortcuts and what the keyboard does in a card (options page). */
export function KeyboardShortcuts() {
  const shortcuts = useShortcuts();
  return (
    <section class="options__section" aria-labelledby="keyboard-heading" data-testid="keyboard">
      <h2 id="keyboard-heading">Keyboard</h2>
      <dl class="options__shortcuts">
        {shortcuts.map(({ name, description, shortcut }) => (
          <div key={name}>
            <dt>{shortcut ? <kbd>{shortcut}</kbd> : <span class="options__hint">not set</span>}</dt>
            <dd>{description}</dd>
          </div>
        ))}
      </dl>
      <p class="options__hint">
        Tab onto a link that holds a name opens its card too. In a card, Tab goes from control to control and comes
        round; Esc closes the card and puts you back where you were.
      </p>
      <button type="button" class="sn-button options__button options__change-keys" onClick={changeShortcuts}>
        Change shortcuts
      </button>
    </section>
  );
}
