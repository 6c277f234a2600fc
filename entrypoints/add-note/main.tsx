import { render } from 'preact';
import '@/components/theme.css';
import { takePendingNote } from '@/utils/add-note/open';
import { parseBundle } from '@/utils/bundle/parse';
import { getLibrary } from '@/utils/library/store';
import { getReaderNotes } from '@/utils/library/reader-notes';
import { App } from './App';
import './style.css';

/** `?note=<id>`: the selection the background put in session storage for this page (utils/add-note/open.ts). */
const id = new URLSearchParams(location.search).get('note');

const [pending, library, readerNotes] = await Promise.all([
  id ? takePendingNote(id) : Promise.resolve(null),
  getLibrary(),
  getReaderNotes(),
]);
// The notes that are on (the catalogue the reader chooses from), and which of them are the reader's own.
const enabled = library.filter(({ entry, bundle }) => entry.enabled && bundle);
const bundles = enabled.flatMap(({ bundle }) => (bundle ? [bundle] : []));
const own = enabled.flatMap(({ entry, bundle }) => {
  const parsed = !entry.builtIn && bundle ? parseBundle(bundle) : null;
  return parsed?.ok ? [parsed.bundle] : [];
});

render(<App pending={pending} bundles={bundles} ownBundles={own} readerNotes={readerNotes} />, document.getElementById('app')!);
