/**
 * Translations of free text beside a plan's data (`core/translations.ts`): which fields can carry one, in
 * which languages, how long, that a translation of nothing is dropped; and the plan print with a translation
 * beneath its text as written.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildExportDocument } from '../../functions/core/documents/export-print.ts';
import type { Block } from '../../functions/core/documents/model.ts';
import { buildPlanDocument, type PlanTexts } from '../../functions/core/documents/plan-print.ts';
import {
  freeTextField,
  keptTranslations,
  MAX_TRANSLATION_LENGTH,
  settleTranslations,
  textFingerprint,
  translationLanguages,
} from '../../functions/core/translations.ts';

type Json = Record<string, any>;
const FORM = new URL('../../forms/integration-plan/', import.meta.url);
const read = (path: string) => JSON.parse(readFileSync(new URL(path, FORM), 'utf8')) as Json;
const schema = read('schema.v2.json');

const by = { sub: 'u-im1', name: 'Ines Manager' };
const at = '2026-03-02T09:00:00.000Z';

function plan(): Json {
  return {
    header: { caseId: 'KT-2026-0001', counsellingStart: '2026-01-15' },
    consent: { storage: { given: true, date: '2026-01-15' } },
    person: { name: 'A. Beispiel', language: 'ar', familySituation: 'verheiratet, zwei Kinder' },
    goals: [
      {
        id: 'g1',
        area: 'language',
        title: 'B1 erreichen',
        status: 'open',
        deadline: '2026-12-31',
        measures: [{ id: 'm1', description: 'Integrationskurs besuchen' }],
      },
    ],
  };
}

const FAMILY = textFingerprint('verheiratet, zwei Kinder');
const TITLE = textFingerprint('B1 erreichen');

const settle = (sent: Json, data = plan(), previous?: Json) =>
  settleTranslations({ schema, data, sent, previous, by, at });

describe('which fields hold free text', () => {
  it('knows free-text fields, in objects and in list items, with their limits', () => {
    expect(freeTextField(schema, '/person/familySituation')).toEqual({ maxLength: 1000 });
    expect(freeTextField(schema, '/goals/0/title')).toEqual({ maxLength: 300 });
    expect(freeTextField(schema, '/goals/3/measures/1/description')).toEqual({ maxLength: 1000 });
    expect(freeTextField(schema, '/reviews/0/summary')).toEqual({ maxLength: MAX_TRANSLATION_LENGTH });
  });

  it('refuses choices, dates, patterns, ids the platform assigns, numbers, objects and unknown fields', () => {
    for (const pointer of [
      '/person/residenceStatus',
      '/person/language',
      '/goals/0/area',
      '/goals/0/deadline',
      '/header/caseId',
      '/goals/0/id',
      '/person/yearOfBirth',
      '/person',
      '/goals/0',
      '/goals/x/title',
      '/person/nickname',
      '/person/__proto__',
      '',
      'person/name',
    ])
      expect(freeTextField(schema, pointer), pointer).toBeUndefined();
  });
});

describe('settling the translations a save sends', () => {
  it('keeps a translation into the person’s language or into German, with who wrote it and when', () => {
    const { translations, problems } = settle({
      '/person/familySituation': { lang: 'ar', text: 'متزوج، طفلان' },
      '/goals/0/title': { lang: 'de', text: 'Niveau B1' },
    });
    expect(problems).toEqual([]);
    expect(translations).toEqual({
      '/person/familySituation': { lang: 'ar', text: 'متزوج، طفلان', sourceHash: FAMILY, by, at },
      '/goals/0/title': { lang: 'de', text: 'Niveau B1', sourceHash: TITLE, by, at },
    });
    expect(translationLanguages(plan())).toEqual(['de', 'ar']);
    expect(translationLanguages({ person: { name: 'X' } })).toEqual(['de']);
  });

  it('refuses an unknown pointer, a field that is no free text, another language and a text too long', () => {
    const { translations, problems } = settle({
      '/person/nickname': { lang: 'ar', text: 'x' },
      '/goals/0/deadline': { lang: 'ar', text: 'x' },
      '/person/familySituation': { lang: 'uk', text: 'одружений' },
      '/goals/0/title': { lang: 'ar', text: 'ب'.repeat(301) },
    });
    expect(translations).toEqual({});
    expect(problems.map((p) => [p.pointer, p.code])).toEqual([
      ['/translations/~1person~1nickname', 'translation.not_free_text'],
      ['/translations/~1goals~10~1deadline', 'translation.not_free_text'],
      ['/translations/~1person~1familySituation', 'translation.bad_language'],
      ['/translations/~1goals~10~1title', 'translation.too_long'],
    ]);
    // At the field's limit it fits.
    expect(settle({ '/goals/0/title': { lang: 'ar', text: 'ب'.repeat(300) } }).problems).toEqual([]);
  });

  it('drops a translation whose text was removed, and an empty translation', () => {
    const data = plan();
    delete data.person.familySituation;
    data.goals[0].measures = [];
    const { translations, problems } = settle(
      {
        '/person/familySituation': { lang: 'ar', text: 'متزوج' },
        '/goals/0/measures/0/description': { lang: 'ar', text: 'دورة الاندماج' },
        '/goals/0/title': { lang: 'ar', text: '   ' },
      },
      data,
    );
    expect(problems).toEqual([]);
    expect(translations).toEqual({});
  });

  it('never moves a translation to another text: one made of a text no longer there is dropped', () => {
    // The first goal was removed: the second one's title now stands at /goals/0/title.
    const data = plan();
    data.goals[0].title = 'Arbeit finden';
    const { translations, problems } = settle(
      {
        '/goals/0/title': { lang: 'ar', text: 'المستوى ب1', sourceHash: TITLE },
        '/person/familySituation': { lang: 'ar', text: 'متزوج', sourceHash: FAMILY },
      },
      data,
    );
    expect(problems).toEqual([]);
    expect(Object.keys(translations)).toEqual(['/person/familySituation']);
    // Kept beside a save that sends none only while the field holds the same text.
    expect(
      Object.keys(
        keptTranslations(
          data,
          settle({
            '/goals/0/title': { lang: 'ar', text: 'المستوى ب1' },
            '/person/familySituation': { lang: 'ar', text: 'متزوج' },
          }).translations,
        ),
      ),
    ).toEqual(['/person/familySituation']);
    expect(textFingerprint('B1 erreichen')).toMatch(/^[0-9a-f]{14}$/);
    expect(textFingerprint('B1 erreichen')).not.toBe(textFingerprint('B1 erreichen.'));
  });

  it('keeps who wrote an unchanged translation; a changed one is the new writer’s', () => {
    const earlier = {
      lang: 'ar',
      text: 'متزوج',
      sourceHash: FAMILY,
      by: { sub: 'u-other', name: 'Other' },
      at: '2026-01-01T00:00:00.000Z',
    };
    const previous = {
      '/person/familySituation': earlier,
      '/goals/0/title': { ...earlier, sourceHash: TITLE },
    };
    const { translations } = settle(
      {
        '/person/familySituation': { lang: 'ar', text: 'متزوج' },
        '/goals/0/title': { lang: 'ar', text: 'المستوى ب1' },
      },
      plan(),
      previous,
    );
    expect(translations['/person/familySituation']).toBe(earlier);
    expect(translations['/goals/0/title']).toEqual({
      lang: 'ar',
      text: 'المستوى ب1',
      sourceHash: TITLE,
      by,
      at,
    });
  });

  it('keeps an unchanged translation when the person’s language changes; a new one must be in the new language', () => {
    const data = plan();
    data.person.language = 'fa';
    const earlier = { lang: 'ar', text: 'متزوج', sourceHash: FAMILY, by, at };
    const { translations, problems } = settle(
      {
        '/person/familySituation': { lang: 'ar', text: 'متزوج' },
        '/goals/0/title': { lang: 'ar', text: 'المستوى ب1' },
      },
      data,
      { '/person/familySituation': earlier },
    );
    expect(translations).toEqual({ '/person/familySituation': earlier });
    expect(problems.map((p) => p.code)).toEqual(['translation.bad_language']);
  });

  it('keeps only translations whose field still holds text (no orphans after data was removed)', () => {
    const translation = { lang: 'ar', text: 'ملاحظة', sourceHash: FAMILY, by, at };
    const data = plan();
    data.health = { notes: '' };
    expect(
      keptTranslations(data, {
        '/person/familySituation': translation,
        '/health/notes': { ...translation, sourceHash: textFingerprint('') },
        '/closing/notes': translation,
      }),
    ).toEqual({ '/person/familySituation': translation });
    expect(keptTranslations(data, undefined)).toEqual({});
  });
});

describe('the plan print with a translation', () => {
  it('prints the text as written and beneath it the translation, labelled in both languages', () => {
    const doc = buildPlanDocument({
      schema,
      uiSchema: read('ui.json'),
      german: read('i18n/de.json') as PlanTexts,
      other: { lang: 'ar', texts: read('i18n/ar.json') as PlanTexts },
      data: plan(),
      translations: {
        '/person/familySituation': { lang: 'ar', text: 'متزوج، طفلان', sourceHash: FAMILY, by, at },
      },
      source: { kind: 'working' },
    });
    const fields = doc.blocks.filter((b): b is Extract<Block, { kind: 'field' }> => b.kind === 'field');
    const family = fields.find((b) => b.label[0] === 'Familiensituation');
    expect(family?.value).toEqual({ text: 'verheiratet, zwei Kinder', dir: 'ltr' });
    expect(family?.translation).toEqual({
      label: ['Übersetzung (Arabisch)', 'ترجمة (العربية)'],
      text: 'متزوج، طفلان',
      lang: 'ar',
      dir: 'rtl',
    });
    // Only that field carries one.
    expect(fields.filter((b) => b.translation)).toHaveLength(1);
  });

  it('names the language as the plan’s own list does, in each column', () => {
    const data = plan();
    data.person.language = 'fa';
    const doc = buildPlanDocument({
      schema,
      uiSchema: read('ui.json'),
      german: read('i18n/de.json') as PlanTexts,
      other: { lang: 'fa', texts: read('i18n/fa.json') as PlanTexts },
      data,
      translations: {
        '/goals/0/title': { lang: 'fa', text: 'رسیدن به سطح B1', sourceHash: TITLE, by, at },
      },
      source: { kind: 'working' },
    });
    const goal = doc.blocks.find(
      (b): b is Extract<Block, { kind: 'field' }> => b.kind === 'field' && b.translation !== undefined,
    );
    expect(goal?.translation?.label).toEqual(['Übersetzung (Dari/Farsi)', 'ترجمه (دری / فارسی)']);
    expect(goal?.translation?.dir).toBe('rtl');
  });

  it('is in the subject-access export too, beneath its text', () => {
    const doc = buildExportDocument(
      {
        schema,
        uiSchema: read('ui.json'),
        german: read('i18n/de.json') as PlanTexts,
        other: { lang: 'ar', texts: read('i18n/ar.json') as PlanTexts },
        data: plan(),
        translations: {
          '/goals/0/title': { lang: 'ar', text: 'الوصول إلى المستوى ب1', sourceHash: TITLE, by, at },
        },
      },
      { exportedAt: at, status: 'draft', revisions: [], history: [], accessLog: [] },
    );
    const goal = doc.blocks.find(
      (b): b is Extract<Block, { kind: 'field' }> => b.kind === 'field' && b.translation !== undefined,
    );
    expect(goal?.value).toEqual({ text: 'B1 erreichen', dir: 'ltr' });
    expect(goal?.translation?.text).toBe('الوصول إلى المستوى ب1');
  });
});
