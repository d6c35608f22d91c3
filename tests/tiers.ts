/**
 * Runs the test tiers one after another, each as a vitest project with its own time budget, and fails as
 * soon as one fails or overruns its budget. `tsx tests/tiers.ts` runs all; `tsx tests/tiers.ts fast` one.
 * The budgets are for a machine of its own with two cores: together 530 s, under ten minutes with the
 * build, type check and lint before them (about a minute). On a machine shared with other work, stretch them all:
 * `TEST_BUDGET_FACTOR=3 npm test`.
 */
import { spawn } from 'node:child_process';

export const tiers = [
  // Pure rules and the services on the in-memory adapters: no Java, no server, no browser.
  // (14–23 s measured on 2 cores with over a thousand tests.)
  { name: 'fast', budgetSeconds: 45 },
  // The store contract suite against the in-memory and the DynamoDB adapters.
  { name: 'contract', budgetSeconds: 45 },
  // The HTTP API of a started local platform (96–108 s measured on 2 cores).
  { name: 'integration', budgetSeconds: 180 },
  // The synthesized CloudFormation templates.
  { name: 'infra', budgetSeconds: 60 },
  // Headless Chromium against the built web app (148–157 s measured on 2 cores).
  { name: 'e2e', budgetSeconds: 200 },
] as const;

function runTier(name: string, budgetSeconds: number): Promise<boolean> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('vitest', ['run', '--project', name], { stdio: 'inherit', detached: true });
    const timer = setTimeout(() => {
      console.error(`tier ${name}: over its budget of ${budgetSeconds} s, stopped`);
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      resolve(false);
    }, budgetSeconds * 1000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `tier ${name}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s (budget ${budgetSeconds} s)`,
      );
      resolve(code === 0);
    });
  });
}

const factor = Number(process.env.TEST_BUDGET_FACTOR ?? '1');
if (!(factor >= 1)) {
  console.error('TEST_BUDGET_FACTOR must be a number of at least 1');
  process.exit(2);
}
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !tiers.some((t) => t.name === w));
if (unknown.length > 0) {
  console.error(`unknown tier(s): ${unknown.join(', ')}; tiers: ${tiers.map((t) => t.name).join(', ')}`);
  process.exit(2);
}
for (const tier of tiers) {
  if (wanted.length > 0 && !wanted.includes(tier.name)) continue;
  if (!(await runTier(tier.name, Math.round(tier.budgetSeconds * factor)))) process.exit(1);
}
