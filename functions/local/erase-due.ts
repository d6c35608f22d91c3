/**
 * `npm run erase-due`: runs the erasure job once over the local data (`.data/`, or `DATA_DIR`), as the daily
 * schedule does in AWS. Starting the platform runs it as well; use this while the platform is stopped.
 */
import { resolve } from 'node:path';
import { startPlatform } from './platform.ts';

const dataDir = resolve(process.env.DATA_DIR ?? '.data');
// Starting the platform runs the job (see startPlatform); no demo data is seeded into an empty directory.
const platform = await startPlatform({ port: 0, dataDir, seed: false });
try {
  const { erased, failed } = platform.erasure;
  console.log(`Erasure / Löschung: ${erased.length} erased, ${failed.length} failed.`);
  for (const id of erased) console.log(`  erased ${id}`);
  for (const f of failed) console.log(`  failed ${f.id} (${f.errorName})`);
  process.exitCode = failed.length ? 1 : 0;
} finally {
  await platform.stop();
}
