import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { FinalityBody, Submission } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { DateField } from '../../ui/date-field.tsx';
import { ErrorAlert, Facts } from '../../ui/primitives.tsx';
import { ConfirmButtons, ReasonsField } from './confirm-parts.tsx';

type Step = Exclude<FinalityBody['step'], 'remedy_waived'>;
const STEPS: Step[] = ['notified_by_post', 'remedy_notice', 'action_filed', 'action_closed'];

/**
 * The decision as decided and how far it is from being final ("bestandskräftig"): notified on, final from.
 * The reviewer records steps (notification by post, a defective legal-remedy notice, an action filed or closed)
 * and may revoke an approval; the applicant may waive legal remedy. Buttons only as the server allows them.
 */
export function DecisionStatus({
  sub,
  onDone,
}: {
  sub: Submission;
  onDone: (s: Submission, message: string) => void;
}) {
  const { t, money, date, dateTime } = useI18n();
  const [step, setStep] = useState<Step>('notified_by_post');
  const [day, setDay] = useState('');
  const [defective, setDefective] = useState(true);
  const [reasons, setReasons] = useState('');
  const [confirming, setConfirming] = useState<'revoke' | 'waive'>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const d = sub.decision;
  if (!d) return null;
  const f = d.finality;
  const rejected = d.outcome === 'rejected';

  const run = async (call: () => Promise<{ data: Submission }>, message: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await call();
      setConfirming(undefined);
      onDone(data, message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const record = () =>
    run(
      () =>
        api.recordFinality(
          sub.id,
          sub.version,
          step === 'remedy_notice' ? { step, value: defective } : { step, ...(day ? { date: day } : {}) },
        ),
      t('dec.recorded'),
    );

  const finalLine = d.finalAt
    ? t('dec.finalFrom', { date: date(d.finalAt) })
    : f?.actionFiledOn
      ? t('dec.actionRunning', { date: date(f.actionFiledOn) })
      : t('dec.notFinal');
  return (
    <section className="kern-card pakt-card" aria-labelledby="decision-status-title">
      <div className="kern-card__container">
        <div className="kern-card__header">
          <h2 className="kern-heading-medium" id="decision-status-title">
            {rejected ? t('dec.refusalTitle') : t('dec.grantTitle')}
          </h2>
        </div>
        <div className="kern-card__body">
          <Facts
            items={[
              [t('dec.fileNumber'), d.fileNumber],
              [t('dec.decisionDate'), date(d.decisionDate)],
              [
                t('dec.decidedBy'),
                d.proposedBy ? `${d.proposedBy.name} / ${d.decidedBy.name}` : d.decidedBy.name,
              ],
              ...(rejected
                ? ([[t('dec.reasons'), d.reason ?? '']] as [string, string][])
                : ([
                    [t('dec.requested'), money(d.requestedAmount)],
                    [t('dec.amount'), money(d.approvedAmount)],
                    ...(d.roundVersion && d.pinnedRoundVersion
                      ? [
                          [
                            t('dec.roundVersion'),
                            t('dec.roundVersionApplied', {
                              applied: d.roundVersion,
                              pinned: d.pinnedRoundVersion,
                            }),
                          ],
                        ]
                      : []),
                    ...(d.reason ? [[t('dec.reason'), d.reason]] : []),
                    ...(d.fundingStart || d.fundingEnd
                      ? [
                          [
                            t('dec.period'),
                            `${d.fundingStart ? date(d.fundingStart) : '–'} – ${d.fundingEnd ? date(d.fundingEnd) : '–'}`,
                          ],
                        ]
                      : []),
                    ...(Array.isArray(d.conditions) && d.conditions.length
                      ? [[t('dec.conditions'), d.conditions.join(' · ')]]
                      : []),
                  ] as [string, string][])),
              ...(f ? ([[t('dec.readyAt'), dateTime(f.readyAt)]] as [string, string][]) : []),
              ...(f?.retrievedAt
                ? ([[t('dec.retrievedAt'), dateTime(f.retrievedAt)]] as [string, string][])
                : []),
              [
                t('dec.notifiedAt'),
                d.notifiedAt
                  ? `${date(d.notifiedAt)} (${f?.notifiedBy === 'post' ? t('dec.byPost') : t('dec.byRetrieval')})`
                  : t('dec.notNotified'),
              ],
              [t('dec.finality'), finalLine],
              ...(f?.remedyNoticeDefective
                ? ([[t('dec.remedyNotice'), t('dec.defective')]] as [string, string][])
                : []),
              ...(f?.remedyWaivedOn
                ? ([[t('dec.waivedOn'), date(f.remedyWaivedOn)]] as [string, string][])
                : []),
              ...(d.revocation
                ? ([[t('dec.revokedOn'), `${date(d.revocation.date)}: ${d.revocation.reason}`]] as [
                    string,
                    string,
                  ][])
                : []),
            ]}
          />
          {sub.allowed.includes('waiveRemedy') &&
            (confirming === 'waive' ? (
              <div className="pakt-confirm">
                <p className="kern-body">{t('dec.waiveConfirm')}</p>
                <ConfirmButtons
                  label={t('dec.waiveNow')}
                  busy={busy}
                  onConfirm={() =>
                    run(
                      () => api.recordFinality(sub.id, sub.version, { step: 'remedy_waived' }),
                      t('dec.waived'),
                    )
                  }
                  onBack={() => setConfirming(undefined)}
                />
              </div>
            ) : (
              <div className="kern-btn-wrapper pakt-actions">
                <button
                  type="button"
                  className="kern-btn kern-btn--secondary"
                  onClick={() => setConfirming('waive')}
                >
                  <span className="kern-label">{t('dec.waive')}</span>
                </button>
              </div>
            ))}
          {sub.allowed.includes('recordFinality') && (
            <fieldset className="kern-fieldset">
              <legend className="kern-label pakt-legend">{t('dec.recordLegend')}</legend>
              <div className="kern-fieldset__body">
                <div className="kern-form-input">
                  <label className="kern-label" htmlFor="fin-step">
                    {t('dec.step')}
                  </label>
                  <div className="kern-form-input__select-wrapper">
                    <select
                      id="fin-step"
                      className="kern-form-input__select"
                      value={step}
                      onChange={(e) => setStep(e.target.value as Step)}
                    >
                      {STEPS.map((s) => (
                        <option key={s} value={s}>
                          {t(`dec.step.${s}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
                {step === 'remedy_notice' ? (
                  <div className="kern-form-check">
                    <input
                      id="fin-defective"
                      type="checkbox"
                      className="kern-form-check__checkbox"
                      checked={defective}
                      onChange={(e) => setDefective(e.target.checked)}
                    />
                    <label className="kern-label" htmlFor="fin-defective">
                      {t('dec.defectiveLabel')}
                    </label>
                  </div>
                ) : (
                  <div className="kern-form-input">
                    <label className="kern-label" htmlFor="fin-date">
                      {t('dec.stepDate')}
                    </label>
                    <DateField id="fin-date" value={day} onValue={setDay} />
                  </div>
                )}
                <div className="kern-btn-wrapper pakt-actions">
                  <button
                    type="button"
                    className="kern-btn kern-btn--secondary"
                    disabled={busy}
                    onClick={record}
                  >
                    <span className="kern-label">{t('dec.record')}</span>
                  </button>
                </div>
              </div>
            </fieldset>
          )}
          {sub.allowed.includes('revoke') && (
            <fieldset className="kern-fieldset">
              <legend className="kern-label pakt-legend">{t('dec.revokeLegend')}</legend>
              <div className="kern-fieldset__body">
                <ReasonsField
                  id="dec-revoke"
                  hint={t('dec.revokeHint')}
                  value={reasons}
                  onChange={setReasons}
                />
                {confirming === 'revoke' ? (
                  <div className="pakt-confirm">
                    <p className="kern-body">{t('dec.revokeConfirm')}</p>
                    <blockquote className="pakt-quote kern-body">{reasons.trim()}</blockquote>
                    <ConfirmButtons
                      label={t('dec.revokeNow')}
                      busy={busy}
                      onConfirm={() =>
                        run(
                          () =>
                            api.decide(sub.id, sub.version, { action: 'revoke', comment: reasons.trim() }),
                          t('dec.revoked'),
                        )
                      }
                      onBack={() => setConfirming(undefined)}
                    />
                  </div>
                ) : (
                  <div className="kern-btn-wrapper pakt-actions">
                    <button
                      type="button"
                      className="kern-btn kern-btn--secondary"
                      disabled={!reasons.trim()}
                      onClick={() => setConfirming('revoke')}
                    >
                      <span className="kern-label">{t('dec.revoke')}</span>
                    </button>
                  </div>
                )}
              </div>
            </fieldset>
          )}
          {error !== undefined && <ErrorAlert error={error} />}
        </div>
      </div>
    </section>
  );
}

/** The applicant withdraws the application before the decision, after a confirmation. */
export function Withdraw({
  sub,
  onDone,
}: {
  sub: Submission;
  onDone: (s: Submission, message: string) => void;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const withdraw = async () => {
    setBusy(true);
    try {
      const { data } = await api.transition(sub.id, 'withdraw', sub.version);
      onDone(data, t('dec.withdrawn'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="pakt-noprint" aria-labelledby="withdraw-title">
      <h2 className="kern-heading-small" id="withdraw-title">
        {t('dec.withdrawTitle')}
      </h2>
      {confirming ? (
        <div className="pakt-confirm">
          <p className="kern-body">{t('dec.withdrawConfirm')}</p>
          <ConfirmButtons
            label={t('dec.withdrawNow')}
            busy={busy}
            onConfirm={withdraw}
            onBack={() => setConfirming(false)}
          />
        </div>
      ) : (
        <div className="kern-btn-wrapper pakt-actions">
          <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setConfirming(true)}>
            <span className="kern-label">{t('dec.withdraw')}</span>
          </button>
        </div>
      )}
      {error !== undefined && <ErrorAlert error={error} />}
    </section>
  );
}
