import { browser } from 'wxt/browser';
import { cardEntryOf, type CardEntry, type CardRecord } from '@/utils/catalogue/card-entry';
import type { Bundle } from '@/utils/bundle/schema';
import { BUNDLE_PREFIX } from '@/utils/library/read';
import { aliasOf, hashWord, NodeTable, type AliasRecord, type CompiledAlias, type Matcher } from './matcher';

export type { CardRecord } from '@/utils/catalogue/card-entry';

/**
 * The matcher as the background stores it and the content script loads it (README, "Compiled once").
 *
 * `storage.local` holds JSON, and a content script pays for every byte it reads: a value of more than about 256 KB
 * crosses from the browser at about 40 µs a kilobyte, smaller ones at about 8. So the compiled library is stored in
 * three tiers, and a page reads only the first in full:
 *
 * - `compiled`: a few numbers, and the quick look's expression;
 *   `compiled:n<i>`: the trie's nodes (`NodeTable`: sorted 32-bit keys and their flags, base64), in chunks by key
 *   range — five bytes a node, all a page needs to find where names may be;
 * - `compiled:a<k>`: the aliases ending at the nodes whose key's low bits are `k` (`AliasRecord`s: text, flags,
 *   entity, rules), read when a page's words complete one of those nodes;
 * - `compiled:c<k>`: where each catalogue entry's card lives (`CardRecord`: the bundles and entities it merges, its
 *   related entries), read when a card opens; the card's quotes come from those bundles.
 *
 * Each key is written only when its value changed, so a library change sends open tabs only what it changed.
 */

/** Bumped whenever what is stored, or what the compiler makes of a library, changes: older forms are compiled again. */
export const COMPILED_FORMAT = 3;
export const COMPILED_KEY = 'compiled';
export const COMPILED_PREFIX = 'compiled:';
export const nodeChunkKey = (chunk: number) => `${COMPILED_PREFIX}n${chunk}`;
export const aliasShardKey = (shard: number) => `${COMPILED_PREFIX}a${shard}`;
export const cardShardKey = (shard: number) => `${COMPILED_PREFIX}c${shard}`;

/** Chunks of nodes read with the meta, whether or not there are so many (8,192 nodes each: about 40,000 entities). */
const FIRST_READ_CHUNKS = 8;

/** What `compiled` holds. */
export interface CompiledMeta {
  format: number;
  /** The library revision it was compiled from (`libraryRevision`, written with every library change). */
  revision: string;
  entries: number;
  aliases: number;
  nodes: number;
  longestAlias: number;
  quickLook: string | null;
  /** How many chunks of nodes, alias shards and card shards there are (each a power of two). */
  nodeChunks: number;
  aliasShards: number;
  cardShards: number;
}


export const aliasShardOf = (node: number, shards: number) => node & (shards - 1);
export const cardShardOf = (entityId: string, shards: number) => hashWord(entityId) & (shards - 1);

export function toBase64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const native = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;
  if (typeof native === 'function') return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** One chunk of nodes as stored: their keys (little-endian 32-bit), then their flags (a byte each). */
export function encodeNodes(keys: Int32Array, flags: Uint8Array): string {
  const bytes = new Uint8Array(keys.length * 5);
  bytes.set(new Uint8Array(keys.buffer, keys.byteOffset, keys.byteLength));
  bytes.set(flags, keys.length * 4);
  return toBase64(bytes);
}

function decodeNodes(chunks: string[]): NodeTable {
  const parts = chunks.map(fromBase64);
  const count = parts.reduce((sum, part) => sum + part.length / 5, 0);
  const viewOf = (part: Uint8Array, n: number) => {
    const aligned = part.byteOffset % 4 === 0 ? part : part.slice();
    return new Int32Array(aligned.buffer, aligned.byteOffset, n);
  };
  // One chunk (most libraries): its keys are read where they were decoded.
  if (parts.length === 1) return new NodeTable(viewOf(parts[0], count), parts[0].subarray(count * 4));
  const keys = new Int32Array(count);
  const flags = new Uint8Array(count);
  let at = 0;
  for (const part of parts) {
    const n = part.length / 5;
    keys.set(viewOf(part, n), at);
    flags.set(part.subarray(n * 4), at);
    at += n;
  }
  return new NodeTable(keys, flags);
}

/** Reads values from `storage.local` in pieces small enough to cross quickly (see above), all at once. */
export async function getMany(keys: string[], perRead = 48): Promise<Record<string, unknown>> {
  if (keys.length <= perRead) return browser.storage.local.get(keys);
  const reads: Promise<Record<string, unknown>>[] = [];
  for (let i = 0; i < keys.length; i += perRead) reads.push(browser.storage.local.get(keys.slice(i, i + perRead)));
  return Object.assign({}, ...(await Promise.all(reads)));
}

/** Whether a stored value is a compiled form this version reads. */
export function isCurrentMeta(value: unknown): value is CompiledMeta {
  const meta = value as Partial<CompiledMeta> | null;
  return typeof meta === 'object' && meta !== null && meta.format === COMPILED_FORMAT && typeof meta.nodeChunks === 'number';
}

/**
 * A matcher loaded from storage: the trie's nodes at once, the aliases of a node when the page's words reach it
 * (`aliasesAt` says `undefined` and notes the shard; `load` reads what was noted), the cards' records when a card
 * opens. One per compiled form: a newer form is a new matcher.
 */
export class StoredMatcher implements Matcher {
  readonly longestAlias: number;
  private quick: RegExp | null | undefined;
  private readonly shards = new Map<number, Map<number, AliasRecord[]>>();
  private readonly compiled = new Map<number, readonly CompiledAlias[]>();
  private readonly wanted = new Set<number>();
  private reading: Promise<void> | null = null;
  private readonly cards = new Map<number, Promise<Record<string, CardRecord>>>();

  constructor(
    readonly meta: CompiledMeta,
    readonly nodes: NodeTable,
    /** The one alias shard of a small library, read with the meta. */
    onlyShard?: unknown,
  ) {
    this.longestAlias = meta.longestAlias;
    if (meta.aliasShards === 1 && onlyShard !== undefined) this.addShard(0, onlyShard);
  }

  /** Whether every alias is at hand (a small library's one shard, read at start): the scan never waits. */
  get complete(): boolean {
    return this.shards.size === this.meta.aliasShards;
  }

  /** The compiled form in storage, or null when there is none this version reads (yet). */
  static async open(): Promise<StoredMatcher | null> {
    // The chunks of nodes most libraries have come with the meta, in one read, and a small library's one shard of
    // aliases (any library's first): a page waits for one answer.
    const first = await getMany([COMPILED_KEY, aliasShardKey(0), ...Array.from({ length: FIRST_READ_CHUNKS }, (_, i) => nodeChunkKey(i))], 4);
    const meta = first[COMPILED_KEY];
    if (!isCurrentMeta(meta)) return null;
    const keys = Array.from({ length: meta.nodeChunks }, (_, i) => nodeChunkKey(i));
    const stored = keys.length > FIRST_READ_CHUNKS ? { ...first, ...(await getMany(keys.slice(FIRST_READ_CHUNKS), 4)) } : first;
    const chunks = keys.map((key) => stored[key]);
    if (!chunks.every((chunk) => typeof chunk === 'string')) return null;
    return new StoredMatcher(meta, decodeNodes(chunks as string[]), first[aliasShardKey(0)]);
  }

  get quickLook(): RegExp | null {
    if (this.quick === undefined) {
      try {
        this.quick = this.meta.quickLook === null ? null : new RegExp(this.meta.quickLook, 'i');
      } catch {
        this.quick = null;
      }
    }
    return this.quick;
  }

  aliasesAt(key: number): readonly CompiledAlias[] | undefined {
    const known = this.compiled.get(key);
    if (known) return known;
    const shard = aliasShardOf(key, this.meta.aliasShards);
    const records = this.shards.get(shard);
    if (!records) {
      this.wanted.add(shard);
      return undefined;
    }
    const list = (records.get(key) ?? []).map(aliasOf);
    this.compiled.set(key, list);
    return list;
  }

  /** Whether `aliasesAt` asked for shards that are not read yet. */
  get wants(): boolean {
    return this.wanted.size > 0;
  }

  /** Reads the shards `aliasesAt` asked for (a shard storage lacks reads as empty). */
  load(): Promise<void> {
    if (this.reading) return this.reading;
    const shards = [...this.wanted];
    this.wanted.clear();
    if (shards.length === 0) return Promise.resolve();
    this.reading = getMany(shards.map(aliasShardKey))
      .then(
        (stored) => {
          for (const shard of shards) this.addShard(shard, stored[aliasShardKey(shard)]);
        },
        () => {
          for (const shard of shards) this.addShard(shard, []);
        },
      )
      .finally(() => (this.reading = null));
    return this.reading;
  }

  private addShard(shard: number, value: unknown): void {
    const byNode = new Map<number, AliasRecord[]>();
    if (Array.isArray(value)) {
      for (const record of value as AliasRecord[]) {
        if (!Array.isArray(record) || typeof record[1] !== 'string') continue;
        const list = byNode.get(record[0]);
        if (list) list.push(record);
        else byNode.set(record[0], [record]);
      }
    }
    this.shards.set(shard, byNode);
  }

  /** Where the card of catalogue entry `entityId` lives, or null when the compiled form knows no such entry. */
  async cardRecord(entityId: string): Promise<CardRecord | null> {
    const shard = cardShardOf(entityId, this.meta.cardShards);
    let read = this.cards.get(shard);
    if (!read) {
      const key = cardShardKey(shard);
      read = browser.storage.local.get(key).then((stored) => (stored[key] ?? {}) as Record<string, CardRecord>);
      this.cards.set(shard, read);
      read.catch(() => this.cards.delete(shard));
    }
    const records = await read;
    return Object.hasOwn(records, entityId) ? records[entityId] : null;
  }

  /** What the card of entry `entityId` shows: its record, and the bundles it names, read now. */
  async cardEntry(entityId: string): Promise<CardEntry | null> {
    const record = await this.cardRecord(entityId);
    if (!record) return null;
    const keys = [...new Set(record[2].map(([bundleId]) => BUNDLE_PREFIX + bundleId))];
    const stored = await browser.storage.local.get(keys);
    const bundles = new Map<string, Bundle | null>();
    for (const key of keys) {
      const bundle = stored[key];
      bundles.set(key.slice(BUNDLE_PREFIX.length), bundle !== null && typeof bundle === 'object' ? (bundle as Bundle) : null);
    }
    return cardEntryOf(entityId, record, bundles);
  }
}
