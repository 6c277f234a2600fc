import { describe, expect, it } from 'vitest';
import { followTabSummary, PAGE_SUMMARY_PORT, type PageSummary, type RuntimePort, type TabSignals } from '@/utils/page/page-state';

/** A tab whose content script comes and goes, as a page loads, reloads and navigates. */
function fakeTab(tabId: number) {
  let scriptUp = false;
  const ports: { port: RuntimePort; message: (m: unknown) => void; disconnect: () => void; open: boolean }[] = [];
  const messageListeners = new Set<(message: unknown, sender: { tab?: { id?: number }; frameId?: number }) => void>();
  const updatedListeners = new Set<(tabId: number, info: { status?: string }) => void>();
  const summary = (site: string): PageSummary => ({ enabled: true, host: site, site, entities: [], total: 0, openCard: null });
  let site = '127.0.0.1';
  const tabs = {
    connect(id: number, info: { name: string; frameId: number }): RuntimePort {
      expect(id).toBe(tabId);
      expect(info).toEqual({ name: PAGE_SUMMARY_PORT, frameId: 0 });
      let onMessage: (m: unknown) => void = () => {};
      let onDisconnect: () => void = () => {};
      const entry = {
        open: true,
        message: (m: unknown) => entry.open && onMessage(m),
        disconnect: () => {
          if (!entry.open) return;
          entry.open = false;
          onDisconnect();
        },
        port: {
          onMessage: { addListener: (cb: (m: unknown) => void) => (onMessage = cb) },
          onDisconnect: { addListener: (cb: () => void) => (onDisconnect = cb) },
          disconnect: () => (entry.open = false),
        },
      };
      ports.push(entry);
      // As Chrome does: with no content script, the port disconnects right away (asynchronously); with one, the
      // script answers with its summary.
      queueMicrotask(() => (scriptUp ? entry.message(summary(site)) : entry.disconnect()));
      return entry.port;
    },
  };
  const signals: TabSignals = {
    onMessage: { addListener: (cb) => messageListeners.add(cb), removeListener: (cb) => messageListeners.delete(cb) },
    onUpdated: { addListener: (cb) => updatedListeners.add(cb), removeListener: (cb) => updatedListeners.delete(cb) },
  };
  return {
    tabs,
    signals,
    ports,
    listeners: () => messageListeners.size + updatedListeners.size,
    /** The page's content script starts and tells the badge its count, as every content script does. */
    scriptStarts(newSite = site) {
      site = newSite;
      scriptUp = true;
      for (const listener of messageListeners) listener({ type: 'side-notes:mention-count', count: 0 }, { tab: { id: tabId }, frameId: 0 });
    },
    /** The script starts, but its word went by before the popup listened. */
    scriptStartsUnheard() {
      scriptUp = true;
    },
    /** The page goes away (a reload or another address): its script's ports disconnect. */
    pageUnloads() {
      scriptUp = false;
      for (const entry of ports) entry.disconnect();
    },
    loaded() {
      for (const listener of updatedListeners) listener(tabId, { status: 'complete' });
    },
    otherTabSays() {
      for (const listener of messageListeners) listener({ type: 'side-notes:mention-count', count: 1 }, { tab: { id: tabId + 1 }, frameId: 0 });
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('followTabSummary: the popup follows its tab across loads', () => {
  it('opened before the page has a content script, it connects once the script says it is there', async () => {
    const tab = fakeTab(7);
    const seen: string[] = [];
    const stop = followTabSummary(tab.tabs, tab.signals, 7, (s) => seen.push(s.site), (ready) => seen.push(`gone:${ready}`));
    await settle();
    expect(seen).toEqual(['gone:false']);
    tab.otherTabSays();
    await settle();
    expect(tab.ports).toHaveLength(1);
    tab.scriptStarts();
    await settle();
    expect(seen).toEqual(['gone:false', '127.0.0.1']);
    stop();
    expect(tab.listeners()).toBe(0);
  });

  it('kept open across a reload and a new address, it follows the new page', async () => {
    const tab = fakeTab(3);
    tab.scriptStarts('localhost');
    const seen: string[] = [];
    const stop = followTabSummary(tab.tabs, tab.signals, 3, (s) => seen.push(s.site), (ready) => seen.push(`gone:${ready}`));
    await settle();
    expect(seen).toEqual(['localhost']);
    tab.pageUnloads();
    await settle();
    // The immediate retry found no script yet; the new page's script, when it starts, is connected to.
    expect(seen).toEqual(['localhost', 'gone:true', 'gone:false']);
    tab.scriptStarts('file://');
    await settle();
    expect(seen.at(-1)).toBe('file://');
    // A second "I am here" from the same page opens no second port.
    const open = tab.ports.filter((p) => p.open).length;
    tab.scriptStarts('file://');
    tab.loaded();
    await settle();
    expect(tab.ports.filter((p) => p.open).length).toBe(open);
    stop();
  });

  it('a tab that finished loading is asked again even if its script said nothing the popup heard', async () => {
    const tab = fakeTab(5);
    const seen: string[] = [];
    followTabSummary(tab.tabs, tab.signals, 5, (s) => seen.push(s.site), () => seen.push('gone'));
    await settle();
    tab.scriptStarts();
    tab.pageUnloads();
    await settle();
    expect(seen.at(-1)).toBe('gone');
    // Came up again without a word the popup heard: the tab's "loaded" is the sign.
    tab.scriptStartsUnheard();
    await settle();
    expect(seen.at(-1)).toBe('gone');
    tab.loaded();
    await settle();
    expect(seen.at(-1)).toBe('127.0.0.1');
  });

  it('stops for good: nothing reported after the popup stopped following', async () => {
    const tab = fakeTab(9);
    const seen: string[] = [];
    const stop = followTabSummary(tab.tabs, tab.signals, 9, (s) => seen.push(s.site), () => seen.push('gone'));
    stop();
    tab.scriptStarts();
    tab.loaded();
    await settle();
    expect(seen).toEqual([]);
  });
});
