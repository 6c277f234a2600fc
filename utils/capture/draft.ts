import { extractArticle, type Article } from './article';
import { findCredits } from './credits';
import { describe, nameKeys, namesAnother } from './describe';
import { findEntities, type FoundEntity } from './entities';
import { EQUIPMENT } from './lexicon';
import nlp from 'compromise/two';
import { isCommonWord, lexiconTags } from './words';
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
    .filter((entity) => !isDemonymOnly(entity))
    .sort((a, b) => b.mentions.length - a.mentions.length || a.mentions[0].start - b.mentions[0].start)
    .slice(0, MAX_ENTITIES);
  const namesOfKind = new Map<string, Set<string>>();
  for (const entity of [...found, ...known.map((name) => ({ ...name, forms: [name.name, ...name.aliases] }))]) {
    const keys = namesOfKind.get(entity.kind) ?? new Set<string>();
    for (const key of nameKeys(entity.forms)) keys.add(key);
    namesOfKind.set(entity.kind, keys);
  }
  const entities = found.map((entity): DraftEntity => {
    const drafted = describe(text, entity.kind, entity.mentions, sentences, isCreditLine);
    // A description about someone (or somewhere) else is worse than none: it would stand on this entity's card.
    const description = drafted && !namesAnother(drafted, nameKeys([entity.name, ...entity.forms]), namesOfKind.get(entity.kind)!) ? drafted : undefined;
    return {
      name: entity.name,
      kind: entity.kind,
      kindReason: entity.kindReason,
      aliases: entity.forms.filter((form) => form !== entity.name),
      ...withCommonWords(text, entity),
      ...(description ? { description } : {}),
      facts: pickFacts(text, entity, sentences, isCreditLine).map((span) => ({ quote: text.slice(span.start, span.end) })),
    };
  }).filter((entity) => entity.facts.length > 0); // The article says nothing of it but its name: nothing to keep.
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
  const whole = (span: Span) => !nameAlone(text.slice(span.start, span.end), entity.forms) && !midQuotation(text.slice(span.start, span.end));
  for (const [index, span] of naming.entries()) naming[index] = fromQuotationStart(text, span);
  const usable = naming.filter((span) => !isCreditLine(span) && span.end - span.start <= MAX_FACT_CHARS && whole(span));
  // (A credit line is all the article says of a photographer or an agency, its name alone included: "(Reuters)".)
  if (!usable.length) return naming.filter((span) => span.end - span.start <= MAX_FACT_CHARS && (isCreditLine(span) || whole(span))).slice(0, 1);
  const quote = (span: Span) => text.slice(span.start, span.end);
  const good = usable.filter((span) => COMPLETE.test(quote(span)) && quote(span).split(/\s+/).length >= MIN_FACT_WORDS);
  const picked = new Set(good.slice(0, MAX_FACTS));
  for (const span of usable) if (picked.size < MAX_FACTS) picked.add(span);
  const seen = new Set<string>();
  return usable.filter((span) => picked.has(span) && !seen.has(quote(span)) && seen.add(quote(span)));
}

const ONE_WORD = /^\p{Lu}[\p{Ll}\p{M}'’-]+$/u;
const PERSON_NAME_TAGS = ['Person', 'FirstName', 'MaleName', 'FemaleName'];

/**
 * The entity's one-word forms a reader would also meet as something else: a word of the language ("Patriot"), a
 * demonym ("Spanish"), a look-alike weapon ("Leopard"), a first name for what is not a person ("Austin" the city),
 * or a word the article itself writes in lower case.
 */
export function commonWordsOf(text: string, entity: Pick<FoundEntity, 'kind' | 'forms'>): string[] {
  return entity.forms.filter((form) => {
    if (!ONE_WORD.test(form)) return false;
    const lower = form.toLowerCase();
    const tags = lexiconTags(lower);
    return (
      isCommonWord(lower) ||
      tags.includes('Demonym') ||
      // A capitalised word read as an adjective on its own: a demonym or a language ("Spanish").
      nlp(form).has('(#Adjective|#Demonym)') ||
      EQUIPMENT[lower]?.context === true ||
      (entity.kind !== 'person' && tags.some((tag) => PERSON_NAME_TAGS.includes(tag))) ||
      new RegExp(`(?<![\\p{L}\\p{N}])${lower}(?![\\p{L}\\p{N}])`, 'u').test(text)
    );
  });
}

function withCommonWords(text: string, entity: FoundEntity): Pick<DraftEntity, 'commonWords'> {
  const common = commonWordsOf(text, entity);
  return common.length ? { commonWords: common } : {};
}

/** "Spanish", "Israeli" on their own: a people's adjective names no entity (the country is a place of its own). */
function isDemonymOnly(entity: FoundEntity): boolean {
  return entity.forms.every((form) => ONE_WORD.test(form) && (lexiconTags(form.toLowerCase()).includes('Demonym') || nlp(form).has('(#Adjective|#Demonym)')));
}

/** A "sentence" that is the name and nothing else ("Stella Kim" under a photo): it says nothing about it. */
export function nameAlone(quote: string, forms: string[]): boolean {
  let rest = quote;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) rest = rest.split(form).join(' ');
  return !/[\p{L}\p{N}]/u.test(rest);
}

/**
 * A sentence cut out of a longer quotation: it closes a quotation it did not open ("We will stay,” she said." after
 * “It is hard.), so read alone it puts words in the wrong mouth.
 */
export function midQuotation(quote: string): boolean {
  const close = quote.indexOf('”');
  const open = quote.indexOf('“');
  return close >= 0 && (open < 0 || close < open);
}

/**
 * A sentence that closes a quotation it did not open starts where the quotation does, when that is in the same
 * paragraph and the whole stays short enough to be a fact: “It is hard. We will stay,” she said.
 */
function fromQuotationStart(text: string, span: Span): Span {
  if (!midQuotation(text.slice(span.start, span.end))) return span;
  const open = text.lastIndexOf('“', span.start);
  if (open < 0 || text.slice(open, span.start).includes('\n') || span.end - open > MAX_FACT_CHARS) return span;
  return { start: open, end: span.end };
}
