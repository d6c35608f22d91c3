/**
 * The admin's funding rounds: the rounds with their state, the round editor (field by field, see
 * `round-editor.tsx`) for a new round (a copy of the newest one) or a correction of a published one, and the
 * planning-frame upload, previewed by the server (dry run) before anything is written.
 */
import { useId, useState } from 'react';
import { api, uploadAllocations } from '../../api/client.ts';
import type { AllocationImport, RoundList } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { FilePicker } from '../../ui/file-picker.tsx';
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
import { type FrameMappings, type UnmatchedRow, UnmatchedRows, unmatchedRows } from './frame-mappings.tsx';
import { type EditorStart, RoundEditor, roundFieldsOf } from './round-editor.tsx';
import { formOf, newestRound, nextRoundId } from './round-form.ts';

type Round = RoundList['items'][number];

export default function RoundsAdminPage() {
  const { t, date } = useI18n();
  const load = useLoad(async () => (await api.rounds()).data.items, []);
  const [editing, setEditing] = useState<(EditorStart & { key: number }) | null>(null);
  const [framesOf, setFramesOf] = useState<string | null>(null);

  const rounds = load.data ?? [];
  const publishedOf = (roundId: string) => rounds.find((r) => r.id === roundId && r.status === 'published');
  const taken = new Set(rounds.map((r) => r.id));

  const open = (start: EditorStart) => {
    setEditing({ ...start, key: Date.now() });
    requestAnimationFrame(() => document.getElementById('round-editor-heading')?.focus());
  };
  /** A new round starts as a copy of the newest published round, under an id no round has yet. */
  const startNew = () => {
    const newest = newestRound(rounds.filter((r) => r.status === 'published'));
    const id = newest ? nextRoundId(newest.id, taken) : '';
    open({
      mode: 'new',
      form: newest
        ? formOf(id, roundFieldsOf(newest))
        : formOf('', { rates: { secondary: 47000, bachelor: 47000, master: 47000 } }),
    });
  };
  const edit = (round: Round) =>
    open({
      mode: round.status === 'draft' ? 'draft' : 'correct',
      form: formOf(round.id, roundFieldsOf(round)),
    });

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
                        aria-label={`${r.status === 'draft' ? t('roundsAdmin.edit') : t('roundsAdmin.correct')}: ${r.title}`}
                        onClick={() => edit(r)}
                      >
                        {r.status === 'draft' ? t('roundsAdmin.edit') : t('roundsAdmin.correct')}
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
      <button type="button" className="kern-btn kern-btn--secondary" onClick={startNew}>
        <span className="kern-label">{t('roundsAdmin.new')}</span>
      </button>

      {framesOf && <FramesUpload key={framesOf} round={framesOf} />}

      {editing && (
        <section className="pakt-section" aria-labelledby="round-editor-heading">
          <h2 className="kern-heading-medium" id="round-editor-heading" tabIndex={-1}>
            {t('roundsAdmin.editor')}
          </h2>
          <RoundEditor
            key={editing.key}
            start={editing}
            published={publishedOf}
            taken={taken}
            onSaved={load.reload}
          />
        </section>
      )}
    </>
  );
}

/** The planning-frame upload of one round: the server's preview (dry run) first, the import only after a confirm. */
export function FramesUpload({ round }: { round: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [file, setFile] = useState<File | null>(null);
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
        <FilePicker
          id={fileField}
          label={t('roundsAdmin.file')}
          accept=".csv,text/csv"
          describedBy={hint}
          file={file}
          onChange={async (chosen) => {
            setFile(chosen);
            setPreview(null);
            setDone(null);
            setUnmatched([]);
            setMappings({});
            setCsv(chosen ? await chosen.text() : null);
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
