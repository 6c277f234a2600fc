import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { CONTENT_MATCHES } from './utils/content-matches';

/**
 * Firefox (README, "Firefox"). A fixed id: the add-on's identity on addons.mozilla.org and the key its storage is kept
 * under. 146 is the first Firefox that paints `text-decoration` in `::highlight()`, which is all an underline is.
 * Side Notes collects nothing (README, "Privacy"), which new listings must declare. (A variable, not a literal in the
 * manifest: WXT 0.21's manifest type predates `data_collection_permissions`.)
 */
const GECKO = {
  id: '{01c4a160-97ba-4386-b168-ba08c4b8ea5b}',
  strict_min_version: '146.0',
  data_collection_permissions: { required: ['none'] },
};

/**
 * What the sources zip holds, the one Firefox's reviewers rebuild the Firefox package from (`npm ci && npm run
 * build:firefox`): the extension's code, the seeds its notes are built from and the script that builds them, the
 * lock file and the README's build steps. Everything else — tests, fixtures, end-to-end journeys, screenshots,
 * benchmarks, docs — stays out. A list of what goes in rather than of what stays out, so a new folder of test
 * output can never slip in.
 */
const SOURCES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'wxt.config.ts',
  'README.md',
  'CHANGELOG.md',
  'entrypoints/**',
  'components/**',
  'utils/**',
  'assets/**',
  'public/**',
  'seeds/**',
  'scripts/build-bundle.ts',
];

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Manifest V3 for Firefox too (README, "Firefox", says why).
  manifestVersion: 3,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: 'Side Notes',
    description: 'Read an article once; wherever its people, places and things are named, a quiet underline offers what it said.',
    // Least privilege (README, "Permissions"): storage for the reader's settings and notes; the context menu's "Take
    // notes from this page" and "Add to Side Notes"; in Chrome, an offscreen document to read an article in while capturing (Firefox's
    // background is a page and needs none). The popup and the shortcut learn a tab's site from its own content
    // script, so no permission to read tabs' addresses.
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', ...(browser === 'firefox' ? [] : ['offscreen'])],
    // Keyboard shortcuts (README, "Keyboard"), changeable at chrome://extensions/shortcuts or in Firefox's add-ons
    // manager. Four is as many suggested keys as Chrome allows (a fifth stops Chrome loading the extension at all);
    // none is a browser's own. "Add to Side Notes" is the fifth command: Firefox, which has no such limit, suggests
    // Alt+Shift+N for it; in Chrome the reader gives it a key (the options page says "not set" until then), and the
    // page's context menu offers it everywhere.
    commands: {
      'toggle-site': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Turn Side Notes on or off for this site',
      },
      'next-name': {
        suggested_key: { default: 'Alt+Shift+Period' },
        description: 'Go to the next name on the page and open its card',
      },
      'previous-name': {
        suggested_key: { default: 'Alt+Shift+Comma' },
        description: 'Go to the previous name on the page and open its card',
      },
      'focus-card': {
        suggested_key: { default: 'Alt+Shift+Down' },
        description: 'Move into the open card (Esc comes back)',
      },
      'add-selection': {
        ...(browser === 'firefox' ? { suggested_key: { default: 'Alt+Shift+N' } } : {}),
        description: 'Add the selected passage to Side Notes',
      },
    },
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: GECKO } } : {}),
  }),
  zip: {
    excludeSources: ['**/*'],
    includeSources: SOURCES,
  },
  hooks: {
    // The content script runs on every page and must stay small (≤ 40 KB gzipped). It uses only APIs that return
    // promises natively in Manifest V3, in Chrome and in Firefox, and answers messages with `sendResponse`; so for it
    // alone, `wxt/browser` is the browser's own API rather than the webextension-polyfill (2.6 KB gzipped), which the
    // extension's pages and service worker keep.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((entrypoint) => entrypoint.name === 'side-notes')) return;
      const aliases = config.resolve?.alias;
      const native = { find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' };
      config.resolve = {
        ...config.resolve,
        alias: Array.isArray(aliases)
          ? [native, ...aliases]
          : [native, ...Object.entries(aliases ?? {}).map(([find, replacement]) => ({ find, replacement: replacement as string }))],
      };
    },
    // The content script is an unlisted script (entrypoints/side-notes/index.ts explains why) declared here. It
    // brings its own `::highlight()` rules while it is on (utils/page/page-style.ts): no manifest style sheet, which
    // would be in every page, on or off.
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.content_scripts = [
        ...(manifest.content_scripts ?? []),
        {
          matches: CONTENT_MATCHES,
          js: ['side-notes.js'],
          run_at: 'document_start',
          // Frames too: the script leaves at once in another site's frame (README, "How it works").
          all_frames: true,
          match_about_blank: true,
          match_origin_as_fallback: true,
        },
      ];
    },
  },
});
