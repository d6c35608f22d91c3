import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { formatDate, formatDateTime } from './date-format.ts';
import { type Catalogue, de, type Locale, type MessageKey } from './messages.ts';

/**
 * The catalogue of a language: German is part of the app; English is loaded when it is chosen, so that a
 * German page carries no English texts.
 */
const loadCatalogue = (locale: Locale): Promise<Catalogue> =>
  locale === 'de' ? Promise.resolve(de) : import('./messages.en.ts').then((m) => m.en);

const LOCALE_KEY = 'pakt.locale';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  /** `12.03.2026` / `12 Mar 2026` (one formatter: `date-format.ts`) */
  date(value: string | Date | undefined | null): string;
  /** `12.03.2026, 14:05` / `12 Mar 2026, 14:05` */
  dateTime(value: string | Date | undefined | null): string;
  time(value: Date): string;
  /** `213.349 €` (whole euros unless the amount has cents) */
  money(value: number | undefined | null): string;
  number(value: number): string;
  bytes(value: number): string;
}

const tag = (locale: Locale) => (locale === 'de' ? 'de-DE' : 'en-GB');

/** Fills `{name}` placeholders. */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? String(params[name]) : `{${name}}`,
  );
}

/**
 * A translator over one catalogue. Plural forms: where the catalogue has `<key>.one`, a `count` (or
 * `limit`) of 1 takes that text ("1 Eintrag") and every other number the key's own ("3 Einträge").
 * A `count` is written in the catalogue's number format ("1.250 Einträge").
 */
export function translator(catalogue: Catalogue, locale: Locale = 'de'): Translate {
  const numberFmt = new Intl.NumberFormat(tag(locale));
  return (key, params) => {
    const n = params?.count ?? params?.limit;
    const one = `${key}.one` as MessageKey;
    const text =
      n !== undefined && Number(n) === 1 && one in catalogue ? catalogue[one] : (catalogue[key] ?? key);
    const shown =
      typeof params?.count === 'number' ? { ...params, count: numberFmt.format(params.count) } : params;
    return format(text, shown);
  };
}

/** The app's words and formats in one language; `catalogue` is that language's (German unless given). */
export function makeI18n(locale: Locale, setLocale: (l: Locale) => void, catalogue: Catalogue = de): I18n {
  const t = translator(catalogue, locale);
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
  // Four-digit numbers stay ungrouped (a year of birth reads 1988, not 1.988); amounts use `money`.
  const numberFmt = new Intl.NumberFormat(tag(locale), { useGrouping: 'min2' });
  return {
    locale,
    setLocale,
    t,
    date: (v) => formatDate(v, locale),
    dateTime: (v) => formatDateTime(v, locale),
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
  // The language shown changes once its catalogue is there (German is; English loads on first use).
  const [shown, setShown] = useState<{ locale: Locale; catalogue: Catalogue }>({
    locale: 'de',
    catalogue: de,
  });
  const choose = useCallback((l: Locale) => {
    loadCatalogue(l).then(
      (catalogue) => setShown({ locale: l, catalogue }),
      // Not loaded (offline): the page stays in the language it shows.
      () => undefined,
    );
  }, []);
  const setLocale = useCallback(
    (l: Locale) => {
      sessionStorage.setItem(LOCALE_KEY, l);
      choose(l);
    },
    [choose],
  );
  useEffect(() => {
    const stored = initialLocale();
    if (stored !== 'de') choose(stored);
  }, [choose]);
  const { locale, catalogue } = shown;
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => makeI18n(locale, setLocale, catalogue), [locale, setLocale, catalogue]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);
