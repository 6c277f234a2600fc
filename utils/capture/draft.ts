import { extractArticle, type Article } from './article';
import { findCredits } from './credits';
import { describe } from './describe';
import { findEntities, type FoundEntity } from './entities';
import { splitSentences, type Span } from './sentences';
import type { CaptureDraft, CaptureError, DraftEntity, KnownName } from './types';

/**
 * "Take notes from this page": the draft of notes a page's article gives, saving nothing. Pure: a document in
 * (cloned before Readability touches it), plain data out.
 */

/** Entities in a draft, the most salient first: more would bury the few the article is about. */
export const MAX_ENTITIES = 60;
/** Facts per entity: a card shows a handful; the earliest are the lede's, where news says who and what. */
export const MAX_FACTS = 5;
/** Longer "sentences" are lists or run-ons that the splitter could not cut: too long to be a fact. */
export const MAX_FACT_CHARS = 400;
/** Fewer words than this is a heading or a caption fragment, not a fact (used only when nothing better exists). */
const MIN_FACT_WORDS = 6;

export interface CaptureOptions {
  url: string;
  /** Names already in the reader's notes: a capture uses their names and kinds. */
  known?: KnownName[];
}

export function captureDraft(doc: Document, options: CaptureOptions): CaptureDraft | CaptureError {
  const article = extractArticle(doc);
  if (!article) return { error: 'no-article', message: 'No article could be found on this page.' };
  return draftFromArticle(article, options);
}

/** The draft for an article already extracted (its text is what every quote comes from). */
export function draftFromArticle(article: Article, { url, known = [] }: CaptureOptions): CaptureDraft {
  const { text } = article;
  const sentences = splitSentences(text);
  const credits = findCredits(text, sentences);
  const creditLineStarts = new Set(credits.filter((credit) => credit.line).map((credit) => credit.start));
  const isCreditLine = (sentence: Span) => creditLineStarts.has(sentence.start);
  const found = findEntities(text, sentences, credits, known, article.things)
    .sort((a, b) => b.mentions.length - a.mentions.length || a.mentions[0].start - b.mentions[0].start)
    .slice(0, MAX_ENTITIES);
  const entities = found.map((entity): DraftEntity => {
    const description = describe(text, entity.kind, entity.mentions, sentences, isCreditLine);
    return {
      name: entity.name,
      kind: entity.kind,
      kindReason: entity.kindReason,
      aliases: entity.forms.filter((form) => form !== entity.name),
      ...(description ? { description } : {}),
      facts: pickFacts(text, entity, sentences, isCreditLine).map((span) => ({ quote: text.slice(span.start, span.end) })),
    };
  });
  return {
    source: {
      url,
      title: article.title,
      ...(article.site ? { site: article.site } : {}),
      ...(article.author ? { author: article.author } : {}),
      ...(article.published ? { published: article.published } : {}),
    },
    entities,
  };
}

const COMPLETE = /[.!?…]["'”’)\]]*$/;

/**
 * The sentences that name the entity, earliest first: complete sentences of a sensible length, then (only if there
 * are too few) headings and fragments; never credit lines, except for an entity the article names only in credits
 * (a photographer, an agency): its first credit line, verbatim and short, is its one quote, since it is all the
 * article says of it ("Lee Jin-man/ POOL / AFP AFP – LEE JIN-MAN"). Returned in article order.
 */
function pickFacts(text: string, entity: FoundEntity, sentences: Span[], isCreditLine: (sentence: Span) => boolean): Span[] {
  const naming: Span[] = [];
  let m = 0;
  for (const sentence of sentences) {
    while (m < entity.mentions.length && entity.mentions[m].end <= sentence.start) m++;
    const mention = entity.mentions[m];
    if (mention && mention.start >= sentence.start && mention.end <= sentence.end) naming.push(sentence);
  }
  const usable = naming.filter((span) => !isCreditLine(span) && span.end - span.start <= MAX_FACT_CHARS);
  if (!usable.length) return naming.filter((span) => span.end - span.start <= MAX_FACT_CHARS).slice(0, 1);
  const quote = (span: Span) => text.slice(span.start, span.end);
  const good = usable.filter((span) => COMPLETE.test(quote(span)) && quote(span).split(/\s+/).length >= MIN_FACT_WORDS);
  const picked = new Set(good.slice(0, MAX_FACTS));
  for (const span of usable) if (picked.size < MAX_FACTS) picked.add(span);
  const seen = new Set<string>();
  return usable.filter((span) => picked.has(span) && !seen.has(quote(span)) && seen.add(quote(span)));
}
