import { api } from '../../api/client.ts';
import { formLanguages } from '../../forms/form-language.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { submissionPath } from '../../router.ts';
import {
  ErrorAlert,
  Facts,
  Loading,
  PageHeading,
  StatusBadge,
  statusLabel,
  useLoad,
} from '../../ui/primitives.tsx';
import { PlanPrintView } from '../plan/plan-print-view.tsx';
import { LockBanner } from '../privacy/lock-banner.tsx';
import { HistoryTimeline } from './history-timeline.tsx';
import { ReadOnlyDataLazy } from './print-data.tsx';

/** A printable view of an application or a plan (the print stylesheet hides everything else). */
export function PrintPage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, dateTime, date } = i18n;
  const load = useLoad(async () => {
    const { data: sub } = await api.get(id);
    const [{ data: form }, { data: history }] = await Promise.all([
      api.form(sub.formId, sub.formVersion),
      api.history(id),
    ]);
    return { sub, form, history: history.items };
  }, [id]);
  if (load.loading && !load.data) return <Loading />;
  if (load.error || !load.data) return <ErrorAlert error={load.error} retry={load.reload} />;
  const { sub, form, history } = load.data;
  // A plan is printed for the person it is about: the same document as its PDF, never technical data.
  if (form.workflow.kind === 'case') return <PlanPrintView id={id} languages={formLanguages(form.i18n)} />;
  const title = form.i18n[i18n.locale]?.title ?? form.title[i18n.locale] ?? form.title.de;
  return (
    <article className="pakt-print">
      <div className="pakt-noprint kern-btn-wrapper pakt-actions">
        <button type="button" className="kern-btn kern-btn--primary" onClick={() => window.print()}>
          <span className="kern-label">{t('sub.printNow')}</span>
        </button>
        <a className="kern-link" href={`#${submissionPath(id)}`}>
          {t('app.back')}
        </a>
      </div>
      <PageHeading sub={t('print.printedAt', { date: date(new Date()) })}>{title}</PageHeading>
      <Facts
        items={[
          [
            t('sub.status'),
            <StatusBadge key="s" status={sub.status} label={statusLabel(i18n, sub.status, form.i18n, sub)} />,
          ],
          ...(sub.fileNumber ? ([[t('docs.fileNumber'), sub.fileNumber]] as [string, string][]) : []),
          [t('sub.meta', { id: '' }).trim(), sub.id],
          [t('sub.created'), dateTime(sub.createdAt)],
          [t('sub.updated'), dateTime(sub.updatedAt)],
          [t('sub.version'), String(sub.formVersion)],
        ]}
      />
      <LockBanner sub={sub} />
      {sub.lastComment && sub.status === 'revised' && (
        <blockquote className="pakt-quote kern-body">{sub.lastComment}</blockquote>
      )}
      <ReadOnlyDataLazy form={form} data={sub.data} />
      <HistoryTimeline events={history} plan={false} />
    </article>
  );
}
