import { render } from 'preact';
import '@/components/theme.css';
import { getEnabledBundles } from '@/utils/library/store';
import { getReaderNotes } from '@/utils/library/reader-notes';
import { App } from './App';
import './style.css';

/**
 * `?tab=<id>` names the tab to describe. Acceptance tests open the popup as a tab of its own, where "the active
 * tab" would be the popup itself.
 */
function tabFromQuery(): number | undefined {
  const value = new URLSearchParams(location.search).get('tab');
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
}

// The notes that are on, from the library in storage, and the reader's own notes on their entities.
const [bundles, readerNotes] = await Promise.all([getEnabledBundles(), getReaderNotes()]);
render(<App bundles={bundles} readerNotes={readerNotes} tabId={tabFromQuery()} />, document.getElementById('app')!);
