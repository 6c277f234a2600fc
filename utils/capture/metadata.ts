import type { EntityKind } from '../bundle/schema';

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
  /**
   * What the page's JSON-LD says it is about and whom it names, with their schema.org types: its `about` and
   * `mentions`, its authors (Person) and publisher (Organization), and any other typed thing with a name. The
   * capture takes a name's kind from here when the article's text names it too.
   */
  things?: MetadataThing[];
}


export interface MetadataThing {
  name: string;
  kind: EntityKind;
  /** The schema.org type as the page gives it ("NewsMediaOrganization"). */
  type: string;
  /** The property it was found under ("about", "mentions", "author", "publisher"…), if any. */
  role?: string;
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
  const scripts = jsonLdOf(doc);
  const ld = readJsonLd(scripts);
  const notUrl = (value: string) => !/^https?:\/\//i.test(value);
  const things = readJsonLdThings(scripts);
  return {
    site: ld.site ?? pick(SITE_META),
    author: ld.author ?? pick(AUTHOR_META, notUrl),
    published: ld.published ?? pick(PUBLISHED_META),
    ...(things.length ? { things } : {}),
  };
}

/** schema.org types of things a note can be about, by the kind they are. Legislation (laws) and works are none. */
const THING_KINDS: [RegExp, EntityKind][] = [
  [/^Person$/, 'person'],
  [/Organi[sz]ation$|^Corporation$|^NGO$|^SportsTeam$|^PoliticalParty$|^Airline$|^CollegeOrUniversity$|^GovernmentOrganization$|^MilitaryUnit$/, 'organisation'],
  [/^(?:Place|Country|City|State|AdministrativeArea|Continent|LandmarksOrHistoricalBuildings|TouristAttraction|Airport|BodyOfWater|Mountain|Park|Landform)$/, 'place'],
  [/^(?:Event|\w+Event)$/, 'event'],
  [/^Vehicle$|^Car$|^Motorcycle$/, 'equipment'],
];

/** Every typed, named thing in the page's JSON-LD (arrays, `@graph` and nested objects included). */
function readJsonLdThings(scripts: Json[]): MetadataThing[] {
  const things: MetadataThing[] = [];
  const seen = new Set<string>();
  const visit = (value: Json, role: string | undefined, depth: number) => {
    if (depth > 8 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, role, depth + 1);
      return;
    }
    const types = (Array.isArray(value['@type']) ? value['@type'] : [value['@type']]).filter((type): type is string => typeof type === 'string');
    const name = typeof value.name === 'string' ? value.name.trim() : '';
    const kind = types.map((type) => THING_KINDS.find(([pattern]) => pattern.test(type))?.[1]).find(Boolean);
    if (name && kind && name.length <= 80 && !seen.has(`${kind}:${name}`)) {
      seen.add(`${kind}:${name}`);
      things.push({ name, kind, type: types[0], ...(role ? { role } : {}) });
    }
    for (const [key, child] of Object.entries(value)) {
      if (key !== '@type' && key !== 'name') visit(child, key === '@graph' ? role : key, depth + 1);
    }
  };
  for (const data of scripts) visit(data, undefined, 0);
  return things;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ARTICLE_TYPE = /Article|BlogPosting|Report|NewsArticle|WebPage/;

/** The page's JSON-LD, each script parsed once; broken ones say nothing. */
function jsonLdOf(doc: Document): Json[] {
  const data: Json[] = [];
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      data.push(JSON.parse(script.textContent ?? '') as Json);
    } catch {
      // skipped
    }
  }
  return data;
}

/** The first schema.org article in the page's JSON-LD (arrays and `@graph` included). */
function readJsonLd(scripts: Json[]): PageMetadata {
  for (const data of scripts) {
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
