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

/** The rules for highlights registered under `names`. */
export function highlightRules({ mention, active }: HighlightNames): string {
  return `::highlight(${mention}) {
  text-decoration-line: underline;
  text-decoration-style: dotted;
  text-decoration-color: #d97706;
  text-decoration-thickness: 2px;
}
::highlight(${active}) {
  background-color: rgba(245, 158, 11, 0.22);
  text-decoration-line: underline;
  text-decoration-style: solid;
  text-decoration-color: #d97706;
  text-decoration-thickness: 2px;
}`;
}

function adopt(root: Document | ShadowRoot, sheet: CSSStyleSheet): void {
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** The rules as a constructed style sheet, adopted by the document while attached; nothing is added to the DOM. */
export class PageStyle {
  private readonly sheet: CSSStyleSheet;

  constructor(names: HighlightNames) {
    this.sheet = new CSSStyleSheet();
    this.sheet.replaceSync(highlightRules(names));
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
