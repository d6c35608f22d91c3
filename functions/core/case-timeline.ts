/**
 * The case file's timeline ("Förderakte"): every step of a funding application in order, from its own history,
 * the histories of its follow-up records, the documents it issued, and the dates its decision was notified and
 * became final. Saves and other working steps stay in the full history ("Verlauf"). Pure.
 */
import type { CaseDocument } from './documents/issue.ts';
import type { HistoryEvent, Submission } from './model.ts';

/** History entries that are working steps, not steps of the procedure. */
const WORKING_STEPS = new Set<HistoryEvent['type']>(['saved', 'migrated', 'reviewer', 'assigned']);

export type TimelineEntry =
  | {
      kind: 'event';
      /** ISO date-time. */
      at: string;
      type: HistoryEvent['type'];
      action?: HistoryEvent['action'];
      to?: HistoryEvent['to'];
      actor: string;
      role: HistoryEvent['role'];
      comment?: string;
      finality?: HistoryEvent['finality'];
      /** Events of a follow-up record: which one. */
      record?: { id: string; formId: string };
    }
  | {
      kind: 'document';
      at: string;
      document: { id: string; kind: CaseDocument['kind']; title: string; state: CaseDocument['state'] };
    }
  /** The decision counts as notified ("bekanntgegeben"), or is final ("bestandskräftig"), from `at` (an ISO date). */
  | { kind: 'notified' | 'final'; at: string }
  /** A payout, on the day it was paid (an ISO date). */
  | { kind: 'paid'; at: string; amount: number; record: { id: string; formId: string } };

export interface TimelineInput {
  history: readonly HistoryEvent[];
  records: ReadonlyArray<{ id: string; formId: string; history: readonly HistoryEvent[] }>;
  documents: readonly CaseDocument[];
  decision?: Submission['decision'];
  /** Payouts by record (from the application's follow-up entries). */
  payouts: ReadonlyArray<{ id: string; formId: string; amount: number; paidOn: string }>;
  today: string;
}

const eventEntry = (e: HistoryEvent, record?: { id: string; formId: string }): TimelineEntry => ({
  kind: 'event',
  at: e.at,
  type: e.type,
  ...(e.action ? { action: e.action } : {}),
  ...(e.to ? { to: e.to } : {}),
  actor: e.actor.name,
  role: e.role,
  ...(e.comment && e.type !== 'payout' ? { comment: e.comment } : {}),
  ...(e.finality ? { finality: e.finality } : {}),
  ...(record ? { record } : {}),
});

/**
 * The timeline, oldest first. A dated fact (notified, final, paid) sorts after the instants of its day; the
 * finality only once it is reached.
 */
export function caseTimeline(input: TimelineInput): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  // The application's steps by version, each document right after the change that issued it (a clock may
  // give both the same instant as the next change).
  const documents = [...input.documents].sort((a, b) => a.version - b.version);
  let d = 0;
  const documentsUpTo = (version: number) => {
    for (; d < documents.length && (documents[d]?.version ?? 0) <= version; d++) {
      const doc = documents[d];
      if (doc)
        entries.push({
          kind: 'document',
          at: doc.issuedAt,
          document: { id: doc.id, kind: doc.kind, title: doc.title, state: doc.state },
        });
    }
  };
  for (const e of [...input.history].sort((a, b) => a.version - b.version)) {
    documentsUpTo(e.version - 1);
    if (!WORKING_STEPS.has(e.type)) entries.push(eventEntry(e));
  }
  documentsUpTo(Number.POSITIVE_INFINITY);
  // The payout is shown on the day it was paid (below), not when it was recorded.
  for (const r of input.records)
    for (const e of r.history)
      if (!WORKING_STEPS.has(e.type) && e.type !== 'payout')
        entries.push(eventEntry(e, { id: r.id, formId: r.formId }));
  if (input.decision?.notifiedAt) entries.push({ kind: 'notified', at: input.decision.notifiedAt });
  if (input.decision?.finalAt && input.decision.finalAt <= input.today)
    entries.push({ kind: 'final', at: input.decision.finalAt });
  for (const p of input.payouts)
    entries.push({ kind: 'paid', at: p.paidOn, amount: p.amount, record: { id: p.id, formId: p.formId } });
  // A stable sort: same instants keep the order above; a dated fact after the instants of its day (a waiver on
  // the day makes the decision final that day: the waiver is listed first).
  const key = (e: TimelineEntry) => (e.at.length === 10 ? `${e.at}T99` : e.at);
  return entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
