import type { Column, Direction } from './model.ts';

/**
 * Dates and numbers in the reader's conventions. Always the Gregorian calendar (a Dari or Farsi reader's
 * default would otherwise be the Persian one): the dates in a plan are agreements with German offices.
 */

const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** True for a well-formed BCP 47 language tag of the simple kind the platform uses. */
export const isLanguageTag = (value: unknown): value is string =>
  typeof value === 'string' && LANG.test(value);

const gregorian = (lang: string) => `${lang}-u-ca-gregory`;

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const integerFormats = new Map<string, Intl.NumberFormat>();

/** A calendar date (`YYYY-MM-DD`) as the reader writes it, e.g. `1. Februar 2018`, `١ فبراير ٢٠١٨`. */
export function formatDate(lang: string, isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  let f = dateFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(gregorian(lang), { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(lang, f);
  }
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? isoDate : f.format(date);
}

/** A whole number without grouping: a year of birth is `1988`, never `1.988`. */
export function formatInteger(lang: string, value: number): string {
  let f = integerFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang, { useGrouping: false, maximumFractionDigits: 0 });
    integerFormats.set(lang, f);
  }
  return f.format(value);
}

/** The reader's ten digits. */
export function digitsOf(lang: string): string {
  return Array.from({ length: 10 }, (_, i) => formatInteger(lang, i)).join('');
}

/** The writing direction of a language, from its texts' own statement if they make one. */
export function directionOfLanguage(lang: string, stated?: unknown): Direction {
  if (stated === 'rtl' || stated === 'ltr') return stated;
  const locale = new Intl.Locale(lang) as Intl.Locale & {
    textInfo?: { direction?: string };
    getTextInfo?: () => { direction?: string };
  };
  const info = locale.getTextInfo?.() ?? locale.textInfo;
  return info?.direction === 'rtl' ? 'rtl' : 'ltr';
}

export function column(lang: string, statedDirection?: unknown): Column {
  return { lang, dir: directionOfLanguage(lang, statedDirection), digits: digitsOf(lang) };
}

/** Replaces `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
