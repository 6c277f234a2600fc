import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '@/entrypoints/options/App';
import { parseSiteInput } from '@/utils/settings/site-names';
import { addBundles } from '@/utils/library/store';
import { setSiteEnabled, siteSettings } from '@/utils/settings/items';
import { notesBundle } from './fixtures/notes-bundle';
import { mountPoint } from './support/mount';

const mount = mountPoint();

beforeEach(() => {
  fakeBrowser.reset();
});


async function openOptions() {
  await addBundles([{ bundle: notesBundle }]);
  await act(() => {
    render(<App />, mount.element);
  });
  await vi.waitFor(() => expect(pauseSwitch().disabled).toBe(false));
  await vi.waitFor(() => expect(mount.element.querySelector('[data-testid="bundle"]')).not.toBeNull());
}

const pauseSwitch = () => mount.element.querySelector<HTMLButtonElement>('[data-testid="pause-switch"]')!;
const siteRows = () => [...mount.element.querySelectorAll('[data-testid="disabled-sites"] li')];

describe('parseSiteInput', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  News.Example.org ', 'example.org'],
    ['https://www.example.com/world/article?id=1', 'example.com'],
    ['example.com/path', 'example.com'],
    ['localhost:8080', 'localhost'],
    ['EXAMPLE.COM', 'example.com'],
    ['http://127.0.0.1:8765/article.html', '127.0.0.1'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['local files', 'file://'],
  ])('reads %j as %j', (input, site) => {
    const read = parseSiteInput(input);
    expect(read.ok && read.site).toBe(site);
  });

  it.each(['', '   ', 'not a site', 'chrome://extensions', 'word', 'co.uk', '*.example.com'])('rejects %j, saying why', (input) => {
    const read = parseSiteInput(input);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message.length).toBeGreaterThan(10);
  });
});

describe('options page', () => {
  it('lists the sites where Side Notes is off and turns one back on', async () => {
    await setSiteEnabled('a.example.com', false);
    await setSiteEnabled('b.example.org', false);
    await openOptions();
    await vi.waitFor(() => expect(siteRows()).toHaveLength(2));
    expect(siteRows()[0].textContent).toContain('example.com');
    expect(siteRows()[0].querySelector('button')!.getAttribute('aria-label')).toBe('Turn back on for example.com');

    await act(() => siteRows()[0].querySelector('button')!.click());
    await vi.waitFor(async () => expect((await siteSettings.getValue()).disabledSites).toEqual(['example.org']));
    await vi.waitFor(() => expect(siteRows()).toHaveLength(1));
  });

  it('turns Side Notes off on a typed site', async () => {
    await openOptions();
    const input = mount.element.querySelector<HTMLInputElement>('#add-site')!;
    await act(() => {
      input.value = 'https://News.example.org/a';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => mount.element.querySelector('form')!.requestSubmit());
    await vi.waitFor(async () => expect((await siteSettings.getValue()).disabledSites).toEqual(['example.org']));
    await vi.waitFor(() => expect(siteRows()).toHaveLength(1));
    expect(input.value).toBe('');
  });

  it('explains what it cannot read as a site', async () => {
    await openOptions();
    const input = mount.element.querySelector<HTMLInputElement>('#add-site')!;
    await act(() => {
      input.value = 'not a site';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => mount.element.querySelector('form')!.requestSubmit());
    expect(mount.element.querySelector('[role="alert"]')?.textContent).toContain('example.com');
    expect((await siteSettings.getValue()).disabledSites).toEqual([]);
  });

  it('pauses everywhere', async () => {
    await openOptions();
    await act(() => pauseSwitch().click());
    await vi.waitFor(async () => expect((await siteSettings.getValue()).paused).toBe(true));
    await vi.waitFor(() => expect(pauseSwitch().getAttribute('aria-checked')).toBe('true'));
  });

  it('describes each bundle: title, date and entity count', async () => {
    await openOptions();
    const bundle = mount.element.querySelector('[data-testid="bundle"]')!;
    expect(bundle.textContent).toContain('NATO chief urges South Korea to send weapons to Ukraine');
    expect(bundle.textContent).toContain('30 January 2023');
    expect(bundle.textContent).toContain(`${notesBundle.entities.length} entities`);
  });
});
