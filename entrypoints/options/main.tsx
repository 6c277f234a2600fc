import { render } from 'preact';
import '@/components/theme.css';
import { defaultBundle } from '@/utils/bundle/load';
import { App } from './App';
import './style.css';

render(<App bundles={[defaultBundle]} />, document.getElementById('app')!);
