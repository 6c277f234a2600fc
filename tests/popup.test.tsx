import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App, shownFile } from '@/entrypoints/popup/App';
import { PAGE_SUMMARY_PORT, type PageMention, type PageSummary } from '@/utils/page/page-state';
import { setPaused, setSiteEnabled, siteOf, siteSettings } from '@/utils/settings/items';
import { notesBundle } from './fixtures/notes-bundle';
import { mountPoint } from './support/mount';

const mount = mountPoint();

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Opens the popup on a tab showing `url`. A web page's content script answers (with no mentions) unless the test
 * set up its own answer first, or says there is none (`contentScript: false`: a page open since before install).
 */
async function openPopup(url: string, options: { activeTab?: boolean; contentScript?: boolean } = {}) {
  const site = siteOf(url);
  if (site && options.contentScript !== false && !vi.isMockFunction(fakeBrowser.tabs.connect)) answerPageState([], { site });
  const tab = await fakeBrowser.tabs.create({ url });
  if (options.activeTab) vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab]);
  await act(() => {
    render(<App bundles={[notesBundle]} tabId={options.activeTab ? undefined : tab.id} />, mount.element);
  });
  return tab;
}

function byTestId<T extends HTMLElement = HTMLElement>(id: string): T;
function byTestId<T extends HTMLElement = HTMLElement>(id: string, required: false): T | null;
function byTestId<T extends HTMLElement = HTMLElement>(id: string, required = true): T | null {
  const element = mount.element.querySelector<T>(`[data-testid="${id}"]`);
  if (!element && required) throw new Error(`no [data-testid="${id}"]`);
  return element;
}

function allByTestId(id: string): HTMLElement[] {
  return [...mount.element.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
}

/** Switches are enabled once the tab and the stored settings are known. */
async function siteSwitch(): Promise<HTMLButtonElement> {
  await vi.waitFor(() => expect(byTestId<HTMLButtonElement>('site-switch').disabled).toBe(false));
  return byTestId<HTMLButtonElement>('site-switch');
}

async function type(text: string) {
  const input = byTestId<HTMLInputElement>('search');
  await act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function press(key: string, target: Element = byTestId('search')) {
  await act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

function mention(entityId: string): PageMention {
  const entity = notesBundle.entities.find((candidate) => candidate.id === entityId)!;
  return { entityId, name: entity.name, kind: entity.kind, text: entity.name };
}

/**
 * The tab's content script, as the popup meets it: a port that answers at once with the page summary those
 * mentions make (the content script's own counting is tested with the scanner).
 */
function answerPageState(mentions: PageMention[], { enabled = true, site = 'www.example.com' } = {}) {
  const counts = new Map<string, number>();
  for (const { entityId } of mentions) counts.set(entityId, (counts.get(entityId) ?? 0) + 1);
  const summary: PageSummary = {
    enabled,
    host: site,
    site,
    entities: [...counts].map(([entityId, count]) => ({ entityId, count })),
    total: mentions.length,
    openCard: null,
  };
  const port = fakePort();
  const connect = vi.spyOn(fakeBrowser.tabs, 'connect').mockImplementation(() => {
    queueMicrotask(() => port.post(summary));
    return port as never;
  });
  return { connect, port };
}

function fakePort() {
  const listeners: ((message: unknown) => void)[] = [];
  const gone: (() => void)[] = [];
  return {
    name: PAGE_SUMMARY_PORT,
    onMessage: { addListener: (listener: (message: unknown) => void) => listeners.push(listener) },
    onDisconnect: { addListener: (listener: () => void) => gone.push(listener) },
    disconnect: vi.fn(),
    post: (message: unknown) => listeners.forEach((listener) => listener(message)),
    drop: () => gone.forEach((listener) => listener()),
  };
}

describe('popup: switches', () => {
  it('names the site and turns Side Notes off there, in siteSettings', async () => {
    await openPopup('https://www.Example.com/news/1');
    const toggle = await siteSwitch();
    expect(toggle.getAttribute('role')).toBe('switch');
    expect(toggle.textContent).toContain('Side notes on example.com');
    expect(toggle.getAttribute('aria-checked')).toBe('true');

    await act(() => toggle.click());
    await vi.waitFor(async () => expect((await siteSettings.getValue()).disabledSites).toEqual(['example.com']));
    await vi.waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('false'));

    await act(() => toggle.click());
    await vi.waitFor(async () => expect((await siteSettings.getValue()).disabledSites).toEqual([]));
  });

  it('reflects what is stored when it opens and follows later changes', async () => {
    await setSiteEnabled('news.example.org', false);
    await openPopup('https://news.example.org/a');
    const toggle = await siteSwitch();
    expect(toggle.getAttribute('aria-checked')).toBe('false');

    await act(() => setSiteEnabled('news.example.org', true));
    await vi.waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
  });

  it('pauses everywhere', async () => {
    await openPopup('https://www.example.com/');
    await siteSwitch();
    const pause = byTestId<HTMLButtonElement>('pause-switch');
    expect(pause.getAttribute('aria-checked')).toBe('false');

    await act(() => pause.click());
    await vi.waitFor(async () => expect((await siteSettings.getValue()).paused).toBe(true));
    await vi.waitFor(() => expect(pause.getAttribute('aria-checked')).toBe('true'));
    expect(byTestId('page-message').textContent).toContain('paused everywhere');
  });

  it('cannot switch a page that is not on the web', async () => {
    await openPopup('chrome://extensions/');
    await vi.waitFor(() => expect(byTestId('page-message').textContent).toContain("Side Notes can't read this page"));
    expect(byTestId<HTMLButtonElement>('site-switch').disabled).toBe(true);
    expect(byTestId<HTMLButtonElement>('pause-switch').disabled).toBe(false);
  });

  it('describes the active tab when no tab is named', async () => {
    await openPopup('https://active.example.net/', { activeTab: true });
    expect((await siteSwitch()).textContent).toContain('example.net');
    expect(fakeBrowser.tabs.query).toHaveBeenCalledWith({ active: true, currentWindow: true });
  });

  it('opens the options page', async () => {
    const openOptionsPage = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    await openPopup('https://www.example.com/');
    const link = [...mount.element.querySelectorAll('a')].find((anchor) => anchor.textContent === 'Options')!;
    await act(() => link.click());
    expect(openOptionsPage).toHaveBeenCalledOnce();
  });
});

describe('popup: on this page', () => {
  it('says so kindly when the page does not answer', async () => {
    // fakeBrowser's tabs.connect throws; Chrome disconnects the port when no content script listens.
    await openPopup('https://www.example.com/', { contentScript: false });
    await vi.waitFor(() => expect(byTestId('page-message').textContent).toContain("Side Notes can't read this page"));
  });

  it('lists the entities the page names, once each, in order of first mention, with counts', async () => {
    const { connect } = answerPageState(['seoul', 'jens-stoltenberg', 'seoul', 'nato', 'seoul'].map(mention));
    const tab = await openPopup('https://www.example.com/');
    await vi.waitFor(() => expect(allByTestId('page-entity')).toHaveLength(3));
    expect(connect).toHaveBeenCalledWith(tab.id, { name: PAGE_SUMMARY_PORT, frameId: 0 });

    const rows = allByTestId('page-entity');
    expect(rows.map((row) => row.querySelector('.sn-list__name')?.textContent)).toEqual([
      'Seoul',
      'Jens Stoltenberg',
      'NATO',
    ]);
    expect(rows[0].querySelector('.sn-list__count')?.textContent).toBe('3 mentions');
    expect(rows[0].textContent).toContain('Place');
  });

  it('opens the card of a listed entity on the page, with focus in it, and makes way for it', async () => {
    answerPageState(['seoul', 'jens-stoltenberg', 'seoul'].map(mention));
    const tab = await openPopup('https://www.example.com/');
    await vi.waitFor(() => expect(allByTestId('page-entity')).toHaveLength(2));
    const sendMessage = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ entityId: 'seoul', at: 0, of: 2 });
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});

    await act(() => allByTestId('page-entity')[0].click());
    await vi.waitFor(() => expect(close).toHaveBeenCalled());
    expect(sendMessage).toHaveBeenCalledWith(
      tab.id,
      { type: 'side-notes:card', action: 'show', entityId: 'seoul', at: 0, focus: true },
      { frameId: 0 },
    );
    expect(mount.element.querySelector('[data-testid="entity-card"]')).toBeNull();
  });

  it('opens a listed entity by keyboard: arrows from the search box, then Enter', async () => {
    answerPageState(['seoul', 'jens-stoltenberg'].map(mention));
    await openPopup('https://www.example.com/');
    await vi.waitFor(() => expect(allByTestId('page-entity')).toHaveLength(2));
    expect(document.activeElement).toBe(byTestId('search'));
    const sendMessage = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ entityId: 'jens-stoltenberg', at: 0, of: 1 });
    vi.spyOn(window, 'close').mockImplementation(() => {});
    await press('ArrowDown');
    await press('ArrowDown');
    expect(byTestId('search').getAttribute('aria-activedescendant')).toBe(allByTestId('page-entity')[1].id);
    await press('Enter');
    await vi.waitFor(() => expect(sendMessage).toHaveBeenCalled());
    expect((sendMessage.mock.calls[0][1] as { entityId: string }).entityId).toBe('jens-stoltenberg');
  });

  it('stays open when the page cannot show the entity (it changed meanwhile)', async () => {
    answerPageState(['seoul'].map(mention));
    await openPopup('https://www.example.com/');
    await vi.waitFor(() => expect(allByTestId('page-entity')).toHaveLength(1));
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(null);
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    await act(() => allByTestId('page-entity')[0].click());
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(close).not.toHaveBeenCalled();
  });

  it('names each listed entity, its kind and its count for screen readers', async () => {
    answerPageState(['seoul', 'seoul', 'nato'].map(mention));
    await openPopup('https://www.example.com/');
    await vi.waitFor(() => expect(allByTestId('page-entity')).toHaveLength(2));
    const heading = allByTestId('page-entity')[0].querySelector('.sn-list__heading')!;
    expect(heading.textContent).toBe('Seoul, Place, 2 mentions. ');
    expect(allByTestId('page-entity')[0].getAttribute('role')).toBe('option');
  });

  it('says when the page names nothing from the notes', async () => {
    answerPageState([]);
    await openPopup('https://www.example.com/');
    await vi.waitFor(() => expect(byTestId('page-message').textContent).toContain('Nothing from your notes'));
  });

  it('follows the page as it changes, and says so when the page goes away', async () => {
    const { port } = answerPageState(['seoul'].map(mention));
    await openPopup('https://www.example.com/');
    await vi.waitFor(() => expect(allByTestId('page-entity')).toHaveLength(1));
    await act(() =>
      port.post({ enabled: true, host: 'www.example.com', site: 'www.example.com', entities: [{ entityId: 'nato', count: 2 }], total: 2, openCard: null }),
    );
    expect(allByTestId('page-entity').map((row) => row.querySelector('.sn-list__name')?.textContent)).toEqual(['NATO']);
    // The page goes away (a reload, another address) and its successor has no content script yet.
    const connect = vi.spyOn(fakeBrowser.tabs, 'connect').mockImplementation(() => {
      const next = fakePort();
      queueMicrotask(() => next.drop());
      return next as never;
    });
    connect.mockClear();
    await act(() => port.drop());
    await vi.waitFor(() => expect(byTestId('page-message').textContent).toContain('Reading this page'));
    expect(connect).toHaveBeenCalledTimes(1);
    // Nothing answers even then (a browser page): the popup says it can't read it, and does not keep knocking.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('follows the tab to its next page once that page says it is there', async () => {
    const { port: first } = answerPageState(['seoul'].map(mention));
    const tab = await openPopup('https://www.example.com/');
    await vi.waitFor(() => expect(allByTestId('page-entity')).toHaveLength(1));
    vi.spyOn(fakeBrowser.tabs, 'connect').mockImplementation(() => {
      const none = fakePort();
      queueMicrotask(() => none.drop());
      return none as never;
    });
    await act(() => first.drop());
    await vi.waitFor(() => expect(byTestId('page-message').textContent).toContain('Reading this page'));
    // The next page's content script starts and tells the badge its count, as every content script does.
    const { connect } = answerPageState(['nato'].map(mention), { site: 'news.example.org' });
    connect.mockClear();
    await act(async () => {
      await fakeBrowser.runtime.onMessage.trigger({ type: 'side-notes:mention-count', count: 1 }, { tab: { id: tab.id }, frameId: 0 } as never);
    });
    await vi.waitFor(() => expect(allByTestId('page-entity').map((row) => row.querySelector('.sn-list__name')?.textContent)).toEqual(['NATO']));
    expect(connect).toHaveBeenCalledTimes(1);
    expect(byTestId('site-switch').hasAttribute('disabled')).toBe(false);
  });

  it('says when Side Notes is off on the site', async () => {
    await setSiteEnabled('www.example.com', false);
    answerPageState([]);
    await openPopup('https://www.example.com/');
    await vi.waitFor(() => expect(byTestId('page-message').textContent).toContain('off on this site'));
  });
});

describe('popup: search', () => {
  /** Types a query and waits for its search, which runs in a task of its own after the keystroke. */
  async function search(text: string): Promise<HTMLElement[]> {
    await type(text);
    await vi.waitFor(() => expect(mount.element.querySelector('[aria-busy="true"]')).toBeNull());
    return allByTestId('result');
  }

  it('lists matching notes with name, kind and description', async () => {
    await openPopup('https://www.example.com/');
    const [first] = await search('stoltenbrg');
    expect(first.textContent).toContain('Jens Stoltenberg');
    expect(first.textContent).toContain('Person');
    expect(first.textContent).toContain('Secretary General of NATO');
    expect(first.getAttribute('aria-selected')).toBe('true');
    expect(byTestId('search').getAttribute('aria-activedescendant')).toBe(first.id);
  });

  it('shows the quote that matched, with the matched words marked', async () => {
    await openPopup('https://www.example.com/');
    const [first] = await search('not exporting weapons');
    expect(first.querySelector('.sn-list__name')?.textContent).toBe('Jens Stoltenberg');
    const line = first.querySelector<HTMLElement>('[data-testid="match"]')!;
    expect(line.dataset.field).toBe('quote');
    expect(line.textContent).toContain('had a policy of not exporting weapons to countries in conflict');
    expect([...line.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['not', 'exporting', 'weapons']);
  });

  it('marks the words of a name or description that matched', async () => {
    await openPopup('https://www.example.com/');
    const [first] = await search('south korean president');
    expect(first.querySelector('.sn-list__name')?.textContent).toBe('Yoon Suk Yeol');
    expect([...first.querySelectorAll('.sn-list__description mark')].map((mark) => mark.textContent)).toEqual([
      'President',
      'South',
      'Korea',
    ]);

    const [kyiv] = await search('Kiew');
    expect(kyiv.querySelector('.sn-list__name')?.textContent).toBe('Kyiv');
    // The fixture spells it Kiev: one letter off, and the row says which alias it was.
    expect(kyiv.querySelector('[data-testid="match"]')?.textContent).toBe('Also called Kiev');
  });

  it('renders bundle text as text, never as markup', async () => {
    const hostile = {
      ...notesBundle,
      entities: notesBundle.entities.map((entity) =>
        entity.id === 'seoul'
          ? { ...entity, facts: [{ quote: 'Seoul <img src=x onerror="alert(1)"> hosted the <b>talks</b>', start: 0 }] }
          : entity,
      ),
    };
    const tab = await fakeBrowser.tabs.create({ url: 'https://www.example.com/' });
    await act(() => render(<App bundles={[hostile]} tabId={tab.id} />, mount.element));
    const [first] = await search('hosted talks');
    const line = first.querySelector('[data-testid="match"]')!;
    expect(line.querySelector('img, b')).toBeNull();
    expect(line.textContent).toContain('<img src=x onerror="alert(1)"> hosted the <b>talks</b>');
  });

  it('moves with the arrow keys and opens a result with Enter', async () => {
    await openPopup('https://www.example.com/');
    const results = await search('korea');
    expect(results.length).toBeGreaterThan(1);

    await press('ArrowDown');
    expect(allByTestId('result')[1].getAttribute('aria-selected')).toBe('true');
    await press('ArrowUp');
    await press('ArrowUp');
    expect(allByTestId('result').at(-1)!.getAttribute('aria-selected')).toBe('true');
    await press('ArrowDown');

    const expected = allByTestId('result')[0].querySelector('.sn-list__name')!.textContent;
    await press('Enter');
    expect(byTestId('entity-card').querySelector('h2')?.textContent).toBe(expected);
  });

  it('opens the best match of what was typed when Enter comes before the search had its turn', async () => {
    await openPopup('https://www.example.com/');
    await search('korea');
    await type('stoltenbrg');
    await press('Enter');
    expect(byTestId('entity-card').querySelector('h2')?.textContent).toBe('Jens Stoltenberg');
  });

  it('navigates to related entities within the popup and back along the way', async () => {
    await openPopup('https://www.example.com/');
    const [first] = await search('yoon suk-yeol');
    await act(() => first.click());
    expect(byTestId('entity-card').querySelector('h2')?.textContent).toBe('Yoon Suk Yeol');

    const seoulKorea = [...byTestId('entity-card').querySelectorAll('button')].find(
      (element) => element.textContent === 'South Korea',
    )!;
    await act(() => seoulKorea.click());
    expect(byTestId('entity-card').querySelector('h2')?.textContent).toBe('South Korea');

    await press('Escape', byTestId('entity-card'));
    expect(byTestId('entity-card').querySelector('h2')?.textContent).toBe('Yoon Suk Yeol');
    await act(() => byTestId('back').click());
    expect(byTestId<HTMLInputElement>('search').value).toBe('yoon suk-yeol');
    expect(document.activeElement).toBe(byTestId('search'));
  });

  it('clears the query with Escape and shows the page again', async () => {
    await openPopup('https://www.example.com/');
    const [first] = await search('kiev');
    expect(first.textContent).toContain('Kyiv');
    await press('Escape');
    expect(byTestId<HTMLInputElement>('search').value).toBe('');
    expect(allByTestId('result')).toHaveLength(0);
    expect(mount.element.textContent).toContain('On this page');
  });

  it('says when nothing matches', async () => {
    await openPopup('https://www.example.com/');
    expect(await search('xyzzy')).toEqual([]);
    expect(byTestId('no-results').textContent).toBe('No notes match “xyzzy”.');
  });
});

describe('popup: the details a reader notices (issue 13)', () => {
  it("walks a card's entity through its mentions on the page, saying which one, without closing", async () => {
    answerPageState(['seoul', 'jens-stoltenberg', 'seoul'].map(mention));
    const tab = await openPopup('https://www.example.com/');
    await vi.waitFor(() => expect(allByTestId('page-entity')).toHaveLength(2));
    await type('seoul');
    await vi.waitFor(() => expect(allByTestId('result').length).toBeGreaterThan(0));
    await press('Enter');
    await vi.waitFor(() => expect(byTestId('mention-position').textContent).toBe('2 mentions'));
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    const sendMessage = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockImplementation(async (_tab, request) => ({ entityId: 'seoul', at: (request as { at: number }).at, of: 2 }));

    await act(() => byTestId('show-on-page').click());
    await vi.waitFor(() => expect(byTestId('mention-position').textContent).toBe('1 of 2'));
    expect(sendMessage).toHaveBeenLastCalledWith(
      tab.id,
      { type: 'side-notes:card', action: 'show', entityId: 'seoul', at: 0, focus: false },
      { frameId: 0 },
    );
    await act(() => byTestId('next-mention').click());
    await vi.waitFor(() => expect(byTestId('mention-position').textContent).toBe('2 of 2'));
    await act(() => byTestId('next-mention').click());
    await vi.waitFor(() => expect(byTestId('mention-position').textContent).toBe('1 of 2'));
    await act(() => byTestId('previous-mention').click());
    await vi.waitFor(() => expect(byTestId('mention-position').textContent).toBe('2 of 2'));
    expect(close).not.toHaveBeenCalled();
    expect(byTestId('previous-mention').getAttribute('aria-label')).toBe('Previous mention of Seoul');
  });

  it('says when the page could not show the mention', async () => {
    answerPageState(['seoul'].map(mention));
    await openPopup('https://www.example.com/');
    await vi.waitFor(() => expect(allByTestId('page-entity')).toHaveLength(1));
    await type('seoul');
    await vi.waitFor(() => expect(allByTestId('result').length).toBeGreaterThan(0));
    await press('Enter');
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(null);
    await vi.waitFor(() => expect(byTestId('show-on-page')).toBeTruthy());
    await act(() => byTestId('show-on-page').click());
    await vi.waitFor(() => expect(byTestId('mention-position').textContent).toContain('The page has changed'));
  });

  it('shows that pausing overrides the site switch, which stays usable', async () => {
    await openPopup('https://news.example.com/');
    const toggle = await siteSwitch();
    expect(toggle.getAttribute('aria-describedby')).toBeNull();
    await act(() => setPaused(true));
    await vi.waitFor(() => expect(byTestId('site-overridden').textContent).toContain('Paused everywhere'));
    expect(toggle.getAttribute('aria-describedby')).toBe('site-overridden');
    expect(toggle.disabled).toBe(false);
    expect(toggle.closest('.popup__site--overridden')).not.toBeNull();
    await act(() => setPaused(false));
    await vi.waitFor(() => expect(mount.element.querySelector('[data-testid="site-overridden"]')).toBeNull());
  });

  it('browses every note by kind, opens one, and comes back to the list', async () => {
    await openPopup('https://www.example.com/');
    await vi.waitFor(() => expect(byTestId('browse-all').textContent).toBe(`Browse all notes (${notesBundle.entities.length})`));
    await act(() => byTestId('browse-all').click());
    const groups = allByTestId('browse-group');
    const kinds = groups.map((group) => group.dataset.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(allByTestId('browse-note')).toHaveLength(notesBundle.entities.length);
    const people = [...groups[0].querySelectorAll('[data-testid="browse-note"]')].map((note) => note.textContent);
    expect(people).toEqual([...people].sort((a, b) => a!.localeCompare(b!)));
    await act(() => allByTestId('browse-note').find((note) => note.textContent === 'Jens Stoltenberg')!.click());
    expect(byTestId('entity-card').querySelector('h2')?.textContent).toBe('Jens Stoltenberg');
    await act(() => byTestId('back').click());
    expect(allByTestId('browse-group').length).toBe(groups.length);
    await press('Escape', byTestId('browse-all-view'));
    expect(byTestId('search')).toBeTruthy();
  });

  it('shows the total the badge counts', async () => {
    answerPageState(['seoul', 'jens-stoltenberg', 'seoul'].map(mention));
    await openPopup('https://www.example.com/');
    await vi.waitFor(() => expect(byTestId('page-total').textContent).toBe('3 mentions of 2 names on this page'));
  });

  it('writes the reader’s own note from a card: shown as theirs on the card, found by the search, Esc leaves the form', async () => {
    const search = async (text: string) => {
      await type(text);
      await vi.waitFor(() => expect(mount.element.querySelector('[aria-busy="true"]')).toBeNull());
      return allByTestId('result');
    };
    await openPopup('https://www.example.com/');
    const [first] = await search('stoltenbrg');
    await act(() => first.click());
    expect(allByTestId('card-own-note')).toHaveLength(0);
    await act(() => byTestId('own-note-edit').click());
    expect(byTestId('own-note-edit', false)).toBeNull();
    const field = byTestId<HTMLTextAreaElement>('own-note-text');
    expect(document.activeElement).toBe(field);
    // Esc leaves the form, and the card stays.
    await press('Escape', field);
    expect(byTestId('entity-card').querySelector('h2')?.textContent).toBe('Jens Stoltenberg');
    await act(() => byTestId('own-note-edit').click());
    await act(() => {
      const text = byTestId<HTMLTextAreaElement>('own-note-text');
      text.value = 'Met him at the Munich conference.';
      text.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => byTestId<HTMLButtonElement>('own-note-save').click());
    await vi.waitFor(() => expect(allByTestId('card-own-note')[0]?.textContent).toBe('Your noteMet him at the Munich conference.'));
    expect(byTestId('own-note-edit').textContent).toBe('Edit your note');
    expect(document.activeElement).toBe(byTestId('own-note-edit'));
    expect((await fakeBrowser.storage.local.get('readerNotes')).readerNotes).toMatchObject({
      notes: [{ kind: 'person', key: 'jens stoltenberg', entryId: 'jens-stoltenberg', text: 'Met him at the Munich conference.' }],
    });

    await act(() => byTestId('back').click());
    const [found] = await search('munich');
    expect(found.querySelector('.sn-list__name')?.textContent).toBe('Jens Stoltenberg');
    expect(found.querySelector('[data-testid="match"]')?.textContent).toBe('Your note: Met him at the Munich conference.');
  });
});

describe('a tab that shows a file, not a web page', () => {
  const summary = (type?: string): PageSummary => ({ enabled: true, host: 'example.org', site: 'example.org', entities: [], total: 0, openCard: null, type });

  it('names the file the browser shows: a PDF, an image, a video; a page of text is read', () => {
    expect(shownFile(summary('application/pdf'))).toBe('a PDF file');
    expect(shownFile(summary('image/png'))).toBe('an image');
    expect(shownFile(summary('video/mp4'))).toBe('a video file');
    expect(shownFile(summary('audio/ogg'))).toBe('an audio file');
    for (const type of ['text/html', 'application/xhtml+xml', 'text/plain', undefined]) expect(shownFile(summary(type))).toBeNull();
  });
});
