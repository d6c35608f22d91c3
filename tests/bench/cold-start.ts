/**
 * Cold start: how long `import()` of each handler bundle takes in a fresh Node process (the module-scope work
 * a Lambda init does: parse, evaluate, create SDK clients, read configuration), divided by the same for the
 * reference bundle with the same SDK clients. The same Node binary as this run, with `--enable-source-maps`
 * as the functions are configured. Samples rotate over the bundles, so background load falls on all alike.
 *
 * The ratio is of CPU time (user + system) spent in the `import()`: on a busy two-core machine the wall time
 * of a 100 ms import mostly measures the neighbours (it varied by 2× between runs, the CPU time by 10 %).
 * The wall-clock medians are kept in the details. The figure is the median over the fresh processes; its
 * spread is the range (10th to 90th percentile) of the per-round ratios (each round imports every bundle once).
 */
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Bundle, Bundles } from './bundles.ts';
import { type Figure, median, percentile, ratio, round2 } from './lib.ts';

const SAMPLES = 15;
const MAX_RATIO = 1.15;

const run = promisify(execFile);

/** Prints `[wall ms, CPU ms]` of `import()` of the module in argv[1]. */
const PROBE = [
  'const cpu = process.cpuUsage(); const t0 = performance.now();',
  'await import(process.argv[1]);',
  'const wall = performance.now() - t0; const used = process.cpuUsage(cpu);',
  'process.stdout.write(JSON.stringify([wall, (used.user + used.system) / 1000]));',
].join(' ');

interface Sample {
  wallMs: number;
  cpuMs: number;
}

/** What a function's environment holds at init (no endpoints: nothing is called at import). */
const LAMBDA_ENV = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  TABLE_NAME: 'pakt-bench',
  ATTACHMENTS_BUCKET: 'pakt-attachments',
  QUARANTINE_BUCKET: 'pakt-quarantine',
  WEB_BUCKET: 'pakt-web',
  POWERTOOLS_SERVICE_NAME: 'pakt-bench',
  POWERTOOLS_LOG_LEVEL: 'WARN',
};

async function importTime(bundle: Bundle): Promise<Sample> {
  const { stdout } = await run(
    process.execPath,
    ['--enable-source-maps', '--input-type=module', '-e', PROBE, pathToFileURL(bundle.file).href],
    { env: LAMBDA_ENV },
  );
  const [wallMs, cpuMs] = JSON.parse(stdout) as [number, number];
  return { wallMs, cpuMs };
}

export async function measureColdStart(bundles: Bundles): Promise<Figure[]> {
  const all = [...bundles.handlers, ...bundles.references];
  const samples = new Map<string, Sample[]>(all.map((b) => [b.name, []]));
  for (const b of all) await importTime(b); // warms the file cache
  for (let i = 0; i < SAMPLES; i++) for (const b of all) samples.get(b.name)!.push(await importTime(b));
  const med = (b: Bundle, key: keyof Sample) => round2(median(samples.get(b.name)!.map((s) => s[key])));
  return bundles.handlers.map((b) => {
    const reference = bundles.referenceOf(b);
    const own = samples.get(b.name)!;
    const ref = samples.get(reference.name)!;
    const rounds = own.map((s, i) => s.cpuMs / ref[i]!.cpuMs);
    const spread = [round2(percentile(rounds, 10)), round2(percentile(rounds, 90))];
    const figure = ratio(
      'cold start',
      b.group,
      round2(med(b, 'cpuMs') / med(reference, 'cpuMs')),
      MAX_RATIO,
      {
        importCpuMs: med(b, 'cpuMs'),
        importWallMs: med(b, 'wallMs'),
        reference: reference.name,
        referenceCpuMs: med(reference, 'cpuMs'),
        referenceWallMs: med(reference, 'wallMs'),
        wallRatio: round2(med(b, 'wallMs') / med(reference, 'wallMs')),
        roundRatioP10P90: spread,
        samples: SAMPLES,
      },
    );
    figure.note = `median of ${SAMPLES} fresh processes; per-round ratios ${spread[0]}–${spread[1]}× (p10–p90); ${med(b, 'cpuMs')} ms vs ${med(reference, 'cpuMs')} ms CPU${figure.pass ? '' : ': limited by the module-scope code it evaluates beyond the reference (see bundle size)'}`;
    return figure;
  });
}
