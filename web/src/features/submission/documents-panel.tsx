/**
 * The case file's documents ("Förderakte"): what the application's steps issued (receipt, decision letter,
 * refusal, ...), each pending until it is rendered, then a PDF to download with its checksum. Looks again
 * now and then while one is pending. Hidden where the API has no such list.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, download } from '../../api/client.ts';
import type { CaseDocument } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorAlert, errorText } from '../../ui/primitives.tsx';

export function DocumentsPanel({
  submissionId,
  refreshKey,
  onFetched,
}: {
  submissionId: string;
  refreshKey?: unknown;
  /**
   * Called after a document was downloaded: the applicant's first retrieval of a decision notifies it (§ 41 (2a)
   * LVwVfG), which changes the application on the server (its notification date, the waiver it now allows).
   */
  onFetched?: (document: CaseDocument) => void;
}) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const [items, setItems] = useState<CaseDocument[] | undefined | null>(null);
  const [loadError, setLoadError] = useState<unknown>();
  const [message, setMessage] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version of the submission lists again.
  const refresh = useCallback(async () => {
    try {
      const { data } = await api.caseDocuments(submissionId);
      setItems(data.items);
      setLoadError(undefined);
    } catch (e) {
      setLoadError(e);
      setItems(undefined);
    }
  }, [submissionId, refreshKey]);

  useEffect(() => {
    refresh();
  }, [refresh]);

  const pending = items?.some((d) => d.state === 'pending');
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(refresh, 2000);
    return () => clearInterval(timer);
  }, [pending, refresh]);

  if (items === undefined && loadError !== undefined)
    return (
      <section className="pakt-documents" aria-label={t('docs.title')}>
        <ErrorAlert error={loadError} retry={refresh} />
      </section>
    );
  if (items === null || items === undefined) return null;

  const fetchPdf = async (d: CaseDocument) => {
    setMessage(null);
    try {
      await download(api.caseDocumentPath(submissionId, d.id), `${d.kind}.pdf`);
      onFetched?.(d);
    } catch (e) {
      setMessage(errorText(i18n, e));
    }
  };

  return (
    <section className="pakt-documents" aria-labelledby="docs-title">
      <h2 className="kern-heading-medium" id="docs-title">
        {t('docs.title')}
      </h2>
      <p className="kern-body kern-body--small pakt-muted">{t('docs.intro')}</p>
      {message && (
        <p className="kern-error" role="alert">
          {message}
        </p>
      )}
      {items.length === 0 ? (
        <p className="kern-body">{t('docs.none')}</p>
      ) : (
        <ul className="pakt-files">
          {items.map((d) => (
            <li key={d.id} className="pakt-files__item">
              {d.state === 'ready' ? (
                <button type="button" className="kern-link pakt-linkbutton" onClick={() => fetchPdf(d)}>
                  <span className="kern-icon kern-icon--download kern-icon--small" aria-hidden="true" />
                  {d.title}
                  <span className="kern-sr-only"> ({t('docs.download', { name: '' }).trim()})</span>
                </button>
              ) : (
                <span>{d.title}</span>
              )}
              <span className="pakt-muted kern-body--small">
                {' '}
                · {t('docs.issued', { date: dateTime(d.issuedAt) })}
              </span>{' '}
              <span
                className={`kern-badge kern-badge--${d.state === 'ready' ? 'success' : 'warning'} kern-badge--small`}
              >
                <span className="kern-label kern-label--small">
                  {d.state === 'ready' ? t('docs.ready') : t('docs.pending')}
                </span>
              </span>
              {d.sha256 && (
                <span className="pakt-muted kern-body--small pakt-hash">
                  {t('docs.hash')}: <code>{d.sha256}</code>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
