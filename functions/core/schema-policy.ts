/**
 * What a schema published at run time may say, beyond being valid JSON Schema 2020-12. Each refusal names its
 * reason and the schema's pointer. Pure (also runs in the browser's admin screen).
 *
 * - Form data is pruned to the declared properties before it is validated, so a keyword whose meaning depends
 *   on undeclared properties would validate something else than the schema says: `minProperties`,
 *   `maxProperties`, `patternProperties`, `required` or `dependentRequired` naming an undeclared property, and
 *   `const`/`enum` of objects are refused (`propertyNames`, `unevaluatedProperties` and `dependentSchemas`
 *   are refused as keywords the renderer cannot show).
 * - Identifiers: `$id`, `$anchor` and `$dynamicAnchor` are refused (the platform names the schemas it
 *   compiles), `$ref` must point into the schema itself and resolve, `$schema` must be 2020-12.
 * - Numbers must be carried exactly (as in requests: integers within ±(2^53 − 1)).
 * - Patterns must be safe from catastrophic backtracking in every JavaScript engine, since the same validator
 *   file runs on the server and in the browser: see {@link patternProblem}.
 */
import type { ErrorDetail } from './errors.ts';
import { encodeToken, readPointer } from './json-pointer.ts';
import { isObject } from './model.ts';

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/** Keywords whose values are schemas (one, a list, or a map of names to schemas). */
const SCHEMA_ONE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'];
const SCHEMA_LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_MAP = ['properties', '$defs', 'definitions', 'dependentSchemas', 'patternProperties'];

/** Every problem of a schema published at run time; empty if it may be published. */
export function schemaProblems(root: unknown): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const add = (pointer: string, code: string, message: string) =>
    problems.push({ pointer: `/schema${pointer}`, code, message });
  if (!isObject(root)) {
    add('', 'schema.not_object', 'A schema must be an object.');
    return problems;
  }
  if (root.$schema !== undefined && root.$schema !== DRAFT_2020_12)
    add('/$schema', 'schema.draft', `Only JSON Schema 2020-12 (${DRAFT_2020_12}) is supported.`);

  const stack: Array<[unknown, string]> = [[root, '']];
  while (stack.length && problems.length < 50) {
    const [node, pointer] = stack.pop()!;
    if (typeof node === 'boolean') continue;
    if (!isObject(node)) {
      add(pointer, 'schema.not_object', 'A schema must be an object or a boolean.');
      continue;
    }
    checkNode(node, pointer, root, add);
    for (const key of SCHEMA_ONE) if (node[key] !== undefined) stack.push([node[key], `${pointer}/${key}`]);
    for (const key of SCHEMA_LIST) {
      const list = node[key];
      if (Array.isArray(list)) for (const [i, s] of list.entries()) stack.push([s, `${pointer}/${key}/${i}`]);
    }
    for (const key of SCHEMA_MAP) {
      const map = node[key];
      if (isObject(map))
        for (const [name, s] of Object.entries(map))
          stack.push([s, `${pointer}/${key}/${encodeToken(name)}`]);
    }
  }
  return problems;
}

function checkNode(
  node: Record<string, unknown>,
  pointer: string,
  root: Record<string, unknown>,
  add: (pointer: string, code: string, message: string) => void,
) {
  for (const key of ['$id', '$anchor', '$dynamicAnchor'] as const) {
    if (node[key] !== undefined)
      add(
        `${pointer}/${key}`,
        'schema.identifier',
        `"${key}" is not supported: the platform names the schemas it compiles.`,
      );
  }
  if (pointer !== '' && node.$schema !== undefined)
    add(`${pointer}/$schema`, 'schema.draft', '"$schema" belongs at the root only.');
  if (node.$ref !== undefined) {
    const ref = node.$ref;
    if (typeof ref !== 'string' || !(ref === '#' || ref.startsWith('#/'))) {
      add(`${pointer}/$ref`, 'schema.ref', '"$ref" must point into this schema ("#/...").');
    } else {
      let target: unknown;
      try {
        target = ref === '#' ? root : readPointer(root, decodeURIComponent(ref.slice(1)));
      } catch {
        target = undefined;
      }
      if (target === undefined) add(`${pointer}/$ref`, 'schema.ref', `"$ref" ${ref} does not resolve.`);
    }
  }
  for (const key of ['minProperties', 'maxProperties'] as const) {
    if (node[key] !== undefined)
      add(
        `${pointer}/${key}`,
        'schema.undeclared_dependent',
        `"${key}" counts properties the form does not declare, which are dropped before validation.`,
      );
  }
  if (node.patternProperties !== undefined)
    add(
      `${pointer}/patternProperties`,
      'schema.undeclared_dependent',
      '"patternProperties" gives meaning to undeclared property names; declare each property instead.',
    );
  // Declared here, or (where this schema is composed with others: `then`, `$ref` siblings, `allOf`) declared
  // as a property somewhere in the document. Instance locations are not traced through compositions.
  const declared = isObject(node.properties) ? node.properties : {};
  const composed =
    !isObject(node.properties) ||
    node.$ref !== undefined ||
    ['allOf', 'anyOf', 'oneOf', 'if', 'then', 'else'].some((k) => node[k] !== undefined);
  const isDeclared = (name: unknown) =>
    typeof name === 'string' &&
    (Object.hasOwn(declared, name) || (composed && declaredAnywhere(root).has(name)));
  const opensUnknown = node.additionalProperties !== undefined && node.additionalProperties !== false;
  if (Array.isArray(node.required) && !opensUnknown) {
    node.required.forEach((name, i) => {
      if (!isDeclared(name))
        add(
          `${pointer}/required/${i}`,
          'schema.undeclared_dependent',
          `"required" names "${String(name)}", which this schema does not declare (it would be dropped).`,
        );
    });
  }
  if (isObject(node.dependentRequired) && !opensUnknown) {
    for (const [name, list] of Object.entries(node.dependentRequired)) {
      const names = [name, ...(Array.isArray(list) ? list : [])];
      if (!names.every(isDeclared))
        add(
          `${pointer}/dependentRequired/${encodeToken(name)}`,
          'schema.undeclared_dependent',
          '"dependentRequired" names a property this schema does not declare (it would be dropped).',
        );
    }
  }
  const holdsObject = (v: unknown): boolean => isObject(v) || (Array.isArray(v) && v.some(holdsObject));
  if (node.const !== undefined && holdsObject(node.const))
    add(
      `${pointer}/const`,
      'schema.undeclared_dependent',
      '"const" of an object depends on properties that are dropped if undeclared.',
    );
  if (Array.isArray(node.enum) && node.enum.some(holdsObject))
    add(
      `${pointer}/enum`,
      'schema.undeclared_dependent',
      '"enum" of objects depends on properties that are dropped if undeclared.',
    );
  // Numbers: the keyword values themselves (const and enum values included).
  for (const [key, value] of Object.entries(node)) {
    if (unsafeNumberIn(value))
      add(
        `${pointer}/${encodeToken(key)}`,
        'schema.unsafe_number',
        'A number beyond ±(2^53 − 1) cannot be carried exactly.',
      );
  }
  if (node.multipleOf !== undefined && !(typeof node.multipleOf === 'number' && node.multipleOf > 0))
    add(`${pointer}/multipleOf`, 'schema.invalid', '"multipleOf" must be a number above 0.');
  if (node.pattern !== undefined) {
    const reason = typeof node.pattern === 'string' ? patternProblem(node.pattern) : 'must be a string';
    if (reason) add(`${pointer}/pattern`, 'schema.unsafe_pattern', `The pattern is refused: ${reason}.`);
  }
}

const declaredNames = new WeakMap<object, Set<string>>();
/** Every name declared in a `properties` map anywhere in the schema. */
function declaredAnywhere(root: Record<string, unknown>): Set<string> {
  let names = declaredNames.get(root);
  if (names) return names;
  names = new Set<string>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (isObject(node)) {
      if (isObject(node.properties)) for (const name of Object.keys(node.properties)) names.add(name);
      stack.push(...Object.values(node));
    }
  }
  declaredNames.set(root, names);
  return names;
}

function unsafeNumberIn(value: unknown): boolean {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'number' && (!Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER)) return true;
    if (Array.isArray(v)) stack.push(...v);
    // Sub-schemas are checked as nodes of their own; const/enum objects are refused anyway.
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Patterns

/** A set of code points as sorted, disjoint ranges. */
type CharSet = Array<[number, number]>;
const MAX_CP = 0x10ffff;

function normalise(ranges: CharSet): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: CharSet = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}
function negate(set: CharSet): CharSet {
  const out: CharSet = [];
  let next = 0;
  for (const [lo, hi] of normalise(set)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}
function overlaps(a: CharSet, b: CharSet): boolean {
  return a.some(([l1, h1]) => b.some(([l2, h2]) => l1 <= h2 && l2 <= h1));
}
const cp = (c: string) => c.codePointAt(0) ?? 0;
const DIGIT: CharSet = [[48, 57]];
const WORD: CharSet = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122],
];
const SPACE: CharSet = normalise([
  [9, 13],
  [32, 32],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]);
const LINE_END: CharSet = [
  [10, 10],
  [13, 13],
  [0x2028, 0x2029],
];

/** A pattern as a sequence of atoms; groups keep their alternatives. */
interface Atom {
  kind: 'set' | 'group';
  set?: CharSet;
  alternatives?: Atom[][];
  min: number;
  max: number;
}

class Unsupported extends Error {}

/** Parses the subset of ECMAScript regular expressions (with the `u` flag) the check understands. */
function parse(pattern: string): Atom[] {
  let i = 0;
  const chars = [...pattern];
  const peek = () => chars[i];
  const escapeSet = (c: string): CharSet => {
    switch (c) {
      case 'd':
        return DIGIT;
      case 'D':
        return negate(DIGIT);
      case 'w':
        return WORD;
      case 'W':
        return negate(WORD);
      case 's':
        return SPACE;
      case 'S':
        return negate(SPACE);
      case 'n':
        return [[10, 10]];
      case 'r':
        return [[13, 13]];
      case 't':
        return [[9, 9]];
      case 'f':
        return [[12, 12]];
      case 'v':
        return [[11, 11]];
      case 'u':
      case 'x':
      case 'p':
      case 'P':
      case 'c':
      case 'k':
        throw new Unsupported(`the escape \\${c} is not supported here`);
      default:
        if (/[1-9]/.test(c)) throw new Unsupported('backreferences can backtrack without bound');
        if (c === 'b' || c === 'B') throw new Unsupported('word boundaries are not supported here');
        if (c === '0') return [[0, 0]];
        return [[cp(c), cp(c)]];
    }
  };
  const parseClass = (): CharSet => {
    const negated = peek() === '^';
    if (negated) i++;
    const ranges: CharSet = [];
    while (i < chars.length && peek() !== ']') {
      let c = chars[i++]!;
      let lo: CharSet;
      if (c === '\\') {
        c = chars[i++] ?? '';
        lo = c === 'b' ? [[8, 8]] : escapeSet(c);
      } else if (c === '[') throw new Unsupported('nested classes are not supported');
      else lo = [[cp(c), cp(c)]];
      if (
        peek() === '-' &&
        chars[i + 1] !== undefined &&
        chars[i + 1] !== ']' &&
        lo.length === 1 &&
        lo[0]![0] === lo[0]![1]
      ) {
        i++;
        let h = chars[i++]!;
        let hi: number;
        if (h === '\\') {
          h = chars[i++] ?? '';
          const set = escapeSet(h);
          if (set.length !== 1 || set[0]![0] !== set[0]![1])
            throw new Unsupported('a class range must end in one character');
          hi = set[0]![0];
        } else hi = cp(h);
        if (hi < lo[0]![0]) throw new Unsupported('a class range is out of order');
        ranges.push([lo[0]![0], hi]);
      } else ranges.push(...lo);
    }
    if (peek() !== ']') throw new Unsupported('an unclosed character class');
    i++;
    const set = normalise(ranges);
    return negated ? negate(set) : set;
  };
  const quantifier = (atom: Atom) => {
    const c = peek();
    if (c === '*' || c === '+' || c === '?') {
      i++;
      atom.min = c === '+' ? 1 : 0;
      atom.max = c === '?' ? 1 : Number.POSITIVE_INFINITY;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(chars.slice(i).join(''));
      if (!m) return;
      i += m[0].length;
      atom.min = Number(m[1]);
      atom.max = m[2] === undefined ? atom.min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
    } else return;
    if (peek() === '?') i++; // lazy: the same set of matches
  };
  const sequence = (inGroup: boolean): Atom[][] => {
    const alternatives: Atom[][] = [[]];
    while (i < chars.length) {
      const c = chars[i]!;
      if (c === ')') {
        if (!inGroup) throw new Unsupported('an unbalanced ")"');
        break;
      }
      i++;
      let atom: Atom;
      if (c === '|') {
        alternatives.push([]);
        continue;
      } else if (c === '(') {
        if (peek() === '?') {
          if (chars[i + 1] !== ':') throw new Unsupported('lookarounds and named groups are not supported');
          i += 2;
        }
        const inner = sequence(true);
        if (peek() !== ')') throw new Unsupported('an unclosed group');
        i++;
        atom = { kind: 'group', alternatives: inner, min: 1, max: 1 };
      } else if (c === '[') atom = { kind: 'set', set: parseClass(), min: 1, max: 1 };
      else if (c === '\\') atom = { kind: 'set', set: escapeSet(chars[i++] ?? ''), min: 1, max: 1 };
      else if (c === '.') atom = { kind: 'set', set: negate(LINE_END), min: 1, max: 1 };
      else if (c === '^' || c === '$') throw new Unsupported('"^" and "$" belong at the start and end only');
      else if ('*+?{'.includes(c)) throw new Unsupported('a quantifier without anything to repeat');
      else atom = { kind: 'set', set: [[cp(c), cp(c)]], min: 1, max: 1 };
      quantifier(atom);
      if (atom.min > atom.max) throw new Unsupported('a quantifier {n,m} with n > m');
      alternatives.at(-1)!.push(atom);
    }
    return alternatives;
  };
  const top = sequence(false);
  if (top.length !== 1) throw new Unsupported('alternatives must be grouped inside "^(...)$"');
  return top[0]!;
}

/** The characters an atom can begin with. */
function firstSet(atom: Atom): CharSet {
  if (atom.kind === 'set') return atom.set ?? [];
  return normalise((atom.alternatives ?? []).flatMap((alt) => (alt[0] ? firstSet(alt[0]) : [])));
}
/** Every character an atom can match anywhere. */
function allChars(atom: Atom): CharSet {
  if (atom.kind === 'set') return atom.set ?? [];
  return normalise((atom.alternatives ?? []).flatMap((alt) => alt.flatMap(allChars)));
}
const isSingleChar = (a: Atom) => a.kind === 'set';
const fixedLength = (seq: Atom[]): boolean =>
  seq.every((a) => a.min === a.max && (a.kind === 'set' || (a.alternatives ?? []).every(fixedLength)));

/**
 * Checks a sequence: a variable atom (min < max) must not be followed, with only optional atoms between, by an
 * atom that can take the same characters (the split between them would be ambiguous: polynomial backtracking);
 * repeated groups must be unambiguous per iteration; alternatives must be fixed-length.
 */
function checkSequence(seq: Atom[]): string | undefined {
  for (const [i, atom] of seq.entries()) {
    if (atom.kind === 'group') {
      const alts = atom.alternatives ?? [];
      if (alts.length > 1 && !alts.every(fixedLength)) return 'alternatives must each match a fixed length';
      if (atom.max > 1) {
        // A repeated group: one alternative of single characters, each exactly once or optional, never empty,
        // with every optional character disjoint from what may follow it up to the next mandatory one, also
        // across the boundary into the next iteration.
        if (alts.length !== 1 || !alts[0]!.every((a) => isSingleChar(a) && a.max === 1))
          return 'a repeated group may only hold single characters (each once or optional)';
        const body = alts[0]!;
        if (!body.some((a) => a.min === 1)) return 'a repeated group must not match the empty string';
        const twice = [...body, ...body];
        for (const [j, a] of body.entries()) {
          if (a.min === 1) continue;
          for (let k = j + 1; k < twice.length; k++) {
            if (overlaps(a.set ?? [], twice[k]!.set ?? []))
              return 'a repeated group can split the same text in two ways';
            if (twice[k]!.min === 1) break;
          }
        }
      } else {
        for (const alt of alts) {
          const inner = checkSequence(alt);
          if (inner) return inner;
        }
      }
    }
    if (atom.min === atom.max) continue;
    const chars = allChars(atom);
    for (let k = i + 1; k < seq.length; k++) {
      const next = seq[k]!;
      if (overlaps(chars, firstSet(next)) || (next.kind === 'group' && overlaps(chars, allChars(next))))
        return 'two repetitions next to each other can take the same characters';
      if (next.min >= 1) break;
    }
  }
  return undefined;
}

/**
 * Why a `pattern` is refused, or undefined if it is safe: it must be anchored (`^...$`, so that an engine does
 * not retry at every position), use no backreferences or lookarounds, and be unambiguous in the sense of
 * {@link checkSequence}, which rules out exponential and polynomial backtracking (e.g. `^(a|a)*$`,
 * `^\d*\d*x$`). Conservative: some safe patterns are refused too, always with the reason.
 */
export function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return `not a valid regular expression (${(error as Error).message})`;
  }
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$'))
    return 'it must be anchored at both ends ("^...$")';
  try {
    return checkSequence(parse(pattern.slice(1, -1)));
  } catch (error) {
    if (error instanceof Unsupported) return error.message;
    throw error;
  }
}
