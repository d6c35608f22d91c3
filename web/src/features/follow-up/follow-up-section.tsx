import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Submission } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { navigate, submissionPath } from '../../router.ts';
import { ErrorAlert, Facts, Loading, StatusBadge, statusLabel, useLoad } from '../../ui/primitives.tsx';
import { Table } from '../../ui/table.tsx';

/**
 * The application after its decision ("Förderakte"): the finance summary, the follow-up records (payment
 * requests, change notices, proofs of use) with their status, and a start button for each record the server
 * says the caller may start now (`followUpForms`).
 */
export function FollowUpSection({ sub }: { sub: Submission }) {
  const i18n = useI18n();
  const { t, money, date } = i18n;
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const loaded = useLoad(async () => {
    const [{ data: children }, { data: forms }] = await Promise.all([api.children(sub.id), api.forms()]);
    // Each record's states in its form's own words ("Freigegeben", "Angenommen").
    const formIds = [...new Set(children.items.map((c) => c.formId))];
    const texts = new Map(
      await Promise.all(formIds.map(async (id) => [id, (await api.form(id)).data.i18n] as const)),
    );
    return { children: children.items, forms: forms.items, texts };
  }, [sub.id, sub.version]);
  const finance = sub.finance;
  if (!finance) return null;
  const titleOf = (formId: string) => {
    const form = loaded.data?.forms.find((f) => f.id === formId);
    return form ? (form.title[i18n.locale] ?? form.title.de) : formId;
  };
  const start = async (formId: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await api.createChild(formId, sub.id);
      navigate(submissionPath(data.id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  // The start buttons wait for the forms' titles: "Neu: payment-request" is no button to show, even for a moment.
  const startable = loaded.data ? (sub.followUpForms ?? []) : [];
  const amendments = sub.followUp?.amendments ?? [];
  return (
    <section className="pakt-follow-up" aria-labelledby="follow-up-title">
      <h2 className="kern-heading-medium" id="follow-up-title">
        {t('followUp.title')}
      </h2>
      <h3 className="kern-heading-small">{t('followUp.finance')}</h3>
      <Facts
        items={[
          [t('followUp.approved'), money(finance.approved)],
          [t('followUp.requested'), money(finance.requested)],
          [t('followUp.paid'), money(finance.paid)],
          [t('followUp.reclaimed'), money(finance.reclaimed)],
          [t('followUp.available'), <strong key="a">{money(finance.available)}</strong>],
        ]}
      />
      {amendments.length > 0 && (
        <>
          <h3 className="kern-heading-small">{t('followUp.amendments')}</h3>
          <ul className="kern-list">
            {amendments.map((a) => (
              <li key={a.noticeId}>
                {t('followUp.amendment', { date: date(a.at), from: money(a.from), to: money(a.to) })}
              </li>
            ))}
          </ul>
        </>
      )}
      {loaded.loading && !loaded.data && <Loading />}
      {loaded.error !== undefined && <ErrorAlert error={loaded.error} retry={loaded.reload} />}
      {loaded.data &&
        (loaded.data.children.length === 0 ? (
          <p className="kern-body pakt-muted">{t('followUp.none')}</p>
        ) : (
          <Table
            caption={t('followUp.records')}
            head={[t('followUp.form'), t('sub.status'), t('followUp.amount'), t('followUp.created')]}
          >
            {loaded.data.children.map((c) => (
              <tr className="kern-table__row" key={c.id}>
                <td className="kern-table__cell">
                  <a className="kern-link" href={`#${submissionPath(c.id)}`}>
                    {titleOf(c.formId)}
                  </a>
                </td>
                <td className="kern-table__cell">
                  <StatusBadge
                    status={c.status}
                    label={statusLabel(i18n, c.status, loaded.data?.texts.get(c.formId))}
                  />
                </td>
                <td className="kern-table__cell">
                  {typeof c.indexed.amount === 'number' ? money(c.indexed.amount) : '–'}
                </td>
                <td className="kern-table__cell">{date(c.createdAt)}</td>
              </tr>
            ))}
          </Table>
        ))}
      {startable.length > 0 && (
        <div className="kern-btn-wrapper pakt-actions pakt-noprint">
          {startable.map((formId) => (
            <button
              key={formId}
              type="button"
              className="kern-btn kern-btn--secondary"
              disabled={busy}
              onClick={() => start(formId)}
            >
              <span className="kern-icon kern-icon--add" aria-hidden="true" />
              <span className="kern-label">{t('followUp.start', { title: titleOf(formId) })}</span>
            </button>
          ))}
        </div>
      )}
      {startable.length > 0 && !startable.includes('payment-request') && (
        <p className="kern-hint">{t('followUp.cannotStart')}</p>
      )}
      {error !== undefined && <ErrorAlert error={error} />}
    </section>
  );
}
