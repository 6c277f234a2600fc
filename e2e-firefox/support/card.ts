/**
 * Reading the card in Firefox. Its shadow root is closed, so a page cannot reach it; a test reaches it the way a
 * debugger does, over WebDriver BiDi: a script in a sandbox of the test's own (the page's built-ins cannot touch
 * it) finds the host, BiDi serialises the host with its shadow tree (`includeShadowTree: 'all'`, closed roots
 * included), and the root's shared id is handed back to a function in the same sandbox. Nothing in the shipped
 * extension is opened up for the tests. The Chromium journeys do the same over the DevTools protocol
 * (e2e/support/card.ts).
 */
import type { Page } from 'puppeteer-core';
import { cardHostInPage, NO_CARD, readCardInRoot, type CardHostView, type CardInside } from '../../e2e/support/in-page';

export const CARD_HOST = 'side-notes-card';
const SANDBOX = 'side-notes-test';

/** Raw BiDi commands on the page's top-level browsing context. */
interface Bidi {
  context: string;
  send(method: string, params: object): Promise<{ result: BidiEvaluateResult }>;
}
type BidiEvaluateResult =
  | { type: 'success'; result: { type: string; value?: unknown; sharedId?: string } }
  | { type: 'exception'; exceptionDetails: { text: string } };

/**
 * puppeteer-core (pinned, package.json) keeps its BiDi session behind the frame's browsing context; its public API
 * has no way to ask for a shadow tree or a sandbox by name.
 */
function bidiOf(page: Page): Bidi {
  const context = (
    page.mainFrame() as unknown as {
      browsingContext: { id: string; userContext: { browser: { session: { send: Bidi['send'] } } } };
    }
  ).browsingContext;
  const session = context.userContext.browser.session;
  return { context: context.id, send: (method, params) => session.send(method, params) };
}

function valueOf(result: BidiEvaluateResult): { type: string; value?: unknown; sharedId?: string } {
  if (result.type === 'exception') throw new Error(`in the card: ${result.exceptionDetails.text}`);
  return result.result;
}

/**
 * Runs `fn` (a function's source, taking the card's shadow root and `arg`, returning something JSON can carry) with
 * the closed shadow root of the first card host; returns its value, or `fallback` when there is no card host.
 */
export async function inCardRoot<T>(page: Page, fn: string, arg: unknown, fallback: T): Promise<T> {
  const bidi = bidiOf(page);
  const target = { context: bidi.context, sandbox: SANDBOX };
  const { result: found } = await bidi.send('script.evaluate', {
    expression: `document.querySelector('${CARD_HOST}')`,
    target,
    awaitPromise: false,
    resultOwnership: 'none',
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 1 },
  });
  const host = valueOf(found);
  const shadowRoot = (host.value as { shadowRoot?: { sharedId?: string } | null } | undefined)?.shadowRoot;
  if (host.type !== 'node' || !shadowRoot?.sharedId) return fallback;
  const { result } = await bidi.send('script.callFunction', {
    functionDeclaration: `async function (root, arg) { return JSON.stringify(await (${fn})(root, arg)); }`,
    arguments: [{ sharedId: shadowRoot.sharedId }, { type: 'string', value: JSON.stringify(arg) }],
    this: { type: 'undefined' },
    target,
    awaitPromise: true,
    resultOwnership: 'none',
  });
  return JSON.parse(valueOf(result).value as string) as T;
}

/** What the card shows now: its host, seen from the page, and the card inside the closed root. */
export type CardView = CardHostView & CardInside;

export async function cardView(page: Page): Promise<CardView> {
  const outside = await page.evaluate(cardHostInPage, CARD_HOST);
  const inside = await inCardRoot<CardInside>(page, readCardInRoot.toString(), null, NO_CARD);
  return { ...outside, ...inside };
}
