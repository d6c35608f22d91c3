import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type Catalogue, type Locale, type MessageKey, messages } from './messages.ts';

const LOCALE_KEY = 'pakt.locale';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  /** `12.03.2026` */
  date(value: string | Date | undefined | null): string;
  /** `12.03.2026, 14:05` */
  dateTime(value: string | Date | undefined | null): string;
  time(value: Date): string;
  /** `213.349 €` (whole euros unless the amount has cents) */
  money(value: number | undefined | null): string;
  number(value: number): string;
  bytes(value: number): string;
}

/** Fills `{name}` placeholders. */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? String(params[name]) : `{${name}}`,
  );
}

export function translator(catalogue: Catalogue): Translate {
  return (key, params) => format(catalogue[key] ?? key, params);
}

const tag = (locale: Locale) => (locale === 'de' ? 'de-DE' : 'en-GB');

/** Date-only strings (`2026-03-12`) are calendar dates, not instants: format them without a time zone shift. */
function toDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
}

export function makeI18n(locale: Locale, setLocale: (l: Locale) => void): I18n {
  const t = translator(messages[locale]);
  const dateFmt = new Intl.DateTimeFormat(tag(locale), { day: '2-digit', month: '2-digit', year: 'numeric' });
  const dateTimeFmt = new Intl.DateTimeFormat(tag(locale), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const timeFmt = new Intl.DateTimeFormat(tag(locale), {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const moneyFmt = new Intl.NumberFormat(tag(locale), {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  });
  const centsFmt = new Intl.NumberFormat(tag(locale), { style: 'currency', currency: 'EUR' });
  const numberFmt = new Intl.NumberFormat(tag(locale));
  return {
    locale,
    setLocale,
    t,
    date: (v) => (v ? dateFmt.format(toDate(v)) : ''),
    dateTime: (v) => (v ? dateTimeFmt.format(toDate(v)) : ''),
    time: (v) => timeFmt.format(v),
    money: (v) =>
      v == null || Number.isNaN(v) ? '' : Number.isInteger(v) ? moneyFmt.format(v) : centsFmt.format(v),
    number: (v) => numberFmt.format(v),
    bytes: (v) =>
      v >= 1024 * 1024
        ? `${numberFmt.format(Math.round((v / 1024 / 1024) * 10) / 10)} MB`
        : `${numberFmt.format(Math.round(v / 1024))} KB`,
  };
}

const I18nContext = createContext<I18n>(makeI18n('de', () => {}));

function initialLocale(): Locale {
  const stored = sessionStorage.getItem(LOCALE_KEY);
  return stored === 'en' || stored === 'de' ? stored : 'de';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    sessionStorage.setItem(LOCALE_KEY, l);
    setLocaleState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => makeI18n(locale, setLocale), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);
