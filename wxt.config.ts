import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** Pages Side Notes reads: the web, and files opened from the local disk (README, "Permissions"). */
const CONTENT_MATCHES = ['http://*/*', 'https://*/*', 'file:///*'];

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: 'Side Notes',
    description: 'Read an article once; wherever its people, places and things are named, a quiet underline offers what it said.',
    permissions: ['storage', 'tabs'],
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
    // The content script is an unlisted script (entrypoints/side-notes/index.ts explains why) declared here.
    // Highlight colours are painted through `::highlight()` rules, which must live in a document-level style sheet;
    // a manifest-declared sheet reaches the page without adding a <style> element to its DOM.
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.content_scripts = [
        ...(manifest.content_scripts ?? []),
        { matches: CONTENT_MATCHES, js: ['side-notes.js'], css: ['highlights.css'], run_at: 'document_idle' },
      ];
    },
  },
});
