import type { EntityKind } from '@/utils/bundle/schema';
import type { CaptureDraft } from '@/utils/capture/types';
import type { ReviewedEntity } from '@/utils/library/from-draft';
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
    ...(entity.description ? { description: entity.description } : {}),
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

export function setDescription(entries: ReviewEntry[], key: number, description: string): ReviewEntry[] {
  return change(entries, key, (entry) => ({ ...entry, description }));
}

export function setAliases(entries: ReviewEntry[], key: number, aliases: string[]): ReviewEntry[] {
  return change(entries, key, (entry) => ({ ...entry, aliases: distinctForms(aliases, entry.name) }));
}

export function remove(entries: ReviewEntry[], key: number): ReviewEntry[] {
  return entries.filter((entry) => entry.key !== key);
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
    ...(target.description || source.description ? { description: target.description || source.description } : {}),
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
