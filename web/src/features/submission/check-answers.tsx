/**
 * The check-your-answers page before a submit: the data read-only, one block per section with a link back
 * to change it, the attachments the form requires, and the binding submit.
 */
import { useEffect, useRef } from 'react';
import type { Attachment, FieldTranslationInput, FormVersion, JsonObject } from '../../api/types.ts';
import type { Schema, UiSchema } from '../../forms/schema-tools.ts';
import { languageName } from '../../forms/translation.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/primitives.tsx';
import { attachmentKindLabel } from './attachments-panel.tsx';
import { SubmissionDataView } from './data-view.tsx';

/**
 * Where a required kind of attachment stands: `attached` once a file of that kind is available (checked and
 * clean, as the server counts it), `checking` while one is still being checked, else `missing`.
 */
export function requiredState(
  kind: string,
  attachments: readonly Pick<Attachment, 'kind' | 'state'>[],
): 'attached' | 'checking' | 'missing' {
  const ofKind = attachments.filter((a) => a.kind === kind);
  if (ofKind.some((a) => a.state === 'available')) return 'attached';
  if (ofKind.some((a) => a.state === 'pending' || a.state === 'scanning')) return 'checking';
  return 'missing';
}

const BADGE = { attached: 'success', checking: 'warning', missing: 'danger' } as const;

/** Moves to the attachments section's upload (below the form) and puts the focus on the file choice. */
function toAttachments() {
  const target = document.getElementById('att-file') ?? document.getElementById('att-title');
  target?.scrollIntoView({ block: 'center' });
  target?.focus();
}

export function CheckAnswers({
  form,
  schema,
  uiSchema,
  data,
  translations,
  sections,
  title,
  busy,
  resubmit,
  attachments,
  onChange,
  onBack,
  onSubmit,
}: {
  form: FormVersion;
  /** The display schema and UI schema (labels in the form's language). */
  schema: Schema;
  uiSchema: UiSchema;
  data: JsonObject;
  /** Translations of free text (plans), shown beneath their text. */
  translations?: Record<string, FieldTranslationInput>;
  sections: string[];
  title(key: string): string;
  busy: boolean;
  resubmit: boolean;
  /** The submission's attachments, as last listed; undefined while not known. */
  attachments?: Attachment[];
  /** Back to the form at this section. */
  onChange(section: string): void;
  onBack(): void;
  onSubmit(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const required = form.config.requiredAttachments ?? [];
  const states = attachments
    ? required.map((kind) => ({ kind, state: requiredState(kind, attachments) }))
    : [];
  const missing = states.filter((s) => s.state !== 'attached');
  return (
    <section className="pakt-check" aria-labelledby="check-title">
      <h2 className="kern-heading-medium" id="check-title" tabIndex={-1} ref={heading}>
        {t('check.title')}
      </h2>
      <p className="kern-body">{t('check.intro')}</p>
      {sections.map((key) => {
        const property = schema.properties?.[key];
        const sectionSchema = { ...schema, required: [], properties: property ? { [key]: property } : {} };
        return (
          <div className="pakt-check__section" key={key}>
            <div className="pakt-check__head">
              <h3 className="kern-heading-small">{title(key)}</h3>
              <button
                type="button"
                className="kern-btn kern-btn--tertiary kern-btn--x-small"
                onClick={() => onChange(key)}
              >
                <span className="kern-label">
                  {t('check.change')}
                  <span className="kern-sr-only">: {title(key)}</span>
                </span>
              </button>
            </div>
            <SubmissionDataView
              schema={sectionSchema as Schema}
              uiSchema={uiSchema}
              data={key in data ? { [key]: data[key] } : {}}
              level={4}
              {...(translations
                ? {
                    translations: {
                      byPointer: translations,
                      languageName: (tag: string) => languageName(form, i18n.locale, tag),
                    },
                  }
                : {})}
            />
          </div>
        );
      })}
      {required.length > 0 && (
        <div className="pakt-check__section">
          <h3 className="kern-heading-small">{t('check.requiredAttachments')}</h3>
          <ul className="kern-list">
            {required.map((kind) => {
              const state = states.find((s) => s.kind === kind)?.state;
              return (
                <li key={kind}>
                  {attachmentKindLabel(i18n, kind, form.i18n)}
                  {state && (
                    <>
                      {' '}
                      <span className={`kern-badge kern-badge--${BADGE[state]} kern-badge--small`}>
                        <span className="kern-label kern-label--small">{t(`check.${state}`)}</span>
                      </span>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
          {missing.length > 0 && (
            <Alert kind="warning" title={t('check.missingTitle')}>
              <p className="kern-body">
                {t('check.missingBody', {
                  kinds: missing.map((m) => attachmentKindLabel(i18n, m.kind, form.i18n)).join(', '),
                })}
              </p>
              <p className="kern-body">
                <button type="button" className="kern-link pakt-linkbutton" onClick={toAttachments}>
                  {t('check.toAttachments')}
                </button>
              </p>
            </Alert>
          )}
        </div>
      )}
      <div className="kern-btn-wrapper pakt-actions">
        <button type="button" className="kern-btn kern-btn--secondary" onClick={onBack}>
          <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
          <span className="kern-label">{t('check.back')}</span>
        </button>
        <button type="button" className="kern-btn kern-btn--primary" disabled={busy} onClick={onSubmit}>
          <span className="kern-label">{resubmit ? t('sub.resubmit') : t('check.submit')}</span>
          <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
        </button>
      </div>
    </section>
  );
}
