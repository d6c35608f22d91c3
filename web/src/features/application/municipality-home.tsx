import { api, listAll } from '../../api/client.ts';
import type { AllocationRow } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { submissionPath } from '../../router.ts';
import { useSession } from '../../session/session.tsx';
import { ErrorAlert, Loading, PageHeading, StatusBadge, statusLabel, useLoad } from '../../ui/primitives.tsx';
import { Table } from '../../ui/table.tsx';
import { AllocationPanel } from '../allocations/allocation-panel.tsx';
import { latestRound } from '../allocations/rounds.ts';
import { formTitle, NewButtons } from '../home/new-buttons.tsx';
import { STATUSES } from '../home/statuses.ts';
import { OpenRounds, openRounds } from '../rounds/open-rounds.tsx';

export function MunicipalityHome() {
  const i18n = useI18n();
  const { t, money, dateTime } = i18n;
  const { me } = useSession();
  const load = useLoad(async () => {
    const [forms, items, rounds] = await Promise.all([api.forms(), listAll({}), openRounds()]);
    // The planning frame of the round of the municipality's latest application, else of the newest open round
    // (else the newest round a funding form offers) in which it has one; a municipality without one sees none.
    const latest = items
      .filter((i) => !i.parentId && typeof i.indexed.round === 'string')
      .sort((x, y) => y.updatedAt.localeCompare(x.updatedAt))[0]?.indexed.round as string | undefined;
    const open = rounds
      .map((r) => r.id)
      .sort()
      .reverse();
    const candidates = [latest, ...open, await latestRound(forms.data.items)];
    let allocation: AllocationRow | undefined;
    for (const round of new Set(candidates.filter((r): r is string => r !== undefined))) {
      allocation = (await api.allocations(round)).data.items.find((r) => r.org === me.org);
      if (allocation) break;
    }
    // Follow-up records' states in their forms' own words ("Freigegeben", "Angenommen").
    const followUpForms = [...new Set(items.filter((i) => i.parentId).map((i) => i.formId))];
    const texts = new Map(
      await Promise.all(followUpForms.map(async (id) => [id, (await api.form(id)).data.i18n] as const)),
    );
    return { forms: forms.data.items, items, allocation, rounds, texts };
  }, [me.org]);
  if (load.loading && !load.data) return <Loading />;
  if (load.error || !load.data) return <ErrorAlert error={load.error} retry={load.reload} />;
  const { forms, items, allocation, rounds, texts } = load.data;
  const byForm = new Map(forms.map((f) => [f.id, f]));
  const counts = STATUSES.map((s) => [s, items.filter((i) => i.status === s).length] as const);
  return (
    <>
      <PageHeading sub={me.orgName}>{t('dash.welcome', { name: me.name })}</PageHeading>
      <div className="pakt-dash">
        <div className="pakt-dash__main">
          <NewButtons forms={forms} kind="funding" label="dash.newApplication" />
          <OpenRounds rounds={rounds} />
          <h2 className="kern-heading-medium">{t('dash.byState')}</h2>
          <ul className="pakt-counts" aria-label={t('dash.byState')}>
            {counts.map(([status, n]) => (
              <li key={status}>
                <StatusBadge status={status} /> <span className="kern-body">{n}</span>
              </li>
            ))}
          </ul>
          {items.length === 0 ? (
            <p className="kern-body">{t('dash.noApplications')}</p>
          ) : (
            <Table
              caption={t('dash.applications')}
              head={[t('list.title'), t('list.status'), t('frame.requested'), t('list.updated')]}
            >
              {items.map((s) => (
                <tr className="kern-table__row" key={s.id}>
                  <td className="kern-table__cell">
                    <a className="kern-link" href={`#${submissionPath(s.id)}`}>
                      {String(s.indexed.applicantName ?? formTitle(i18n, byForm.get(s.formId)))}
                    </a>
                    <br />
                    <span className="kern-body--small pakt-muted">
                      {formTitle(i18n, byForm.get(s.formId))} · {String(s.indexed.round ?? '')}
                      {s.fileNumber && ` · ${t('docs.fileNumber')} ${s.fileNumber}`}
                    </span>
                  </td>
                  <td className="kern-table__cell">
                    <StatusBadge status={s.status} label={statusLabel(i18n, s.status, texts.get(s.formId))} />
                    {s.status === 'revised' && s.lastComment && (
                      <p className="kern-body--small pakt-comment-snippet">{s.lastComment}</p>
                    )}
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {/* An application's requested total; a payment request's amount. */}
                    {typeof s.indexed.requestedTotal === 'number'
                      ? money(s.indexed.requestedTotal)
                      : typeof s.indexed.amount === 'number'
                        ? money(s.indexed.amount)
                        : '—'}
                  </td>
                  <td className="kern-table__cell">{dateTime(s.updatedAt)}</td>
                </tr>
              ))}
            </Table>
          )}
        </div>
        {allocation && (
          <aside className="pakt-dash__side">
            <AllocationPanel row={allocation} />
          </aside>
        )}
      </div>
    </>
  );
}
