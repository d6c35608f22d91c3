import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Local data that cannot be read (a damaged database file, a damaged key file). `npm start` prints the
 * message, without a stack trace, and changes nothing: never seeds demo data over what it could not read.
 */
export class LocalDataError extends Error {
  override readonly name = 'LocalDataError';
}

const SQLITE_HEADER = 'SQLite format 3\0';
const KEEP_OR_RESET =
  'Nothing was changed. Move the data directory away to keep it, or run `npm run reset` to start afresh with the demo data.';

/**
 * Checks the embedded database's files before DynamoDB Local opens them (a damaged file makes it hang
 * for a minute and then fail with a Java stack trace). Answers whether there is a database at all.
 */
export function checkDatabaseFiles(dataDir: string): { hasDatabase: boolean } {
  const dir = join(dataDir, 'dynamodb');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.db')) : [];
  for (const file of files) {
    const path = join(dir, file);
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const fd = openSync(path, 'r');
    let read: number;
    try {
      read = readSync(fd, header, 0, header.length, 0);
    } finally {
      closeSync(fd);
    }
    if (read < header.length || header.toString('latin1') !== SQLITE_HEADER) {
      throw new LocalDataError(
        `The database file ${path} is damaged (not an SQLite database). ${KEEP_OR_RESET}`,
      );
    }
  }
  return { hasDatabase: files.length > 0 };
}

/** A database whose file exists but whose table is missing: the data is unreadable, not absent. */
export const tableMissing = (tableName: string, dataDir: string) =>
  new LocalDataError(
    `The database in ${join(dataDir, 'dynamodb')} exists but has no table "${tableName}"; it cannot be read as this platform's data. ${KEEP_OR_RESET}`,
  );

/** A key file that cannot be read. */
export const keyFileDamaged = (path: string) =>
  new LocalDataError(
    `The local signing key ${path} is damaged. Delete it to have a new one made (everyone signs in again), or run \`npm run reset\`.`,
  );
