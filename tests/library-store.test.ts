import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Bundle } from '@/utils/bundle/schema';
import { defaultBundle } from '@/utils/bundle/load';
import {
  getEnabledBundles,
  getLibraryIndex,
  installBuiltIn,
  readLibraryIndex,
  setBundle,
  updateLibrary,
  watchLibrary,
} from '@/utils/library/store';
import { compileMatcher, compileSteps } from '@/utils/match/compile';
import { runInSlices } from '@/utils/match/store-compiled';

const other = (id: string): Bundle => ({ ...defaultBundle, id, entities: defaultBundle.entities.slice(0, 2) });

describe('the notes library in storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('puts the shipped bundle in, on, once, and keeps the reader’s choice about it across updates', async () => {
    await installBuiltIn(defaultBundle, new Date('2026-01-01T00:00:00Z'));
    expect((await getLibraryIndex()).entries).toEqual([
      { id: defaultBundle.id, enabled: true, builtIn: true, hidden: false, addedAt: '2026-01-01T00:00:00.000Z' },
    ]);
    expect(await getEnabledBundles()).toEqual([defaultBundle]);

    await updateLibrary(async (index) => ({ entries: index.entries.map((entry) => ({ ...entry, enabled: false })) }));
    await installBuiltIn(defaultBundle);
    expect((await getLibraryIndex()).entries[0].enabled).toBe(false);
    expect(await getEnabledBundles()).toEqual([]);
  });

  it('writes the shipped bundle only when it changed, so open tabs are not made to read it again for nothing', async () => {
    await installBuiltIn(defaultBundle);
    const changes: string[] = [];
    const stop = watchLibrary(() => changes.push('changed'));
    await installBuiltIn(defaultBundle);
    expect(changes).toEqual([]);
    await installBuiltIn({ ...defaultBundle, source: { ...defaultBundle.source, title: 'Corrected title' } });
    expect(changes).toEqual(['changed']);
    stop();
  });

  it('gives the bundles that are on, newest first, leaving out what storage lacks', async () => {
    await installBuiltIn(defaultBundle);
    await setBundle(other('newer'));
    await updateLibrary(async (index) => ({
      entries: [
        { id: 'newer', enabled: true, builtIn: false, hidden: false, addedAt: '2026-02-01' },
        { id: 'missing', enabled: true, builtIn: false, hidden: false, addedAt: '2026-01-15' },
        ...index.entries,
      ],
    }));
    expect((await getEnabledBundles()).map((bundle) => bundle.id)).toEqual(['newer', defaultBundle.id]);
  });

  it('keeps every change made at the same time', async () => {
    const add = (id: string) =>
      updateLibrary(async (index) => ({
        entries: [{ id, enabled: true, builtIn: false, hidden: false, addedAt: '' }, ...index.entries],
      }));
    await Promise.all([add('a'), add('b'), installBuiltIn(defaultBundle), add('c')]);
    expect((await getLibraryIndex()).entries.map((entry) => entry.id).sort()).toEqual(['a', 'b', 'c', defaultBundle.id].sort());
  });

  it('reads a damaged index for what is usable in it', () => {
    expect(readLibraryIndex(null)).toEqual({ entries: [] });
    expect(readLibraryIndex({ entries: 'x' })).toEqual({ entries: [] });
    expect(
      readLibraryIndex({ entries: [{ id: 'a' }, { id: 'a', enabled: false }, { id: 7 }, null, { id: 'b', hidden: true, builtIn: true }] }),
    ).toEqual({
      entries: [
        { id: 'a', enabled: true, builtIn: false, hidden: false, addedAt: '' },
        { id: 'b', enabled: false, builtIn: true, hidden: true, addedAt: '' },
      ],
    });
  });
});

describe('compiling the notes a slice at a time', () => {
  it('gives the same matcher as compiling in one go, and stops when its caller’s lifetime ends', async () => {
    const whole = compileMatcher([defaultBundle]);
    const sliced = await runInSlices(compileSteps([defaultBundle]), async () => true);
    expect(sliced!.aliasCount).toBe(whole.aliasCount);
    expect([...sliced!.catalogue.keys()]).toEqual([...whole.entities.keys()]);
    expect(sliced!.longestAlias).toBe(whole.longestAlias);
    const big: Bundle = {
      ...defaultBundle,
      entities: Array.from({ length: 20_000 }, (_, i) => ({ ...defaultBundle.entities[i % 30], id: `e-${i}` })),
    };
    expect(await runInSlices(compileSteps([big]), async () => false)).toBeNull();
  });

  it('leaves out entities storage damaged instead of failing', () => {
    const damaged = {
      ...defaultBundle,
      entities: [{ id: 'broken', aliases: 'not a list' }, null, defaultBundle.entities[0]],
    } as unknown as Bundle;
    const matcher = compileMatcher([damaged, { id: 'empty' } as unknown as Bundle]);
    expect([...matcher.entities.keys()]).toEqual([defaultBundle.entities[0].id]);
  });
});
