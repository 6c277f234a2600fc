/**
 * Reading and pressing the card in a test. The card's shadow root is closed, so a page cannot reach it; a test
 * reaches it the way a debugger does, over the DevTools protocol (`DOM.describeNode` with `pierce`), and then acts
 * on the page only with real pointer input. Nothing in the shipped extension is opened up for the tests.
 */
import type { Page } from 'playwright-core';
import { cardHostInPage, NO_CARD, readCardInRoot, type CardHostView, type CardInside } from './in-page';

export const CARD_HOST = 'side-notes-card';

/**
 * Runs `fn` (a function's source, taking the card's shadow root and `arg`) with the closed shadow root of the first
 * card host; returns its value, or `fallback` when there is no card host.
 */
export async function inCardRoot<T>(page: Page, fn: string, arg: unknown, fallback: T): Promise<T> {
  const session = await page.context().newCDPSession(page);
  try {
    // A world of the test's own, as a content script has: whatever the page did to its built-ins does not reach it.
    const { frameTree } = await session.send('Page.getFrameTree');
    const { executionContextId } = await session.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'side-notes-test',
    });
    const { result: host } = await session.send('Runtime.evaluate', {
      expression: `document.querySelector('${CARD_HOST}')`,
      contextId: executionContextId,
    });
    if (!host.objectId) return fallback;
    const { node } = await session.send('DOM.describeNode', { objectId: host.objectId, pierce: true, depth: 1 });
    const shadow = node.shadowRoots?.[0];
    if (!shadow) return fallback;
    const { object } = await session.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId, executionContextId });
    const { result, exceptionDetails } = await session.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: fn,
      arguments: [{ objectId: object.objectId! }, { value: arg }],
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(`in the card: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  } finally {
    await session.detach().catch(() => {});
  }
}

/** What the card shows now: its host, seen from the page, and the card inside the closed root. */
export type CardView = CardHostView & CardInside;

export async function cardView(page: Page): Promise<CardView> {
  const outside = await page.evaluate(cardHostInPage, CARD_HOST);
  const inside = await inCardRoot<CardInside>(page, readCardInRoot.toString(), null, NO_CARD);
  return { ...outside, ...inside };
}

/** The centre of the first element in the card matching `selector` (and holding `text`, when given). */
export async function cardPoint(page: Page, selector: string, text?: string): Promise<{ x: number; y: number }> {
  const point = await inCardRoot<{ x: number; y: number } | null>(
    page,
    `function (root, { selector, text }) {
      const element = [...root.querySelectorAll(selector)].find((candidate) => text == null || candidate.textContent.includes(text));
      if (!element) return null;
      element.scrollIntoView({ block: 'nearest' });
      const rect = element.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }`,
    { selector, text },
    null,
  );
  if (!point) throw new Error(`nothing in the card matches ${selector}${text ? ` with "${text}"` : ''}`);
  return point;
}

/** Clicks, with the real mouse, the first element in the card matching `selector` (and holding `text`). */
export async function clickInCard(page: Page, selector: string, text?: string): Promise<void> {
  const { x, y } = await cardPoint(page, selector, text);
  await page.mouse.click(x, y);
}

/** What has focus inside the card's (closed) root: its role or label or text; null when focus is not in the card. */
export function focusInCard(page: Page): Promise<string | null> {
  return inCardRoot<string | null>(
    page,
    `function (root) {
      const active = root.activeElement;
      if (!active) return null;
      return active.getAttribute('role') ?? active.getAttribute('aria-label') ?? active.textContent.trim();
    }`,
    null,
    null,
  );
}

/** What the card's polite live region says now. */
export function announced(page: Page): Promise<string> {
  return inCardRoot<string>(page, `function (root) { return root.querySelector('[role="status"]')?.textContent ?? ''; }`, null, '');
}
