/**
 * The source facts a page states about itself in its metadata: `<meta>` tags (Open Graph, article:, Dublin Core,
 * name=author) and schema.org JSON-LD. Read-only: nothing in the document changes. Readability reads most of these
 * too; this is what the capture falls back on when it does not (JSON-LD in an `@graph`, a NewsArticle inside a list,
 * authors given as a list).
 */
export interface PageMetadata {
  site?: string;
  author?: string;
  published?: string;
}

const SITE_META = ['og:site_name', 'application-name'];
const PUBLISHED_META = ['article:published_time', 'og:article:published_time', 'datePublished', 'dc.date', 'dc.date.issued', 'date', 'pubdate'];
const AUTHOR_META = ['author', 'article:author', 'dc.creator', 'sailthru.author', 'parsely-author'];

export function readMetadata(doc: Document): PageMetadata {
  const meta = new Map<string, string>();
  for (const element of doc.querySelectorAll('meta[content]')) {
    const key = (element.getAttribute('property') ?? element.getAttribute('name') ?? element.getAttribute('itemprop'))?.trim().toLowerCase();
    const content = element.getAttribute('content')?.trim();
    if (key && content && !meta.has(key)) meta.set(key, content);
  }
  const pick = (keys: string[], accept: (value: string) => boolean = () => true) =>
    keys.map((key) => meta.get(key.toLowerCase())).find((value) => value !== undefined && accept(value));
  const ld = readJsonLd(doc);
  const notUrl = (value: string) => !/^https?:\/\//i.test(value);
  return {
    site: ld.site ?? pick(SITE_META),
    author: ld.author ?? pick(AUTHOR_META, notUrl),
    published: ld.published ?? pick(PUBLISHED_META),
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ARTICLE_TYPE = /Article|BlogPosting|Report|NewsArticle|WebPage/;

/** The first schema.org article in the page's JSON-LD (arrays and `@graph` included). */
function readJsonLd(doc: Document): PageMetadata {
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    let data: Json;
    try {
      data = JSON.parse(script.textContent ?? '') as Json;
    } catch {
      continue;
    }
    for (const item of flatten(data)) {
      const type = item['@type'];
      const types = Array.isArray(type) ? type : [type];
      if (!types.some((value) => typeof value === 'string' && ARTICLE_TYPE.test(value))) continue;
      const found: PageMetadata = {
        site: nameOf(item.publisher),
        author: namesOf(item.author),
        published: typeof item.datePublished === 'string' ? item.datePublished.trim() || undefined : undefined,
      };
      if (found.site || found.author || found.published) return found;
    }
  }
  return {};
}

function flatten(data: Json): { [key: string]: Json }[] {
  if (Array.isArray(data)) return data.flatMap(flatten);
  if (data && typeof data === 'object') {
    const graph = data['@graph'];
    return [data, ...(Array.isArray(graph) ? graph.flatMap(flatten) : [])];
  }
  return [];
}

function nameOf(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (value && typeof value === 'object' && !Array.isArray(value) && typeof value.name === 'string') return value.name.trim() || undefined;
  return undefined;
}

function namesOf(value: Json | undefined): string | undefined {
  const names = (Array.isArray(value) ? value : [value]).map((item) => nameOf(item)).filter((name): name is string => !!name);
  return names.length ? names.join(', ') : undefined;
}
