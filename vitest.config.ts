import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['tests/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
      {
        // The journeys that save notes as the extension does use its own modules, which import with '@/'.
        resolve: { alias: [{ find: /^@\//, replacement: `${import.meta.dirname}/` }] },
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          // One browser at a time: the machine has two cores and each test owns a Chromium profile.
          fileParallelism: false,
          // Generous deadlines: every wait is for a condition, and a shared machine may be slow to meet it.
          testTimeout: 240_000,
          hookTimeout: 240_000,
          expect: { poll: { timeout: 60_000, interval: 50 } },
        },
      },
      {
        test: {
          name: 'firefox',
          include: ['e2e-firefox/**/*.test.ts'],
          environment: 'node',
          // One Firefox at a time, as for Chromium.
          fileParallelism: false,
          // Generous deadlines: every wait is for a condition, and a shared machine may be slow to meet it.
          testTimeout: 240_000,
          hookTimeout: 240_000,
          expect: { poll: { timeout: 60_000, interval: 50 } },
        },
      },
    ],
  },
});
