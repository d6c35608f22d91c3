import { api, itemsOf } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ROUND } from './home.tsx';
import { ErrorAlert, Loading, PageHeading, useLoad } from './ui.tsx';

/** The planning frames ("Planungsrahmen") of all municipalities and what is bound in them. */
export function AllocationsPage() {
  const { t, money } = useI18n();
  const load = useLoad(async () => {
    const [allocations, orgs] = await Promise.all([api.allocations(ROUND), api.organisations()]);
    const names = new Map(orgs.data.items.map((o) => [o.id, o]));
    return (itemsOf(allocations.data) ?? []).map((row) => ({
      ...row,
      orgName: row.orgName ?? names.get(row.org)?.name ?? row.org,
      district: row.district ?? names.get(row.org)?.district ?? '',
    }));
  }, []);
  if (load.loading && !load.data) return <Loading />;
  if (load.error || !load.data) return <ErrorAlert error={load.error} retry={load.reload} />;
  const rows = load.data;
  const sum = (key: 'frame' | 'approved' | 'inReview' | 'remaining') =>
    rows.reduce((a, r) => a + (r[key] ?? 0), 0);
  return (
    <>
      <PageHeading sub={ROUND}>{t('frame.overview')}</PageHeading>
      {rows.length === 0 ? (
        <p className="kern-body">{t('frame.none')}</p>
      ) : (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--striped pakt-table">
            <caption className="kern-sr-only">{t('frame.overview')}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t('frame.municipality')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('frame.district')}
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  {t('frame.frame')}
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  {t('frame.approved')}
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  {t('frame.inReview')}
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  {t('frame.remaining')}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {rows.map((r) => (
                <tr className="kern-table__row" key={r.org}>
                  <th scope="row" className="kern-table__cell">
                    {r.orgName}
                  </th>
                  <td className="kern-table__cell">{r.district}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{money(r.frame)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{money(r.approved)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{money(r.inReview)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{money(r.remaining)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot className="kern-table__footer">
              <tr className="kern-table__row">
                <th scope="row" className="kern-table__cell" colSpan={2}>
                  {t('frame.total')}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">{money(sum('frame'))}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{money(sum('approved'))}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{money(sum('inReview'))}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{money(sum('remaining'))}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </>
  );
}
