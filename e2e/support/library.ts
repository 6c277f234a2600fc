/**
 * Captured notes for the journeys and scripts that need a library like a reader's: pages captured with the
 * capture's own code (scripts/bench-capture-page.ts, run in the page), saved as "Save" in the review page saves them
 * (`bundleFromDraft`, every drafted entity kept), and written into the extension's library.
 */
import { errors, type BrowserContext } from 'playwright-core';
import type { Bundle } from '@/utils/bundle/schema';
import { buildCatalogue } from '@/utils/catalogue/catalogue';
import type { CaptureDraft } from '@/utils/capture/types';
import { bundleFromDraft, type ReviewedEntity } from '@/utils/library/from-draft';
import type * as CapturePage from '../../scripts/bench-capture-page';
import { pageScript } from '../../scripts/page-script';
import type { ExtensionBrowser } from './browser';
import { PATIENCE_MS } from './patience';
import { inTabs, TAB_POOL_SIZE } from './tabs';

declare const SideNotesCapture: typeof CapturePage;

/** A draft's entries as the reader leaves them when they change nothing but remove what cannot be saved (no quote), then Save. */
export function reviewedAsIs(draft: CaptureDraft): ReviewedEntity[] {
  return draft.entities.filter((entity) => entity.facts.length > 0).map(({ name, kind, aliases, commonWords, description, facts }) => ({
    name,
    kind,
    aliases,
    ...(commonWords ? { commonWords } : {}),
    ...(description ? { description } : {}),
    facts,
  }));
}

let script: Promise<string> | undefined;

/**
 * Captures each page, in a few tabs at once (`tabs`), and saves it as a bundle, ids made unique; a page with no
 * article gives none. The bundles are saved in the pages' order once every page is captured, so each one's id is
 * the same whichever tab finished first. The `when` date stands for "today" where a page gives none.
 */
export async function captureBundles(
  context: BrowserContext,
  urls: string[],
  { now = new Date('2025-01-15T12:00:00Z'), tabs = TAB_POOL_SIZE } = {},
): Promise<Bundle[]> {
  script ??= pageScript('bench-capture-page.ts', 'SideNotesCapture');
  const content = await script;
  const runs = await inTabs(context, urls, async (tab, url) => {
    // A page whose load never ends (a resource that never answers) is captured once its document is parsed.
    await tab.goto(url, { waitUntil: 'load', timeout: PATIENCE_MS }).catch((error: unknown) => {
      if (!(error instanceof errors.TimeoutError)) throw error;
      return tab.waitForLoadState('domcontentloaded');
    });
    await tab.addScriptTag({ content });
    return tab.evaluate((url) => SideNotesCapture.draft(url), url);
  }, { tabs });
  const bundles: Bundle[] = [];
  const takenIds = new Set<string>();
  for (const [index, run] of runs.entries()) {
    if ('error' in run.draft || !run.text || run.draft.entities.length === 0) continue;
    const saved = bundleFromDraft({ source: run.draft.source, entities: reviewedAsIs(run.draft) }, run.text, { now, takenIds });
    if (!saved.ok) throw new Error(`${urls[index]}: ${saved.errors.join('; ')}`);
    takenIds.add(saved.bundle.id);
    bundles.push(saved.bundle);
  }
  return bundles;
}

/**
 * Waits until the background has compiled the library as it now is (the compiled form's revision is the library's):
 * pages read the notes only as compiled (README, "Compiled once").
 */
export async function whenCompiled(browser: ExtensionBrowser, patienceMs = 10 * PATIENCE_MS): Promise<void> {
  await browser.worker.evaluate(
    async ({ revisionKey, compiledKey, patienceMs }) => {
      const chrome = (globalThis as unknown as { chrome: { storage: { local: { get(keys: string[]): Promise<Record<string, unknown>> } } } }).chrome;
      const deadline = Date.now() + patienceMs;
      for (;;) {
        const stored = await chrome.storage.local.get([revisionKey, compiledKey]);
        if ((stored[compiledKey] as { revision?: string } | undefined)?.revision === stored[revisionKey]) return;
        if (Date.now() > deadline) throw new Error(`the library was not compiled within ${patienceMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    // utils/library/read.ts's LIBRARY_REVISION_KEY and utils/match/stored.ts's COMPILED_KEY (they import the extension's `browser`).
    { revisionKey: 'libraryRevision', compiledKey: 'compiled', patienceMs },
  );
}

/**
 * Writes bundles into the extension's library, on, before the others (as `addBundles` does), in one write with a new
 * library revision (as every writer of the library does), and waits until the background has compiled it.
 */
export async function addToLibrary(browser: ExtensionBrowser, bundles: Bundle[]): Promise<void> {
  await browser.worker.evaluate(
    async ({ bundles, libraryKey, prefix, revisionKey }) => {
      const chrome = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } } } }).chrome;
      const { [libraryKey]: stored } = await chrome.storage.local.get(libraryKey);
      const entries = (stored as { entries: { id: string }[] }).entries;
      const addedAt = new Date().toISOString();
      await chrome.storage.local.set({
        ...Object.fromEntries(bundles.map((bundle) => [`${prefix}${bundle.id}`, bundle])),
        [libraryKey]: {
          entries: [...bundles.map((bundle) => ({ id: bundle.id, enabled: true, builtIn: false, hidden: false, addedAt })), ...entries],
        },
        [revisionKey]: `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
      });
    },
    // utils/library/read.ts's LIBRARY_KEY, BUNDLE_PREFIX and LIBRARY_REVISION_KEY.
    { bundles, libraryKey: 'library', prefix: 'bundle:', revisionKey: 'libraryRevision' },
  );
  await whenCompiled(browser);
}

/**
 * For each entry of the catalogue the library makes (the captures before the built-in bundle, as the library lists
 * them), the ids of `seed`'s entities it holds: what the baselines call it. Entries of captures alone hold none.
 */
export function seedIdsOfEntries(captured: readonly Bundle[], seed: Bundle): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const [id, entry] of buildCatalogue([...captured, seed])) {
    ids.set(id, entry.sources.filter((source) => source.bundle === seed).map((source) => source.entity.id));
  }
  return ids;
}
