import { browser } from 'wxt/browser';
import type { Bundle } from '@/utils/bundle/schema';
import { ENTITY_KINDS } from '@/utils/bundle/kinds';
import { getEnabledBundles, LIBRARY_REVISION_KEY } from '@/utils/library/read';
import { compileSteps, type CompiledLibrary } from './compile';
import type { AliasRecord } from './matcher';
import {
  aliasShardKey,
  aliasShardOf,
  cardShardKey,
  cardShardOf,
  COMPILED_FORMAT,
  COMPILED_KEY,
  encodeNodes,
  getMany,
  nodeChunkKey,
  type CardRecord,
  type CompiledMeta,
} from './stored';

/**
 * The background's part of "Compiled once" (README): when the library changes (and when the background starts and
 * finds the compiled form missing, of another format, or older than the library), it compiles the enabled bundles
 * and writes the form `stored.ts` describes, a slice of work at a time.
 */

/** Aliases a shard holds, about: small enough that a page reads little beyond what it needs. */
const ALIASES_PER_SHARD = 8;
/**
 * Up to this many aliases (a few dozen articles; the seed has 259), all of them are one shard, which a page reads
 * with the meta (`StoredMatcher.open`): its scan then never waits for storage, as with the notes compiled in the page.
 */
export const ONE_SHARD_ALIASES = 2048;

export interface StoreOptions {
  /** Up to how many aliases are one shard (`ONE_SHARD_ALIASES`; tests use 0 to shard a small library). */
  oneShardAliases?: number;
}
const ENTRIES_PER_CARD_SHARD = 8;
/** Nodes a chunk holds at most (five bytes each): well under what crosses from storage quickly. */
const NODES_PER_CHUNK = 8192;

const powerOfTwoAtLeast = (value: number) => 2 ** Math.max(0, Math.ceil(Math.log2(Math.max(1, value))));

/** The stored form of a compiled library: every key it writes, `compiled` included. */
export function* encodeSteps(
  library: CompiledLibrary,
  revision: string,
  { oneShardAliases = ONE_SHARD_ALIASES }: StoreOptions = {},
): Generator<void, Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  // Nodes: sorted as unsigned numbers, in chunks of key ranges (the top bits of the key).
  const sorted = [...library.nodes.keys()].sort((a, b) => (a >>> 0) - (b >>> 0));
  const nodeChunks = powerOfTwoAtLeast(sorted.length / NODES_PER_CHUNK);
  const shift = 32 - Math.log2(nodeChunks);
  let from = 0;
  for (let chunk = 0; chunk < nodeChunks; chunk++) {
    let to = from;
    while (to < sorted.length && (nodeChunks === 1 || sorted[to] >>> shift === chunk)) to++;
    const keys = new Int32Array(sorted.slice(from, to));
    const flags = new Uint8Array(keys.length);
    for (let i = 0; i < keys.length; i++) flags[i] = library.nodes.get(keys[i])!;
    values[nodeChunkKey(chunk)] = encodeNodes(keys, flags);
    from = to;
    yield;
  }
  // Aliases: by the low bits of their node's key.
  const aliasShards = library.aliasCount <= oneShardAliases ? 1 : powerOfTwoAtLeast(library.aliasCount / ALIASES_PER_SHARD);
  const shards: AliasRecord[][] = Array.from({ length: aliasShards }, () => []);
  let count = 0;
  for (const [node, records] of library.aliases) {
    shards[aliasShardOf(node, aliasShards)].push(...records);
    if (++count % 512 === 0) yield;
  }
  shards.forEach((records, shard) => (values[aliasShardKey(shard)] = records));
  yield;
  // Cards: by a hash of the entry's id.
  const cardShards = powerOfTwoAtLeast(library.catalogue.size / ENTRIES_PER_CARD_SHARD);
  const cards: Record<string, CardRecord>[] = Array.from({ length: cardShards }, () => ({}));
  count = 0;
  for (const entry of library.catalogue.values()) {
    const related = entry.entity.related.flatMap((id): CardRecord[3] => {
      const other = library.catalogue.get(id);
      return other ? [[id, other.entity.name, Math.max(0, ENTITY_KINDS.indexOf(other.entity.kind))]] : [];
    });
    cards[cardShardOf(entry.id, cardShards)][entry.id] = [
      entry.entity.name,
      Math.max(0, ENTITY_KINDS.indexOf(entry.entity.kind)),
      entry.sources.map(({ bundle, entity }) => [bundle.id, entity.id]),
      related,
    ];
    if (++count % 512 === 0) yield;
  }
  cards.forEach((records, shard) => (values[cardShardKey(shard)] = records));
  const meta: CompiledMeta = {
    format: COMPILED_FORMAT,
    revision,
    entries: library.catalogue.size,
    aliases: library.aliasCount,
    nodes: sorted.length,
    longestAlias: library.longestAlias,
    quickLook: library.quickLook,
    nodeChunks,
    aliasShards,
    cardShards,
  };
  values[COMPILED_KEY] = meta;
  return values;
}

/** The keys a stored form of these sizes holds (`compiled` aside). */
function keysOf(meta: Partial<CompiledMeta> | undefined): string[] {
  const count = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 1 << 20 ? value : 0);
  return [
    ...Array.from({ length: count(meta?.nodeChunks) }, (_, i) => nodeChunkKey(i)),
    ...Array.from({ length: count(meta?.aliasShards) }, (_, i) => aliasShardKey(i)),
    ...Array.from({ length: count(meta?.cardShards) }, (_, i) => cardShardKey(i)),
  ];
}

/** How long a slice of compiling holds the background's thread before it lets other work run. */
export const COMPILE_SLICE_MS = 8;

/** Runs a generator of steps in slices of `COMPILE_SLICE_MS`, pausing between them; null when `pause` says stop. */
export async function runInSlices<T>(steps: Generator<void, T>, pause: () => Promise<boolean>): Promise<T | null> {
  let sliceStart = performance.now();
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= COMPILE_SLICE_MS) {
      if (!(await pause())) return null;
      sliceStart = performance.now();
    }
  }
}

const nextTask = () => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0));

/**
 * Compiles `bundles` and writes the stored form, changing only the keys whose value changed, and taking away those
 * a smaller library no longer has. Returns the form's meta.
 */
export async function storeCompiled(
  bundles: readonly Bundle[],
  revision: string,
  pause: () => Promise<boolean> = nextTask,
  options?: StoreOptions,
): Promise<CompiledMeta | null> {
  const library = await runInSlices(compileSteps(bundles), pause);
  if (!library) return null;
  const values = await runInSlices(encodeSteps(library, revision, options), pause);
  if (!values) return null;
  const before = (await browser.storage.local.get(COMPILED_KEY))[COMPILED_KEY] as Partial<CompiledMeta> | undefined;
  const oldKeys = keysOf(before);
  const old = oldKeys.length > 0 ? await getMany(oldKeys) : {};
  const changed: Record<string, unknown> = {};
  let compared = 0;
  let sliceStart = performance.now();
  for (const [key, value] of Object.entries(values)) {
    if (key === COMPILED_KEY || !(key in old) || JSON.stringify(old[key]) !== JSON.stringify(value)) changed[key] = value;
    if (++compared % 256 === 0 && performance.now() - sliceStart >= COMPILE_SLICE_MS) {
      if (!(await pause())) return null;
      sliceStart = performance.now();
    }
  }
  // The meta and every changed key in one write: a page reads either the old form or the new one.
  await browser.storage.local.set(changed);
  const stale = oldKeys.filter((key) => !(key in values));
  if (stale.length > 0) await browser.storage.local.remove(stale);
  return values[COMPILED_KEY] as CompiledMeta;
}

/** Compiles the library as it is now. */
export async function compileLibraryNow(pause?: () => Promise<boolean>): Promise<CompiledMeta | null> {
  const revision = String((await browser.storage.local.get(LIBRARY_REVISION_KEY))[LIBRARY_REVISION_KEY] ?? '');
  const bundles = await getEnabledBundles();
  return storeCompiled(bundles, revision, pause);
}

/** Whether the stored compiled form is missing, of another format, or older than the library. */
async function isStale(): Promise<boolean> {
  const stored = await browser.storage.local.get([COMPILED_KEY, LIBRARY_REVISION_KEY]);
  const meta = stored[COMPILED_KEY] as Partial<CompiledMeta> | undefined;
  return meta?.format !== COMPILED_FORMAT || meta.revision !== String(stored[LIBRARY_REVISION_KEY] ?? '');
}

/**
 * The background's compiler: keeps the stored form current. `ensure` resolves once the form is of the library as
 * it is (compiling when it is stale); a change while a compile runs makes it compile again after, never twice at once.
 */
export class CompiledKeeper {
  private running: Promise<void> | null = null;
  private again = false;

  ensure(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        if (await isStale()) await compileLibraryNow();
      } while (this.again);
    })().finally(() => (this.running = null));
    return this.running;
  }

  /** Compiles whenever the library changes, and now if the stored form is stale. Returns what stops it. */
  watch(): () => void {
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && LIBRARY_REVISION_KEY in changes) void this.ensure().catch(() => {});
    };
    browser.storage.onChanged.addListener(onChanged);
    void this.ensure().catch(() => {});
    return () => browser.storage.onChanged.removeListener(onChanged);
  }
}
