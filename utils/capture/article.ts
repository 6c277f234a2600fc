import { Readability } from '@mozilla/readability';
import { readMetadata, type PageMetadata } from './metadata';

/** The article a page holds, as plain text: what the capture reads and what every fact is quoted from. */
export interface Article extends PageMetadata {
  title: string;
  /**
   * The article's text: one paragraph per block element of Readability's content, paragraphs separated by a blank
   * line, runs of HTML white space (space, tab, line breaks) inside a paragraph read as one space, as a browser
   * renders them. Other characters (curly quotes, dashes, `&nbsp;`) are kept as they are.
   */
  text: string;
}

/** Articles shorter than this are not worth notes (and are mostly Readability reading a page that is no article). */
export const MIN_ARTICLE_CHARS = 200;

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV',
  'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG', 'MATH']);
const HTML_SPACE = /[ \t\n\r\f]+/g;

/** The paragraphs of an element's text: blocks break paragraphs, inline elements do not. */
export function blockText(root: Node): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const paragraph = current.replace(HTML_SPACE, ' ').trim();
    if (paragraph) paragraphs.push(paragraph);
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      current += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = (node as Element).nodeName;
    if (SKIPPED.has(name)) return;
    const block = BLOCKS.has(name);
    if (block) flush();
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

/**
 * Runs Readability on a clone of the document (Readability rewrites the DOM it reads; the live page is never
 * touched) and returns the article's text and metadata, or null when the page holds no article.
 */
export function extractArticle(doc: Document): Article | null {
  const metadata = readMetadata(doc);
  const clone = doc.cloneNode(true) as Document;
  const parsed = new Readability<Node>(clone, { serializer: (node) => node }).parse();
  if (!parsed?.content) return null;
  const text = blockText(parsed.content);
  if (text.length < MIN_ARTICLE_CHARS) return null;
  const title = clean(parsed.title) ?? clean(doc.title) ?? text.split('\n')[0];
  return {
    title,
    text,
    site: clean(parsed.siteName) ?? metadata.site,
    author: cleanByline(parsed.byline) ?? metadata.author,
    published: clean(parsed.publishedTime) ?? metadata.published,
    ...(metadata.things ? { things: metadata.things } : {}),
  };
}

function clean(value: string | null | undefined): string | undefined {
  const text = value?.replace(HTML_SPACE, ' ').trim();
  return text || undefined;
}

/** "By Jane Doe" → "Jane Doe"; Readability keeps the word when the page writes it. */
function cleanByline(value: string | null | undefined): string | undefined {
  const text = clean(value)?.replace(/^by\s+/i, '');
  return text || undefined;
}
