import { api } from '../../api/client.ts';
import type { FormVersion, NextStep, Submission, TimelineEntry } from '../../api/types.ts';
import { type I18n, useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { submissionPath } from '../../router.ts';
import { ErrorAlert, Loading, statusLabel, useLoad } from '../../ui/primitives.tsx';

type Texts = FormVersion['i18n'];

interface Names {
  /** A follow-up form's title in the UI language. */
  title: (formId: string) => string;
  texts: Map<string, Texts>;
}

/** "Bescheid abrufen – Kommune – bis 12.03.2027": what, who, by when (German first). */
function StepLine({ step, names }: { step: NextStep; names: Names }) {
  const { t, date } = useI18n();
  const title = step.record ? names.title(step.record.formId) : '';
  const what =
    step.kind === 'becomes-final'
      ? t('caseFile.step.becomes-final', { date: date(step.date) })
      : t(`caseFile.step.${step.kind}` as MessageKey, { title });
  const parts = [
    step.by ? t(`caseFile.by.${step.by}` as MessageKey) : undefined,
    step.kind !== 'becomes-final' && step.date ? t('caseFile.until', { date: date(step.date) }) : undefined,
    step.afterFinality
      ? step.afterFinality.from
        ? t('caseFile.afterFinalityFrom', { date: date(step.afterFinality.from) })
        : t('caseFile.afterFinality')
      : undefined,
  ].filter(Boolean);
  return (
    <li className="pakt-next-step" data-step={step.kind}>
      {step.record ? (
        <a className="kern-link" href={`#${submissionPath(step.record.id)}`}>
          <strong>{what}</strong>
        </a>
      ) : (
        <strong>{what}</strong>
      )}
      {parts.length > 0 && <span> – {parts.join(' – ')}</span>}
      {step.overdue && ' '}
      {step.overdue && (
        <span className="kern-badge kern-badge--danger pakt-next-step__overdue">
          <span className="kern-label kern-label--small">{t('caseFile.overdue')}</span>
        </span>
      )}
    </li>
  );
}

/** One line of the timeline, in the UI language. */
function describe(i18n: I18n, e: TimelineEntry, names: Names): string {
  const { t, money } = i18n;
  const title = e.record ? names.title(e.record.formId) : '';
  switch (e.kind) {
    case 'document': {
      const name = e.document?.title ?? '';
      return e.document?.state === 'pending'
        ? t('caseFile.documentPending', { title: name })
        : t('caseFile.document', { title: name });
    }
    case 'notified':
      return t('caseFile.notified');
    case 'final':
      return t('caseFile.final');
    case 'paid':
      return t('caseFile.paid', { amount: money(e.amount ?? 0), title });
  }
  let what = '';
  if (e.type === 'created') what = t('caseFile.created');
  else if (e.type === 'member-confirmed') what = t('caseFile.memberConfirmed');
  else if (e.type === 'proposal' && e.action) what = t(`history.proposal.${e.action}` as MessageKey);
  else if (e.type === 'finality' && e.finality)
    what = `${t(`history.finality.${e.finality.step}` as MessageKey)}${e.finality.date ? ` (${i18n.date(e.finality.date)})` : ''}`;
  // A follow-up record's change in its form's own words ("Freigegeben", "Angenommen").
  else if (e.record && e.to) what = statusLabel(i18n, e.to, names.texts.get(e.record.formId));
  else if (e.action) what = t(`history.action.${e.action}` as MessageKey);
  return e.record ? `${title}: ${what}` : what;
}

/**
 * The case file ("Förderakte") of a funding application: what is due next, by whom and by when, and every step
 * so far in order (its own, its follow-up records', the documents issued, notification, finality, payouts). Both
 * come from the server (`GET /api/submissions/{id}/case-file`), which computes them with the rules it enforces.
 */
export function CaseFileSection({ sub }: { sub: Submission }) {
  const i18n = useI18n();
  const { t, date, dateTime } = i18n;
  const loaded = useLoad(async () => {
    const [{ data }, { data: forms }] = await Promise.all([api.caseFile(sub.id), api.forms()]);
    const formIds = [
      ...new Set(
        [
          ...data.timeline.map((e) => e.record?.formId),
          ...data.nextSteps.map((s) => s.record?.formId),
        ].filter((id): id is string => id !== undefined),
      ),
    ];
    const texts = new Map(
      await Promise.all(formIds.map(async (id) => [id, (await api.form(id)).data.i18n] as const)),
    );
    return { ...data, forms: forms.items, texts };
  }, [sub.id, sub.version]);
  const names: Names = {
    title: (formId) => {
      const form = loaded.data?.forms.find((f) => f.id === formId);
      return form ? (form.title[i18n.locale] ?? form.title.de) : formId;
    },
    texts: loaded.data?.texts ?? new Map(),
  };
  return (
    <section className="pakt-case-file" aria-labelledby="case-file-title">
      <h2 className="kern-heading-medium" id="case-file-title">
        {t('caseFile.title')}
      </h2>
      <p className="kern-body pakt-muted">{t('caseFile.intro')}</p>
      {loaded.loading && !loaded.data && <Loading />}
      {loaded.error !== undefined && <ErrorAlert error={loaded.error} retry={loaded.reload} />}
      {loaded.data && (
        <>
          <h3 className="kern-heading-small" id="next-steps-title">
            {t('caseFile.next')}
          </h3>
          {loaded.data.nextSteps.length === 0 ? (
            <p className="kern-body">{t('caseFile.nothing')}</p>
          ) : (
            <ul className="kern-list pakt-next-steps" aria-labelledby="next-steps-title">
              {loaded.data.nextSteps.map((s) => (
                <StepLine key={`${s.kind}-${s.record?.id ?? ''}`} step={s} names={names} />
              ))}
            </ul>
          )}
          <h3 className="kern-heading-small" id="case-timeline-title">
            {t('caseFile.timeline')}
          </h3>
          <ol className="pakt-timeline" aria-labelledby="case-timeline-title">
            {loaded.data.timeline.map((e, i) => (
              <li
                // The timeline has no ids of its own; its order is fixed by the server.
                // biome-ignore lint/suspicious/noArrayIndexKey: entries never move within one answer.
                key={i}
                className={`pakt-timeline__item pakt-timeline__item--${e.action ?? e.kind}`}
                data-entry={e.kind}
              >
                <p className="kern-body">
                  <time dateTime={e.at}>{e.at.length === 10 ? date(e.at) : dateTime(e.at)}</time>
                  {' · '}
                  {e.record ? (
                    <a className="kern-link" href={`#${submissionPath(e.record.id)}`}>
                      {describe(i18n, e, names)}
                    </a>
                  ) : (
                    describe(i18n, e, names)
                  )}
                  {e.actor && (
                    <span className="pakt-muted">
                      {' '}
                      ({e.actor}, {t(`role.${e.role}` as MessageKey)})
                    </span>
                  )}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
