import { useEffect, useState } from 'react';
import {
  effectiveFrame,
  type FrameInput,
  isJointApplication,
} from '../../../../functions/core/allocation-rules.ts';
import { api } from '../../api/client.ts';
import type { AllocationRow, JsonObject, Submission } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert, Card, Facts } from '../../ui/primitives.tsx';

export function BudgetCheck({ sub }: { sub: Submission }) {
  const { t, money } = useI18n();
  const [rows, setRows] = useState<AllocationRow[] | null>();
  useEffect(() => {
    // The round the application names; without one there is no frame to measure it against.
    const round = sub.indexed.round ?? sub.data.round;
    if (typeof round !== 'string' || !round) {
      setRows(null);
      return;
    }
    api
      .allocations(round)
      .then(({ data }) => setRows(data.items))
      .catch(() => setRows(null));
  }, [sub.indexed.round, sub.data.round]);
  // While the frames load, the card shows the figures of the last save in the same rows (the live ones
  // replace them in place), so it does not appear late above the form and push it down.
  const loading = rows === undefined;
  // The frame the application is measured against (a joint application: the members' frames too), by the
  // same rule the server applies. Live figures where every frame involved is visible to the caller, else
  // the figures the server filled in at the last save.
  const involved = [sub.org, ...jointMembers(sub.data)];
  const live = involved.map((org) => rows?.find((r) => r.org === org));
  const saved = (sub.data.planningFrame ?? {}) as { frame?: number; approved?: number; remaining?: number };
  let frame: { frame?: number; approved?: number; remaining?: number; inReview?: number } = saved;
  if (!loading && live.every((r) => r !== undefined)) {
    const input: FrameInput = {
      frame: live[0]!.frame,
      approved: live[0]!.approved,
      members: Object.fromEntries(live.map((r) => [r!.org, { frame: r!.frame, approved: r!.approved }])),
    };
    frame = { ...effectiveFrame(sub.data, input), inReview: live.reduce((s, r) => s + r!.inReview, 0) };
  }
  const requested = Number(
    sub.indexed.requestedTotal ?? (sub.data.budget as JsonObject | undefined)?.requestedTotal ?? 0,
  );
  const remaining = frame.remaining;
  const over = remaining !== undefined ? requested - remaining : 0;
  return (
    <Card id="budget-title" title={t('budget.title')} className="pakt-budget">
      <Facts
        items={[
          [t('frame.frame'), money(frame.frame)],
          [t('frame.approved'), money(frame.approved)],
          ...(frame.inReview !== undefined || loading
            ? ([[t('frame.inReview'), loading ? '…' : money(frame.inReview)]] as [string, string][])
            : []),
          [t('frame.remaining'), money(remaining)],
          [t('frame.requested'), <strong key="r">{money(requested)}</strong>],
        ]}
      />
      {remaining === undefined ? (
        <p className="kern-body">{t('budget.unknown')}</p>
      ) : over > 0 ? (
        <Alert kind="danger" title={t('budget.exceeded', { amount: money(over) })} />
      ) : (
        <Alert kind="success" title={t('budget.ok')} />
      )}
    </Card>
  );
}

/** The member organisations of a joint application, as the data names them. */
export function jointMembers(data: JsonObject): string[] {
  if (!isJointApplication(data)) return [];
  const members = (data.joint as JsonObject | undefined)?.members;
  return Array.isArray(members)
    ? members.flatMap((m) =>
        typeof (m as JsonObject)?.organisationId === 'string'
          ? [(m as JsonObject).organisationId as string]
          : [],
      )
    : [];
}
