import { render } from 'preact';
import '@/components/theme.css';
import { getEnabledBundles } from '@/utils/library/store';
import { App } from './App';
import './style.css';

render(<App bundles={await getEnabledBundles()} />, document.getElementById('app')!);
