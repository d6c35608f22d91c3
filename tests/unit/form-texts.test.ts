/**
 * The integration plan's text bundles (`forms/integration-plan/i18n/<lang>.json`): every language carries
 * every German key and nothing else, no empty text, the German placeholders, a valid meta and the right
 * writing direction; and the checks themselves catch each kind of fault.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRINT_KEYS } from '../../functions/core/documents/plan-print.ts';
import {
  bundleIssues,
  directionOf,
  flattenTexts,
  metaIssues,
  placeholdersOf,
  textsIssues,
} from '../../functions/core/form-texts.ts';
import type { FormTexts } from '../../functions/core/forms.ts';
import { PLAN_LANGUAGES } from '../../functions/core/plan-language.ts';

const DIR = join(import.meta.dirname, '..', '..', 'forms', 'integration-plan', 'i18n');
const read = (tag: string): FormTexts => JSON.parse(readFileSync(join(DIR, `${tag}.json`), 'utf8'));
const bundles = Object.fromEntries(
  readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.slice(0, -5), read(f.slice(0, -5))]),
) as Record<string, FormTexts>;
const de = bundles.de as FormTexts;
const translations = PLAN_LANGUAGES.filter((tag) => tag !== 'de');

/** Words a language writes exactly as German does. */
const SPELT_ALIKE: Record<string, string[]> = {
  tr: ['Kurs'],
  en: ['Name', 'Dari/Farsi', 'Tigrinya', 'Somali'],
};

describe('the plan languages', () => {
  it('exist as bundles: German, Ukrainian, Arabic, Dari/Farsi, Turkish, Russian, English, and no other', () => {
    expect(Object.keys(bundles).sort()).toEqual([...PLAN_LANGUAGES].sort());
  });

  it('German is the reviewed original, every translation a draft until a certified translator checks it', () => {
    expect(de.meta).toMatchObject({
      language: 'de',
      name: 'Deutsch',
      direction: 'ltr',
      reviewStatus: 'reviewed',
    });
    for (const tag of translations) {
      expect(bundles[tag]?.meta, tag).toMatchObject({
        language: tag,
        reviewStatus: 'draft',
        reviewedBy: null,
        reviewedOn: null,
      });
    }
  });

  it('are written right to left in Arabic and Dari/Farsi only', () => {
    const rtl = Object.entries(bundles)
      .filter(([, b]) => b.meta?.direction === 'rtl')
      .map(([tag]) => tag)
      .sort();
    expect(rtl).toEqual(['ar', 'fa']);
  });

  it('names each language as its readers write it', () => {
    expect(Object.fromEntries(Object.entries(bundles).map(([tag, b]) => [tag, b.meta?.name]))).toEqual({
      de: 'Deutsch',
      en: 'English',
      uk: 'Українська',
      ar: 'العربية',
      fa: 'دری / فارسی',
      tr: 'Türkçe',
      ru: 'Русский',
    });
  });

  it('says that the Persian text is written for Dari and Farsi readers, and why its code is fa', () => {
    expect(bundles.fa?.meta?.note).toMatch(/Dari/);
    expect(bundles.fa?.meta?.note).toMatch(/Farsi/);
    expect(bundles.fa?.meta?.note).toMatch(/fa-AF|prs/);
  });

  it('have a meta that passes the checks', () => {
    for (const [tag, bundle] of Object.entries(bundles))
      expect(metaIssues(bundle.meta, tag), tag).toEqual([]);
  });

  it.each(translations)(
    '%s carries every German key and no other, none empty, placeholders intact',
    (tag) => {
      expect(bundleIssues(de, bundles[tag] as FormTexts, tag)).toEqual([]);
    },
  );

  it('give the print every word the documents use, with the placeholders {n}, {date} and {total}', () => {
    for (const [tag, bundle] of Object.entries(bundles)) {
      expect(Object.keys(bundle.print ?? {}), tag).toEqual(PRINT_KEYS);
      expect(placeholdersOf(bundle.print?.revision ?? ''), tag).toEqual(['n']);
      expect(placeholdersOf(bundle.print?.agreedOn ?? ''), tag).toEqual(['date']);
      expect(placeholdersOf(bundle.print?.page ?? ''), tag).toEqual(['n', 'total']);
    }
    expect(de.print).toMatchObject({
      translationUnchecked: 'Übersetzung noch nicht geprüft',
      authoritative: 'Die deutsche Fassung ist maßgeblich.',
      revision: 'Fassung {n}',
      agreedOn: 'Vereinbart am {date}',
      hash: 'Prüfsumme',
      placeDate: 'Ort, Datum',
      page: 'Seite {n} von {total}',
    });
  });

  it('label each consent with its own name in every language', () => {
    for (const [tag, bundle] of Object.entries(bundles)) {
      const { consentStorage, consentHealth, consentSharing } = bundle.print ?? {};
      expect(new Set([consentStorage, consentHealth, consentSharing]).size, tag).toBe(3);
    }
  });

  it('keep the German names of German institutions where the translation explains them', () => {
    for (const tag of ['uk', 'ar', 'fa', 'tr', 'ru']) {
      const all = [...flattenTexts(bundles[tag] as FormTexts).values()].join('\n');
      expect(all, tag).toContain('Jobcenter');
      expect(all, tag).toContain('Aufenthaltsgestattung');
      expect(all, tag).toContain('DSGVO');
    }
  });

  it('are translations, not copies of the German texts', () => {
    const german = flattenTexts(de);
    for (const tag of translations) {
      const texts = flattenTexts(bundles[tag] as FormTexts);
      // Level codes (A1 … C2) stay as they are in every language, and a word may be spelt alike
      // (Turkish "Kurs"); other labels and sentences are translated.
      const same = [...german].filter(
        ([key, text]) =>
          texts.get(key) === text &&
          !/^[ABC][12]$/.test(String(text)) &&
          !(SPELT_ALIKE[tag] ?? []).includes(String(text)),
      );
      expect(
        same.map(([key]) => key),
        tag,
      ).toEqual([]);
    }
  });
});

describe('the checks of text bundles', () => {
  const en = bundles.en as FormTexts;
  const changed = (change: (b: FormTexts) => void) => {
    const copy = structuredClone(en);
    change(copy);
    return bundleIssues(de, copy, 'en');
  };

  it('find a missing key, an extra key, an empty text and an enum list one short', () => {
    expect(
      changed((b) => {
        delete b.states?.review;
      }),
    ).toEqual([{ pointer: '/states/review', message: 'missing' }]);
    expect(
      changed((b) => {
        b.print = { ...b.print, footer: 'x' };
      }),
    ).toEqual([{ pointer: '/print/footer', message: 'not in German' }]);
    expect(
      changed((b) => {
        b.print = { ...b.print, yes: '  ' };
      }),
    ).toEqual([{ pointer: '/print/yes', message: 'empty' }]);
    expect(
      changed((b) => {
        b.fields?.['/properties/goals/items/properties/status']?.enumNames?.pop();
      }),
    ).toEqual([
      { pointer: '/fields/~1properties~1goals~1items~1properties~1status/enumNames/5', message: 'missing' },
    ]);
  });

  it('find a placeholder lost, renamed or added', () => {
    for (const page of ['Page {n}', 'Page {n} of {all}', 'Page {n} of {total} {date}']) {
      expect(
        changed((b) => {
          b.print = { ...b.print, page };
        }),
      ).toEqual([{ pointer: '/print/page', message: 'placeholders must be n, total' }]);
    }
  });

  it('find a wrong language, direction or review record in meta', () => {
    const meta = en.meta;
    expect(metaIssues({ ...meta, language: 'de' }, 'en').map((i) => i.pointer)).toEqual(['/meta/language']);
    expect(metaIssues({ ...meta, direction: 'rtl' }, 'en').map((i) => i.pointer)).toEqual([
      '/meta/direction',
    ]);
    expect(metaIssues({ ...bundles.ar?.meta, direction: 'ltr' }, 'ar').map((i) => i.pointer)).toEqual([
      '/meta/direction',
    ]);
    expect(metaIssues({ ...meta, reviewStatus: 'reviewed' }, 'en').map((i) => i.pointer)).toEqual([
      '/meta/reviewedBy',
      '/meta/reviewedOn',
    ]);
    expect(metaIssues({ ...meta, reviewedBy: 'A. Translator' }, 'en').map((i) => i.pointer)).toEqual([
      '/meta/reviewedBy',
    ]);
    expect(metaIssues({ ...meta, name: '' }, 'en').map((i) => i.pointer)).toEqual(['/meta/name']);
    expect(metaIssues(undefined, 'en')).toEqual([{ pointer: '/meta', message: 'meta is required' }]);
  });

  it('accept BCP 47 tags as keys of a form’s texts and refuse anything else', () => {
    expect(textsIssues(bundles)).toEqual([]);
    expect(textsIssues({ de: {}, 'fa-AF': {}, ckb: {} })).toEqual([]);
    expect(textsIssues({ de: {}, Arabisch: {}, 'en-': {} }).map((i) => i.pointer)).toEqual([
      '/i18n/Arabisch',
      '/i18n/en-',
    ]);
    expect(textsIssues({ de: {}, en: 'English' })).toEqual([
      { pointer: '/i18n/en', message: 'must be an object' },
    ]);
    expect(textsIssues({ ...bundles, uk: { ...bundles.uk, title: '' } })).toEqual([
      { pointer: '/i18n/uk/title', message: 'empty' },
    ]);
  });

  it('know which languages are written right to left', () => {
    expect(['ar', 'fa', 'fa-AF', 'ps', 'ckb'].map(directionOf)).toEqual(['rtl', 'rtl', 'rtl', 'rtl', 'rtl']);
    expect(['de', 'uk', 'tr', 'ru', 'en', 'kmr', 'ti'].map(directionOf)).toEqual(Array(7).fill('ltr'));
  });
});
