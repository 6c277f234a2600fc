import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultBundle } from '@/utils/bundle/load';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { compileMatcher } from '@/utils/match/compile';
import { StoredMatcher } from '@/utils/match/stored';
import { storeCompiled } from '@/utils/match/store-compiled';
import { Highlights } from '@/utils/page/highlights';
import { changedBlocks } from '@/utils/page/observe';
import { NameStarts, scanText } from '@/utils/match/scan';
import { MentionIndex } from '@/utils/page/mentions';
import { PageScanner, WINDOW_CHARS } from '@/utils/page/scanner';
import { SegmentReader, segmentsOf } from '@/utils/page/segments';
import './support/static-range';

const matcher = compileMatcher([defaultBundle]);
const NAMES = { mention: 'test-mention', active: 'test-active' };


function page(html: string): HTMLElement {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
  return document.body;
}

/** A scanner for one lifetime over `root`. */
function scannerOf(root: Node): PageScanner {
  return new PageScanner(matcher, new Highlights(NAMES), new AbortController().signal, () => {}, () => root);
}

async function mentionsOf(root: Node): Promise<string[]> {
  const scanner = scannerOf(root);
  scanner.scanDocument();
  await scanner.whenIdle();
  return scanner.index.inDocumentOrder().map((m) => `${m.entityId}:${m.text}`);
}

describe('reading a page as segments', () => {
  beforeEach(() => page(''));

  it('joins inline elements into one piece of text and breaks at blocks', () => {
    const root = page('<p>Yoon <b>Suk</b> <a href="#">Yeol</a> met</p><div>NATO</div><p>a<br>b</p>');
    expect([...segmentsOf(root)].map((s) => s.text)).toEqual(['Yoon Suk Yeol met', 'NATO', 'a', 'b']);
  });

  it('skips text nobody reads as page text', () => {
    const root = page(
      '<script>NATO</script><style>.NATO{}</style><noscript>NATO</noscript><template>NATO</template>' +
        '<textarea>NATO</textarea><select><option>NATO</option></select><div contenteditable="true">NATO</div>' +
        '<script type="application/ld+json">{"a":"NATO"}</script><side-notes-card>NATO</side-notes-card>' +
        '<p>Seoul</p>',
    );
    expect([...segmentsOf(root)].map((s) => s.text)).toEqual(['Seoul']);
  });
});

describe('scanning a page', () => {
  it('finds a name split across inline elements as one mention whose range spans the nodes', async () => {
    const root = page('<p>President Yoon <b>Suk</b> Yeol met Jens\n  Stoltenberg and Jens&nbsp;Stoltenberg.</p>');
    expect(await mentionsOf(root)).toEqual([
      'yoon-suk-yeol:Yoon Suk Yeol',
      'jens-stoltenberg:Jens\n  Stoltenberg',
      'jens-stoltenberg:Jens\u00a0Stoltenberg',
    ]);
  });

  it('underlines an ambiguous alias only once the page names its entity unambiguously', async () => {
    expect(await mentionsOf(page('<p>Austin is a city in Texas.</p>'))).toEqual([]);
    expect(await mentionsOf(page('<p>Austin arrived.</p><p>Lloyd Austin spoke.</p>'))).toEqual([
      'lloyd-austin:Austin',
      'lloyd-austin:Lloyd Austin',
    ]);
  });

  it('counts evidence from a related entity where the alias says so ("Washington" on a page naming the US)', async () => {
    expect(await mentionsOf(page('<p>Talks in Washington went on.</p>'))).toEqual([]);
    expect(await mentionsOf(page('<p>Talks in Washington went on.</p><p>The United States agreed.</p>'))).toEqual([
      'washington:Washington',
      'united-states:United States',
    ]);
  });

  it('rescans only what changed and forgets text that left the page', async () => {
    const root = page('<p id="a">NATO met.</p><p id="b">Nothing here.</p>');
    const scanner = scannerOf(root);
    scanner.scanDocument();
    await scanner.whenIdle();
    document.getElementById('b')!.textContent = 'Then Seoul.';
    const gone = document.getElementById('a')!;
    gone.remove();
    scanner.rescan([document.getElementById('b')!], [gone]);
    await scanner.whenIdle();
    expect(scanner.index.inDocumentOrder().map((m) => m.text)).toEqual(['Seoul']);
  });

  it('does not read a block the page hides, and reads it once it shows', async () => {
    // happy-dom has no layout: `hidden` is what hides here.
    vi.spyOn(Element.prototype, 'checkVisibility').mockImplementation(function (this: Element) {
      return !this.closest('[hidden]');
    });
    const root = page('<p id="a">NATO</p><div id="ticker" hidden><p>Seoul 1</p></div>');
    const scanner = scannerOf(root);
    scanner.scanDocument();
    await scanner.whenIdle();
    const ticker = document.getElementById('ticker')!;
    ticker.firstElementChild!.textContent = 'Seoul 2';
    scanner.rescan([ticker]);
    await scanner.whenIdle();
    expect(scanner.index.inDocumentOrder().map((m) => m.text)).toEqual(['NATO']);
    ticker.hidden = false;
    scanner.recheckHidden();
    await scanner.whenIdle();
    expect(scanner.index.inDocumentOrder().map((m) => m.text)).toEqual(['NATO', 'Seoul']);
  });

  it('reports the blocks that changed, not the extension’s own card', () => {
    const root = page('<article><p id="p"><b id="b">x</b></p></article><side-notes-card id="own"></side-notes-card>');
    const paragraph = document.getElementById('p')!;
    const own = document.getElementById('own')!;
    const records = [
      { type: 'characterData', target: document.getElementById('b')!.firstChild!, addedNodes: [], removedNodes: [] },
      { type: 'childList', target: own, addedNodes: [document.createElement('div')], removedNodes: [] },
      { type: 'childList', target: root, addedNodes: [own], removedNodes: [] },
    ] as unknown as MutationRecord[];
    expect(changedBlocks(records.slice(0, 2), own)).toEqual([paragraph]);
    expect(changedBlocks(records.slice(2), own)).toEqual([]);
  });
});

describe('mentions in document order, without sorting', () => {
  it('places mentions that arrive in any order where they stand on the page, and counts them per entity', async () => {
    const root = page(Array.from({ length: 40 }, (_, i) => `<p>${i % 3 === 0 ? 'NATO' : 'Seoul'} item ${i}</p>`).join(''));
    const scanner = scannerOf(root);
    scanner.scanDocument();
    await scanner.whenIdle();
    const inOrder = scanner.index.inDocumentOrder().map((m) => m.nodes[0]);
    expect(inOrder).toHaveLength(40);

    // The same mentions inserted in a shuffled order come out in document order.
    const index = new MentionIndex();
    const shuffled = [...scanner.index.inDocumentOrder()].sort((a, b) => (a.text.length * 7 + a.nodes[0].data.length) % 5 - (b.text.length * 7 + b.nodes[0].data.length) % 5 || (a.nodes[0].data < b.nodes[0].data ? 1 : -1));
    let hint = -1;
    for (const mention of shuffled) hint = index.insert(mention, hint);
    expect(index.inDocumentOrder().map((m) => m.nodes[0])).toEqual(inOrder);
    expect(index.countOf('nato')).toBe(14);
    expect(index.countOf('seoul')).toBe(26);
    expect(index.entityCounts()).toEqual([
      { entityId: 'nato', count: 14 },
      { entityId: 'seoul', count: 26 },
    ]);

    const version = index.version;
    const firstNato = index.inDocumentOrder()[0];
    index.removeTouching(firstNato.nodes);
    expect(index.version).not.toBe(version);
    expect(index.countOf('nato')).toBe(13);
    expect(index.entityCounts()[0]).toEqual({ entityId: 'seoul', count: 26 });
    // Put back where it was, after removals that left holes in the list.
    index.insert(firstNato);
    expect(index.inDocumentOrder().map((m) => m.nodes[0])).toEqual(inOrder);
  });
});

describe('reading a page that changes while it is read', () => {
  it('goes on after the nearest ancestor still in place when the node it stood on was removed', () => {
    const root = page('<div id="a"><p>one</p></div><div id="b"><p>two</p><p>three</p></div><div id="c"><p>four</p></div>');
    const reader = new SegmentReader(root);
    expect(reader.next()?.text).toBe('one');
    // The walker now stands on the text it just read, "one"; the page removes its paragraph.
    reader.pausing();
    document.querySelector('#a p')!.remove();
    expect(reader.resume()).toBe(true);
    // #a's change is the observer's to report; the reader goes on after #a.
    expect(reader.next()?.text).toBe('two');
    expect(reader.next()?.text).toBe('three');
    expect(reader.next()?.text).toBe('four');
    expect(reader.next()).toBeNull();
  });

  it('says the rest is unread when nothing it knew of is left', () => {
    const root = page('<div id="a"><p>one</p><p>two</p></div>');
    const reader = new SegmentReader(document.getElementById('a')!);
    expect(reader.next()?.text).toBe('one');
    reader.pausing();
    document.getElementById('a')!.replaceChildren();
    expect(reader.resume()).toBe(false);
    expect(root.textContent).toBe('');
  });
});

describe('long text, read in windows', () => {
  it('finds the same names as reading the text whole, across every window edge', async () => {
    const names = ['NATO', 'Jens Stoltenberg', 'Seoul', 'Yoon Suk Yeol', 'the Arms Trade Treaty', 'Pyongyang'];
    let text = '';
    const expected: string[] = [];
    for (let i = 0; text.length < WINDOW_CHARS * 5; i++) {
      // Names land on and around window edges as the filler's length shifts.
      text += 'word '.repeat(300 + (i % 7)) + `${names[i % names.length]} said. `;
      expected.push(names[i % names.length]);
    }
    const root = page('<p id="long"></p>');
    document.getElementById('long')!.textContent = text;
    const whole = scanText(text, matcher).map((c) => text.slice(c.start, c.end));
    const found = await mentionsOf(root);
    expect(found.map((m) => m.split(':')[1])).toEqual(whole);
    expect(whole.map((name) => name.replace(/^the /, 'the '))).toEqual(
      expected.map((name) => (name === 'the Arms Trade Treaty' ? 'Arms Trade Treaty' : name)),
    );
  });
});

describe('scan work over a lifetime', () => {
  it('reads a change reported during a full scan after it, instead of cancelling it', async () => {
    const root = page(Array.from({ length: 200 }, (_, i) => `<p id="p${i}">Seoul ${i}</p>`).join(''));
    const scanner = scannerOf(root);
    scanner.scanDocument();
    document.getElementById('p5')!.textContent = 'NATO now';
    scanner.rescan([document.getElementById('p5')!]);
    await scanner.whenIdle();
    const texts = scanner.index.inDocumentOrder().map((m) => m.text);
    expect(texts).toHaveLength(200);
    expect(texts[5]).toBe('NATO');
    expect(scanner.version.startsWith('1:')).toBe(true);
  });

  it('runs a full scan asked for again once more, after the one under way', async () => {
    // Big enough that the scan pauses between slices in happy-dom.
    const root = page(Array.from({ length: 1000 }, () => '<p>NATO and Seoul</p>').join(''));
    const scanner = scannerOf(root);
    scanner.scanDocument();
    scanner.scanDocument();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(scanner.version.startsWith('0:')).toBe(true);
    scanner.scanDocument();
    scanner.scanDocument();
    await scanner.whenIdle();
    expect(scanner.version.startsWith('2:')).toBe(true);
    expect(scanner.index.size).toBe(2000);
  }, 20_000);

  it('stops when its lifetime ends, and paints nothing after', async () => {
    const root = page(Array.from({ length: 50 }, () => '<p>NATO</p>').join(''));
    const lifetime = new AbortController();
    const highlights = new Highlights(NAMES);
    const added = vi.spyOn(highlights, 'replaceAll');
    const scanner = new PageScanner(matcher, highlights, lifetime.signal, () => {}, () => root);
    scanner.scanDocument();
    lifetime.abort();
    await scanner.whenIdle();
    scanner.rescan([root.firstChild!]);
    await scanner.whenIdle();
    expect(added).not.toHaveBeenCalled();
    expect(scanner.index.size).toBe(0);
  });

  it('works out evidence anew with each full scan', async () => {
    const root = page('<p id="a">The United States agreed.</p><p id="b">Talks in Washington went on.</p>');
    const scanner = scannerOf(root);
    scanner.scanDocument();
    await scanner.whenIdle();
    expect(scanner.index.inDocumentOrder().map((m) => m.entityId)).toEqual(['united-states', 'washington']);
    document.getElementById('a')!.remove();
    scanner.scanDocument();
    await scanner.whenIdle();
    expect(scanner.index.size).toBe(0);
  });
});

describe('reading only the text that may hold a name', () => {
  const texts = (root: Node) => {
    const reader = new SegmentReader(root, { filter: new NameStarts(matcher) });
    const found: string[] = [];
    for (let segment = reader.next(); segment; segment = reader.next()) found.push(segment.text);
    return found;
  };

  it('says the same with its quick look as the loop alone, however the text is cut into nodes', () => {
    const article = readFileSync(join(__dirname, '..', 'seeds', defaultBundle.id, 'article.txt'), 'utf8');
    const tricky = [
      'foo_nato and bar-NATO',
      'let us go; the USA and the US. But usher',
      'Kyïv, Kiev and Київ',
      'Stolten\u00adberg’s visit',
      'Stolten\u200bberg',
      'smile 😀NATO',
      'lone \ud800 surrogate Seoul',
      'Leopard 2 tanks, Leopard 2A4',
      'North\u00a0Korea and north korea',
      'Yoon Suk-yeol (윤석열) met',
      'ªµº¹ Norway',
      'x'.repeat(50) + 'Seoul' + 'y'.repeat(50),
    ];
    // A fixed pseudo-random sequence, so a failure can be replayed.
    let seed = 7;
    const random = () => ((seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
    for (const text of [article, ...tricky]) {
      for (let round = 0; round < 20; round++) {
        const cuts: string[] = [];
        for (let at = 0; at < text.length; ) {
          const length = 1 + Math.floor(random() * (round < 10 ? 12 : 200));
          cuts.push(text.slice(at, at + length));
          at += length;
        }
        const quick = new NameStarts(matcher);
        const loop = new NameStarts(matcher, false);
        const said = (starts: NameStarts) =>
          cuts.map((cut, i) => {
            if (i % 17 === 16) starts.reset();
            return starts.holdsStart(cut);
          });
        expect(said(quick), JSON.stringify(cuts.slice(0, 40))).toEqual(said(loop));
      }
    }
    // And it does vouch for plain text: most nodes of most pages never reach the loop.
    const look = matcher.quickLook!;
    expect(look.test('Plain words with nothing in them, “quoted” — and dashed.')).toBe(false);
    expect(['Then NATO met', 'seoul', 'usher us', 'café'].map((text) => look.test(text))).toEqual([true, true, true, true]);
  });

  it('finds the words names start with, followed across text nodes', () => {
    const starts = new NameStarts(matcher);
    expect(starts.holdsStart('nothing to see here')).toBe(false);
    expect(starts.holdsStart('Then NATO met')).toBe(true);
    starts.reset();
    // "Stolten" + "berg": the word that ends in the second node starts a name.
    expect(starts.holdsStart('Then Stolten')).toBe(false);
    expect(starts.holdsStart('berg spoke')).toBe(true);
    starts.reset();
    // Two table cells with no space between their texts: "foo" then "NATO" is still NATO.
    expect(starts.holdsStart('foo')).toBe(false);
    expect(starts.holdsStart('NATO')).toBe(true);
    starts.reset();
    expect(starts.holdsStart('尹锡悦访问')).toBe(true);
  });

  it('follows a name of several words through the trie, so common first words alone are not reasons to read', () => {
    const starts = new NameStarts(matcher);
    expect(starts.holdsStart('the north and the south, a war and a united front')).toBe(false);
    expect(starts.holdsStart('let us go, said the china shop')).toBe(false);
    expect(starts.holdsStart('Then North Korea answered')).toBe(true);
    starts.reset();
    expect(starts.holdsStart('the US said')).toBe(true);
    starts.reset();
    // "North " in one node, "Korea" in the next: the second completes the name.
    expect(starts.holdsStart('Then North ')).toBe(false);
    expect(starts.holdsStart('Korea')).toBe(true);
  });

  it('reads a candidate with its whole run of text, and nothing else', () => {
    const root = page(
      '<p>Plain words only.</p><p><b>President</b> Yoon <i>Suk</i> Yeol spoke<br>after a break.</p>' +
        '<table><tr><td>foo</td><td>NATO</td></tr></table><p>Stolten<wbr>berg arrived.</p>' +
        '<script>NATO</script><div contenteditable="true">NATO typed</div><p>More plain words.</p>',
    );
    expect(texts(root)).toEqual(['President Yoon Suk Yeol spoke', 'NATO', 'Stoltenberg arrived.']);
  });
});

describe('scanning with the notes as the background stored them', () => {
  it('finds on a page what the compiler’s own matcher finds, reading the aliases its words reach as it goes', async () => {
    fakeBrowser.reset();
    // Sharded as a big library is, so that the scan reads aliases as its words reach them.
    await storeCompiled([defaultBundle], 'test', undefined, { oneShardAliases: 0 });
    const stored = (await StoredMatcher.open())!;
    const article = readFileSync(join(__dirname, '..', 'seeds', defaultBundle.id, 'article.txt'), 'utf8');
    const paragraphs = article.split(/\n+/).filter((line) => line.trim() !== '');
    const root = page(paragraphs.map((line) => `<p>${line.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</p>`).join(''));
    const expected = await mentionsOf(root);
    expect(expected.length).toBeGreaterThan(50);
    const scanner = new PageScanner(stored, new Highlights(NAMES), new AbortController().signal, () => {}, () => root);
    const read = vi.spyOn(stored, 'load');
    scanner.scanDocument();
    await scanner.whenIdle();
    expect(scanner.index.inDocumentOrder().map((m) => `${m.entityId}:${m.text}`)).toEqual(expected);
    // Read ahead: the aliases of many paragraphs are asked for at once, not once a paragraph.
    expect(read).toHaveBeenCalled();
    expect(read.mock.calls.length).toBeLessThan(paragraphs.length / 4);
  });
});
