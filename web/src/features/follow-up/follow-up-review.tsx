import { useState } from 'react';
import { api, type FollowUpDecision } from '../../api/client.ts';
import type { Submission } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { submissionPath } from '../../router.ts';
import { useSession } from '../../session/session.tsx';
import { DateField } from '../../ui/date-field.tsx';
import { Alert, ErrorAlert, Facts } from '../../ui/primitives.tsx';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * A follow-up record's own part of the page: the way back to its application, and what the reviewer does beyond
 * approving and returning: release with a confirmed bank account, record the payout, raise a repayment claim
 * (the server's proposal prefilled). What it shows comes from the server's answer (status, `result`, proposal).
 */
export function FollowUpReview({
  sub,
  onDone,
}: {
  sub: Submission;
  onDone: (s: Submission, message: string) => void;
}) {
  const i18n = useI18n();
  const { t, money, date } = i18n;
  const { role } = useSession();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [paidOn, setPaidOn] = useState(today);
  const proposal = sub.repaymentProposal;
  const [principal, setPrincipal] = useState(String(proposal?.principal ?? ''));
  const [interest, setInterest] = useState(String(proposal?.interest ?? ''));
  const [reason, setReason] = useState('');
  if (!sub.parentId) return null;
  const reviewer = role === 'reviewer';
  const result = sub.result;
  const run = async (call: () => Promise<{ data: Submission }>, message: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await call();
      // Under the four-eyes rule a first reviewer's release is a proposal, which another reviewer confirms.
      onDone(data, data.proposal && !sub.proposal ? t('dec.proposed') : message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const decide = (decision: FollowUpDecision, message: string) =>
    run(() => api.decideFollowUp(sub.id, sub.version, decision), message);
  const isPayment = sub.formId === 'payment-request';
  const pending = sub.proposal;
  const settle = (action: 'confirm' | 'discard', message: string) =>
    run(() => api.transition(sub.id, action, sub.version), message);
  return (
    <section className="pakt-follow-up-review" aria-label={t('followUp.title')}>
      <p className="kern-body pakt-noprint">
        <a className="kern-link" href={`#${submissionPath(sub.parentId)}`}>
          {t('followUp.parent')}
        </a>
      </p>
      {pending && reviewer && (
        <Alert
          kind="info"
          title={t(pending.action === 'approve' ? 'followUp.releaseProposed' : 'dec.proposalTitle', {
            name: pending.proposedBy.name,
          })}
        >
          <Facts items={[[t('dec.proposedAt'), date(pending.proposedAt.slice(0, 10))]]} />
          <div className="kern-btn-wrapper pakt-actions">
            {sub.allowed.includes('confirm') && (
              <button
                type="button"
                className="kern-btn kern-btn--primary"
                disabled={busy}
                onClick={() =>
                  settle(
                    'confirm',
                    pending.action === 'approve' ? t('followUp.released') : t('dec.confirmed'),
                  )
                }
              >
                <span className="kern-label">
                  {pending.action === 'approve' ? t('followUp.confirmRelease') : t('dec.confirmProposal')}
                </span>
              </button>
            )}
            {sub.allowed.includes('discard') && (
              <button
                type="button"
                className="kern-btn kern-btn--secondary"
                disabled={busy}
                onClick={() => settle('discard', t('dec.discarded'))}
              >
                <span className="kern-label">{t('dec.discardProposal')}</span>
              </button>
            )}
          </div>
          {!sub.allowed.includes('confirm') && <p className="kern-body">{t('dec.fourEyesOther')}</p>}
        </Alert>
      )}
      {result?.payout && (
        <Alert
          kind="info"
          title={t('followUp.paidInfo', {
            amount: money(result.payout.amount),
            date: date(result.payout.paidOn),
          })}
        />
      )}
      {result?.entitlement && (
        <Alert
          kind="info"
          title={t('followUp.entitlement', {
            before: money(result.entitlement.before),
            after: money(result.entitlement.after),
            approvedBefore: money(result.entitlement.approvedBefore),
            approvedAfter: money(result.entitlement.approvedAfter),
          })}
        />
      )}
      {result?.claim && (
        <Alert
          kind="warning"
          title={t('followUp.claimInfo', {
            principal: money(result.claim.principal),
            interest: money(result.claim.interest),
          })}
        >
          {result.claim.reason && <p className="kern-body">{result.claim.reason}</p>}
        </Alert>
      )}
      {isPayment && sub.bankAccountChanged && sub.status === 'review' && (
        <Alert kind="warning" title={t('followUp.bankChanged')}>
          {reviewer && sub.allowed.includes('approve') && (
            <>
              <div className="kern-form-check">
                <input
                  className="kern-form-check__input"
                  type="checkbox"
                  id="confirm-bank"
                  checked={confirmed}
                  onChange={(e) => setConfirmed(e.target.checked)}
                />
                <label className="kern-label" htmlFor="confirm-bank">
                  {t('followUp.confirmBank')}
                </label>
              </div>
              <div className="kern-btn-wrapper pakt-actions">
                <button
                  type="button"
                  className="kern-btn kern-btn--primary"
                  disabled={busy || !confirmed}
                  onClick={() => decide({ confirmBankAccount: true }, t('followUp.released'))}
                >
                  <span className="kern-label">{t('followUp.release')}</span>
                </button>
              </div>
            </>
          )}
        </Alert>
      )}
      {isPayment && reviewer && sub.status === 'approved' && !result?.payout && (
        <div className="kern-card pakt-card">
          <div className="kern-card__container">
            <div className="kern-card__header">
              <h2 className="kern-heading-medium">{t('followUp.payout')}</h2>
            </div>
            <div className="kern-card__body">
              <Facts items={[[t('followUp.amount'), money(Number(sub.data.amount ?? 0))]]} />
              <div className="kern-form-input">
                <label className="kern-label" htmlFor="paid-on">
                  {t('followUp.paidOn')}
                </label>
                <DateField id="paid-on" value={paidOn} onValue={setPaidOn} />
              </div>
              <div className="kern-btn-wrapper pakt-actions">
                <button
                  type="button"
                  className="kern-btn kern-btn--primary"
                  disabled={busy || !paidOn}
                  onClick={() => run(() => api.payout(sub.id, sub.version, paidOn), t('followUp.paidDone'))}
                >
                  <span className="kern-label">{t('followUp.payout')}</span>
                </button>
              </div>
            </div>
          </div>
        </div>
      )}
      {proposal && reviewer && sub.allowed.includes('approve') && (
        <div className="kern-card pakt-card">
          <div className="kern-card__container">
            <div className="kern-card__header">
              <h2 className="kern-heading-medium">{t('followUp.claim')}</h2>
            </div>
            <div className="kern-card__body">
              <p className="kern-body">
                {t('followUp.claimIntro', { rate: i18n.number(proposal.ratePercent) })}
              </p>
              <Facts
                items={proposal.positions.map((p, i) => [
                  t('followUp.position', { n: i + 1 }),
                  t('followUp.monthsLine', {
                    filled: p.filledMonths,
                    funded: p.fundedMonths,
                    amount: money(p.amount),
                  }),
                ])}
              />
              {(
                [
                  ['claim-principal', 'followUp.principal', principal, setPrincipal],
                  ['claim-interest', 'followUp.interest', interest, setInterest],
                ] as const
              ).map(([fieldId, label, value, set]) => (
                <div className="kern-form-input" key={fieldId}>
                  <label className="kern-label" htmlFor={fieldId}>
                    {t(label)}
                  </label>
                  <input
                    className="kern-form-input__input"
                    id={fieldId}
                    inputMode="numeric"
                    value={value}
                    onChange={(e) => set(e.target.value)}
                  />
                </div>
              ))}
              <div className="kern-form-input">
                <label className="kern-label" htmlFor="claim-reason">
                  {t('followUp.reason')}
                </label>
                <textarea
                  className="kern-form-input__input"
                  id="claim-reason"
                  rows={3}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              </div>
              <div className="kern-btn-wrapper pakt-actions">
                <button
                  type="button"
                  className="kern-btn kern-btn--secondary"
                  disabled={busy}
                  onClick={() =>
                    decide(
                      {
                        repaymentClaim: {
                          principal: Number(principal),
                          interest: Number(interest),
                          ...(reason.trim() ? { reason: reason.trim() } : {}),
                        },
                      },
                      t('followUp.claimDone'),
                    )
                  }
                >
                  <span className="kern-label">{t('followUp.raiseClaim')}</span>
                </button>
              </div>
            </div>
          </div>
        </div>
      )}
      {error !== undefined && <ErrorAlert error={error} />}
    </section>
  );
}
