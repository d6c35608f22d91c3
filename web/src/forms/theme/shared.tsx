import type { RJSFSchema } from '@rjsf/utils';
import { useI18n } from '../../i18n/i18n.tsx';

export type Ui = Record<string, unknown> | undefined;

export const hasDescription = (schema: RJSFSchema, uiSchema: Ui) =>
  Boolean((uiSchema?.['ui:description'] as string | undefined) ?? schema.description);

export const hasHelp = (uiSchema: Ui) => Boolean(uiSchema?.['ui:help']);

/** `aria-describedby` listing only the hint, help and error elements that are actually rendered. */
export function describedBy(
  id: string,
  schema: RJSFSchema,
  uiSchema: Ui,
  rawErrors?: string[],
): string | undefined {
  const ids = [
    hasDescription(schema, uiSchema) ? `${id}__description` : '',
    rawErrors?.length ? `${id}__error` : '',
    hasHelp(uiSchema) ? `${id}__help` : '',
  ].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function ErrorText({ id, errors }: { id: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <p className="kern-error" id={id}>
      <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span className="kern-body">{[...new Set(errors)].join(' ')}</span>
    </p>
  );
}

export function Optional({ required }: { required?: boolean }) {
  const { t } = useI18n();
  return required ? null : <span className="kern-label__optional"> {t('form.optional')}</span>;
}
