import { beforeEach, describe, expect, it } from 'vitest';
import { defaultBundle } from '@/utils/bundle/load';
import { compileMatcher } from '@/utils/match/compile';
import { Highlights } from '@/utils/page/highlights';
import { changedBlocks } from '@/utils/page/observe';
import { PageScanner } from '@/utils/page/scanner';
import { segmentsOf } from '@/utils/page/segments';

const matcher = compileMatcher([defaultBundle]);

// happy-dom has no StaticRange; the spec's is a plain record of its boundary points.
globalThis.StaticRange ??= class {
  readonly startContainer: Node;
  readonly startOffset: number;
  readonly endContainer: Node;
  readonly endOffset: number;
  constructor(init: StaticRangeInit) {
    ({ startContainer: this.startContainer, startOffset: this.startOffset } = init);
    ({ endContainer: this.endContainer, endOffset: this.endOffset } = init);
  }
  get collapsed() {
    return this.startContainer === this.endContainer && this.startOffset === this.endOffset;
  }
} as unknown as typeof StaticRange;

function page(html: string): HTMLElement {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
  return document.body;
}

/** A scanner for one lifetime over `root`. */
function scannerOf(root: Node): PageScanner {
  return new PageScanner(matcher, new Highlights(), new AbortController().signal, () => {}, () => root);
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
    document.getElementById('a')!.remove();
    scanner.rescan([document.getElementById('b')!]);
    await scanner.whenIdle();
    expect(scanner.index.inDocumentOrder().map((m) => m.text)).toEqual(['Seoul']);
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
