import type { UnderlineStyle } from '@/utils/settings/schema';
import type { HighlightNames } from './highlights';

/**
 * How mentions look: the `::highlight()` rules. They must live in a document-level style sheet, so they are visible
 * to the page; they reach it only while Side Notes is on for it (adopted by the content script, never declared in
 * the manifest), under names drawn at random for each page load, so a page cannot probe for them when it is off.
 */

/** Two fresh names for one page load (CSS identifiers: a letter, then base-36 digits). */
export function randomHighlightNames(): HighlightNames {
  const token = () => `h${[...crypto.getRandomValues(new Uint32Array(3))].map((n) => n.toString(36)).join('')}`;
  return { mention: token(), active: token() };
}

/** The mark's colour: amber, readable under black and white text alike. */
const MARK = '#d97706';

/** How a mention looks in each of the reader's underline styles (`none`: no rule, nothing is painted). */
const MENTION_LOOKS: Record<UnderlineStyle, string> = {
  dotted: `text-decoration:underline dotted ${MARK} 2px`,
  solid: `text-decoration:underline solid ${MARK} 1.5px`,
  background: 'background-color:rgba(245,158,11,.2)',
  none: '',
};

/**
 * The rules for highlights registered under `names`, in the reader's underline style. The mention whose card is open
 * is always shown (with "none" too: the keyboard and the popup still open cards). In forced colours (Windows High
 * Contrast) Chromium paints every highlight in the system's highlight colours, whatever the rules say: there the
 * marks keep the reader's underline and the open card's mention is told apart by a thick solid line. On paper
 * nothing is marked: the underlines are for reading on screen, and the card is not printed either.
 */
export function highlightRules({ mention, active }: HighlightNames, underline: UnderlineStyle = 'dotted'): string {
  return `::highlight(${mention}){${MENTION_LOOKS[underline]}}
::highlight(${active}){background-color:rgba(245,158,11,.22);text-decoration:underline solid ${MARK} 2px}
@media (forced-colors:active){::highlight(${active}){text-decoration:underline solid 4px}}
@media print{::highlight(${mention}),::highlight(${active}){text-decoration:none;background-color:transparent}}`;
}

function adopt(root: Document | ShadowRoot, sheet: CSSStyleSheet): void {
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** The rules as a constructed style sheet, adopted by the document while attached; nothing is added to the DOM. */
export class PageStyle {
  private readonly sheet: CSSStyleSheet;
  private underline: UnderlineStyle = 'dotted';

  constructor(private readonly names: HighlightNames) {
    this.sheet = new CSSStyleSheet();
    this.sheet.replaceSync(highlightRules(names));
  }

  /** Restyles the marks: the sheet's rules are replaced in place, so every root that adopted it follows at once. */
  setUnderline(underline: UnderlineStyle): void {
    if (underline === this.underline) return;
    this.underline = underline;
    this.sheet.replaceSync(highlightRules(this.names, underline));
  }

  /** Shadow roots of the page that hold mentions: a document's rules do not reach into them. */
  private readonly shadowRoots = new Set<ShadowRoot>();

  attach(): void {
    adopt(document, this.sheet);
  }

  /** Adds the rules to a shadow root of the page that holds mentions, until `detach`. */
  attachTo(root: ShadowRoot): void {
    this.shadowRoots.add(root);
    adopt(root, this.sheet);
  }

  detach(): void {
    for (const root of [document, ...this.shadowRoots]) {
      if (root.adoptedStyleSheets.includes(this.sheet)) {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((sheet) => sheet !== this.sheet);
      }
    }
    this.shadowRoots.clear();
  }
}
