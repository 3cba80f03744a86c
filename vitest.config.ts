import { defineConfig } from 'vitest/config'

// Two tiers, one runner: unit tests mirror src/, integration tests talk to real
// servers on 127.0.0.1, real SQLite files and real processes.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**', 'test/e2e/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The UI end to end: the headless host, the VOD emulator and Debian's Chromium.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'web',
          include: ['test/renderer/**/*.test.ts', 'test/renderer/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['test/renderer/support/setup.ts'],
          testTimeout: 30_000,
        },
      },
    ],
    pool: 'forks',
  },
})
