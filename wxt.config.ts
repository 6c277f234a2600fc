import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { CONTENT_MATCHES } from './utils/content-matches';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: 'Side Notes',
    description: 'Read an article once; wherever its people, places and things are named, a quiet underline offers what it said.',
    // Least privilege (README, "Permissions"): storage for the reader's settings and notes; the context menu's "Take
    // notes from this page"; in Chrome, an offscreen document to read an article in while capturing (Firefox's
    // background is a page and needs none). The popup and the shortcut learn a tab's site from its own content
    // script, so no permission to read tabs' addresses.
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', ...(browser === 'firefox' ? [] : ['offscreen'])],
    commands: {
      'toggle-site': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Turn Side Notes on or off for this site',
      },
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'side-notes@example.org', strict_min_version: '140.0' } } }
      : {}),
  }),
  hooks: {
    // The content script is an unlisted script (entrypoints/side-notes/index.ts explains why) declared here. It
    // brings its own `::highlight()` rules while it is on (utils/page/page-style.ts): no manifest style sheet, which
    // would be in every page, on or off.
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.content_scripts = [
        ...(manifest.content_scripts ?? []),
        { matches: CONTENT_MATCHES, js: ['side-notes.js'], run_at: 'document_idle' },
      ];
    },
  },
});
