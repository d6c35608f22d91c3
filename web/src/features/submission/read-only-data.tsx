import { useMemo } from 'react';
import type { FieldTranslationInput, FormVersion, JsonObject } from '../../api/types.ts';
import { formDirection } from '../../forms/form-language.tsx';
import { overlayUiSchema, type Schema, translateSchema, type UiSchema } from '../../forms/schema-tools.ts';
import { languageName } from '../../forms/translation.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { SubmissionDataView } from './data-view.tsx';

export function ReadOnlyData({
  form,
  data,
  level,
  labels,
  translations,
}: {
  form: FormVersion;
  data: JsonObject;
  level?: number;
  /** Translations of free text (plans), shown beneath their text. */
  translations?: Record<string, FieldTranslationInput>;
  /** The language of the labels, if not the app's own. */
  labels?: string;
}) {
  const { locale } = useI18n();
  const language = labels ?? locale;
  const fields = form.i18n[language]?.fields;
  const schema = useMemo(() => translateSchema(form.schema as Schema, fields), [form.schema, fields]);
  const ui = useMemo(
    () => overlayUiSchema(form.schema as Schema, form.uiSchema as UiSchema, fields),
    [form.schema, form.uiSchema, fields],
  );
  const view = (
    <SubmissionDataView
      schema={schema}
      uiSchema={ui}
      data={data}
      level={level}
      {...(translations
        ? {
            translations: { byPointer: translations, languageName: (tag) => languageName(form, locale, tag) },
          }
        : {})}
    />
  );
  if (!labels) return view;
  return (
    <div lang={language} dir={formDirection(form.i18n, language)}>
      {view}
    </div>
  );
}
