import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BREACH_CODES } from '../../functions/core/allocation-rules.ts';
import { ERROR_CATALOGUE, isErrorCode } from '../../functions/core/error-catalogue.ts';
import { routes } from '../../functions/routes.ts';

const FUNCTIONS = fileURLToPath(new URL('../../functions/', import.meta.url));
const CODE = /^[a-z_]+(\.[a-z_]+)+$/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * The codes a source raises: the leading string literals of every error call (`badRequest('x.y', …)`,
 * `new AppError(409, 'x.y', …)`, also both branches of `cond ? 'a.b' : 'c.d'`), `code: 'x.y'` objects
 * (details, rejection reasons) and the local server's `errorBody('x.y', …)`.
 */
function raisedCodes(source: string): string[] {
  const codes: string[] = [];
  const calls = /\b(?:badRequest|forbidden|notFound|conflict|errorBody|new AppError)\(/g;
  for (const match of source.matchAll(calls)) {
    const rest = source.slice(
      (match.index ?? 0) + match[0].length,
      (match.index ?? 0) + match[0].length + 400,
    );
    for (const literal of rest.matchAll(/'([^'\n]*)'|`|"/g)) {
      const value = literal[1];
      if (value === undefined || !CODE.test(value)) break;
      codes.push(value);
    }
  }
  for (const match of source.matchAll(/\bcode: '([^']+)'/g)) if (CODE.test(match[1]!)) codes.push(match[1]!);
  return codes;
}

describe('error catalogue', () => {
  it('knows every code raised anywhere in functions/', () => {
    const missing: string[] = [];
    let found = 0;
    for (const file of sources(FUNCTIONS)) {
      if (file.endsWith('error-catalogue.ts')) continue;
      for (const code of raisedCodes(readFileSync(file, 'utf8'))) {
        found++;
        if (!isErrorCode(code)) missing.push(`${code} (${file.slice(FUNCTIONS.length)})`);
      }
    }
    expect(missing).toEqual([]);
    expect(found).toBeGreaterThan(60);
  });

  it('finds codes in both branches of a conditional and stops at the message', () => {
    expect(
      raisedCodes(
        `throw badRequest(\n  mode ? 'a.one' : 'b.two',\n  'The message.', [{ code: 'c.three' }]);`,
      ),
    ).toEqual(['a.one', 'b.two', 'c.three']);
    expect(raisedCodes("new AppError(413, 'request.too_large', `x`)")).toEqual(['request.too_large']);
  });

  it('has a German and an English message and an error status for every code', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect(entry.de.length, code).toBeGreaterThan(5);
      expect(entry.en.length, code).toBeGreaterThan(5);
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
    }
  });

  it("knows the funding rules' codes, with which a submit is refused", () => {
    expect(BREACH_CODES.filter((c) => !isErrorCode(c))).toEqual([]);
  });

  it('lists only known codes per route', () => {
    const unknown = routes.flatMap((r) =>
      r.errors.filter((c) => !isErrorCode(c)).map((c) => `${r.method} ${r.path}: ${c}`),
    );
    expect(unknown).toEqual([]);
  });
});
