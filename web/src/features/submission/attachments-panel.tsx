/**
 * Attachments of a submission: limits stated before upload, presigned POST straight to storage (XHR, for
 * a progress bar), each file's check state, and download links. Hidden where the API has no such route.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.ts';
import type { Attachment, FormConfig, FormTexts } from '../../api/types.ts';
import { type I18n, useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { FilePicker } from '../../ui/file-picker.tsx';
import { Alert, announce, ErrorAlert, errorText } from '../../ui/primitives.tsx';

const SHORT_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
};

const STATE_BADGE: Record<string, string> = {
  pending: 'warning',
  scanning: 'warning',
  available: 'success',
  rejected: 'danger',
  deleting: 'warning',
};

function postForm(
  url: string,
  fields: Record<string, string>,
  file: File,
  onProgress: (percent: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    body.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(String(xhr.status)));
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(body);
  });
}

/**
 * The human name of an attachment kind (`signed-application` → "Unterschriebener Antrag"): the form's own
 * text (`attachmentKinds` in its i18n file) where it has one, else the app's catalogue, else the key.
 */
export function attachmentKindLabel(
  i18n: I18n,
  kind: string,
  texts?: Partial<Record<'de' | 'en', FormTexts>>,
): string {
  const own = texts?.[i18n.locale]?.attachmentKinds;
  if (own && typeof own === 'object' && typeof (own as Record<string, unknown>)[kind] === 'string')
    return (own as Record<string, string>)[kind] as string;
  const key = `att.kinds.${kind}` as MessageKey;
  const label = i18n.t(key);
  return label === key ? kind : label;
}

export function AttachmentsPanel({
  submissionId,
  config,
  texts,
  editable,
  signRevision,
  warnAbovePages,
  required = [],
  onItems,
}: {
  submissionId: string;
  config: FormConfig['attachments'];
  texts?: Partial<Record<'de' | 'en', FormTexts>>;
  editable: boolean;
  /** A plan's agreed revision whose signed paper the caller may file (as a scan), if any. */
  signRevision?: number | undefined;
  /** A page-limited document (a narrative report) longer than this is marked. */
  warnAbovePages?: number;
  /** Kinds the form requires before a submit (marked in the choice of kind). */
  required?: readonly string[];
  /** Told the list each time it is read. */
  onItems?: (items: Attachment[]) => void;
}) {
  const i18n = useI18n();
  const { t, bytes, dateTime } = i18n;
  const [items, setItems] = useState<Attachment[] | undefined | null>(null);
  const [loadError, setLoadError] = useState<unknown>();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState(config?.kinds?.[0] ?? '');
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    try {
      const { data } = await api.attachments(submissionId);
      setItems(data.items);
      onItems?.(data.items);
      setLoadError(undefined);
    } catch (e) {
      // A missing list (404) or any other failure is shown, not taken for "no attachments".
      setLoadError(e);
      setItems(undefined);
    }
  }, [submissionId, onItems]);

  useEffect(() => {
    refresh();
  }, [refresh]);

  // While files are being checked, look again now and then.
  const checking = items?.some((a) => a.state === 'pending' || a.state === 'scanning');
  useEffect(() => {
    if (!checking) return;
    const timer = setInterval(refresh, 3000);
    return () => clearInterval(timer);
  }, [checking, refresh]);

  if (items === undefined && loadError !== undefined)
    return (
      <section className="pakt-attachments" aria-label={t('att.title')}>
        <ErrorAlert error={loadError} retry={refresh} />
      </section>
    );
  if (items === null || items === undefined) return null;

  const allowed = config?.allowedTypes ?? [];
  const maxBytes = config?.maxBytes;
  const maxFiles = config?.maxFiles;
  const types = allowed.map((m) => SHORT_TYPES[m] ?? m).join(', ');
  // After the agreement the list is closed, but the signed paper of the agreed revision is filed as a scan.
  const signing =
    !editable &&
    signRevision !== undefined &&
    !items.some((a) => a.signedRevision === signRevision && a.state !== 'rejected');

  const check = (f: File): string | null => {
    if (maxBytes && f.size > maxBytes) return t('att.tooLarge', { size: bytes(maxBytes) });
    if (allowed.length && !allowed.includes(f.type)) return t('att.badType', { type: f.type || f.name });
    if (maxFiles && items.length >= maxFiles) return t('att.tooMany', { count: maxFiles });
    return null;
  };

  const upload = async () => {
    if (!file) return;
    const problem = check(file);
    if (problem) {
      setMessage({ kind: 'danger', text: problem });
      return;
    }
    setMessage(null);
    setProgress(0);
    try {
      const { data } = await api.startUpload(submissionId, {
        filename: file.name,
        contentType: file.type,
        size: file.size,
        ...(signing ? { signedRevision: signRevision } : kind ? { kind } : {}),
      });
      await postForm(data.upload.url, data.upload.fields, file, setProgress);
      await api.completeUpload(submissionId, data.attachmentId);
      setMessage({ kind: 'success', text: t('att.done') });
      announce(t('att.done'));
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      await refresh();
    } catch (e) {
      setMessage({
        kind: 'danger',
        text: e instanceof Error && e.message === 'network' ? t('att.failed') : errorText(i18n, e),
      });
    } finally {
      setProgress(null);
    }
  };

  const download = async (a: Attachment) => {
    try {
      const { data } = await api.downloadUrl(submissionId, a.attachmentId);
      window.location.assign(data.url);
    } catch (e) {
      setMessage({ kind: 'danger', text: errorText(i18n, e) });
    }
  };

  return (
    <section className="pakt-attachments" aria-labelledby="att-title">
      <h2 className="kern-heading-medium" id="att-title">
        {t('att.title')}
      </h2>
      {items.length === 0 ? (
        <p className="kern-body">{t('att.none')}</p>
      ) : (
        <ul className="pakt-files">
          {items.map((a) => (
            <li key={a.attachmentId} className="pakt-files__item">
              {a.state === 'available' ? (
                <button type="button" className="kern-link pakt-linkbutton" onClick={() => download(a)}>
                  <span className="kern-icon kern-icon--download kern-icon--small" aria-hidden="true" />
                  {a.filename}
                  <span className="kern-sr-only"> ({t('att.download', { name: '' }).trim()})</span>
                </button>
              ) : (
                <span>{a.filename}</span>
              )}
              {a.signedRevision !== undefined && (
                <span className="pakt-muted kern-body--small">
                  {' '}
                  · {t('att.signedRevision', { n: a.signedRevision })}
                </span>
              )}
              {a.kind && (
                <span className="pakt-muted kern-body--small">
                  {' '}
                  · {attachmentKindLabel(i18n, a.kind, texts)}
                </span>
              )}
              {a.size !== undefined && (
                <span className="pakt-muted kern-body--small"> · {bytes(a.size)}</span>
              )}
              {a.pages !== undefined && (
                <span className="pakt-muted kern-body--small"> · {t('att.pages', { n: a.pages })}</span>
              )}
              {a.pages !== undefined && warnAbovePages !== undefined && a.pages > warnAbovePages && (
                <strong className="kern-body--small">
                  {' '}
                  · {t('att.pagesWarning', { n: warnAbovePages })}
                </strong>
              )}
              {a.createdAt && <span className="pakt-muted kern-body--small"> · {dateTime(a.createdAt)}</span>}{' '}
              <span className={`kern-badge kern-badge--${STATE_BADGE[a.state] ?? 'info'} kern-badge--small`}>
                <span className="kern-label kern-label--small">
                  {t(`att.state.${a.state}` as MessageKey)}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {(editable || signing) && (
        <div className="pakt-upload">
          {signing && (
            <>
              <h3 className="kern-heading-small">{t('att.signTitle', { n: signRevision ?? '' })}</h3>
              <p className="kern-body">{t('att.signIntro')}</p>
            </>
          )}
          <p className="kern-body kern-body--small" id="att-limits">
            {maxFiles
              ? t('att.limits', { types, size: maxBytes ? bytes(maxBytes) : '–', count: maxFiles })
              : t('att.limitsNoCount', { types, size: maxBytes ? bytes(maxBytes) : '–' })}
          </p>
          {!signing && config?.kinds && config.kinds.length > 0 && (
            <div className="kern-form-input">
              <label className="kern-label" htmlFor="att-kind">
                {t('att.kind')}
              </label>
              <div className="kern-form-input__select-wrapper">
                <select
                  id="att-kind"
                  className="kern-form-input__select"
                  value={kind}
                  onChange={(e) => setKind(e.target.value)}
                >
                  {config.kinds.map((k) => (
                    <option key={k} value={k}>
                      {required.includes(k)
                        ? t('att.requiredMark', { label: attachmentKindLabel(i18n, k, texts) })
                        : attachmentKindLabel(i18n, k, texts)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          )}
          <FilePicker
            id="att-file"
            label={t('att.choose')}
            accept={allowed.join(',')}
            describedBy="att-limits"
            file={file}
            inputRef={inputRef}
            onChange={setFile}
          />
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            disabled={!file || progress !== null}
            onClick={upload}
          >
            <span className="kern-icon kern-icon--drive-folder-upload" aria-hidden="true" />
            <span className="kern-label">{t('att.upload')}</span>
          </button>
          {progress !== null && file && (
            <div className="pakt-progress">
              <label className="kern-label kern-label--small" htmlFor="att-progress">
                {t('att.uploading', { name: file.name })}
              </label>
              <progress id="att-progress" className="kern-progress" max={100} value={progress}>
                {progress} %
              </progress>
            </div>
          )}
          {message && (
            <Alert
              kind={message.kind}
              title={message.text}
              role={message.kind === 'danger' ? 'alert' : 'status'}
            />
          )}
        </div>
      )}
    </section>
  );
}
