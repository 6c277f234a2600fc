import { describe, expect, it } from 'vitest';
import { blockText, extractArticle } from '@/utils/capture/article';
import { captureDraft } from '@/utils/capture/draft';
import { readMetadata } from '@/utils/capture/metadata';
import { isCaptureError } from '@/utils/capture/types';
import { articlePage, parse } from './fixtures/capture-articles';

describe('the article’s text', () => {
  it('is one paragraph per block, inline elements joined and HTML white space read as one space', () => {
    const doc = parse('<div><h2>Tension  on the\n  Korean Peninsula</h2><p>Yoon <b>Suk</b>\n      Yeol said&nbsp;no.<br>Next line</p><ul><li>one</li><li>two</li></ul></div>');
    expect(blockText(doc.body)).toBe('Tension on the Korean Peninsula\n\nYoon Suk Yeol said\u00a0no.\n\nNext line\n\none\n\ntwo');
  });

  it('comes from Readability: navigation, asides and scripts are left out', () => {
    const article = extractArticle(parse(articlePage()));
    expect(article).not.toBeNull();
    expect(article!.text).toContain('The Secretary General of the North Atlantic Treaty Organization (NATO), Jens Stoltenberg, urged South Korea');
    expect(article!.text).not.toContain('Subscribe to our newsletter');
    expect(article!.text).not.toContain('window.tracker');
  });

  it('leaves the live page exactly as it was', () => {
    const doc = parse(articlePage());
    const before = doc.documentElement.outerHTML;
    extractArticle(doc);
    captureDraft(doc, { url: 'https://news.example/nato' });
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

describe('the source', () => {
  it('reads title, site, author and date from the page’s metadata', () => {
    const draft = captureDraft(parse(articlePage()), { url: 'https://news.example/nato' });
    if (isCaptureError(draft)) throw new Error(draft.message);
    expect(draft.source).toEqual({
      url: 'https://news.example/nato',
      title: 'NATO and the US seek military aid to Ukraine from South Korea',
      site: 'Example News',
      author: 'Jane Reporter',
      published: '2023-01-30T08:00:00Z',
    });
  });

  it('falls back on JSON-LD in an @graph and on meta tags, and leaves out what the page does not say', () => {
    const graph = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Not this' },
        { '@type': 'NewsArticle', datePublished: '2024-12-07', author: [{ '@type': 'Person', name: 'Stella Kim' }, { name: 'Jennifer Jett' }], publisher: { name: 'NBC News' } },
      ],
    });
    const doc = parse(`<html><head><script type="application/ld+json">${graph}</script></head><body></body></html>`);
    expect(readMetadata(doc)).toEqual({
      site: 'NBC News',
      author: 'Stella Kim, Jennifer Jett',
      published: '2024-12-07',
      things: [{ name: 'Stella Kim', kind: 'person', type: 'Person', role: 'author' }],
    });
    const metaOnly = parse('<html><head><meta property="og:site_name" content="Yonhap"><meta property="article:published_time" content="2019-08-20T09:31:01+09:00"><meta name="author" content="https://facebook.com/someone"></head><body></body></html>');
    expect(readMetadata(metaOnly)).toEqual({ site: 'Yonhap', author: undefined, published: '2019-08-20T09:31:01+09:00' });
  });

  it('lists what the JSON-LD names with a type: about, mentions, authors, publishers, at any depth', () => {
    const ld = JSON.stringify([
      {
        '@type': 'NewsArticle',
        about: [{ '@type': 'Organization', name: 'Korean Central News Agency' }, { '@id': 'wd:Q1', name: 'untyped' }],
        mentions: { '@type': 'Event', name: 'Munich Security Conference' },
        publisher: { '@type': 'NewsMediaOrganization', name: 'Example News', logo: { '@type': 'ImageObject', name: 'logo' } },
        contentLocation: { '@type': 'City', name: 'Seoul' },
      },
      { '@type': 'Legislation', name: 'Patriot Act' },
    ]);
    const doc = parse(`<html><head><script type="application/ld+json">${ld}</script><script type="application/ld+json">{ broken</script></head><body></body></html>`);
    expect(readMetadata(doc).things).toEqual([
      { name: 'Korean Central News Agency', kind: 'organisation', type: 'Organization', role: 'about' },
      { name: 'Munich Security Conference', kind: 'event', type: 'Event', role: 'mentions' },
      { name: 'Example News', kind: 'organisation', type: 'NewsMediaOrganization', role: 'publisher' },
      { name: 'Seoul', kind: 'place', type: 'City', role: 'contentLocation' },
    ]);
  });

  it('drops the word "By" from a byline', () => {
    const html = articlePage({ head: '<title>Talks in Seoul</title>', byline: '<p class="byline">By Lee Jin-man</p>' });
    const draft = captureDraft(parse(html), { url: 'https://news.example/seoul' });
    if (isCaptureError(draft)) throw new Error(draft.message);
    expect(draft.source.author).toBe('Lee Jin-man');
  });
});

describe('a page with no article', () => {
  it('gives a clear error instead of a draft', () => {
    const doc = parse('<html><head><title>Log in</title></head><body><form><input name="user"><button>Log in</button></form><nav><a href="/">Home</a></nav></body></html>');
    expect(extractArticle(doc)).toBeNull();
    const result = captureDraft(doc, { url: 'https://example.org/login' });
    expect(isCaptureError(result)).toBe(true);
    expect(result).toMatchObject({ error: 'no-article' });
  });
});
