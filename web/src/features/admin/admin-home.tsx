/**
 * The admin's work: the forms and their published versions, and publishing a new version (or a new form)
 * from a definition in the same format as the repository's form files. Admins see no submission.
 */
import { useId, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import type { FormListItem, FormVersion } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import {
  Alert,
  announce,
  codeText,
  detailMessage,
  ErrorAlert,
  Loading,
  PageHeading,
  useLoad,
} from '../../ui/primitives.tsx';

/** The publishable part of a form version, as `POST /api/forms/{formId}/versions` takes it. */
function definitionOf(form: FormVersion): string {
  const { title, schema, uiSchema, workflow, config, i18n } = form;
  return JSON.stringify({ title, schema, uiSchema, workflow, config, i18n }, null, 2);
}

export function AdminHome() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const load = useLoad(async () => (await api.forms()).data.items, []);
  const [formId, setFormId] = useState('');
  const [definition, setDefinition] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok?: FormVersion; error?: unknown; parse?: string }>({});
  const idField = useId();
  const defField = useId();
  const hintId = useId();

  const loadDefinition = async (form: FormListItem) => {
    setResult({});
    setFormId(form.id);
    const { data } = await api.form(form.id);
    setDefinition(definitionOf(data));
    announce(t('admin.loaded', { title: form.title[i18n.locale] ?? form.title.de }));
    document.getElementById(defField)?.focus();
  };

  const publish = async () => {
    let body: unknown;
    try {
      body = JSON.parse(definition);
    } catch (e) {
      setResult({ parse: (e as Error).message });
      return;
    }
    setBusy(true);
    try {
      const { data } = await api.publishForm(formId.trim(), body);
      setResult({ ok: data });
      announce(t('admin.published', { id: data.id, version: String(data.version) }));
      load.reload();
    } catch (error) {
      setResult({ error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading sub={me.orgName}>{t('admin.title')}</PageHeading>
      <p className="kern-body">{t('admin.intro')}</p>
      <h2 className="kern-heading-medium">{t('admin.forms')}</h2>
      {load.loading && !load.data ? (
        <Loading />
      ) : load.error || !load.data ? (
        <ErrorAlert error={load.error} retry={load.reload} />
      ) : (
        <table className="kern-table pakt-table">
          <caption className="kern-sr-only">{t('admin.forms')}</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th className="kern-table__header" scope="col">
                {t('admin.formTitle')}
              </th>
              <th className="kern-table__header" scope="col">
                {t('admin.formId')}
              </th>
              <th className="kern-table__header" scope="col">
                {t('admin.kind')}
              </th>
              <th className="kern-table__header kern-table__header--numeric" scope="col">
                {t('admin.version')}
              </th>
              <th className="kern-table__header" scope="col">
                <span className="kern-sr-only">{t('admin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {load.data.map((form) => (
              <tr className="kern-table__row" key={form.id}>
                <td className="kern-table__cell">{form.title[i18n.locale] ?? form.title.de}</td>
                <td className="kern-table__cell">
                  <code>{form.id}</code>
                </td>
                <td className="kern-table__cell">{t(`admin.kind.${form.kind}`)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{form.version}</td>
                <td className="kern-table__cell">
                  <button
                    type="button"
                    className="kern-btn kern-btn--tertiary"
                    onClick={() => void loadDefinition(form)}
                  >
                    <span className="kern-label">{t('admin.newVersionOf', { id: form.id })}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 className="kern-heading-medium">{t('admin.publish')}</h2>
      <p className="kern-body" id={hintId}>
        {t('admin.publishHint')}
      </p>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor={idField}>
          {t('admin.formId')}
        </label>
        <input
          className="kern-form-input__input"
          id={idField}
          value={formId}
          onChange={(e) => setFormId(e.target.value)}
          pattern="[a-z][a-z0-9\-]{1,62}"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor={defField}>
          {t('admin.definition')}
        </label>
        <textarea
          className="kern-form-input__input pakt-code"
          id={defField}
          rows={18}
          value={definition}
          aria-describedby={hintId}
          onChange={(e) => setDefinition(e.target.value)}
          spellCheck={false}
        />
      </div>
      <div aria-live="polite">
        {result.parse && (
          <Alert kind="danger" title={t('admin.notJson')} role="alert">
            <p className="kern-body">{result.parse}</p>
          </Alert>
        )}
        {result.error !== undefined && (
          <Alert kind="danger" title={t('admin.refused')} role="alert">
            <p className="kern-body">{codeText(i18n, result.error)}</p>
            {result.error instanceof ApiError && result.error.details.length > 0 && (
              <ul className="kern-list">
                {result.error.details.map((d) => (
                  <li key={`${d.pointer}${d.message}`}>
                    <code>{d.pointer}</code>: {detailMessage(i18n, d)}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        {result.ok && (
          <Alert
            kind="success"
            title={t('admin.published', { id: result.ok.id, version: String(result.ok.version) })}
            role="status"
          >
            <p className="kern-body">{t('admin.publishedBody')}</p>
          </Alert>
        )}
      </div>
      <button
        type="button"
        className="kern-btn kern-btn--primary"
        disabled={busy || !formId.trim() || !definition.trim()}
        onClick={() => void publish()}
      >
        <span className="kern-label">{t('admin.publishButton')}</span>
      </button>
    </>
  );
}
