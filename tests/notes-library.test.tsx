import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NotesLibrary } from '@/entrypoints/options/NotesLibrary';
import { defaultBundle } from '@/utils/bundle/load';
import { getEnabledBundles, getLibraryIndex, installBuiltIn, setLibraryIndex } from '@/utils/library/store';
import { mountPoint } from './support/mount';

const mount = mountPoint();
const rows = () => [...mount.element.querySelectorAll<HTMLElement>('[data-testid="bundle"]')];
const byTestId = (id: string) => mount.element.querySelector<HTMLElement>(`[data-testid="${id}"]`);

async function open() {
  await act(() => {
    render(<NotesLibrary />, mount.element);
  });
  await vi.waitFor(() => expect(mount.element.querySelector('#library-heading')).not.toBeNull());
}

async function importText(text: string) {
  const input = byTestId('import-file') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [new File([text], 'library.json', { type: 'application/json' })], configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change'));
  });
}

beforeEach(async () => {
  fakeBrowser.reset();
  await installBuiltIn(defaultBundle);
});

describe('the notes library', () => {
  it('lists each bundle with its source, date and entity count, and switches it off', async () => {
    await open();
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0].textContent).toContain(defaultBundle.source.title);
    expect(rows()[0].textContent).toContain('30 January 2023');
    expect(rows()[0].textContent).toContain(`${defaultBundle.entities.length} entities`);
    await act(() => rows()[0].querySelector<HTMLElement>('[data-testid="bundle-switch"]')!.click());
    await vi.waitFor(async () => expect(await getEnabledBundles()).toEqual([]));
  });

  it('deletes the built-in bundle with undo, and restores it', async () => {
    await open();
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    await act(() => byTestId('delete-bundle')!.click());
    await vi.waitFor(() => expect(rows()).toHaveLength(0));
    expect(byTestId('deleted-notice')?.textContent).toContain(defaultBundle.source.title);
    await act(() => byTestId('undo-delete')!.click());
    await vi.waitFor(() => expect(rows()).toHaveLength(1));

    await act(() => byTestId('delete-bundle')!.click());
    await vi.waitFor(() => expect(byTestId('restore-builtin')).not.toBeNull());
    await act(() => byTestId('restore-builtin')!.click());
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    expect((await getLibraryIndex()).entries[0]).toMatchObject({ hidden: false, enabled: true });
  });

  it('shows each problem of a bad import, as text, and changes nothing', async () => {
    await open();
    const before = await fakeBrowser.storage.local.get(null);
    await importText(JSON.stringify({ ...defaultBundle, id: '<b>Bad</b>' }));
    await vi.waitFor(() => expect(byTestId('import-errors')).not.toBeNull());
    expect(byTestId('import-errors')!.textContent).toContain('id: ids are kebab-case');
    expect(byTestId('import-errors')!.querySelector('b')).toBeNull();
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });

  it('names a bundle storage damaged, so it can be deleted, without breaking the rest', async () => {
    await fakeBrowser.storage.local.set({ 'bundle:broken': { id: 'broken', entities: 'x' } });
    await setLibraryIndex({ entries: [{ id: 'broken', enabled: true, builtIn: false, hidden: false, addedAt: '' }, ...(await getLibraryIndex()).entries] });
    await open();
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0].querySelector('[data-testid="bundle-problem"]')?.textContent).toMatch(/^Its notes are damaged \(/);
    expect(rows()[1].textContent).toContain(defaultBundle.source.title);
  });
});
