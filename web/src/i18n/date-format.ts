/**
 * The one date formatter of the web app: dates and times shown in the UI language's conventions (German
 * `29.11.2026`, English `29 Nov 2026`), and dates typed that way read back. On the wire, dates stay ISO
 * (`2026-11-29`) and instants ISO 8601 with time zone.
 */
export type DateLocale = 'de' | 'en';

const tag = (locale: DateLocale) => (locale === 'de' ? 'de-DE' : 'en-GB');
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Date-only strings (`2026-03-12`) are calendar dates, not instants: read them at noon, with no zone shift. */
function toDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  return ISO_DATE.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
}

const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: DateLocale, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}:${withTime}`;
  let f = formats.get(key);
  if (!f) {
    const day: Intl.DateTimeFormatOptions =
      locale === 'de'
        ? { day: '2-digit', month: '2-digit', year: 'numeric' }
        : { day: 'numeric', month: 'short', year: 'numeric' };
    f = new Intl.DateTimeFormat(tag(locale), withTime ? { ...day, hour: '2-digit', minute: '2-digit' } : day);
    formats.set(key, f);
  }
  return f;
}

/** `29.11.2026` / `29 Nov 2026`; empty for no value; a text that is no date is shown as it is. */
export function formatDate(value: string | Date | null | undefined, locale: DateLocale): string {
  if (value === null || value === undefined || value === '') return '';
  const d = toDate(value);
  return Number.isNaN(d.getTime()) ? String(value) : formatter(locale, false).format(d);
}

/** `29.11.2026, 14:05` / `29 Nov 2026, 14:05` (local time). */
export function formatDateTime(value: string | Date | null | undefined, locale: DateLocale): string {
  if (value === null || value === undefined || value === '') return '';
  const d = toDate(value);
  return Number.isNaN(d.getTime()) ? String(value) : formatter(locale, true).format(d);
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  // German month names where they differ in their first three letters.
  mär: 3,
  mae: 3,
  mai: 5,
  okt: 10,
  dez: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

function calendarDate(year: number, month: number, day: number): string | undefined {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day > last ? undefined : `${year}-${pad(month)}-${pad(day)}`;
}

export type ParsedDate = { kind: 'empty' } | { kind: 'date'; iso: string } | { kind: 'invalid' };

/**
 * A typed date read back: the UI language's form (`29.11.2026`, `29 Nov 2026`, `29/11/2026`), a month
 * name in either language, or ISO (`2026-11-29`). Day before month always (no American order); a date the
 * calendar does not have (31.11.2026) is invalid, never moved on.
 */
export function parseDate(text: string): ParsedDate {
  const input = text.trim();
  if (!input) return { kind: 'empty' };
  let iso: string | undefined;
  const isoMatch = ISO_DATE.exec(input);
  const numeric = /^(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{4})$/.exec(input);
  const named = /^(\d{1,2})\.?\s+([A-Za-zÄÖÜäöü]{3,})\.?\s+(\d{4})$/.exec(input);
  if (isoMatch) iso = calendarDate(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3]));
  else if (numeric) iso = calendarDate(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
  else if (named) {
    const month = MONTHS[named[2]!.slice(0, 3).toLocaleLowerCase('de')];
    if (month) iso = calendarDate(Number(named[3]), month, Number(named[1]));
  }
  return iso ? { kind: 'date', iso } : { kind: 'invalid' };
}

/** How a date is typed in the UI language, for hints. */
export const dateInputPattern = (locale: DateLocale) => (locale === 'de' ? 'TT.MM.JJJJ' : 'DD/MM/YYYY');
