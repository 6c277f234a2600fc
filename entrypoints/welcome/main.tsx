import { render } from 'preact';
import '@/components/theme.css';
import { defaultBundle } from '@/utils/bundle/load';
import article from '@/seeds/nato-south-korea-2023/article.txt?raw';
import { App } from './App';
import './style.css';

// The seed article's second paragraph: the names a reader meets first, in the article's own words.
const passage = article.split(/\n\s*\n/).map((paragraph) => paragraph.trim())[1] ?? '';

render(<App bundle={defaultBundle} passage={passage} />, document.getElementById('app')!);
