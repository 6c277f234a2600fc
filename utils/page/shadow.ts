/**
 * Open shadow roots: where web components (comment widgets, article embeds, players) keep their text, out of reach
 * of a walk of the document. Custom elements are the ones that carry them: they are found with one native query for
 * the elements that are not standard HTML, and each one's open root is looked into (and the roots inside it).
 */

/** Standard HTML (and SVG/MathML roots): anything else is a custom element, a shadow host candidate. */
const STANDARD = (
  'html head body div span p a b i u s em strong small big mark q cite dfn abbr time data var kbd samp code pre sub ' +
  'sup br wbr hr ul ol li dl dt dd table caption colgroup col thead tbody tfoot tr td th img picture source video ' +
  'audio track canvas map area iframe frame frameset noframes embed object param svg math h1 h2 h3 h4 h5 h6 header ' +
  'footer main nav section article aside figure figcaption blockquote address details summary dialog menu search ' +
  'hgroup form label input button select option optgroup datalist textarea output progress meter fieldset legend ' +
  'script noscript template slot style link meta title base ins del ruby rt rp bdi bdo center font tt strike acronym ' +
  'marquee nobr'
).split(' ');
const NOT_STANDARD = `:not(${STANDARD.join(',')})`;

/** The open shadow roots under `root` (the document, or a shadow root), nested ones included, in document order. */
export function openShadowRoots(root: Document | ShadowRoot, found: ShadowRoot[] = []): ShadowRoot[] {
  for (const element of root.querySelectorAll(NOT_STANDARD)) {
    const shadow = element.shadowRoot;
    if (!shadow) continue;
    found.push(shadow);
    openShadowRoots(shadow, found);
  }
  return found;
}

/**
 * Whether node `a` comes before node `b` in the composed tree (a shadow tree stands where its host stands). Each
 * node is lifted, from shadow root to host, until both are in one tree, then compared there.
 */
export function composedPrecedes(a: Node, b: Node): boolean {
  let first = a;
  let other = b;
  if (first.getRootNode() !== other.getRootNode()) {
    const trail = (node: Node) => {
      const roots: Node[] = [];
      for (let root = node.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) roots.push(root);
      return roots;
    };
    const ofFirst = trail(first);
    const ofOther = trail(other);
    // Lift each node into the deepest tree the two have in common.
    const lift = (node: Node, roots: Node[], shared: Set<Node>) => {
      let lifted = node;
      for (const root of roots) {
        if (shared.has(root)) break;
        lifted = (root as ShadowRoot).host;
      }
      return lifted;
    };
    first = lift(first, ofFirst, new Set(ofOther));
    other = lift(other, ofOther, new Set(ofFirst));
    // One is in the host's own shadow tree, the other in a tree inside it: the shallower first.
    if (first === other) return ofFirst.length < ofOther.length;
  }
  return (first.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}
