import { render } from 'preact';
import '@/components/theme.css';
import { defaultBundle } from '@/utils/bundle/load';
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

render(<App bundles={[defaultBundle]} tabId={tabFromQuery()} />, document.getElementById('app')!);
