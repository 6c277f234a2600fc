/**
 * A few tabs working through a list of pages at once, as the machine's cores allow, rather than one page after
 * another: what each page costs is mostly waiting (the page's load, the content script's slices), which another tab
 * can use.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** The machines the suites run on have two cores. */
export const TAB_POOL_SIZE = 2;

/**
 * Runs `work` for each item in one of `tabs` new tabs of `context`, each tab taking the next item as soon as it is
 * done with one. The results are in the items' order, whichever tab finished first. Every tab is closed at the end.
 * A failure stops the tabs taking more items, and is thrown once the others have finished theirs (every failure,
 * when there is more than one).
 */
export async function inTabs<Item, Result>(
  context: BrowserContext,
  items: readonly Item[],
  work: (tab: Page, item: Item) => Promise<Result>,
  { tabs = TAB_POOL_SIZE } = {},
): Promise<Result[]> {
  if (!Number.isInteger(tabs) || tabs < 1) throw new RangeError(`a pool of ${tabs} tabs`);
  const results = new Array<Result>(items.length);
  const failures: unknown[] = [];
  const pages: Page[] = [];
  let next = 0;
  try {
    while (pages.length < Math.min(tabs, items.length)) pages.push(await context.newPage());
    await Promise.all(
      pages.map(async (tab) => {
        while (failures.length === 0 && next < items.length) {
          const index = next++;
          try {
            results[index] = await work(tab, items[index]);
          } catch (error) {
            failures.push(error);
          }
        }
      }),
    );
  } catch (error) {
    failures.push(error);
  }
  for (const closed of await Promise.allSettled(pages.map((tab) => tab.close()))) {
    if (closed.status === 'rejected') failures.push(closed.reason);
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, `${failures.length} failures in the tabs: ${failures.map(String).join('; ')}`);
  return results;
}
