import { defineConfig } from 'vitest/config';

/**
 * The test tiers, one vitest project each (run in order with their time budgets by `tests/tiers.ts`).
 * Only the tiers that need DynamoDB Local start it (one per run, shared by the tier's files, each file
 * with its own table).
 */
const withDynamo = ['tests/helpers/global-setup.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 90_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['tests/unit/**/*.test.ts', 'tests/services/**/*.test.ts', 'web/**/*.test.{ts,tsx}'],
          testTimeout: 5_000,
        },
      },
      {
        extends: true,
        test: { name: 'contract', include: ['tests/contract/**/*.test.ts'], globalSetup: withDynamo },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], globalSetup: withDynamo },
      },
      {
        extends: true,
        // Each test synthesizes whole stacks: more time per test than elsewhere.
        test: { name: 'infra', include: ['tests/infra/**/*.test.ts'], testTimeout: 60_000 },
      },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], globalSetup: withDynamo } },
    ],
  },
});
