import { browser } from 'wxt/browser';
import { isSelectionRequest, replyTo, type PageSelection } from '@/utils/messages';

/**
 * "Add to Side Notes", the content script's side (top frame only): on `side-notes:selection` it answers with the
 * passage the reader selected (`PageSelection`), saving nothing. The background asks when the reader chooses the
 * context menu item or presses the shortcut; the extension's add-note page does the rest.
 *
 * Where the selection is: the top document's, or, when focus is in a frame of the page's own origin and the top
 * document has none, that frame's (its text and offset; the entities it names are left to the reader, since the
 * frame's mentions belong to its own script). A selection inside an open shadow root gives its text as the browser
 * shows it; its offset and entities are those of the range the browser reports in the document (often none).
 * Returns the function that stops listening.
 */
export function answerSelectionRequests(entitiesIn: (range: Range) => string[]): () => void {
  const onMessage = replyTo(isSelectionRequest, async () => selected(entitiesIn));
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}

const meta = (selector: string) => document.querySelector<HTMLMetaElement>(selector)?.content || undefined;

function selected(entitiesIn: (range: Range) => string[]): PageSelection {
  let doc = document;
  let selection = getSelection();
  while ((!selection || selection.isCollapsed) && doc.activeElement?.tagName === 'IFRAME') {
    let inner: Document | null = null;
    try {
      inner = (doc.activeElement as HTMLIFrameElement).contentDocument;
    } catch {
      // Another site's frame: not ours to read.
    }
    if (!inner) break;
    doc = inner;
    selection = inner.getSelection();
  }
  const raw = selection?.toString() ?? '';
  let start = 0;
  let entities: string[] = [];
  if (raw.trim() && selection?.rangeCount) {
    const range = selection.getRangeAt(0);
    try {
      const before = doc.createRange();
      before.setStart(doc.body, 0);
      before.setEnd(range.startContainer, range.startOffset);
      start = before.toString().length + raw.length - raw.trimStart().length;
    } catch {
      // A selection outside the body (or none the range can reach) stands at 0.
    }
    if (doc === document) entities = entitiesIn(range);
  }
  return {
    text: raw.trim(),
    start,
    url: location.href,
    title: meta('meta[property="og:title"]') ?? document.title,
    site: meta('meta[property="og:site_name"]'),
    published: meta('meta[property="article:published_time"],meta[itemprop="datePublished"]'),
    entities,
  };
}
