/** `npm run reset`: wipes the local data (DynamoDB, S3, signing key); the next start seeds anew. */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

const dataDir = resolve(process.env.DATA_DIR ?? '.data');
rmSync(dataDir, { recursive: true, force: true });
console.log(`Removed ${dataDir}.`);
