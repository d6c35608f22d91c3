/**
 * `npm run bench`: every figure in turn on one local platform of its own, a table with targets and
 * PASS/MISS, and the same figures in `bench-results.json`. Timings are ratios against a floor measured in
 * this run; sizes are absolute. A missed target is printed as such and does not stop the run.
 *
 * Named figures only: `npm run bench:only -- "bundle size" "cold start"` (after `npm run build`); the
 * platform is started only if a named figure needs it. The results file then holds those figures only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { measureBigForm } from './big-form.ts';
import { measureBundleSize } from './bundle-size.ts';
import { buildBundles } from './bundles.ts';
import { measureColdStart } from './cold-start.ts';
import { measureKeyFigures } from './key-figures.ts';
import { measureLayoutShift } from './layout-shift.ts';
import { type BenchPlatform, type Figure, ROOT, startBenchPlatform } from './lib.ts';
import { measureLighthouse } from './lighthouse.ts';
import { measureList } from './list.ts';
import { measureLoad } from './load.ts';
import { measureQueue } from './queue.ts';
import { measureRead } from './read.ts';
import { measureTransition } from './transition.ts';
import { measureWebPayload } from './web-payload.ts';

type Step = { name: string; run: (platform: BenchPlatform) => Promise<Figure[]> };

function machine() {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux: keep what Node reports
  }
  return {
    cores: cpus().length,
    cpuModel,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

const failed = (figure: string, error: unknown): Figure => ({
  figure,
  measure: 'error',
  value: null,
  unit: 'count',
  target: '—',
  pass: false,
  detail: {},
  note: `could not be measured: ${error instanceof Error ? error.message : String(error)}`,
});

const show = (f: Figure) =>
  f.value === null ? '—' : `${f.value}${f.unit === 'count' || f.unit === 'score' ? '' : ` ${f.unit}`}`;

function printTable(figures: Figure[]) {
  const rows = figures.map((f) => [f.figure, f.measure, show(f), f.target, f.pass ? 'PASS' : 'MISS']);
  const header = ['figure', 'measure', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
  const notes = figures.filter((f) => f.note);
  for (const f of notes) console.log(`note: ${f.figure} (${f.measure}): ${f.note}`);
  const missed = figures.filter((f) => !f.pass);
  console.log(
    missed.length ? `\n${missed.length} of ${figures.length} MISSED their target.` : '\nAll targets met.',
  );
}

/** The figures that need the running platform, in the order they run. */
const ALL_STEPS: Step[] = [
  // First, while the review scope holds only the demo data: it is filled up to exactly 200, then 20,000.
  { name: 'list at scale', run: measureList },
  { name: 'work queue at state scale', run: measureQueue },
  { name: 'key figures at scale', run: measureKeyFigures },
  { name: 'read overhead', run: measureRead },
  { name: 'transition overhead', run: measureTransition },
  { name: 'web payload', run: measureWebPayload },
  { name: 'big form', run: measureBigForm },
  { name: 'layout shift', run: measureLayoutShift },
  { name: 'lighthouse', run: measureLighthouse },
  { name: 'load', run: measureLoad },
];
const STEP_NAMES = ALL_STEPS.map((s) => s.name);

/** The figures named on the command line (all if none). */
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

async function main() {
  const started = new Date();
  const known = ['bundle size', 'cold start', ...STEP_NAMES];
  const unknown = only.filter((n) => !known.includes(n));
  if (unknown.length) throw new Error(`unknown figure(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const figures: Figure[] = [];
  const record = (name: string, measured: Figure[]) => {
    figures.push(...measured);
    for (const f of measured)
      console.log(`  ${name}: ${f.measure} = ${show(f)} (${f.pass ? 'PASS' : 'MISS'})`);
  };

  if (wanted('bundle size') || wanted('cold start')) {
    console.log('bench: building the handler bundles as the CDK does');
    const bundles = await buildBundles();
    try {
      if (wanted('bundle size')) record('bundle size', measureBundleSize(bundles));
      if (wanted('cold start')) {
        console.log('bench: cold start (fresh process per import)');
        record('cold start', await measureColdStart(bundles));
      }
    } finally {
      bundles.remove();
    }
  }

  const steps = ALL_STEPS.filter((s) => wanted(s.name));
  if (steps.length) console.log('bench: starting the local platform');
  let platform: BenchPlatform | undefined;
  try {
    if (steps.length) platform = await startBenchPlatform();
  } catch (error) {
    console.error(error);
    for (const step of steps) record(step.name, [failed(step.name, error)]);
  }
  try {
    for (const step of platform ? steps : []) {
      console.log(`bench: ${step.name}`);
      const t0 = performance.now();
      try {
        record(step.name, await step.run(platform!));
      } catch (error) {
        // One broken figure must not hide the others: it is reported as a miss with the reason.
        console.error(error);
        record(step.name, [failed(step.name, error)]);
      }
      console.log(`  (${Math.round((performance.now() - t0) / 1000)} s)`);
    }
  } finally {
    await platform?.stop();
  }

  printTable(figures);
  const file = join(ROOT, 'bench-results.json');
  writeFileSync(
    file,
    `${JSON.stringify({ date: started.toISOString(), machine: machine(), figures }, null, 2)}\n`,
  );
  console.log(`\nbench: figures written to ${file}`);
}

await main();
