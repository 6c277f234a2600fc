import { render } from 'preact';
import '@/components/theme.css';
import { App, type ReviewOf } from './App';
import './style.css';

/**
 * `?tab=<id>`: the tab whose page the reader asked to take notes from (the popup or the context menu says which);
 * `?bundle=<id>`: a bundle of the library to edit ("Edit" in the notes library).
 */
const query = new URLSearchParams(location.search);
const tab = query.get('tab');
const bundle = query.get('bundle');
const of: ReviewOf = bundle ? { bundleId: bundle } : tab !== null && /^\d+$/.test(tab) ? { tabId: Number(tab) } : null;

render(<App of={of} />, document.getElementById('app')!);
