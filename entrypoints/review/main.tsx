import { render } from 'preact';
import '@/components/theme.css';
import { App } from './App';
import './style.css';

/** `?tab=<id>`: the tab whose page the reader asked to take notes from (the popup or the context menu says which). */
const value = new URLSearchParams(location.search).get('tab');
const tabId = value !== null && /^\d+$/.test(value) ? Number(value) : null;

render(<App tabId={tabId} />, document.getElementById('app')!);
