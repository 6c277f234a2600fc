import { useState } from 'preact/hooks';
import { Switch } from '@/components/Switch';
import { useSiteSettings } from '@/components/use-site-settings';
import { normalizeHost, setPaused, setSiteEnabled } from '@/utils/settings/items';
import { Logo } from '@/components/Logo';
import { AppearanceSettings } from './AppearanceSettings';
import { KeyboardShortcuts } from './KeyboardShortcuts';
import { NotesLibrary } from './NotesLibrary';

/** The host of what the user typed: a bare host ("example.com"), or a whole address pasted from the address bar. */
export function hostFromInput(value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  try {
    const url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    // A site's host has a dot ("example.com"); "localhost" is the one common exception.
    if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null;
    return normalizeHost(url.host);
  } catch {
    return null;
  }
}

/** The options page: where Side Notes is off, how it marks names and opens cards, its keys, the notes library. */
export function App() {
  const settings = useSiteSettings();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function turnOff(event: Event) {
    event.preventDefault();
    const host = hostFromInput(draft);
    if (!host) {
      setError('Type a site’s address, like example.com.');
      return;
    }
    setError(null);
    setDraft('');
    await setSiteEnabled(host, false);
  }

  return (
    <main class="options">
      <header class="options__header">
        <Logo size={24} />
        <h1 class="options__title">Side Notes</h1>
      </header>

      <section class="options__section" aria-labelledby="sites-heading">
        <h2 id="sites-heading">Sites</h2>
        <Switch
          label="Pause everywhere"
          checked={settings?.paused ?? false}
          disabled={settings === null}
          onChange={(paused) => void setPaused(paused)}
          testId="pause-switch"
        />
        <p class="options__hint">While paused, no page is underlined. Your list of sites stays as it is.</p>

        <h3>Off on these sites</h3>
        {settings === null ? null : settings.disabledSites.length > 0 ? (
          <ul class="options__sites" data-testid="disabled-sites">
            {settings.disabledSites.map((host) => (
              <li key={host}>
                <span class="options__host">{host}</span>
                <button type="button" class="options__button" onClick={() => void setSiteEnabled(host, true)}>
                  Turn back on
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="options__empty">None: Side Notes reads every site.</p>
        )}

        <form class="options__add" onSubmit={(event) => void turnOff(event)}>
          <label for="add-site">Turn Side Notes off on a site</label>
          <div class="options__add-row">
            <input
              id="add-site"
              type="text"
              inputMode="url"
              autocomplete="off"
              spellcheck={false}
              placeholder="example.com"
              value={draft}
              aria-invalid={error !== null}
              aria-describedby={error ? 'add-site-error' : undefined}
              onInput={(event) => setDraft(event.currentTarget.value)}
            />
            <button type="submit" class="options__button">
              Turn off
            </button>
          </div>
          {error && (
            <p class="options__error" id="add-site-error" role="alert">
              {error}
            </p>
          )}
        </form>
      </section>

      <AppearanceSettings />
      <KeyboardShortcuts />
      <NotesLibrary />
    </main>
  );
}
