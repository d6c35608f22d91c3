import { describe, expect, it } from 'vitest';
import { formatNumber, parseNumber } from './number-format.ts';

describe('parseNumber (German UI)', () => {
  it.each([
    ['17000', 17000],
    ['17.000', 17000],
    ['1.234,56', 1234.56],
    ['1234,56', 1234.56],
    ['17,5', 17.5],
    [' 2.500 € ', 2500],
    ['-3', -3],
    ['1.234.567', 1234567],
  ])('reads %s as %d', (text, value) => {
    expect(parseNumber(text, 'de')).toEqual({ kind: 'number', value });
  });

  it.each(['1.5', '17.00', '1,234.56', '1,2,3', '1.2.3', ',5'])('refuses %s as ambiguous', (text) => {
    expect(parseNumber(text, 'de').kind).toBe('ambiguous');
  });

  it.each(['abc', '12a', '1,5x', '1e5'])('refuses %s as no number', (text) => {
    expect(parseNumber(text, 'de').kind).toBe('invalid');
  });

  it('refuses a fraction where a whole number is asked for', () => {
    expect(parseNumber('2,5', 'de', true).kind).toBe('notInteger');
    expect(parseNumber('1.988', 'de', true)).toEqual({ kind: 'number', value: 1988 });
  });

  it('reads nothing as empty', () => {
    expect(parseNumber('  ', 'de').kind).toBe('empty');
  });
});

describe('parseNumber (English UI)', () => {
  it('reads English grouping and decimals', () => {
    expect(parseNumber('17,000', 'en')).toEqual({ kind: 'number', value: 17000 });
    expect(parseNumber('1,234.56', 'en')).toEqual({ kind: 'number', value: 1234.56 });
    expect(parseNumber('1.234,56', 'en').kind).toBe('ambiguous');
  });
});

describe('formatNumber', () => {
  it('groups amounts but never a four-digit year', () => {
    expect(formatNumber(17000, 'de')).toBe('17.000');
    expect(formatNumber(1234.56, 'de')).toBe('1234,56');
    expect(formatNumber(1988, 'de')).toBe('1988');
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
  });
});
