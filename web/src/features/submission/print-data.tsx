import { useMemo } from 'react';
import type { FormVersion, JsonObject } from '../../api/types.ts';
import { overlayUiSchema, type Schema, translateSchema, type UiSchema } from '../../forms/schema-tools.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { SubmissionDataView } from './data-view.tsx';

/** The data of a submission for printing, with top-level groups as h2 under the page's h1. */
export function ReadOnlyDataLazy({ form, data }: { form: FormVersion; data: JsonObject }) {
  const { locale } = useI18n();
  const fields = form.i18n[locale]?.fields;
  const schema = useMemo(() => translateSchema(form.schema as Schema, fields), [form.schema, fields]);
  const ui = useMemo(
    () => overlayUiSchema(form.schema as Schema, form.uiSchema as UiSchema, fields),
    [form.schema, form.uiSchema, fields],
  );
  return <SubmissionDataView schema={schema} uiSchema={ui} data={data} level={2} />;
}
