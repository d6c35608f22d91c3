/**
 * Numbers as people type them: German input ("17.000", "1.234,56", "17000") in the German UI, English input
 * ("17,000", "1,234.56") in the English one. Anything that could mean two different numbers ("1.5" in
 * German: one and a half or a typo of 15?) is refused rather than guessed, so "17.000" is never stored as 17.
 */
import type { Locale } from '../i18n/messages.ts';

export type ParsedNumber =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'ambiguous' }
  | { kind: 'invalid' }
  | { kind: 'notInteger' };

const SEPARATORS: Record<Locale, { group: string; decimal: string }> = {
  de: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** Reads a number typed in the conventions of `locale`; `integer` refuses a fractional part. */
export function parseNumber(text: string, locale: Locale, integer = false): ParsedNumber {
  const { group, decimal } = SEPARATORS[locale];
  const clean = text.replace(/[\s\u00a0\u202f€]/g, '');
  if (clean === '') return { kind: 'empty' };
  const match = /^([+-]?)([\d.,]+)$/.exec(clean);
  if (!match) return { kind: 'invalid' };
  const sign = match[1] === '-' ? -1 : 1;
  const body = match[2] ?? '';
  // Digits and separators that do not form one number in this language's conventions could mean several.
  const ambiguous: ParsedNumber = { kind: 'ambiguous' };
  const decimals = body.split(decimal);
  if (decimals.length > 2) return ambiguous;
  const [whole = '', fraction] = decimals;
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return ambiguous;
  if (whole.includes(group)) {
    // Grouping must be exact: 1–3 digits, then groups of three ("17.000", "1.234.567").
    const groups = whole.split(group);
    const exact = /^\d{1,3}$/.test(groups[0] ?? '') && groups.slice(1).every((g) => /^\d{3}$/.test(g));
    if (!exact) return ambiguous;
  } else if (whole === '') return ambiguous;
  const value =
    sign * Number(`${whole.split(group).join('')}${fraction !== undefined ? `.${fraction}` : ''}`);
  if (!Number.isFinite(value)) return { kind: 'invalid' };
  if (integer && !Number.isInteger(value)) return { kind: 'notInteger' };
  return { kind: 'number', value };
}

const tag = (locale: Locale) => (locale === 'de' ? 'de-DE' : 'en-GB');

/**
 * A number as the UI language writes it; four-digit numbers stay ungrouped ("1988", "17.000") as DIN 5008
 * allows, so a year of birth never reads "1.988".
 */
export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(tag(locale), { useGrouping: 'min2', maximumFractionDigits: 10 }).format(value);
}
