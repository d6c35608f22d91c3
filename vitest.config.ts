import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Component and hook tests of the web app live beside their feature (`web/src/**`), in a DOM of happy-dom.
    include: ['tests/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    exclude: ['tests/bench/**', 'node_modules/**'],
    // One DynamoDB Local per run, shared by every file that needs it (each file uses its own table).
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 90_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
