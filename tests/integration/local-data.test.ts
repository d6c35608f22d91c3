/**
 * Damaged local data: `npm start` refuses with a clear message (a LocalDataError, printed without a stack
 * trace), quickly, and changes nothing; above all it never seeds demo data over a database it cannot read.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalDataError } from '../../functions/local/data-dir.ts';
import { startPlatform } from '../../functions/local/platform.ts';

const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pakt-data-'));
  dirs.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('damaged local data', () => {
  it('a damaged database file: refused at once, the file left as it was', async () => {
    const dir = fresh();
    const db = join(dir, 'dynamodb', 'shared-local-instance.db');
    mkdirSync(join(dir, 'dynamodb'), { recursive: true });
    writeFileSync(db, 'not a database');
    const started = Date.now();
    const error = await startPlatform({ port: 0, dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalDataError);
    expect((error as Error).message).toMatch(/damaged.*npm run reset/s);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(readFileSync(db, 'utf8')).toBe('not a database');
  });

  it('a database without the platform table: refused, nothing seeded into it', async () => {
    const dir = fresh();
    const other = await startPlatform({ port: 0, dataDir: dir, tableName: 'some-other-table', seed: false });
    await other.stop();
    const error = await startPlatform({ port: 0, dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalDataError);
    expect((error as Error).message).toContain('pakt-local');
    // Two starts of the embedded database on a shared machine.
  }, 90_000);

  it('a damaged signing key file: refused with what to do', async () => {
    const { localSigner } = await import('../../functions/local/jwt.ts');
    const dir = fresh();
    writeFileSync(join(dir, 'jwt-key.json'), '{"privateJwk": ');
    await expect(localSigner(dir)).rejects.toBeInstanceOf(LocalDataError);
    writeFileSync(join(dir, 'jwt-key.json'), '{"privateJwk": {"kty": "EC"}, "publicJwk": {}}');
    await expect(localSigner(dir)).rejects.toThrow(/signing key .* damaged/);
  });
});
