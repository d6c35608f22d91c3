import { api, listAll } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { submissionPath } from '../../router.ts';
import { useSession } from '../../session/session.tsx';
import { ErrorAlert, Loading, PageHeading, StatusBadge, useLoad } from '../../ui/primitives.tsx';
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
    // The planning frame of the newest round the funding form offers; a municipality without one sees none.
    const round = await latestRound(forms.data.items);
    const allocations = round ? (await api.allocations(round)).data : undefined;
    const allocation = allocations?.items.find((r) => r.org === me.org);
    return { forms: forms.data.items, items, allocation, rounds };
  }, [me.org]);
  if (load.loading && !load.data) return <Loading />;
  if (load.error || !load.data) return <ErrorAlert error={load.error} retry={load.reload} />;
  const { forms, items, allocation, rounds } = load.data;
  const byForm = new Map(forms.map((f) => [f.id, f]));
  const counts = STATUSES.map((s) => [s, items.filter((i) => i.status === s).length] as const);
  return (
    <>
      <PageHeading sub={me.orgName}>{t('dash.welcome', { name: me.name })}</PageHeading>
      <div className="pakt-dash">
        <div className="pakt-dash__main">
          <NewButtons forms={forms} kind="funding" label="dash.newApplication" />
          <OpenRounds rounds={rounds} />
          <h2 className="kern-heading-medium">{t('dash.applications')}</h2>
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
                    <StatusBadge status={s.status} />
                    {s.status === 'revised' && s.lastComment && (
                      <p className="kern-body--small pakt-comment-snippet">{s.lastComment}</p>
                    )}
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {typeof s.indexed.requestedTotal === 'number' ? money(s.indexed.requestedTotal) : '—'}
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
