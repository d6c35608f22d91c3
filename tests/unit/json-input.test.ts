import { describe, expect, it } from 'vitest';
import { AppError } from '../../functions/core/errors.ts';
import { parseJson } from '../../functions/core/json-input.ts';

function refusal(text: string): AppError {
  try {
    parseJson(text);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`accepted: ${text}`);
}

describe('parseJson', () => {
  it('parses JSON as JSON.parse does, own __proto__ keys included', () => {
    const text =
      '{"a":[1,-2.5,0,1e3,9007199254740991,-9007199254740991,1e-300],"__proto__":{"x":null},"s":"1e400"}';
    const value = parseJson(text) as Record<string, unknown>;
    expect(value).toEqual(JSON.parse(text));
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it.each([
    ['{"a":{"b":[1, 9007199254740992]}}', '/a/b/1'],
    ['{"n":-9007199254740993}', '/n'],
    ['{"n":1e308}', '/n'],
    ['{"n":1e400}', '/n'],
    ['{"n":-1e400}', '/n'],
    ['{"n":1e-400}', '/n'],
    ['[0, {"a~b/c": 12345678901234567890}]', '/1/a~0b~1c'],
    ['1e400', '/'],
  ])('refuses %s at %s', (text, pointer) => {
    const error = refusal(text);
    expect(error.status).toBe(400);
    expect(error.code).toBe('request.unsafe_number');
    expect(error.details).toEqual([expect.objectContaining({ pointer })]);
  });

  it('refuses what is not JSON, and nesting deep enough to exhaust a recursive walk, with 400', () => {
    expect(refusal('{"a":').code).toBe('request.malformed_json');
    expect(refusal('NaN').code).toBe('request.malformed_json');
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(refusal(deep)).toMatchObject({ status: 400, code: 'request.too_deep' });
  });
});
