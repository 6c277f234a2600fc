import { CREDIT_PATTERNS, ORG_HEADS } from './lexicon';
import type { Span } from './sentences';

/**
 * Credit lines, bylines and agency tags of an article: where they are, and what each is. Their words are never facts
 * of what the article says about anyone (draft.ts); the people and agencies they name are entities of their own,
 * typed as such ("named in a photo credit"), since a reader wants to know who took a picture or wrote a story.
 */

export type CreditKind = 'photo credit' | 'byline' | 'contributor line' | 'credit line' | 'dateline';

export interface Credit extends Span {
  what: CreditKind;
  /** The credit is a whole sentence of the article (not a bracket inside a caption, not a dateline's agency). */
  line: boolean;
}

/** A photo credit, byline or agency line ("Lee Jin-man/ POOL / AFP", "Reporting by …"). */
export function isCredit(sentence: string): boolean {
  return CREDIT_PATTERNS.some((pattern) => pattern.test(sentence)) || AGENCY_TAG.test(sentence) || SHOUTED_BYLINE.test(sentence);
}

/** "(Reuters)" alone after a caption: the agency that made the video or the picture. */
const AGENCY_TAG = /^\(\p{Lu}[\p{L}.&' -]{1,30}\)$/u;
/** "LAURIE OAKES IS THE NINE NETWORK POLITICAL EDITOR": a shouted author line under a column. */
const SHOUTED_BYLINE = /^(?:\p{Lu}[\p{Lu}.'’-]*\s+){1,4}IS (?:THE|A|AN)\s+[\p{Lu}\s.'’&-]+$/u;
/** "MOSCOW (AP) —", "SEOUL, Aug. 20 (Yonhap) --": a dateline's agency, in brackets before the dash. */
const DATELINE_AGENCY = /^[\p{Lu}][\p{L}.' -]{1,40}(?:,[^\n()—–]{1,30})?\s*(\(\p{Lu}[\p{L}.&' -]{0,30}\))\s*(?:—|–|--|-)\s/u;

function kindOfCredit(line: string): CreditKind {
  if (/contributed to this report|\breporting by\b|\bwriter\b/i.test(line)) return 'contributor line';
  if (/^\s*(?:by|written by|compiled by|editing by)\s/i.test(line) || SHOUTED_BYLINE.test(line)) return 'byline';
  if (/\b(?:photo|image|picture|illustration|graphic|credit|getty|afp|ap|reuters|epa|shutterstock|pool|alamy|istock|via)\b|^\s*(?:Credit)+\p{Lu}|\//iu.test(line)) return 'photo credit';
  return 'credit line';
}

/** The credits of an article, in text order: whole credit sentences, credits in brackets, datelines' agencies. */
export function findCredits(text: string, sentences: Span[]): Credit[] {
  const credits: Credit[] = [];
  for (const sentence of sentences) {
    const line = text.slice(sentence.start, sentence.end);
    // Credits in brackets inside a caption: "… on Tuesday. (Thomas Coex/AFP/Getty Images)"; the caption is no credit.
    const brackets: Credit[] = [];
    for (const match of line.matchAll(/\([^()]{3,160}\)/g)) {
      const inner = match[0].slice(1, -1);
      if (CREDIT_PATTERNS.some((pattern) => pattern.test(inner))) {
        brackets.push({ start: sentence.start + match.index, end: sentence.start + match.index + match[0].length, what: kindOfCredit(inner), line: false });
      }
    }
    const rest = brackets.reduceRight((left, bracket) => left.slice(0, bracket.start - sentence.start) + left.slice(bracket.end - sentence.start), line).trim();
    if (isCredit(line) && (!brackets.length || !rest || isCredit(rest))) {
      credits.push({ ...sentence, what: kindOfCredit(line), line: true });
      continue;
    }
    credits.push(...brackets);
    // A dateline opens its paragraph.
    const atParagraph = sentence.start === 0 || text[sentence.start - 1] === '\n';
    const dateline = atParagraph ? DATELINE_AGENCY.exec(line) : null;
    if (dateline) {
      const start = sentence.start + dateline.index + dateline[0].indexOf(dateline[1]);
      credits.push({ start, end: start + dateline[1].length, what: 'dateline', line: false });
    }
  }
  return credits.sort((a, b) => a.start - b.start);
}

/**
 * The organisation a shouted author line names: the words after "IS THE" up to a word that heads organisations
 * ("NINE NETWORK" of "LAURIE OAKES IS THE NINE NETWORK POLITICAL EDITOR"); none when no such word comes.
 */
export function shoutedBylineOrganisation(text: string, credit: Credit): Span | undefined {
  const line = text.slice(credit.start, credit.end);
  if (!SHOUTED_BYLINE.test(line)) return undefined;
  const after = / IS (?:THE|A|AN)\s+/.exec(line);
  if (!after) return undefined;
  const from = after.index + after[0].length;
  let end = -1;
  for (const match of line.slice(from).matchAll(/[\p{Lu}.'’&-]+/gu)) {
    if (ORG_HEADS.has(match[0].toLowerCase())) {
      end = from + match.index + match[0].length;
      break;
    }
  }
  return end < 0 ? undefined : { start: credit.start + from, end: credit.start + end };
}
