import { type ReactNode, useState } from 'react';
import { api } from '../../api/client.ts';
import type { AllocationTotals, ElectoralDistrictFigure } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { ErrorAlert, Facts, Loading, PageHeading, useLoad } from '../../ui/primitives.tsx';
import { loadRounds } from '../application/directory.ts';
import { latestRound, publishedRounds } from './rounds.ts';

const FIGURES = ['frame', 'approved', 'paid', 'reclaimed', 'inReview', 'remaining'] as const;
const FIGURE_LABEL: Record<(typeof FIGURES)[number], MessageKey> = {
  frame: 'frame.frame',
  approved: 'frame.approved',
  paid: 'frame.paid',
  reclaimed: 'frame.reclaimed',
  inReview: 'frame.inReview',
  remaining: 'frame.remaining',
};

function NumericHeads() {
  const { t } = useI18n();
  return (
    <>
      {FIGURES.map((f) => (
        <th scope="col" className="kern-table__header kern-table__header--numeric" key={f}>
          {t(FIGURE_LABEL[f])}
        </th>
      ))}
    </>
  );
}

/** The amounts of a row; `data-figure` names each cell (the browser tests read them). */
function NumericCells({ row }: { row: AllocationTotals }) {
  const { money } = useI18n();
  return (
    <>
      {FIGURES.map((f) => (
        <td className="kern-table__cell kern-table__cell--numeric" key={f} data-figure={f}>
          {money(row[f])}
        </td>
      ))}
    </>
  );
}

function Table({
  id,
  caption,
  head,
  children,
}: {
  id: string;
  caption: string;
  head: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--striped pakt-table" id={id}>
        <caption className="kern-sr-only">{caption}</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">{head}</tr>
        </thead>
        {children}
      </table>
    </div>
  );
}

/**
 * The planning frames ("Planungsrahmen") of a round for the granting authority: per municipality what is
 * approved, paid, reclaimed, in review and remaining (money only); the totals per district; and, per electoral district, the press release's
 * figures beside the platform's own sum.
 */
export function AllocationsPage() {
  const { t, money, locale } = useI18n();
  // The round shown: the newest of the forms' rounds until another one of the registry is chosen.
  const [chosen, setChosen] = useState<string>();
  const load = useLoad(async () => {
    const latest = chosen ?? (await latestRound());
    if (!latest) return undefined;
    const [allocations, orgs, forms, registry] = await Promise.all([
      api.allocations(latest),
      api.organisations(),
      publishedRounds(),
      loadRounds(),
    ]);
    const rounds = [...new Set([...forms, ...registry.map((r) => r.id)])].sort();
    const names = new Map(orgs.data.items.map((o) => [o.id, o]));
    const overview = allocations.data;
    return {
      ...overview,
      rounds,
      round: overview.round ?? latest,
      items: overview.items.map((row) => ({
        ...row,
        orgName: row.name ?? row.orgName ?? names.get(row.org)?.name ?? row.org,
        district: row.district ?? names.get(row.org)?.district ?? '',
      })),
    };
  }, [chosen]);
  if (load.loading && !load.data) return <Loading />;
  if (load.error) return <ErrorAlert error={load.error} retry={load.reload} />;
  if (!load.data)
    return (
      <>
        <PageHeading>{t('frame.overview')}</PageHeading>
        <p className="kern-body">{t('frame.noRound')}</p>
      </>
    );
  const { round, rounds, items, districts, electoralDistricts, totals } = load.data;
  const anyRounded = items.some((r) => r.rounded);
  const label = (e: ElectoralDistrictFigure, key: 'pressReleaseTotal' | 'namedMunicipalitiesSum') => {
    const own = e.labels?.[key];
    return (
      own?.[locale] ?? (key === 'pressReleaseTotal' ? t('frame.pressReleaseTotal') : t('frame.namedSum'))
    );
  };
  return (
    <>
      <PageHeading sub={t('frame.round', { round })}>{t('frame.overview')}</PageHeading>
      {rounds.length > 1 && (
        <div className="kern-form-input pakt-noprint pakt-round-choice">
          <label className="kern-label" htmlFor="frame-round">
            {t('frame.roundChoice')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id="frame-round"
              className="kern-form-input__select"
              value={round}
              onChange={(e) => setChosen(e.target.value)}
            >
              {rounds.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      {items.length === 0 ? (
        <p className="kern-body">{t('frame.none')}</p>
      ) : (
        <>
          <section aria-labelledby="frames-title">
            <h2 className="kern-heading-medium" id="frames-title">
              {t('frame.municipalities')}
            </h2>
            <p className="kern-body kern-body--small pakt-muted" id="remaining-note">
              {t('frame.remainingNote')}
            </p>
            <Table
              id="frames"
              caption={t('frame.municipalities')}
              head={
                <>
                  <th scope="col" className="kern-table__header">
                    {t('frame.municipality')}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t('frame.district')}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t('frame.electoralDistrict')}
                  </th>
                  <NumericHeads />
                </>
              }
            >
              <tbody className="kern-table__body">
                {items.map((r) => (
                  <tr className="kern-table__row" key={r.org} data-org={r.org}>
                    <th scope="row" className="kern-table__cell">
                      {r.orgName}
                      {r.rounded && (
                        <>
                          <span aria-hidden="true">*</span>
                          <span className="kern-sr-only"> ({t('frame.rounded')})</span>
                        </>
                      )}
                    </th>
                    <td className="kern-table__cell">{r.district}</td>
                    <td className="kern-table__cell">{r.electoralDistrict ?? '—'}</td>
                    <NumericCells row={r} />
                  </tr>
                ))}
              </tbody>
              <tfoot className="kern-table__footer">
                <tr className="kern-table__row">
                  <th scope="row" className="kern-table__cell" colSpan={3}>
                    {t('frame.total')}
                  </th>
                  <NumericCells row={totals} />
                </tr>
              </tfoot>
            </Table>
            {anyRounded && (
              <p className="kern-body kern-body--small pakt-muted">
                <span aria-hidden="true">* </span>
                {t('frame.rounded')}
              </p>
            )}
          </section>

          <section aria-labelledby="districts-title">
            <h2 className="kern-heading-medium" id="districts-title">
              {t('frame.districts')}
            </h2>
            <Table
              id="district-totals"
              caption={t('frame.districts')}
              head={
                <>
                  <th scope="col" className="kern-table__header">
                    {t('frame.district')}
                  </th>
                  <NumericHeads />
                </>
              }
            >
              <tbody className="kern-table__body">
                {districts.map((d) => (
                  <tr className="kern-table__row" key={d.district}>
                    <th scope="row" className="kern-table__cell">
                      {d.district || '—'}
                    </th>
                    <NumericCells row={d} />
                  </tr>
                ))}
              </tbody>
              <tfoot className="kern-table__footer">
                <tr className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {t('frame.total')}
                  </th>
                  <NumericCells row={totals} />
                </tr>
              </tfoot>
            </Table>
          </section>

          {electoralDistricts.length > 0 && (
            <section aria-labelledby="electoral-title">
              <h2 className="kern-heading-medium" id="electoral-title">
                {t('frame.electoral')}
              </h2>
              <p className="kern-body">{t('frame.electoralIntro')}</p>
              <div className="pakt-electoral">
                {electoralDistricts.map((e, i) => (
                  <section
                    key={e.electoralDistrict}
                    className="kern-card pakt-card"
                    aria-labelledby={`ed-${i}`}
                    data-electoral-district={e.electoralDistrict}
                  >
                    <div className="kern-card__container">
                      <div className="kern-card__header">
                        <h3 className="kern-heading-small" id={`ed-${i}`}>
                          {t('frame.electoralDistrict')} {e.electoralDistrict}
                        </h3>
                      </div>
                      <div className="kern-card__body">
                        <Facts
                          items={[
                            [
                              label(e, 'pressReleaseTotal'),
                              <span className="pakt-num" key="p">
                                {money(e.pressReleaseTotal)}
                              </span>,
                            ],
                            [
                              label(e, 'namedMunicipalitiesSum'),
                              <span className="pakt-num" key="n">
                                {money(e.namedMunicipalitiesSum)}
                              </span>,
                            ],
                            [
                              t('frame.platformSum'),
                              <span className="pakt-num" key="s">
                                {money(e.platformSum)}
                              </span>,
                            ],
                            ...(['approved', 'paid', 'reclaimed'] as const).map(
                              (f) =>
                                [
                                  t(FIGURE_LABEL[f]),
                                  <span className="pakt-num" key={f} data-figure={f}>
                                    {money(e[f] ?? 0)}
                                  </span>,
                                ] as [string, ReactNode],
                            ),
                            [
                              t('frame.unnamed'),
                              <span className="pakt-num" key="u">
                                {money(e.pressReleaseTotal - e.namedMunicipalitiesSum)}
                              </span>,
                            ],
                          ]}
                        />
                      </div>
                    </div>
                  </section>
                ))}
              </div>
            </section>
          )}
        </>
      )}
    </>
  );
}
