import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, parseDate } from './date-format.ts';
import { makeI18n } from './i18n.tsx';
import { en as english } from './messages.en.ts';

describe('the date formatter', () => {
  it('shows calendar dates in the UI language, without a time zone shift', () => {
    expect(formatDate('2026-11-29', 'de')).toBe('29.11.2026');
    expect(formatDate('2026-11-29', 'en')).toBe('29 Nov 2026');
    expect(formatDate('2026-01-01', 'de')).toBe('01.01.2026');
    expect(formatDate('2026-12-31', 'en')).toBe('31 Dec 2026');
  });

  it('shows instants with their local time', () => {
    const at = new Date(2026, 10, 29, 14, 5);
    expect(formatDateTime(at, 'de')).toBe('29.11.2026, 14:05');
    expect(formatDateTime(at, 'en')).toBe('29 Nov 2026, 14:05');
  });

  it('shows nothing for no value and a text that is no date as it is', () => {
    expect(formatDate(undefined, 'de')).toBe('');
    expect(formatDate('', 'en')).toBe('');
    expect(formatDate('29.11.20', 'de')).toBe('29.11.20');
  });

  it('is the formatter the i18n object uses', () => {
    expect(makeI18n('de', () => {}).date('2026-11-29')).toBe('29.11.2026');
    expect(makeI18n('en', () => {}, english).date('2026-11-29')).toBe('29 Nov 2026');
  });
});

describe('reading a typed date', () => {
  it('reads German, English and ISO forms, day before month', () => {
    for (const text of [
      '29.11.2026',
      '29.11.2026 ',
      '29. Nov. 2026',
      '29 Nov 2026',
      '29 November 2026',
      '29/11/2026',
      '2026-11-29',
    ])
      expect(parseDate(text), text).toEqual({ kind: 'date', iso: '2026-11-29' });
    expect(parseDate('1.2.2026')).toEqual({ kind: 'date', iso: '2026-02-01' });
    expect(parseDate('3 Sept 2026')).toEqual({ kind: 'date', iso: '2026-09-03' });
    expect(parseDate('3. März 2026')).toEqual({ kind: 'date', iso: '2026-03-03' });
    expect(parseDate('24. Dez. 2026')).toEqual({ kind: 'date', iso: '2026-12-24' });
  });

  it('refuses what the calendar does not have and what is not a whole date', () => {
    for (const text of [
      '31.11.2026',
      '29.02.2026',
      '2026-13-01',
      '29.11.26',
      '11/29',
      'morgen',
      '29 Foo 2026',
    ])
      expect(parseDate(text), text).toEqual({ kind: 'invalid' });
    expect(parseDate('29.02.2028')).toEqual({ kind: 'date', iso: '2028-02-29' });
    expect(parseDate('  ')).toEqual({ kind: 'empty' });
  });

  it('reads back every date it shows, in both languages', () => {
    for (const iso of ['2026-01-05', '2026-03-31', '2026-09-15', '2027-12-01'])
      for (const locale of ['de', 'en'] as const)
        expect(parseDate(formatDate(iso, locale)), `${iso} ${locale}`).toEqual({ kind: 'date', iso });
  });
});
