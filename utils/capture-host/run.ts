import { extractArticle } from '@/utils/capture/article';
import { draftFromArticle } from '@/utils/capture/draft';
import type { KnownName } from '@/utils/capture/types';
import type { CaptureAnswer } from './messages';

/** The page's HTML as the content script sent it, read into a document of its own (scripts never run in it). */
export function parsePage(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** `captureDraft`, keeping the article's text that the review page computes each quote's offset in. */
export function captureArticle(doc: Document, url: string, known: KnownName[]): CaptureAnswer {
  const article = extractArticle(doc);
  if (!article) return { error: 'no-article', message: 'No article could be found on this page.' };
  return { draft: draftFromArticle(article, { url, known }), text: article.text };
}
