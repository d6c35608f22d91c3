/**
 * The editable form of a draft: rjsf with the KERN theme, one top-level section at a time, autosave of the
 * user's edits, an error summary on submit and the sticky save bar.
 */
import Form from '@rjsf/core';
import type { RJSFSchema, RJSFValidationError, ValidatorType } from '@rjsf/utils';
import { type FocusEvent, useEffect, useMemo, useRef, useState } from 'react';
import { computeBudget } from '../../../../functions/core/allocation-rules.ts';
import { ApiError, api } from '../../api/client.ts';
import type { Attachment, FormVersion, JsonObject, Submission } from '../../api/types.ts';
import { formDirection } from '../../forms/form-language.tsx';
import { makeLocalizer, makeStringTranslator } from '../../forms/localize.ts';
import { pointerOfId, type RawTextContext } from '../../forms/raw-text.ts';
import {
  errorSchemaFrom,
  overlayUiSchema,
  type Schema,
  translateSchema,
  type UiSchema,
} from '../../forms/schema-tools.ts';
import { kernTheme } from '../../forms/theme/index.ts';
import { languageName, type TranslationContext } from '../../forms/translation.tsx';
import { loadedValidatorModule, loadValidatorModule, makeValidator } from '../../forms/validator.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert, detailMessage, ErrorAlert, Loading } from '../../ui/primitives.tsx';
import { applicationWidgets } from '../application/application-widgets.tsx';
import { loadOrganisations, useDirectory } from '../application/directory.ts';
import { withMemberNames } from '../application/prefill.ts';
import { CheckAnswers } from './check-answers.tsx';
import { ErrorSummary, focusField, type SummaryItem, summaryFrom } from './error-summary.tsx';
import { ReadOnlyData } from './read-only-data.tsx';
import { SaveBar } from './save-bar.tsx';
import { SectionNav, SectionSteps } from './section-nav.tsx';
import { useAutosave, useUserEditMarker } from './use-autosave.ts';

/**
 * WCAG 2.4.11: a field that takes the focus must not sit under the sticky save bar. `scroll-padding-bottom`
 * covers focus moves that scroll; this covers a field that was already on screen but under the bar, or that
 * content loaded above it pushed down.
 */
function keepClearOfSaveBar(e: FocusEvent<HTMLElement>) {
  const target = e.target;
  const bar = document.querySelector('.pakt-submitbar');
  if (!bar || bar.contains(target)) return;
  const field = target.getBoundingClientRect();
  const top = bar.getBoundingClientRect().top;
  // Instantly: KERN turns on smooth scrolling, which would leave the field under the bar for a while.
  if (field.bottom > top - 8) window.scrollBy({ top: field.bottom - top + 16, behavior: 'instant' });
}

/** The theme's widgets and those a form's UI schema may name (the funding application's round and partners). */
const widgets = { ...kernTheme.widgets, ...applicationWidgets };

/** The top-level sections of a form, in the UI schema's order. */
export function sectionKeysOf(schema: Schema, ui: UiSchema): string[] {
  const order = ((ui['ui:order'] as string[] | undefined) ?? []).filter((k) => k !== '*');
  const keys = Object.keys(schema.properties ?? {});
  return [...order.filter((k) => keys.includes(k)), ...keys.filter((k) => !order.includes(k))];
}

export function EditForm({
  sub,
  form,
  labels,
  onSaved,
  onSubmitted,
  onReload,
  attachments,
}: {
  sub: Submission;
  form: FormVersion;
  /** The submission's attachments as last listed (for the required ones on the check-your-answers page). */
  attachments?: Attachment[];
  /** The language of the form's labels (the person's, or the app's own). */
  labels: string;
  onSaved: (s: Submission) => void;
  onSubmitted: (s: Submission) => void;
  onReload: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const schema = form.schema as Schema;
  const fields = form.i18n[labels]?.fields;
  const displaySchema = useMemo(() => translateSchema(schema, fields), [schema, fields]);
  const baseUi = useMemo(
    () => overlayUiSchema(schema, form.uiSchema as UiSchema, fields),
    [schema, form.uiSchema, fields],
  );
  const [validator, setValidator] = useState<ValidatorType | undefined>(() => {
    // Fetched alongside the submission: the form is drawn at once, nothing below it moves.
    const module = loadedValidatorModule(form.id, form.version);
    return module && makeValidator(module, form.schema as RJSFSchema, makeLocalizer(i18n.t, i18n.number));
  });
  // A joint application's partners are named as the directory names them.
  const directory = useDirectory(loadOrganisations, form.workflow.kind === 'funding');
  const [loadError, setLoadError] = useState<unknown>();
  const autosave = useAutosave({
    id: sub.id,
    data: sub.data,
    version: sub.version,
    raw: sub.raw,
    // Plans: free text may carry a translation (into German or the person's language).
    ...(form.workflow.kind === 'case' ? { translations: sub.translations ?? {} } : {}),
    save: api.save,
    onSaved,
  });
  // Number fields keep text that does not parse yet through this, by their JSON pointer.
  const autosaveRef = useRef(autosave);
  autosaveRef.current = autosave;
  const translatable = form.workflow.kind === 'case';
  const formContext = useMemo<RawTextContext & TranslationContext>(
    () => ({
      ...(translatable
        ? {
            translation: {
              languages: () => {
                const person = autosaveRef.current.latest().person;
                const lang =
                  person && typeof person === 'object' && !Array.isArray(person)
                    ? (person as JsonObject).language
                    : undefined;
                return typeof lang === 'string' && lang !== 'de' ? ['de', lang] : ['de'];
              },
              name: (tag: string) => languageName(form, i18n.locale, tag),
              get: (fieldId: string) => {
                const pointer = pointerOfId(schema, fieldId);
                return pointer === undefined ? undefined : autosaveRef.current.translations()[pointer];
              },
              set: (fieldId: string, translation: Parameters<typeof autosave.setTranslation>[1]) => {
                const pointer = pointerOfId(schema, fieldId);
                if (pointer !== undefined) autosaveRef.current.setTranslation(pointer, translation);
              },
            },
          }
        : {}),
      rawText: {
        get: (fieldId) => {
          const pointer = pointerOfId(schema, fieldId);
          return pointer === undefined ? undefined : autosaveRef.current.raw()[pointer];
        },
        set: (fieldId, text) => {
          const pointer = pointerOfId(schema, fieldId);
          if (pointer !== undefined) autosaveRef.current.setRaw(pointer, text);
        },
      },
    }),
    [schema, translatable, form, i18n.locale],
  );
  const userEdit = useUserEditMarker();
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const [submitErrors, setSubmitErrors] = useState<Record<string, unknown>>();
  const [live, setLive] = useState(false);
  const [restoredNotice, setRestoredNotice] = useState(autosave.restored);
  const [submitError, setSubmitError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [checking, setChecking] = useState(false);
  const [focusSummary, setFocusSummary] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusSummary) summaryRef.current?.focus();
  }, [focusSummary]);
  const formRef = useRef<Form>(null);

  const sectionKeys = useMemo(() => sectionKeysOf(schema, baseUi), [schema, baseUi]);
  const [section, setSection] = useState(sectionKeys[0] ?? '');

  useEffect(() => {
    loadValidatorModule(form.id, form.version)
      .then((module) =>
        setValidator(makeValidator(module, form.schema as RJSFSchema, makeLocalizer(i18n.t, i18n.number))),
      )
      .catch(setLoadError);
  }, [form.id, form.version, form.schema, i18n]);

  // The server's field messages of the last failed save, shown at their fields.
  const saveErrors = useMemo(() => {
    const e = autosave.state.kind === 'error' ? autosave.state.error : undefined;
    if (!(e instanceof ApiError && e.status === 400 && e.details.length)) return undefined;
    return errorSchemaFrom(e.details.map((d) => ({ ...d, message: detailMessage(i18n, d) })));
  }, [autosave.state, i18n]);

  const onChange = (e: { formData?: JsonObject; errors: RJSFValidationError[] }) => {
    // The server's budget rules, run live: the amounts in the form are the ones the server will compute.
    const round = typeof e.formData?.round === 'string' ? form.rounds?.[e.formData.round] : undefined;
    const computed = round && e.formData ? computeBudget(e.formData, round).data : (e.formData ?? {});
    const next = directory.data ? withMemberNames(computed, directory.data) : computed;
    autosave.change(next, userEdit.byUser());
    if (live) setSummary(summaryFrom(i18n, displaySchema, e.errors));
  };

  const jump = (item: SummaryItem) => focusField(item.id, item.path, setSection);

  const submit = async () => {
    if (!validator) return;
    setSubmitError(undefined);
    const saved = await autosave.saveNow();
    if (!saved) return;
    const result = validator.validateFormData(
      autosave.latest(),
      form.schema as RJSFSchema,
      undefined,
      undefined,
      baseUi,
    );
    if (result.errors.length > 0) {
      setLive(true);
      setSummary(summaryFrom(i18n, displaySchema, result.errors));
      formRef.current?.validateForm();
      setFocusSummary((n) => n + 1);
      return;
    }
    setSummary([]);
    // The form is complete: the check-your-answers page comes before the binding submit.
    setChecking(true);
  };

  const confirmSubmit = async () => {
    setSubmitError(undefined);
    setBusy(true);
    try {
      const { data: next } = await api.transition(sub.id, 'submit', autosave.version());
      autosave.discard();
      onSubmitted(next);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.details.length) {
        const details = e.details.map((d) => ({ pointer: d.pointer, message: detailMessage(i18n, d) }));
        setChecking(false);
        setSubmitErrors(errorSchemaFrom(details));
        setSummary(
          summaryFrom(
            i18n,
            displaySchema,
            details.map((d) => ({ property: d.pointer, message: d.message })),
          ),
        );
        setFocusSummary((n) => n + 1);
      } else if (e instanceof ApiError && e.status === 412) {
        setChecking(false);
        autosave.conflicted();
      } else setSubmitError(e);
    } finally {
      setBusy(false);
    }
  };

  const uiSchema = useMemo(() => {
    const ui: UiSchema = { ...baseUi };
    for (const key of sectionKeys)
      if (key !== section) ui[key] = { ...(ui[key] as UiSchema), 'ui:field': 'hiddenSection' };
    return ui;
  }, [baseUi, sectionKeys, section]);

  const translateString = useMemo(() => makeStringTranslator(i18n.t), [i18n.t]);
  const sectionTitle = (key: string) =>
    ((baseUi[key] as UiSchema | undefined)?.['ui:title'] as string | undefined) ??
    displaySchema.properties?.[key]?.title ??
    key;
  const errorsBySection = new Map<string, number>();
  for (const item of summary)
    errorsBySection.set(item.path[0] ?? '', (errorsBySection.get(item.path[0] ?? '') ?? 0) + 1);
  const index = sectionKeys.indexOf(section);

  if (loadError) return <ErrorAlert error={loadError} />;
  if (!validator)
    return (
      <section className="pakt-edit pakt-edit--loading">
        <Loading />
      </section>
    );
  if (checking)
    return (
      <>
        <CheckAnswers
          form={form}
          schema={displaySchema}
          uiSchema={baseUi}
          data={autosave.latest()}
          {...(translatable ? { translations: autosave.translations() } : {})}
          sections={sectionKeys}
          title={sectionTitle}
          busy={busy}
          attachments={attachments}
          resubmit={sub.status === 'revised'}
          onChange={(key) => {
            setChecking(false);
            setSection(key);
          }}
          onBack={() => setChecking(false)}
          onSubmit={confirmSubmit}
        />
        {submitError !== undefined && <ErrorAlert error={submitError} />}
      </>
    );

  return (
    <section className="pakt-edit" aria-labelledby="edit-title" onFocus={keepClearOfSaveBar}>
      <h2 className="kern-sr-only" id="edit-title">
        {t('sub.data')}
      </h2>
      {autosave.state.kind === 'conflict' && (
        <Alert kind="danger" title={t('save.conflictTitle')} role="alert">
          <p className="kern-body">{t('save.conflictBody')}</p>
          <button type="button" className="kern-btn kern-btn--primary" onClick={onReload}>
            <span className="kern-icon kern-icon--autorenew" aria-hidden="true" />
            <span className="kern-label">{t('save.reload')}</span>
          </button>
          <details className="pakt-details">
            <summary>{t('save.yourCopy')}</summary>
            <ReadOnlyData form={form} data={autosave.data} level={3} />
          </details>
        </Alert>
      )}
      {restoredNotice && (
        <Alert kind="info" title={t('save.restored')} role="status">
          <button
            type="button"
            className="kern-btn kern-btn--tertiary kern-btn--x-small"
            onClick={() => setRestoredNotice(false)}
          >
            <span className="kern-label">{t('form.close')}</span>
          </button>
        </Alert>
      )}
      {summary.length > 0 && <ErrorSummary items={summary} onJump={jump} summaryRef={summaryRef} />}
      <div className="pakt-sections" lang={labels} dir={formDirection(form.i18n, labels)}>
        <SectionNav
          keys={sectionKeys}
          current={section}
          title={sectionTitle}
          errors={errorsBySection}
          onSelect={setSection}
        />
        {/* Input, change and click events inside the form mark the next form change as the user's own. */}
        <div
          className="pakt-formarea"
          onInputCapture={userEdit.mark}
          onChangeCapture={userEdit.mark}
          onClickCapture={userEdit.mark}
          onKeyDownCapture={userEdit.mark}
        >
          <div className="pakt-section-head">
            <p className="kern-preline">{t('sub.section', { n: index + 1, total: sectionKeys.length })}</p>
            <h3 className="kern-heading-medium">{sectionTitle(section)}</h3>
          </div>
          <Form
            ref={formRef}
            {...kernTheme}
            widgets={widgets}
            schema={form.schema as RJSFSchema}
            uiSchema={uiSchema}
            formData={autosave.data}
            validator={validator}
            onChange={onChange}
            onError={() => undefined}
            liveValidate={live}
            showErrorList={false}
            noHtml5Validate
            // Declarations (`const: true`) must be ticked by the applicant, never pre-filled.
            experimental_defaultFormStateBehavior={{ constAsDefaults: 'never' }}
            extraErrors={(submitErrors ?? saveErrors) as never}
            translateString={translateString}
            formContext={formContext}
            idPrefix="root"
            onSubmit={() => undefined}
          >
            <span />
          </Form>
          <SectionSteps keys={sectionKeys} current={section} title={sectionTitle} onSelect={setSection} />
        </div>
      </div>
      <SaveBar
        state={autosave.state}
        resubmit={sub.status === 'revised'}
        canSubmit={sub.allowed.includes('submit')}
        busy={busy}
        onSave={() => void autosave.saveNow()}
        onSubmit={submit}
      />
      {submitError !== undefined && <ErrorAlert error={submitError} />}
    </section>
  );
}
