import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { DecisionBody, DecisionProposal, Submission } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { DateField } from '../../ui/date-field.tsx';
import { Alert, ErrorAlert, Facts } from '../../ui/primitives.tsx';
import { Table } from '../../ui/table.tsx';
import { ConfirmButtons, ReasonsField } from './confirm-parts.tsx';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};

/** What the reviewer is about to decide, shown in full before it takes effect. */
type Pending =
  | { kind: 'approve'; body: DecisionBody & { action: 'approve' } }
  | { kind: 'reject'; body: DecisionBody & { action: 'reject' } };

/**
 * The reviewer's decision on a funding application: amount, positions (prefilled pro rata by the server when
 * the total is lowered), reason (required below the requested amount), the round's conditions and free ones,
 * the funding period; or a refusal with reasons. Either is shown in full and confirmed before it is sent.
 * On a four-eyes form the server stores it as a proposal, which another reviewer confirms or discards here.
 */
export function FundingDecision({
  sub,
  onDone,
}: {
  sub: Submission;
  onDone: (s: Submission, message: string) => void;
}) {
  const i18n = useI18n();
  const { t, money, date } = i18n;
  const [proposal, setProposal] = useState<DecisionProposal>();
  const [amount, setAmount] = useState('');
  const [positions, setPositions] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [keys, setKeys] = useState<string[]>([]);
  const [freeConditions, setFreeConditions] = useState('');
  const period = obj(sub.data.fundingPeriod);
  const [start, setStart] = useState(typeof period.start === 'string' ? period.start : '');
  const [end, setEnd] = useState(typeof period.end === 'string' ? period.end : '');
  const [rejectReasons, setRejectReasons] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [pending, setPending] = useState<Pending>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  /** The reviewer applies the round's later published version (a correction) instead of the pinned one. */
  const [applyLater, setApplyLater] = useState(false);

  const fill = useCallback((p: DecisionProposal) => {
    setProposal(p);
    setAmount(String(p.approvedAmount));
    setPositions(Object.fromEntries(p.positions.map((x) => [x.id, String(x.approvedAmount)])));
    // Conditions chosen from a catalogue that no longer applies are dropped.
    setKeys((chosen) => chosen.filter((k) => p.conditions.some((c) => c.code === k)));
  }, []);
  const round = proposal?.round;
  const later = round && round.latest > round.pinned ? round.latest : undefined;
  const applied = round && round.applied > round.pinned ? round.applied : undefined;
  /** The proposal's request: the total to split and, when chosen, the later version. */
  const load = (total?: number, version = applyLater ? later : undefined) =>
    version === undefined
      ? api.decisionProposal(sub.id, total)
      : api.decisionProposal(sub.id, total, version);
  const chooseLater = async (checked: boolean) => {
    setApplyLater(checked);
    try {
      fill(
        (
          await (checked && later
            ? api.decisionProposal(sub.id, undefined, later)
            : api.decisionProposal(sub.id))
        ).data,
      );
    } catch (e) {
      setError(e);
    }
  };
  const approvable = sub.allowed.includes('approve');
  useEffect(() => {
    if (!approvable) return;
    api.decisionProposal(sub.id).then(({ data }) => fill(data), setError);
  }, [sub.id, approvable, fill]);

  /** Splits the entered total pro rata over the positions (the server's proposal). */
  const split = async () => {
    const total = Number(amount);
    if (!Number.isSafeInteger(total) || total < 0) return;
    try {
      fill((await load(total)).data);
    } catch (e) {
      setError(e);
    }
  };

  const names = new Map(
    (Array.isArray(sub.data.positions) ? sub.data.positions : []).map((p, i) => {
      const o = obj(p);
      return [String(o.id), String(o.personName ?? t('dec.position', { n: i + 1 }))];
    }),
  );
  const conditionText = (code: string) => {
    const c = proposal?.conditions.find((x) => x.code === code);
    return c ? (i18n.locale === 'en' ? (c.en ?? c.de) : c.de) : code;
  };

  const reviewApprove = () => {
    const total = Number(amount);
    const found: string[] = [];
    if (!proposal || !Number.isSafeInteger(total) || total < 0 || total > proposal.requestedAmount)
      found.push(t('dec.amountInvalid', { max: money(proposal?.requestedAmount ?? 0) }));
    const list = (proposal?.positions ?? []).map((p) => ({
      id: p.id,
      approvedAmount: Number(positions[p.id]),
    }));
    if (list.some((p) => !Number.isSafeInteger(p.approvedAmount) || p.approvedAmount < 0))
      found.push(t('dec.positionInvalid'));
    else if (list.length && list.reduce((s, p) => s + p.approvedAmount, 0) !== total)
      found.push(t('dec.positionsSum'));
    if (proposal && total < proposal.requestedAmount && !reason.trim()) found.push(t('dec.reasonRequired'));
    if (start && end && end < start) found.push(t('dec.periodInvalid'));
    setProblems(found);
    if (found.length) return;
    const conditions = freeConditions
      .split('\n')
      .map((c) => c.trim())
      .filter(Boolean);
    setPending({
      kind: 'approve',
      body: {
        action: 'approve',
        decision: {
          approvedAmount: total,
          ...(list.length ? { positions: list } : {}),
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          ...(keys.length ? { conditionKeys: keys } : {}),
          ...(conditions.length ? { conditions } : {}),
          ...(start ? { fundingStart: start } : {}),
          ...(end ? { fundingEnd: end } : {}),
          ...(applied ? { roundVersion: applied } : {}),
        },
      },
    });
  };
  const reviewReject = () => {
    if (!rejectReasons.trim()) {
      setProblems([t('dec.rejectReasonRequired')]);
      return;
    }
    setProblems([]);
    setPending({ kind: 'reject', body: { action: 'reject', comment: rejectReasons.trim() } });
  };

  const send = async (body: DecisionBody, message: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await api.decide(sub.id, sub.version, body);
      setPending(undefined);
      onDone(data, data.proposal ? t('dec.proposed') : message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const existing = sub.proposal;
  return (
    <section className="pakt-decision kern-card pakt-card" aria-labelledby="funding-decision-title">
      <div className="kern-card__container">
        <div className="kern-card__header">
          <h2 className="kern-heading-medium" id="funding-decision-title">
            {t('dec.title')}
          </h2>
        </div>
        <div className="kern-card__body">
          {existing && (
            <Alert kind="info" title={t('dec.proposalTitle', { name: existing.proposedBy.name })}>
              <Facts
                items={[
                  [t('dec.outcome'), existing.action === 'approve' ? t('dec.approve') : t('dec.reject')],
                  ...(typeof obj(existing.decision).approvedAmount === 'number'
                    ? ([[t('dec.amount'), money(obj(existing.decision).approvedAmount as number)]] as [
                        string,
                        string,
                      ][])
                    : []),
                  ...(typeof obj(existing.decision).roundVersion === 'number'
                    ? ([
                        [
                          t('dec.roundVersion'),
                          t('dec.roundVersionApplied', {
                            applied: obj(existing.decision).roundVersion as number,
                            pinned: sub.roundPin?.version ?? '–',
                          }),
                        ],
                      ] as [string, string][])
                    : []),
                  ...(existing.comment ? ([[t('dec.reasons'), existing.comment]] as [string, string][]) : []),
                  [t('dec.proposedAt'), date(existing.proposedAt.slice(0, 10))],
                ]}
              />
              <div className="kern-btn-wrapper pakt-actions">
                {sub.allowed.includes('confirm') && (
                  <button
                    type="button"
                    className="kern-btn kern-btn--primary"
                    disabled={busy}
                    onClick={() => send({ action: 'confirm' }, t('dec.confirmed'))}
                  >
                    <span className="kern-label">{t('dec.confirmProposal')}</span>
                  </button>
                )}
                {sub.allowed.includes('discard') && (
                  <button
                    type="button"
                    className="kern-btn kern-btn--secondary"
                    disabled={busy}
                    onClick={() => send({ action: 'discard' }, t('dec.discarded'))}
                  >
                    <span className="kern-label">{t('dec.discardProposal')}</span>
                  </button>
                )}
              </div>
              {!sub.allowed.includes('confirm') && <p className="kern-body">{t('dec.fourEyesOther')}</p>}
            </Alert>
          )}
          {pending ? (
            <div className="pakt-confirm">
              <h3 className="kern-heading-small" id="decision-confirm-title">
                {pending.kind === 'approve' ? t('dec.confirmApproveTitle') : t('dec.confirmRejectTitle')}
              </h3>
              <p className="kern-body">{t('dec.confirmIntro')}</p>
              {pending.kind === 'approve' ? (
                <Facts
                  items={[
                    [t('dec.requested'), money(proposal?.requestedAmount ?? 0)],
                    [t('dec.amount'), money(pending.body.decision?.approvedAmount ?? 0)],
                    ...(round && later
                      ? ([
                          [
                            t('dec.roundVersion'),
                            pending.body.decision?.roundVersion
                              ? t('dec.roundVersionApplied', {
                                  applied: pending.body.decision.roundVersion,
                                  pinned: round.pinned,
                                })
                              : t('dec.roundVersionPinned', { n: round.pinned, latest: later }),
                          ],
                        ] as [string, string][])
                      : []),
                    ...(pending.body.decision?.positions ?? []).map(
                      (p) => [names.get(p.id) ?? p.id, money(p.approvedAmount)] as [string, string],
                    ),
                    ...(pending.body.decision?.reason
                      ? ([[t('dec.reason'), pending.body.decision.reason]] as [string, string][])
                      : []),
                    [
                      t('dec.conditions'),
                      [
                        ...(pending.body.decision?.conditionKeys ?? []).map(conditionText),
                        ...((pending.body.decision?.conditions as string[] | undefined) ?? []),
                      ].join(' · ') || t('dec.none'),
                    ],
                    [
                      t('dec.period'),
                      `${pending.body.decision?.fundingStart ? date(pending.body.decision.fundingStart) : '–'} – ${
                        pending.body.decision?.fundingEnd ? date(pending.body.decision.fundingEnd) : '–'
                      }`,
                    ],
                  ]}
                />
              ) : (
                <Facts items={[[t('dec.reasons'), pending.body.comment ?? '']]} />
              )}
              <ConfirmButtons
                label={pending.kind === 'approve' ? t('dec.issueApprove') : t('dec.issueReject')}
                busy={busy}
                onConfirm={() =>
                  send(pending.body, pending.kind === 'approve' ? t('sub.approved') : t('dec.rejected'))
                }
                onBack={() => setPending(undefined)}
              />
            </div>
          ) : (
            <>
              {problems.length > 0 && (
                <Alert kind="danger" title={t('dec.problems')}>
                  <ul className="kern-list">
                    {problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                </Alert>
              )}
              {sub.allowed.includes('approve') && proposal && (
                <fieldset className="kern-fieldset">
                  <legend className="kern-label pakt-legend">{t('dec.approveLegend')}</legend>
                  <div className="kern-fieldset__body">
                    {round && later && (
                      <Alert kind="warning" title={t('dec.laterRound', { n: later })}>
                        <p className="kern-body">{t('dec.laterRoundHint', { pinned: round.pinned })}</p>
                        <div className="kern-form-check">
                          <input
                            id="dec-later-round"
                            className="kern-form-check__checkbox"
                            type="checkbox"
                            checked={applyLater}
                            onChange={(e) => chooseLater(e.target.checked)}
                          />
                          <label className="kern-label" htmlFor="dec-later-round">
                            {t('dec.applyLaterRound', { n: later })}
                          </label>
                        </div>
                      </Alert>
                    )}
                    <p className="kern-body">
                      {t('dec.requestedIs', { amount: money(proposal.requestedAmount) })}
                    </p>
                    <div className="kern-form-input">
                      <label className="kern-label" htmlFor="dec-amount">
                        {t('dec.amount')}
                      </label>
                      <div className="kern-hint" id="dec-amount-hint">
                        {t('dec.amountHint')}
                      </div>
                      <input
                        id="dec-amount"
                        className="kern-form-input__input"
                        inputMode="numeric"
                        aria-describedby="dec-amount-hint"
                        value={amount}
                        onChange={(e) => setAmount(e.target.value.trim())}
                        onBlur={split}
                      />
                    </div>
                    {proposal.positions.length > 0 && (
                      <Table
                        caption={t('dec.positions')}
                        head={[
                          t('dec.positionCol'),
                          t('dec.requested'),
                          ...(applied ? [t('dec.correctedCol', { n: applied })] : []),
                          t('dec.amount'),
                        ]}
                      >
                        {proposal.positions.map((p) => (
                          <tr className="kern-table__row" key={p.id}>
                            <th scope="row" className="kern-table__cell">
                              {names.get(p.id) ?? p.id}
                            </th>
                            <td className="kern-table__cell">{money(p.requestedAmount)}</td>
                            {applied && (
                              <td className="kern-table__cell">
                                {money(p.correctedAmount ?? p.requestedAmount)}
                              </td>
                            )}
                            <td className="kern-table__cell">
                              <input
                                className="kern-form-input__input pakt-amount"
                                inputMode="numeric"
                                aria-label={t('dec.positionAmount', { name: names.get(p.id) ?? p.id })}
                                value={positions[p.id] ?? ''}
                                onChange={(e) =>
                                  setPositions({ ...positions, [p.id]: e.target.value.trim() })
                                }
                              />
                            </td>
                          </tr>
                        ))}
                      </Table>
                    )}
                    <div className="kern-form-input">
                      <label className="kern-label" htmlFor="dec-reason">
                        {t('dec.reason')}
                      </label>
                      <div className="kern-hint" id="dec-reason-hint">
                        {t('dec.reasonHint')}
                      </div>
                      <textarea
                        id="dec-reason"
                        className="kern-form-input__input pakt-textarea"
                        rows={3}
                        aria-describedby="dec-reason-hint"
                        value={reason}
                        onChange={(e) => setReason(e.target.value)}
                      />
                    </div>
                    {proposal.conditions.length > 0 && (
                      <fieldset className="kern-fieldset">
                        <legend className="kern-label pakt-legend">{t('dec.catalogue')}</legend>
                        <div className="kern-fieldset__body">
                          {proposal.conditions.map((c) => (
                            <div className="kern-form-check" key={c.code}>
                              <input
                                id={`dec-cond-${c.code}`}
                                className="kern-form-check__checkbox"
                                type="checkbox"
                                checked={keys.includes(c.code)}
                                onChange={(e) =>
                                  setKeys(
                                    e.target.checked ? [...keys, c.code] : keys.filter((k) => k !== c.code),
                                  )
                                }
                              />
                              <label className="kern-label" htmlFor={`dec-cond-${c.code}`}>
                                {conditionText(c.code)}
                              </label>
                            </div>
                          ))}
                        </div>
                      </fieldset>
                    )}
                    <div className="kern-form-input">
                      <label className="kern-label" htmlFor="dec-conditions">
                        {t('dec.freeConditions')}
                      </label>
                      <div className="kern-hint" id="dec-conditions-hint">
                        {t('dec.freeConditionsHint')}
                      </div>
                      <textarea
                        id="dec-conditions"
                        className="kern-form-input__input pakt-textarea"
                        rows={3}
                        aria-describedby="dec-conditions-hint"
                        value={freeConditions}
                        onChange={(e) => setFreeConditions(e.target.value)}
                      />
                    </div>
                    <div className="pakt-dates">
                      <div className="kern-form-input">
                        <label className="kern-label" htmlFor="dec-start">
                          {t('dec.start')}
                        </label>
                        <DateField id="dec-start" value={start} onValue={setStart} />
                      </div>
                      <div className="kern-form-input">
                        <label className="kern-label" htmlFor="dec-end">
                          {t('dec.end')}
                        </label>
                        <DateField id="dec-end" value={end} onValue={setEnd} />
                      </div>
                    </div>
                    <div className="kern-btn-wrapper pakt-actions">
                      <button type="button" className="kern-btn kern-btn--primary" onClick={reviewApprove}>
                        <span className="kern-label">{t('dec.reviewApprove')}</span>
                      </button>
                    </div>
                  </div>
                </fieldset>
              )}
              {sub.allowed.includes('reject') && (
                <fieldset className="kern-fieldset">
                  <legend className="kern-label pakt-legend">{t('dec.rejectLegend')}</legend>
                  <div className="kern-fieldset__body">
                    <ReasonsField
                      id="dec-reject"
                      hint={t('dec.rejectHint')}
                      value={rejectReasons}
                      onChange={setRejectReasons}
                    />
                    <div className="kern-btn-wrapper pakt-actions">
                      <button type="button" className="kern-btn kern-btn--secondary" onClick={reviewReject}>
                        <span className="kern-label">{t('dec.reviewReject')}</span>
                      </button>
                    </div>
                  </div>
                </fieldset>
              )}
            </>
          )}
          {error !== undefined && <ErrorAlert error={error} />}
        </div>
      </div>
    </section>
  );
}
