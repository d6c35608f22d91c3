/**
 * The admin's funding rounds: the rounds with their state, a draft edited as the round's JSON (as the API
 * takes it), a preview that compares the draft with the published version before a confirmed publication,
 * and the planning-frame upload, previewed by the server (dry run) before anything is written.
 */
import { useId, useState } from 'react';
import { diffData } from '../../../../functions/core/diff.ts';
import { ApiError, api, uploadAllocations } from '../../api/client.ts';
import type { AllocationImport, RoundList } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import {
  Alert,
  announce,
  codeText,
  detailMessage,
  ErrorAlert,
  Facts,
  Loading,
  PageHeading,
  useLoad,
} from '../../ui/primitives.tsx';
import { type FrameMappings, type UnmatchedRow, UnmatchedRows, unmatchedRows } from './frame-mappings.tsx';

type Round = RoundList['items'][number];

/** A new round's starting point: every required field, with the 2024 rate as an example. */
const TEMPLATE = {
  title: 'Pakt für Integration – Förderrunde',
  fundingPeriod: { start: '2027-01-01', maxMonths: 24 },
  rates: { secondary: 47000, bachelor: 47000, master: 47000 },
  minimumEntitlement: 10000,
  minimumFte: 0.25,
  applicationWindow: { opens: '2026-10-01', closes: '2026-12-31' },
};

/** The round's own fields, without the registry's bookkeeping (id, version, state, who and when). */
function fieldsOf(round: Round): Record<string, unknown> {
  const { id, version, status, createdAt, createdBy, publishedAt, publishedBy, open, ...fields } = round;
  return fields;
}

const show = (value: unknown) =>
  value === undefined ? '–' : typeof value === 'string' ? value : JSON.stringify(value);

export default function RoundsAdminPage() {
  const i18n = useI18n();
  const { t, date } = i18n;
  const load = useLoad(async () => (await api.rounds()).data.items, []);
  const [id, setId] = useState('');
  const [text, setText] = useState('');
  const [step, setStep] = useState<'edit' | 'preview'>('edit');
  const [parsed, setParsed] = useState<Record<string, unknown> | null>(null);
  const [result, setResult] = useState<{ ok?: string; error?: unknown; parse?: string }>({});
  const [busy, setBusy] = useState(false);
  const [framesOf, setFramesOf] = useState<string | null>(null);
  const idField = useId();
  const textField = useId();
  const hint = useId();

  const rounds = load.data ?? [];
  const publishedOf = (roundId: string) => rounds.find((r) => r.id === roundId && r.status === 'published');

  const edit = (round?: Round) => {
    setResult({});
    setStep('edit');
    setId(round?.id ?? '');
    setText(JSON.stringify(round ? fieldsOf(round) : TEMPLATE, null, 2));
    document.getElementById(round ? textField : idField)?.focus();
  };

  const parse = (): Record<string, unknown> | null => {
    try {
      const value = JSON.parse(text) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value))
        return value as Record<string, unknown>;
      setResult({ parse: t('roundsAdmin.notJson') });
    } catch (e) {
      setResult({ parse: (e as Error).message });
    }
    return null;
  };

  const save = async (publish: boolean) => {
    const round = publish ? parsed : parse();
    if (!round) return;
    setBusy(true);
    setResult({});
    try {
      const { data } = await api.saveRound({ id: id.trim(), round, publish });
      const message = publish
        ? t('roundsAdmin.publishedOk', { id: data.id, version: String(data.version) })
        : t('roundsAdmin.saved', { id: data.id, version: String(data.version) });
      setResult({ ok: message });
      announce(message);
      if (publish) setStep('edit');
      load.reload();
    } catch (error) {
      setResult({ error });
      if (publish) setStep('edit');
    } finally {
      setBusy(false);
    }
  };

  const preview = () => {
    const round = parse();
    if (!round) return;
    setParsed(round);
    setResult({});
    setStep('preview');
  };

  const previous = publishedOf(id.trim());
  const changes = parsed && previous ? diffData(fieldsOf(previous), parsed) : [];

  return (
    <>
      <PageHeading>{t('roundsAdmin.title')}</PageHeading>
      <p className="kern-body">{t('roundsAdmin.intro')}</p>

      <h2 className="kern-heading-medium">{t('roundsAdmin.list')}</h2>
      {load.loading && !load.data ? (
        <Loading />
      ) : load.error ? (
        <ErrorAlert error={load.error} retry={load.reload} />
      ) : (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--striped pakt-table">
            <caption className="kern-sr-only">{t('roundsAdmin.list')}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th className="kern-table__header" scope="col">
                  {t('roundsAdmin.titleCol')}
                </th>
                <th className="kern-table__header" scope="col">
                  {t('roundsAdmin.status')}
                </th>
                <th className="kern-table__header" scope="col">
                  {t('roundsAdmin.window')}
                </th>
                <th className="kern-table__header" scope="col">
                  <span className="kern-sr-only">{t('roundsAdmin.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {rounds.map((r) => (
                <tr className="kern-table__row" key={`${r.id}#${r.version}`}>
                  <th className="kern-table__cell" scope="row">
                    {r.title}
                    <br />
                    <span className="kern-body--small pakt-muted">
                      <code>{r.id}</code> · {t('roundsAdmin.version')} {r.version}
                    </span>
                  </th>
                  <td className="kern-table__cell">
                    {r.status === 'draft' ? t('roundsAdmin.draft') : t('roundsAdmin.published')}
                    {r.open ? ` · ${t('roundsAdmin.openNow')}` : ''}
                  </td>
                  <td className="kern-table__cell">
                    {r.applicationWindow
                      ? t('roundsAdmin.windowValue', {
                          opens: date(r.applicationWindow.opens),
                          closes: date(r.applicationWindow.closes),
                        })
                      : '–'}
                  </td>
                  <td className="kern-table__cell">
                    <div className="pakt-actions pakt-actions--tight">
                      {/* A label, not a visually hidden span: that would widen a phone's page from inside the table. */}
                      <button
                        type="button"
                        className="kern-link pakt-linkbutton"
                        aria-label={`${t('roundsAdmin.edit')}: ${r.title}`}
                        onClick={() => edit(r)}
                      >
                        {t('roundsAdmin.edit')}
                      </button>
                      {r.status === 'published' && (
                        <button
                          type="button"
                          className="kern-link pakt-linkbutton"
                          aria-expanded={framesOf === r.id}
                          aria-controls="frames-upload"
                          aria-label={`${t('roundsAdmin.framesOf')}: ${r.title}`}
                          onClick={() => setFramesOf(framesOf === r.id ? null : r.id)}
                        >
                          {t('roundsAdmin.framesOf')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button type="button" className="kern-btn kern-btn--secondary" onClick={() => edit()}>
        <span className="kern-label">{t('roundsAdmin.new')}</span>
      </button>

      {framesOf && <FramesUpload key={framesOf} round={framesOf} />}

      <section className="pakt-section" aria-labelledby="round-editor-heading">
        <h2 className="kern-heading-medium" id="round-editor-heading">
          {t('roundsAdmin.editor')}
        </h2>
        {step === 'edit' ? (
          <>
            <div className="kern-form-input">
              <label className="kern-label" htmlFor={idField}>
                {t('roundsAdmin.id')}
              </label>
              <input
                className="kern-form-input__input"
                id={idField}
                value={id}
                onChange={(e) => setId(e.target.value)}
                pattern="[0-9a-z][0-9a-z\-]{1,39}"
                autoComplete="off"
                spellCheck={false}
              />
            </div>
            <div className="kern-form-input">
              <label className="kern-label" htmlFor={textField}>
                {t('roundsAdmin.fields')}
              </label>
              <div className="kern-hint" id={hint}>
                {t('roundsAdmin.fieldsHint')}
              </div>
              <textarea
                className="kern-form-input__input pakt-code"
                id={textField}
                rows={16}
                value={text}
                aria-describedby={hint}
                onChange={(e) => setText(e.target.value)}
                spellCheck={false}
              />
            </div>
            <div className="pakt-actions">
              <button
                type="button"
                className="kern-btn kern-btn--secondary"
                disabled={busy || !id.trim() || !text.trim()}
                onClick={() => void save(false)}
              >
                <span className="kern-label">{t('roundsAdmin.saveDraft')}</span>
              </button>
              <button
                type="button"
                className="kern-btn kern-btn--primary"
                disabled={busy || !id.trim() || !text.trim()}
                onClick={preview}
              >
                <span className="kern-label">{t('roundsAdmin.preview')}</span>
              </button>
            </div>
          </>
        ) : (
          parsed && (
            <div className="pakt-card pakt-section">
              <h3 className="kern-heading-small">
                {t('roundsAdmin.previewTitle', { title: show(parsed.title) })}
              </h3>
              <Facts
                items={[
                  [t('roundsAdmin.id'), <code key="id">{id.trim()}</code>],
                  [
                    t('roundsAdmin.period'),
                    t('roundsAdmin.periodValue', {
                      date: date(String((parsed.fundingPeriod as { start?: string })?.start ?? '')),
                      months: String((parsed.fundingPeriod as { maxMonths?: number })?.maxMonths ?? '–'),
                    }),
                  ],
                  [t('roundsAdmin.rates'), show(parsed.rates)],
                  [
                    t('roundsAdmin.minimum'),
                    `${show(parsed.minimumEntitlement)} EUR / ${show(parsed.minimumFte)}`,
                  ],
                  [t('roundsAdmin.window'), show(parsed.applicationWindow)],
                ]}
              />
              <h4 className="kern-heading-small">
                {previous
                  ? t('roundsAdmin.compare', { version: String(previous.version) })
                  : t('roundsAdmin.firstVersion')}
              </h4>
              {previous &&
                (changes.length === 0 ? (
                  <p className="kern-body">{t('roundsAdmin.noChanges')}</p>
                ) : (
                  <div className="kern-table-responsive">
                    <table className="kern-table pakt-table">
                      <caption className="kern-sr-only">
                        {t('roundsAdmin.compare', { version: String(previous.version) })}
                      </caption>
                      <thead className="kern-table__head">
                        <tr className="kern-table__row">
                          <th className="kern-table__header" scope="col">
                            {t('roundsAdmin.field')}
                          </th>
                          <th className="kern-table__header" scope="col">
                            {t('roundsAdmin.before')}
                          </th>
                          <th className="kern-table__header" scope="col">
                            {t('roundsAdmin.after')}
                          </th>
                        </tr>
                      </thead>
                      <tbody className="kern-table__body">
                        {changes.map((c) => (
                          <tr className="kern-table__row" key={`${c.op}${c.pointer}`}>
                            <th className="kern-table__cell" scope="row">
                              <code>{c.pointer}</code>
                            </th>
                            <td className="kern-table__cell">{show(c.before)}</td>
                            <td className="kern-table__cell">{show(c.after)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ))}
              <Alert kind="warning" title={t('roundsAdmin.confirmHint')}>
                <div className="pakt-actions">
                  <button
                    type="button"
                    className="kern-btn kern-btn--primary"
                    disabled={busy}
                    onClick={() => void save(true)}
                  >
                    <span className="kern-label">{t('roundsAdmin.confirmPublish')}</span>
                  </button>
                  <button
                    type="button"
                    className="kern-btn kern-btn--secondary"
                    onClick={() => setStep('edit')}
                  >
                    <span className="kern-label">{t('roundsAdmin.back')}</span>
                  </button>
                </div>
              </Alert>
            </div>
          )
        )}
        <div aria-live="polite">
          {result.parse && (
            <Alert kind="danger" title={t('roundsAdmin.notJson')} role="alert">
              <p className="kern-body">{result.parse}</p>
            </Alert>
          )}
          {result.error !== undefined && (
            <Alert kind="danger" title={t('roundsAdmin.refused')} role="alert">
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
          {result.ok && <Alert kind="success" title={result.ok} role="status" />}
        </div>
      </section>
    </>
  );
}

/** The planning-frame upload of one round: the server's preview (dry run) first, the import only after a confirm. */
export function FramesUpload({ round }: { round: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<AllocationImport | null>(null);
  /** Rows that matched no organisation (kept while the admin maps them) and where each is mapped to. */
  const [unmatched, setUnmatched] = useState<UnmatchedRow[]>([]);
  const [mappings, setMappings] = useState<FrameMappings>({});
  const [done, setDone] = useState<AllocationImport | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const fileField = useId();
  const hint = useId();
  const euro = new Intl.NumberFormat(i18n.locale === 'de' ? 'de-DE' : 'en-GB');

  const run = async (dryRun: boolean, map: FrameMappings = mappings) => {
    if (csv === null) return;
    setBusy(true);
    setError(undefined);
    try {
      const answer = await uploadAllocations(round, csv, dryRun, map);
      if (dryRun) {
        setPreview(answer);
        setDone(null);
        const found = unmatchedRows(answer);
        setUnmatched((known) => [...known, ...found.filter((r) => !known.some((k) => k.line === r.line))]);
      } else {
        setDone(answer);
        setPreview(null);
        announce(t('roundsAdmin.imported', { count: String(answer.rows.length) }));
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section id="frames-upload" className="pakt-section pakt-card" aria-labelledby="frames-heading">
      <h2 className="kern-heading-medium" id="frames-heading">
        {t('roundsAdmin.uploadFor', { id: round })}
      </h2>
      <p className="kern-body" id={hint}>
        {t('roundsAdmin.uploadHint')}
      </p>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor={fileField}>
          {t('roundsAdmin.file')}
        </label>
        <input
          id={fileField}
          type="file"
          accept=".csv,text/csv"
          className="kern-form-input__input"
          aria-describedby={hint}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            setPreview(null);
            setDone(null);
            setUnmatched([]);
            setMappings({});
            setCsv(file ? await file.text() : null);
          }}
        />
      </div>
      <button
        type="button"
        className="kern-btn kern-btn--secondary"
        disabled={busy || csv === null}
        onClick={() => void run(true)}
      >
        <span className="kern-label">{t('roundsAdmin.check')}</span>
      </button>
      <div aria-live="polite">
        {error !== undefined && (
          <Alert kind="danger" title={t('roundsAdmin.refused')} role="alert">
            <p className="kern-body">{codeText(i18n, error)}</p>
          </Alert>
        )}
        {done && (
          <Alert
            kind="success"
            title={t('roundsAdmin.imported', { count: String(done.rows.length) })}
            role="status"
          />
        )}
      </div>
      {preview && (
        <>
          <p className="kern-body">
            {t('roundsAdmin.summary', {
              new: String(preview.summary.new),
              changed: String(preview.summary.changed),
              unchanged: String(preview.summary.unchanged),
            })}
          </p>
          {preview.notInFile.length > 0 && (
            <p className="kern-body">{t('roundsAdmin.notInFile', { orgs: preview.notInFile.join(', ') })}</p>
          )}
          {unmatched.length > 0 && (
            <UnmatchedRows
              rows={unmatched}
              mappings={mappings}
              busy={busy}
              onMap={(line, target) => {
                const next = { ...mappings };
                if (target === undefined) delete next[line];
                else next[line] = target;
                setMappings(next);
                void run(true, next);
              }}
            />
          )}
          {preview.problems.length > 0 && (
            <Alert kind="danger" title={t('roundsAdmin.problems')} role="alert">
              <ul className="kern-list">
                {preview.problems.map((p) => (
                  <li key={`${p.line}${p.code}${p.column ?? ''}`}>
                    {t('roundsAdmin.line')} {p.line}:{' '}
                    {detailMessage(i18n, { message: p.message, code: p.code })}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          <div className="kern-table-responsive">
            <table className="kern-table kern-table--striped pakt-table">
              <caption className="kern-sr-only">{t('roundsAdmin.uploadFor', { id: round })}</caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th className="kern-table__header kern-table__header--numeric" scope="col">
                    {t('roundsAdmin.line')}
                  </th>
                  <th className="kern-table__header" scope="col">
                    {t('roundsAdmin.org')}
                  </th>
                  <th className="kern-table__header kern-table__header--numeric" scope="col">
                    {t('roundsAdmin.frame')}
                  </th>
                  <th className="kern-table__header kern-table__header--numeric" scope="col">
                    {t('roundsAdmin.previous')}
                  </th>
                  <th className="kern-table__header" scope="col">
                    {t('roundsAdmin.change')}
                  </th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {preview.rows.map((r) => (
                  <tr className="kern-table__row" key={r.line}>
                    <td className="kern-table__cell kern-table__cell--numeric">{r.line}</td>
                    <th className="kern-table__cell" scope="row">
                      {r.name}
                      {r.createsOrganisation && ` (${t('framesMap.created')})`}
                    </th>
                    <td className="kern-table__cell kern-table__cell--numeric">{euro.format(r.frame)}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      {r.previousFrame === undefined ? '–' : euro.format(r.previousFrame)}
                    </td>
                    <td className="kern-table__cell">{t(`roundsAdmin.change.${r.change}` as MessageKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.problems.length === 0 && (
            <button
              type="button"
              className="kern-btn kern-btn--primary"
              disabled={busy}
              onClick={() => void run(false)}
            >
              <span className="kern-label">
                {t('roundsAdmin.import', { count: String(preview.rows.length) })}
              </span>
            </button>
          )}
        </>
      )}
    </section>
  );
}
