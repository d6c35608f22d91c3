/** `npm start`: the whole platform on one port, data kept in `.data/`. Ctrl-C stops everything it started. */
import { resolve } from 'node:path';
import { LocalDataError } from './data-dir.ts';
import { startPlatform } from './platform.ts';
import { LOCAL_RATE_LIMIT } from './rate-limit.ts';

const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const platform = await startPlatform({
  port,
  dataDir,
  webDir: resolve('web/dist'),
  log: process.env.LOG === 'true',
  // As the web ACL in AWS: one client cannot starve the others.
  rateLimit: LOCAL_RATE_LIMIT,
}).catch((error: NodeJS.ErrnoException) => {
  // Damaged local data: what is wrong and what to do, no stack trace, nothing changed.
  if (error instanceof LocalDataError) console.error(error.message);
  else if (error.code === 'EADDRINUSE')
    console.error(`Port ${port} is in use. Start on another one: PORT=3001 npm start`);
  else if (/DynamoDB Local exited/.test(String(error.message))) {
    console.error(
      `${error.message}\nJava 17+ is needed for the embedded DynamoDB (Debian: apt-get install openjdk-17-jre-headless).`,
    );
  } else console.error(error);
  process.exit(1);
});

const response = await fetch(`${platform.url}/local/users`);
const users = (await response.json()) as Array<{
  username: string;
  name: string;
  role: string;
  orgName: string;
}>;
console.log(`\nPakt für Integration – lokale Plattform / local platform\n\n  ${platform.url}\n`);
console.log('Demo-Nutzende / demo users (sign in on the start page):');
for (const u of users)
  console.log(`  ${u.username.padEnd(26)} ${u.role.padEnd(13)} ${u.name} – ${u.orgName}`);
if (platform.planLanguages.migrated.length)
  console.log(
    `\nSprache der Person als Code übernommen / person's language recorded as a code: ${platform.planLanguages.migrated.length} plan(s).`,
  );
console.log(`\nE-Mails (lokale Ansicht / local viewer): ${platform.sesEndpoint}`);
console.log(`\nDaten / data: ${dataDir}   (npm run reset wipes it)\nStrg-C / Ctrl-C stops.\n`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await platform.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
