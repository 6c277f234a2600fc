import type { EntityKind } from '@/utils/bundle/schema';
import type { CaptureDraft } from '@/utils/capture/types';
import { describedAs, type ReviewedEntity } from '@/utils/library/from-draft';
import { aliasKey } from '@/utils/match/normalize';

/**
 * What the reader can do to a draft before saving it, as pure functions of the list of entries: rename, change
 * kind, remove, merge two, edit aliases, drop a fact. The review page keeps the list in memory only: nothing is
 * stored until Save.
 */

export interface ReviewEntry extends ReviewedEntity {
  /** Stable across edits: the page's keys and the reader's selection follow it. */
  key: number;
  /** Why the capture chose the kind (shown beside it); gone once the reader picks a kind. Not saved. */
  kindReason?: string;
}

export function entriesOf(draft: CaptureDraft): ReviewEntry[] {
  return draft.entities.map((entity, key) => ({
    key,
    name: entity.name,
    kind: entity.kind,
    ...(entity.kindReason ? { kindReason: entity.kindReason } : {}),
    aliases: [...entity.aliases],
    ...(entity.commonWords ? { commonWords: [...entity.commonWords] } : {}),
    ...(entity.description ? { description: entity.description, descriptionBy: 'capture' as const } : {}),
    facts: entity.facts.map(({ quote }) => ({ quote })),
  }));
}

const change = (entries: ReviewEntry[], key: number, edit: (entry: ReviewEntry) => ReviewEntry) =>
  entries.map((entry) => (entry.key === key ? edit(entry) : entry));

/** Forms once each (as the matcher reads them), leaving out those that read like `name`. */
function distinctForms(forms: string[], name: string): string[] {
  const seen = new Set([aliasKey(name)]);
  return forms.flatMap((form) => {
    const text = form.trim();
    const key = aliasKey(text);
    if (!key || seen.has(key)) return [];
    seen.add(key);
    return [text];
  });
}

/** A new name; the old one stays an alias, since the article (and pages like it) write it so. */
export function rename(entries: ReviewEntry[], key: number, name: string): ReviewEntry[] {
  return change(entries, key, (entry) => ({
    ...entry,
    name,
    aliases: distinctForms([entry.name, ...entry.aliases], name),
  }));
}

export function setKind(entries: ReviewEntry[], key: number, kind: EntityKind): ReviewEntry[] {
  return change(entries, key, ({ kindReason: _reason, ...entry }) => ({ ...entry, kind }));
}

/** The reader's own words: a description they typed is theirs, and wins over any a capture drafts. */
export function setDescription(entries: ReviewEntry[], key: number, description: string): ReviewEntry[] {
  return change(entries, key, (entry) => ({ ...entry, description, descriptionBy: 'reader' }));
}

/**
 * The reader vouches for the capture's description ("Confirmed"), or takes that back: a confirmed one is saved as
 * theirs. A stored description written by hand (`curated`) stays so until edited.
 */
export function confirmDescription(entries: ReviewEntry[], key: number, confirmed: boolean): ReviewEntry[] {
  return change(entries, key, (entry) =>
    entry.description?.trim() ? { ...entry, descriptionBy: confirmed ? 'reader' : 'capture' } : entry,
  );
}

/** Whether the entry's description is one a person wrote or confirmed. */
export const descriptionConfirmed = (entry: Pick<ReviewEntry, 'descriptionBy'>) =>
  entry.descriptionBy === 'reader' || entry.descriptionBy === 'curated';

export function setAliases(entries: ReviewEntry[], key: number, aliases: string[]): ReviewEntry[] {
  return change(entries, key, (entry) => ({ ...entry, aliases: distinctForms(aliases, entry.name) }));
}

/** What a removal took away, where each entry stood, so that Undo puts them back. */
export type Removed = { entry: ReviewEntry; index: number }[];

/** Removes the entries of `keys` at once; says what went, for `restore`. */
export function removeMany(entries: ReviewEntry[], keys: readonly number[]): { entries: ReviewEntry[]; removed: Removed } {
  const removed = entries.flatMap((entry, index) => (keys.includes(entry.key) ? [{ entry, index }] : []));
  return { entries: entries.filter((entry) => !keys.includes(entry.key)), removed };
}

/** Puts removed entries back where they stood (as near as the list now allows), as they were when removed. */
export function restore(entries: ReviewEntry[], removed: Removed): ReviewEntry[] {
  const next = entries.filter((entry) => !removed.some((gone) => gone.entry.key === entry.key));
  for (const { entry, index } of [...removed].sort((a, b) => a.index - b.index)) next.splice(Math.min(index, next.length), 0, entry);
  return next;
}

/** Where each quote goes when an entry is split: it stays, moves to the new entry, or is on both. */
export type QuotePlace = 'stay' | 'move' | 'both';

/** How the reader splits one entry into two ("Zohar Lahav David Morales" → "Zohar Lahav" and "David Morales"). */
export interface SplitPlan {
  keepName: string;
  newName: string;
  /** The aliases that go to the new entry; the others stay. */
  moving: string[];
  /** By the entry's quotes' order. */
  quotes: QuotePlace[];
}

const lastWord = (name: string) => aliasKey(name).split(' ').at(-1) ?? '';

/**
 * A first guess at a split: the name's words cut in half; an alias or quote that names the second half's last word
 * and not the first's moves, a quote naming both is on both.
 */
export function suggestSplit(entry: ReviewEntry): SplitPlan {
  const words = entry.name.trim().split(/\s+/);
  const cut = Math.max(1, Math.ceil(words.length / 2));
  const keepName = words.slice(0, cut).join(' ');
  const newName = words.slice(cut).join(' ');
  const [keepWord, newWord] = [lastWord(keepName), lastWord(newName)];
  const names = (text: string, word: string) => word !== '' && ` ${aliasKey(text)} `.includes(` ${word} `);
  return {
    keepName,
    newName,
    moving: entry.aliases.filter((alias) => names(alias, newWord) && !names(alias, keepWord)),
    quotes: entry.facts.map(({ quote }) =>
      names(quote, newWord) ? (names(quote, keepWord) ? 'both' : 'move') : 'stay',
    ),
  };
}

/** Why a split cannot be made as planned, in the reader's words; empty when it can. */
export function splitProblems(entry: ReviewEntry, plan: SplitPlan): string[] {
  const problems: string[] = [];
  if (!aliasKey(plan.keepName) || !aliasKey(plan.newName)) problems.push('Both entries need a name.');
  else if (aliasKey(plan.keepName) === aliasKey(plan.newName)) problems.push('The two entries need different names.');
  if (!plan.quotes.some((place) => place !== 'move')) problems.push(`“${plan.keepName || entry.name}” needs at least one quote.`);
  if (!plan.quotes.some((place) => place !== 'stay')) problems.push(`“${plan.newName || 'The new entry'}” needs at least one quote.`);
  return problems;
}

/**
 * Splits an entry in two: it takes `keepName`, the aliases that stay and the quotes that stay or are on both; a new
 * entry of the same kind, `newName`, right after it, takes the rest. The joined name names neither, so it is
 * dropped. The description stays with the first (the reader can move it).
 */
export function split(entries: ReviewEntry[], key: number, plan: SplitPlan, newKey: number): ReviewEntry[] {
  const entry = entries.find((candidate) => candidate.key === key);
  if (!entry || splitProblems(entry, plan).length > 0) return entries;
  const joined = aliasKey(entry.name);
  const forms = (list: string[], name: string) => distinctForms(list.filter((form) => aliasKey(form) !== joined), name);
  const facts = (places: QuotePlace[]) => entry.facts.filter((_, index) => places.includes(plan.quotes[index] ?? 'stay'));
  const { kindReason: _reason, id: _id, description: _description, descriptionBy: _by, ...rest } = entry;
  const kept: ReviewEntry = {
    ...entry,
    name: plan.keepName.trim(),
    aliases: forms(entry.aliases.filter((alias) => !plan.moving.includes(alias)), plan.keepName),
    facts: facts(['stay', 'both']),
  };
  const added: ReviewEntry = {
    ...rest,
    key: newKey,
    name: plan.newName.trim(),
    aliases: forms(plan.moving, plan.newName),
    facts: facts(['move', 'both']),
  };
  return entries.flatMap((other) => (other.key === key ? [kept, added] : [other]));
}

/** What makes a page look like something other than a news article: few sentences, or many entries. */
export interface PageShape {
  sentences: number;
  entries: number;
  /** The entries whose quotes are all fragments, not sentences. */
  fragmentsOnly: number;
}

/** Above this many entries, a draft is checked for an article's shape. */
const SHAPE_MIN_ENTRIES = 12;
/**
 * A news article, even a short crowded one, has a sentence for every two or three entities it names (0.44 the
 * fewest of 60 articles tried: tests/fixtures and the capture corpus); a list or a directory has next to none.
 */
const MIN_SENTENCES_PER_ENTRY = 0.25;
/** The most a capture keeps (utils/capture/draft.ts). */
const MOST_ENTRIES = 60;

/** A sentence: words ending with . ! ? or …, maybe closed by a quote or bracket, then a space or the end. */
const SENTENCE = /\S[^.!?…\n]{24,}[.!?…]["”’)\]]*(?=\s|$)/g;
const SENTENCE_END = /[.!?…]["”’)\]]*$/;

/**
 * The page's shape when it does not look like a news article, else null: few sentences for the entries drafted (a
 * list, a directory), or as many entries as a capture takes, most of them quoted only by fragments (a
 * specification: headings, field names, tables). Measured on 60 articles and encyclopaedia pages, none of which it
 * flags, and a specification (readability's ietf-1: 60 entries, 32 quoted by fragments only), which it does.
 */
export function notAnArticle(text: string, entries: ReviewEntry[]): PageShape | null {
  if (!text || entries.length < SHAPE_MIN_ENTRIES) return null;
  const sentences = text.match(SENTENCE)?.length ?? 0;
  const fragmentsOnly = entries.filter((entry) => !entry.facts.some(({ quote }) => SENTENCE_END.test(quote.trim()))).length;
  const shape = { sentences, entries: entries.length, fragmentsOnly };
  const few = sentences < entries.length * MIN_SENTENCES_PER_ENTRY;
  return few || (entries.length >= MOST_ENTRIES && fragmentsOnly * 2 > entries.length) ? shape : null;
}

/** Drops one quote; an entry keeps its last one (remove the entry instead). */
export function dropFact(entries: ReviewEntry[], key: number, index: number): ReviewEntry[] {
  return change(entries, key, (entry) =>
    entry.facts.length <= 1 ? entry : { ...entry, facts: entry.facts.filter((_, i) => i !== index) },
  );
}

/**
 * Merges `from` into `into`: `into` keeps its name and kind (and its description, else `from`'s); `from`'s name and
 * aliases become aliases; the quotes of both, once each, in the article's order.
 */
export function merge(entries: ReviewEntry[], into: number, from: number, text: string): ReviewEntry[] {
  const target = entries.find((entry) => entry.key === into);
  const source = entries.find((entry) => entry.key === from);
  if (!target || !source || into === from) return entries;
  const all = [...target.facts, ...source.facts];
  const facts = all.filter((fact, index) => all.findIndex((other) => other.quote === fact.quote) === index);
  // A stored bundle's quotes know where they stand; a capture's are found in the article's text.
  const position = ({ quote, start }: ReviewEntry['facts'][number]) => {
    const at = start ?? text.indexOf(quote);
    return at < 0 ? Infinity : at;
  };
  const merged: ReviewEntry = {
    ...target,
    aliases: distinctForms([...target.aliases, source.name, ...source.aliases], target.name),
    ...(target.description ? {} : describedAs(source)),
    facts: facts.sort((a, b) => position(a) - position(b)),
  };
  return entries.flatMap((entry) => (entry.key === from ? [] : entry.key === into ? [merged] : [entry]));
}

/** Why the draft cannot be saved as it is, in the reader's words; empty when it can. */
export function problemsOf(entries: ReviewEntry[]): string[] {
  if (entries.length === 0) return ['Nothing to save: every entry was removed.'];
  const problems: string[] = [];
  const owner = new Map<string, ReviewEntry>();
  for (const entry of entries) {
    if (!aliasKey(entry.name)) {
      problems.push('An entry has no name: give it one, or remove it.');
      continue;
    }
    if (entry.facts.length === 0) problems.push(`“${entry.name}” needs at least one quote.`);
    for (const form of [entry.name, ...entry.aliases]) {
      const key = aliasKey(form);
      const other = owner.get(key);
      if (!other) owner.set(key, entry);
      else if (other !== entry) {
        problems.push(`“${form}” names both “${other.name}” and “${entry.name}”: merge them, or take it from one.`);
      }
    }
  }
  return problems;
}
