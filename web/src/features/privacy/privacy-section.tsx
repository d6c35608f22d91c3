/**
 * Data protection of an integration plan, as its manager and the organisation's coordinators see it: the lock
 * after consent to storage was withdrawn, the consents with their withdrawal (one confirmation dialog per
 * purpose that says what will happen), the access log, and the subject-access export (GDPR Art. 15).
 * State reviewers never get here: the server answers every plan route with 404 for them.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { isObject } from '../../../../functions/core/model.ts';
import { ApiError, api, download } from '../../api/client.ts';
import type { AccessEntry, ConsentPurpose, FormConfig, JsonObject, Submission } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { DateField } from '../../ui/date-field.tsx';
import { Alert, announce, ErrorAlert, errorText } from '../../ui/primitives.tsx';
import { purposeLabel } from './consent-labels.ts';

/** Today's calendar date where the programme runs (the server checks `withdrawnAt` against it). */
const berlinToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date()).slice(0, 10);

/** One consent of the plan as the panel lists it. */
interface ConsentRow {
  key: string;
  purpose: ConsentPurpose;
  sharingId?: string;
  body?: string;
  given: boolean;
  date?: string;
  withdrawnAt?: string;
}

function consentRows(data: JsonObject): ConsentRow[] {
  const consent = isObject(data.consent) ? data.consent : {};
  const row = (key: string, purpose: ConsentPurpose, record: unknown): ConsentRow => {
    const r = isObject(record) ? record : {};
    return {
      key,
      purpose,
      given: r.given === true && !r.withdrawnAt,
      ...(typeof r.date === 'string' && r.date ? { date: r.date } : {}),
      ...(typeof r.withdrawnAt === 'string' && r.withdrawnAt ? { withdrawnAt: r.withdrawnAt } : {}),
    };
  };
  const rows = [row('storage', 'storage', consent.storage), row('health', 'health', consent.health)];
  const sharing = Array.isArray(consent.sharing) ? consent.sharing : [];
  sharing.forEach((item, i) => {
    if (!isObject(item)) return;
    const id = typeof item.id === 'string' ? item.id : undefined;
    rows.push({
      ...row(id ?? `sharing-${i}`, 'sharing', item),
      ...(id ? { sharingId: id } : {}),
      ...(typeof item.body === 'string' && item.body ? { body: item.body } : {}),
    });
  });
  return rows;
}

/** Everything about data protection on a plan page: consents, access log and (coordinators) the export. */
export function PrivacySection({
  sub,
  config,
  coordinator,
  onWithdrawn,
}: {
  sub: Submission;
  config: FormConfig;
  coordinator: boolean;
  onWithdrawn: (next: Submission, message: string) => void;
}) {
  const { t } = useI18n();
  const [logKey, setLogKey] = useState(0);
  return (
    <section className="pakt-privacy" aria-labelledby="privacy-title">
      <h2 className="kern-heading-medium" id="privacy-title">
        {t('privacy.title')}
      </h2>
      <ConsentPanel sub={sub} config={config} onWithdrawn={onWithdrawn} />
      <AccessLogPanel submissionId={sub.id} refreshKey={logKey} />
      {coordinator && <ExportPanel submissionId={sub.id} onExported={() => setLogKey((k) => k + 1)} />}
    </section>
  );
}

function ConsentPanel({
  sub,
  config,
  onWithdrawn,
}: {
  sub: Submission;
  config: FormConfig;
  onWithdrawn: (next: Submission, message: string) => void;
}) {
  const i18n = useI18n();
  const { t, date, dateTime } = i18n;
  const [open, setOpen] = useState<ConsentRow | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const rows = consentRows(sub.data);
  const withdrawals = sub.consentWithdrawals ?? [];
  const months = isObject(config.retention) ? config.retention.afterClosedOrWithdrawnMonths : undefined;

  const state = (row: ConsentRow) =>
    row.withdrawnAt
      ? t('consent.withdrawnOn', { date: date(row.withdrawnAt) })
      : row.given
        ? row.date
          ? t('consent.given', { date: date(row.date) })
          : t('consent.givenNoDate')
        : t('consent.notGiven');

  return (
    <div className="pakt-privacy__part">
      <h3 className="kern-heading-small" id="consent-title" ref={headingRef} tabIndex={-1}>
        {t('consent.title')}
      </h3>
      <p className="kern-body">{t('consent.intro')}</p>
      <div className="kern-table-responsive">
        <table className="kern-table kern-table--small pakt-table" id="consent-table">
          <caption className="kern-sr-only">{t('consent.title')}</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">
                {t('consent.purposeCol')}
              </th>
              <th scope="col" className="kern-table__header">
                {t('consent.stateCol')}
              </th>
              <th scope="col" className="kern-table__header">
                {t('consent.actionCol')}
              </th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {rows.map((row) => {
              const label = purposeLabel(t, row.purpose, row.body);
              const withdrawable =
                sub.allowed.includes('withdrawConsent') &&
                row.given &&
                (row.purpose !== 'sharing' || row.sharingId);
              return (
                <tr className="kern-table__row" key={row.key} data-purpose={row.purpose}>
                  <th scope="row" className="kern-table__cell">
                    {label}
                  </th>
                  <td className="kern-table__cell">{state(row)}</td>
                  <td className="kern-table__cell">
                    {withdrawable ? (
                      <button
                        type="button"
                        className="kern-btn kern-btn--secondary kern-btn--x-small"
                        aria-label={t('consent.withdrawLabel', { purpose: label })}
                        onClick={() => setOpen(row)}
                      >
                        <span className="kern-label">{t('consent.withdraw')}</span>
                      </button>
                    ) : (
                      <span className="pakt-muted">—</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h4 className="kern-heading-x-small pakt-subheading">{t('consent.recorded')}</h4>
      {withdrawals.length === 0 ? (
        <p className="kern-body">{t('consent.recordedNone')}</p>
      ) : (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small pakt-table" id="withdrawals-table">
            <caption className="kern-sr-only">{t('consent.recorded')}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t('consent.purposeCol')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('consent.withdrawnAt')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('consent.recordedAt')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('consent.recordedBy')}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {withdrawals.map((w) => (
                <tr className="kern-table__row" key={`${w.purpose}-${w.sharingId ?? ''}-${w.recordedAt}`}>
                  <th scope="row" className="kern-table__cell">
                    {purposeLabel(t, w.purpose, w.body)}
                  </th>
                  <td className="kern-table__cell">{date(w.withdrawnAt)}</td>
                  <td className="kern-table__cell">{dateTime(w.recordedAt)}</td>
                  <td className="kern-table__cell">{w.recordedBy.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && (
        <WithdrawDialog
          sub={sub}
          row={open}
          months={typeof months === 'number' ? months : undefined}
          onClose={(done) => {
            setOpen(null);
            if (done) {
              onWithdrawn(done.next, done.message);
              // The row's button is gone: the focus goes to the panel, whose state now says "withdrawn".
              requestAnimationFrame(() => headingRef.current?.focus());
            }
          }}
        />
      )}
    </div>
  );
}

/**
 * The confirmation of a withdrawal: a modal `<dialog>` (the browser keeps the focus inside and closes it on
 * Escape), opened with the focus on its first field and returning it to the button that opened it.
 */
function WithdrawDialog({
  sub,
  row,
  months,
  onClose,
}: {
  sub: Submission;
  row: ConsentRow;
  months?: number;
  onClose: (done?: { next: Submission; message: string }) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const dateRef = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const today = berlinToday();
  const [withdrawnAt, setWithdrawnAt] = useState(today);
  const [dateError, setDateError] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const label = purposeLabel(t, row.purpose, row.body);

  useEffect(() => {
    opener.current = document.activeElement as HTMLElement | null;
    const dialog = ref.current;
    dialog?.showModal();
    dateRef.current?.focus();
    return () => {
      dialog?.close();
      opener.current?.focus();
    };
  }, []);

  const effect =
    row.purpose === 'storage'
      ? months
        ? t('consent.effect.storage', { months })
        : t('consent.effect.storageNoPeriod')
      : row.purpose === 'health'
        ? t('consent.effect.health')
        : t('consent.effect.sharing', { body: row.body ?? t('consent.purpose.sharingAny') });

  const confirm = async () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(withdrawnAt) || withdrawnAt > today) {
      setDateError(true);
      dateRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await api.withdrawConsent(sub.id, {
        purpose: row.purpose,
        withdrawnAt,
        ...(row.sharingId ? { sharingId: row.sharingId } : {}),
      });
      const message =
        row.purpose === 'sharing'
          ? t('consent.done.sharing', { body: row.body ?? '' })
          : t(`consent.done.${row.purpose}` as MessageKey);
      opener.current = null;
      onClose({ next: data, message });
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.details.some((d) => d.pointer === '/withdrawnAt')) {
        setDateError(true);
        dateRef.current?.focus();
      } else setError(e);
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="kern-dialog pakt-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-effect`}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <header className="kern-dialog__header">
        <h2 className="kern-title kern-title--large" id={`${id}-title`}>
          {t('consent.dialogTitle', { purpose: label })}
        </h2>
      </header>
      <section className="kern-dialog__body">
        <div>
          <p className="kern-body kern-body--bold">{t('consent.effectTitle')}</p>
          <p className="kern-body" id={`${id}-effect`}>
            {effect} {row.purpose !== 'sharing' && t('consent.irreversible')}
          </p>
        </div>
        <div className={`kern-form-input${dateError ? ' kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor={`${id}-date`}>
            {t('consent.date')}
          </label>
          <div className="kern-hint" id={`${id}-hint`}>
            {t('consent.dateHint')}
          </div>
          {dateError && (
            <p className="kern-error" id={`${id}-error`}>
              <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
              <span className="kern-body">{t('consent.dateError')}</span>
            </p>
          )}
          <DateField
            ref={dateRef}
            id={`${id}-date`}
            className={`kern-form-input__input${dateError ? ' kern-form-input__input--error' : ''}`}
            value={withdrawnAt}
            required
            aria-invalid={dateError || undefined}
            aria-describedby={`${id}-hint${dateError ? ` ${id}-error` : ''}`}
            onValue={(value) => {
              setWithdrawnAt(value);
              setDateError(false);
            }}
          />
        </div>
        {error !== undefined && <Alert kind="danger" title={errorText(i18n, error)} role="alert" />}
      </section>
      <footer className="kern-dialog__footer">
        <button
          type="button"
          className="kern-btn kern-btn--secondary"
          disabled={busy}
          onClick={() => onClose()}
        >
          <span className="kern-label">{t('consent.cancel')}</span>
        </button>
        <button type="button" className="kern-btn kern-btn--primary" disabled={busy} onClick={confirm}>
          <span className="kern-label">{t('consent.confirm')}</span>
        </button>
      </footer>
    </dialog>
  );
}

const PAGE = 20;

function AccessLogPanel({ submissionId, refreshKey }: { submissionId: string; refreshKey: number }) {
  const { t, dateTime } = useI18n();
  const [entries, setEntries] = useState<AccessEntry[]>();
  const [error, setError] = useState<unknown>();
  const [all, setAll] = useState(false);
  const load = useCallback(async () => {
    try {
      const { data } = await api.accessLog(submissionId);
      setEntries([...data.items].reverse());
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  }, [submissionId]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refreshKey` asks for a reload (after an export)
  useEffect(() => {
    load();
  }, [load, refreshKey]);
  const shown = entries && !all ? entries.slice(0, PAGE) : entries;
  return (
    <div className="pakt-privacy__part">
      <h3 className="kern-heading-small" id="access-title">
        {t('access.title')}
      </h3>
      <p className="kern-body">{t('access.intro')}</p>
      {error !== undefined && <ErrorAlert error={error} retry={load} />}
      {entries && shown && entries.length === 0 && <p className="kern-body">{t('access.none')}</p>}
      {entries && shown && entries.length > 0 && (
        <>
          <div className="kern-table-responsive">
            <table className="kern-table kern-table--small kern-table--striped pakt-table" id="access-log">
              <caption className="kern-body kern-body--small pakt-caption-small">
                {t('access.showing', { shown: shown.length, count: entries.length })}
              </caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">
                    {t('access.who')}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t('access.role')}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t('access.when')}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t('access.what')}
                  </th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {shown.map((e) => (
                  <tr className="kern-table__row" key={e.id}>
                    <th scope="row" className="kern-table__cell">
                      {e.actor.name}
                    </th>
                    <td className="kern-table__cell">{t(`role.${e.role}` as MessageKey)}</td>
                    <td className="kern-table__cell">
                      <time dateTime={e.at}>{dateTime(e.at)}</time>
                    </td>
                    <td className="kern-table__cell">
                      {t(`access.what.${e.what}` as MessageKey)}
                      {e.detail && <span className="pakt-muted"> ({e.detail})</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="kern-btn-wrapper pakt-actions">
            {!all && entries.length > PAGE && (
              <button
                type="button"
                className="kern-btn kern-btn--tertiary kern-btn--x-small"
                onClick={() => setAll(true)}
              >
                <span className="kern-label">{t('access.showAll', { count: entries.length })}</span>
              </button>
            )}
            <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={load}>
              <span className="kern-icon kern-icon--autorenew kern-icon--small" aria-hidden="true" />
              <span className="kern-label">{t('access.refresh')}</span>
            </button>
          </div>
        </>
      )}
    </div>
  );
}

function ExportPanel({ submissionId, onExported }: { submissionId: string; onExported: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  const run = async () => {
    setBusy(true);
    setResult(null);
    try {
      const name = await download(api.exportPath(submissionId), `plan-${submissionId}.json`);
      const text = t('export.done', { name });
      setResult({ kind: 'success', text });
      announce(text);
      onExported();
    } catch (e) {
      setResult({ kind: 'danger', text: errorText(i18n, e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="pakt-privacy__part">
      <h3 className="kern-heading-small" id="export-title">
        {t('export.title')}
      </h3>
      <p className="kern-body" id="export-intro">
        {t('export.intro')}
      </p>
      <button
        type="button"
        className="kern-btn kern-btn--secondary"
        disabled={busy}
        aria-describedby="export-intro"
        onClick={run}
      >
        <span className="kern-icon kern-icon--download" aria-hidden="true" />
        <span className="kern-label">{busy ? t('export.busy') : t('export.button')}</span>
      </button>
      {result && (
        <Alert kind={result.kind} title={result.text} role={result.kind === 'danger' ? 'alert' : undefined} />
      )}
    </div>
  );
}
