import { useState } from 'preact/hooks';
import { Switch } from '@/components/Switch';
import { useSiteSettings } from '@/components/use-site-settings';
import { parseSiteInput, setPaused, setSiteEnabled, siteLabel, updateSiteSettings } from '@/utils/settings/items';
import { alreadyOff, tidySites } from '@/utils/settings/site-names';
import { Logo } from '@/components/Logo';
import { AppearanceSettings } from './AppearanceSettings';
import { KeyboardShortcuts } from './KeyboardShortcuts';
import { NotesLibrary } from './NotesLibrary';
import { SyncStatus } from './SyncStatus';

/** The options page: where Side Notes is off, how it marks names and opens cards, its keys, the notes library. */
export function App() {
  const settings = useSiteSettings();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** What the last "Turn off" did, said once (a polite status, not an error). */
  const [done, setDone] = useState<string | null>(null);

  async function turnOff(event: Event) {
    event.preventDefault();
    const input = parseSiteInput(draft);
    if (!input.ok) {
      setDone(null);
      setError(input.message);
      return;
    }
    const { site, typedHost } = input;
    const covering = settings ? alreadyOff(settings.disabledSites, site) : undefined;
    if (covering) {
      // The field keeps what was typed: nothing happened to it.
      setError(null);
      setDone(
        covering === site
          ? `${siteLabel(site)} is already off.`
          : `${siteLabel(site)} is already off: ${siteLabel(covering)} covers it.`,
      );
      return;
    }
    setError(null);
    setDraft('');
    await updateSiteSettings((now) => ({ ...now, disabledSites: tidySites([...now.disabledSites, site]) }));
    setDone(
      typedHost !== site && typedHost !== ''
        ? `Turned off on ${siteLabel(site)}, which covers ${siteLabel(typedHost)} and every other part of it.`
        : `Turned off on ${siteLabel(site)}${site.includes('.') && !/^[\d.]+$/.test(site) ? ' and its subdomains' : ''}.`,
    );
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
        <SyncStatus />

        <h3>Off on these sites</h3>
        {settings === null ? null : settings.disabledSites.length > 0 ? (
          <ul class="options__sites" data-testid="disabled-sites">
            {settings.disabledSites.map((site) => (
              <li key={site}>
                <span class="options__host">{siteLabel(site)}</span>
                <button
                  type="button"
                  class="sn-button options__button"
                  aria-label={`Turn back on for ${siteLabel(site)}`}
                  onClick={() => {
                    setDone(null);
                    void setSiteEnabled(site, true);
                  }}
                >
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
              aria-describedby={error ? 'add-site-error add-site-hint' : 'add-site-hint'}
              onInput={(event) => {
                setDraft(event.currentTarget.value);
                setError(null);
              }}
            />
            <button type="submit" class="sn-button options__button">
              Turn off
            </button>
          </div>
          <p class="options__hint" id="add-site-hint">
            A site covers its subdomains: example.com covers news.example.com too. Local files are one site: type “local
            files”.
          </p>
          {error && (
            <p class="options__error" id="add-site-error" role="alert" data-testid="site-error">
              {error}
            </p>
          )}
          <p class="options__status" role="status" data-testid="site-status">
            {done}
          </p>
        </form>
      </section>

      <AppearanceSettings />
      <KeyboardShortcuts />
      <NotesLibrary />
    </main>
  );
}
