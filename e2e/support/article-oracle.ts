/**
 * An independent oracle for the seed article: which of the shipped bundle's entities the article names. Deliberately
 * naive and separate from utils/match: lower-case, every apostrophe form alike, hyphens and any run of whitespace
 * alike, letters or digits on neither side. Used by the Chromium and the Firefox journeys alike.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SEED_DIR } from './pages';

interface BundleAlias {
  text: string;
  needs: string;
  evidenceFrom?: string[];
}
export interface BundleEntity {
  id: string;
  name: string;
  kind: string;
  aliases: BundleAlias[];
}
export const bundle = JSON.parse(readFileSync(join(ROOT, 'assets', 'bundles', 'nato-south-korea-2023.json'), 'utf8')) as {
  entities: BundleEntity[];
};
export const articleText = readFileSync(join(SEED_DIR, 'article.txt'), 'utf8');

function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2019\u2018\u02bc\u0060\u00b4']/g, "'")
    .replace(/[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, ' ')
    .replace(/\s+/g, ' ');
}
function wholeWord(alias: string): RegExp {
  const escaped = fold(alias).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu');
}
function names(text: string, alias: string): boolean {
  return wholeWord(alias).test(fold(text));
}

/** The ids of the entities the article names, sorted. */
export function entitiesTheArticleNames(): string[] {
  const plainlyNamed = new Set(
    bundle.entities
      .filter((entity) => entity.aliases.some((alias) => alias.needs === 'always' && names(articleText, alias.text)))
      .map((entity) => entity.id),
  );
  // An alias that needs evidence counts where its entity, or one its data names as evidence, is named plainly.
  return bundle.entities
    .filter(
      (entity) =>
        plainlyNamed.has(entity.id) ||
        entity.aliases.some(
          (alias) =>
            alias.needs === 'evidence' &&
            names(articleText, alias.text) &&
            [entity.id, ...(alias.evidenceFrom ?? [])].some((id) => plainlyNamed.has(id)),
        ),
    )
    .map((entity) => entity.id)
    .sort();
}
