/**
 * The letters that follow a decision: the amended decision ("Änderungsbescheid") when an approved change notice
 * changes the amount, and the repayment claim ("Rückforderungsbescheid") raised with a proof of use or after a
 * revocation. What each states is frozen into its document when it is issued (`LetterContent`), in the same
 * transaction as the change, so the letter rendered afterwards says exactly what was decided. Pure.
 */
import type { AmendmentLine } from '../follow-up.ts';
import { once } from '../once.ts';
import { fill, formatDate } from './locale.ts';
import type { Block } from './model.ts';

/** What an amended decision states. */
export interface AmendmentContent {
  kind: 'amended-decision';
  /** The change notice it answers, and the day it came in (ISO date). */
  noticeId: string;
  noticeSubmittedOn?: string;
  /** The original decision's date (ISO). */
  decisionDate: string;
  /** The approved total before and after. */
  from: number;
  to: number;
  fundingStart?: string;
  fundingEnd?: string;
  positions: AmendmentLine[];
  /** Who decided it (signs the letter). */
  by?: string;
}

/** What a repayment claim states. */
export interface ClaimContent {
  kind: 'repayment-claim';
  /** Raised with a proof of use (unfilled months), or following a revocation (everything paid out). */
  ground: 'proof-of-use' | 'revocation';
  decisionDate: string;
  /** Proof of use: the record, the day it came in and its reporting period (ISO dates). */
  recordId?: string;
  proofSubmittedOn?: string;
  period?: { from: string; to: string };
  /** Proof of use: per position the months funded and filled in the period, and the amount proposed. */
  positions?: Array<{
    id: string;
    personName: string;
    fundedMonths: number;
    filledMonths: number;
    amount: number;
  }>;
  /** Revocation: the day it was revoked, and per payout the part reclaimed and its interest. */
  revocationDate?: string;
  payouts?: Array<{ paidOn: string; amount: number; interest: number }>;
  principal: number;
  interest: number;
  total: number;
  /** What the server proposed, where the reviewer set other amounts (with `reason`). */
  proposed?: { principal: number; interest: number };
  reason?: string;
  /** The interest rule: rate a year in percent = base rate + percentage points; from (first payout) to the claim. */
  ratePercent: number;
  baseRatePercent: number;
  percentagePointsAboveBase: number;
  interestFrom?: string;
  interestTo: string;
  /** The day the total is due. */
  dueOn: string;
  /** Who decided it (signs the letter). */
  by?: string;
}

export type LetterContent = AmendmentContent | ClaimContent;

const euro = once(() => new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 }));
/** An amount in whole euros as German letters write it: `189.975 EUR`. */
export const formatEuro = (amount: number) => `${euro().format(amount)} EUR`;
const decimal = once(() => new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }));
/** A rate or an FTE as German writes it: `6,27`, `0,5`. */
export const formatDecimal = (value: number) => decimal().format(value);

const date = (iso: string | undefined) => (iso ? formatDate('de', iso) : '–');
const p = (text: string, tone?: 'notice'): Block => ({
  kind: 'paragraph',
  text: [text],
  ...(tone ? { tone } : {}),
});
const h = (level: 1 | 2 | 3, text: string): Block => ({ kind: 'heading', level, text: [text] });
const field = (label: string, value: string): Block => ({ kind: 'field', label: [label], value: [value] });

const fteText = (values: number[]) => (values.length ? values.map(formatDecimal).join(' / ') : '–');
const positionName = (line: { personName: string }, i: number) => `${i + 1}. ${line.personName || 'Stelle'}`;

/** The amended decision's body (after the shared head: authority, recipient, file number, date). */
export function amendedDecisionBlocks(
  content: AmendmentContent,
  texts: Record<string, string>,
  context: { fileNumber: string; legalBasis: string; signedBy: string },
): Block[] {
  const values = {
    decisionDate: date(content.decisionDate),
    noticeDate: date(content.noticeSubmittedOn),
    fileNumber: context.fileNumber,
    approvedBefore: formatEuro(content.from),
    approvedAfter: formatEuro(content.to),
  };
  const changed = content.positions.filter(
    (l) =>
      l.before.amount !== l.after.amount ||
      l.before.months !== l.after.months ||
      fteText(l.before.fte) !== fteText(l.after.fte),
  );
  return [
    p('Sehr geehrte Damen und Herren,'),
    p(fill(texts['amended-intro'] ?? '', values)),
    h(2, '1. Änderungen je Stelle'),
    {
      kind: 'table',
      header: [['Stelle'], ['Monate bisher → neu'], ['VZÄ bisher → neu'], ['Betrag bisher'], ['Betrag neu']],
      rows: changed.map((l) => [
        [positionName(l, content.positions.indexOf(l))],
        [`${l.before.months} → ${l.after.months}`],
        [`${fteText(l.before.fte)} → ${fteText(l.after.fte)}`],
        [formatEuro(l.before.amount)],
        [formatEuro(l.after.amount)],
      ]),
    },
    h(2, '2. Neu festgesetzte Zuwendung'),
    field('Bisher bewilligt', formatEuro(content.from)),
    field('Neu bewilligt', formatEuro(content.to)),
    field(
      'Änderung',
      `${content.to >= content.from ? '+' : '−'}${formatEuro(Math.abs(content.to - content.from))}`,
    ),
    h(2, '3. Bewilligungszeitraum'),
    p(`${date(content.fundingStart)} bis ${date(content.fundingEnd)}`),
    h(2, '4. Im Übrigen'),
    ...(content.to < content.from ? [p(fill(texts['amended-reduced'] ?? '', values))] : []),
    p(fill(texts['amended-rest'] ?? '', values)),
    h(2, 'Rechtsgrundlage'),
    p(`§\u00a049 LVwVfG; ${context.legalBasis}`),
    h(2, 'Rechtsbehelfsbelehrung'),
    p(texts.remedy ?? ''),
    p('Mit freundlichen Grüßen'),
    p(context.signedBy),
  ];
}

/** The repayment claim's body (after the shared head). */
export function repaymentClaimBlocks(
  content: ClaimContent,
  texts: Record<string, string>,
  context: { fileNumber: string; legalBasis: string; signedBy: string },
): Block[] {
  const values = {
    decisionDate: date(content.decisionDate),
    revocationDate: date(content.revocationDate),
    proofDate: date(content.proofSubmittedOn),
    periodFrom: date(content.period?.from),
    periodTo: date(content.period?.to),
    fileNumber: context.fileNumber,
    principal: formatEuro(content.principal),
    interest: formatEuro(content.interest),
    total: formatEuro(content.total),
    ratePercent: formatDecimal(content.ratePercent),
    baseRatePercent: formatDecimal(content.baseRatePercent),
    percentagePoints: formatDecimal(content.percentagePointsAboveBase),
    interestFrom: date(content.interestFrom),
    interestTo: date(content.interestTo),
    dueOn: date(content.dueOn),
  };
  const blocks: Block[] = [
    p('Sehr geehrte Damen und Herren,'),
    p(fill(texts[content.ground === 'revocation' ? 'claim-intro-revocation' : 'claim-intro'] ?? '', values)),
    h(2, '1. Erstattungsbetrag'),
  ];
  if (content.positions?.length)
    blocks.push({
      kind: 'table',
      header: [['Stelle'], ['Monate gefördert'], ['Monate besetzt'], ['Monate unbesetzt'], ['Betrag']],
      rows: content.positions.map((l, i) => [
        [positionName(l, i)],
        [String(l.fundedMonths)],
        [String(l.filledMonths)],
        [String(l.fundedMonths - l.filledMonths)],
        [formatEuro(l.amount)],
      ]),
    });
  if (content.payouts?.length)
    blocks.push({
      kind: 'table',
      header: [['Ausgezahlt am'], ['Zu erstatten'], ['Zinsen']],
      rows: content.payouts.map((l) => [[date(l.paidOn)], [formatEuro(l.amount)], [formatEuro(l.interest)]]),
    });
  if (content.proposed && content.proposed.principal !== content.principal)
    blocks.push(field('Berechneter Betrag', formatEuro(content.proposed.principal)));
  blocks.push(field('Erstattungsbetrag', formatEuro(content.principal)));
  blocks.push(h(2, '2. Zinsen'), p(fill(texts['claim-interest'] ?? '', values)));
  if (content.proposed && content.proposed.interest !== content.interest)
    blocks.push(field('Berechnete Zinsen', formatEuro(content.proposed.interest)));
  blocks.push(
    field('Zinsen', formatEuro(content.interest)),
    h(2, '3. Gesamtbetrag und Zahlung'),
    field('Gesamtbetrag', formatEuro(content.total)),
    field('Fällig am', date(content.dueOn)),
    field('Verwendungszweck', `${context.fileNumber} Rückforderung`),
    field('Bankverbindung', texts['claim-account'] ?? '–'),
    p(fill(texts['claim-payment'] ?? '', values)),
    h(2, '4. Begründung'),
    ...(content.ground === 'revocation'
      ? [p(`Der Zuwendungsbescheid wurde mit Bescheid vom ${values.revocationDate} widerrufen.`)]
      : [p('Geförderte Stellen waren im Nachweiszeitraum nicht in allen Monaten besetzt.')]),
    ...(content.reason ? [p(content.reason)] : []),
    h(2, 'Rechtsgrundlage'),
    p(`§§\u00a049, 49a LVwVfG; ${context.legalBasis}`),
    h(2, 'Rechtsbehelfsbelehrung'),
    p(texts.remedy ?? ''),
    p('Mit freundlichen Grüßen'),
    p(context.signedBy),
  );
  return blocks;
}
