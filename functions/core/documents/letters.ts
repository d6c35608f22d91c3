/**
 * The letters of the funding procedure as documents (German, one column): the receipt ("Eingangsbestätigung")
 * at every submit, the decision letter ("Zuwendungsbescheid"), the refusal ("Ablehnungsbescheid"), the
 * revocation ("Widerrufsbescheid"), and the letters that follow a decision (amended decision, repayment claim:
 * `follow-up-letters.ts`). Built from the frozen revision, the decision, the content frozen into the document
 * and the round's texts; pure (the service reads, the renderer prints).
 */
import { type Decision, isObject, type JsonObject } from '../model.ts';
import { once } from '../once.ts';
import { addMonths } from '../retention.ts';
import {
  amendedDecisionBlocks,
  formatEuro,
  type LetterContent,
  repaymentClaimBlocks,
} from './follow-up-letters.ts';
import type { DocumentKind } from './issue.ts';
import { column, fill, formatDate } from './locale.ts';
import type { Block, DocumentModel } from './model.ts';

export interface LetterInput {
  kind: DocumentKind;
  fileNumber: string;
  /** The day the document was issued (Berlin, ISO date). */
  issuedOn: string;
  /** The day of the first submit (Berlin, ISO date). */
  submittedOn: string;
  /** The frozen revision the letter is about: its number, data and hash. */
  revision: { n: number; data: JsonObject; sha256: string };
  /** The recipient's organisation type, where the directory knows it (`municipality`, `district`, `provider`). */
  recipientType?: string;
  round: { id: string; title: string; legalBasis?: string };
  decision?: Decision;
  /** What an amended decision or a repayment claim states, as frozen into the document when it was issued. */
  content?: LetterContent;
  /** The letter texts (see `letter-texts.ts`). */
  texts: Record<string, string>;
}

export { formatEuro };

const fte = once(() => new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }));

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const obj = (v: unknown): JsonObject => (isObject(v) ? v : {});
const p = (text: string, tone?: 'notice'): Block => ({
  kind: 'paragraph',
  text: [text],
  ...(tone ? { tone } : {}),
});
const h = (level: 1 | 2 | 3, text: string): Block => ({ kind: 'heading', level, text: [text] });
const field = (label: string, value: string): Block => ({ kind: 'field', label: [label], value: [value] });

/** Municipalities and districts get the ANBest-K, every other recipient the ANBest-P. */
export function anbestFor(applicantKind: string, recipientType?: string): 'K' | 'P' {
  const kind = recipientType ?? applicantKind;
  return kind === 'municipality' || kind === 'district' || applicantKind === 'joint' ? 'K' : 'P';
}

const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The proof-of-use deadline: three months after the funding period ends (a month's end stays a month's end). */
export function proofOfUseDue(fundingEnd: string): string {
  const [y, m, d] = fundingEnd.split('-').map(Number) as [number, number, number];
  const due = addMonths(fundingEnd, 3);
  if (d !== lastDayOf(y, m)) return due;
  const [dy, dm] = due.split('-').map(Number) as [number, number];
  return `${due.slice(0, 8)}${String(lastDayOf(dy, dm)).padStart(2, '0')}`;
}

function recipientLines(data: JsonObject): string[] {
  const applicant = obj(data.applicant);
  const address = obj(applicant.address);
  const street = [str(address.street), str(address.houseNumber)].filter(Boolean).join(' ');
  const city = [str(address.postalCode), str(address.city)].filter(Boolean).join(' ');
  const signatory = obj(applicant.signatory);
  return [
    str(applicant.name),
    ...(str(signatory.name)
      ? [`z. Hd. ${str(signatory.name)}${str(signatory.function) ? `, ${str(signatory.function)}` : ''}`]
      : []),
    street,
    city,
  ].filter(Boolean);
}

interface Position {
  id: string;
  personName: string;
  qualification: string;
  fte: number;
  startDate: string;
  months: number;
  requestedAmount: number;
}

function positionsOf(data: JsonObject): Position[] {
  return (Array.isArray(data.positions) ? data.positions : []).filter(isObject).map((p) => ({
    id: str(p.id),
    personName: str(p.personName),
    qualification: str(p.qualification),
    fte: typeof p.fte === 'number' ? p.fte : 0,
    startDate: str(p.startDate),
    months: typeof p.months === 'number' ? p.months : 0,
    requestedAmount: typeof p.requestedAmount === 'number' ? p.requestedAmount : 0,
  }));
}

const date = (iso: string) => (iso ? formatDate('de', iso) : '–');

/** The head every letter shares: authority, recipient, file number and date, then the title. */
function head(input: LetterInput, title: string): Block[] {
  const t = input.texts;
  return [
    p(t['legal-review'] ?? '', 'notice'),
    p(t.authority ?? ''),
    {
      kind: 'field',
      label: ['Empfänger'],
      value: { text: recipientLines(input.revision.data).join('\n'), dir: 'ltr' },
    },
    {
      kind: 'table',
      header: [['Aktenzeichen'], ['Datum']],
      rows: [[[input.fileNumber], [date(input.issuedOn)]]],
    },
    h(1, title),
    p(`Förderrunde: ${input.round.title}`),
  ];
}

function receipt(input: LetterInput): Block[] {
  const t = input.texts;
  const data = input.revision.data;
  const values = {
    submittedOn: date(input.submittedOn),
    fileNumber: input.fileNumber,
    revision: String(input.revision.n),
  };
  const positions = positionsOf(data);
  const period = obj(data.fundingPeriod);
  const total = obj(data.budget).requestedTotal;
  return [
    p(fill(t['receipt-intro'] ?? '', values)),
    h(2, 'Eingegangene Angaben'),
    field('Antragsteller', str(obj(data.applicant).name)),
    field('Förderzeitraum', `${date(str(period.start))} bis ${date(str(period.end))}`),
    field('Beantragter Gesamtbetrag', typeof total === 'number' ? formatEuro(total) : '–'),
    positionTable(positions, input.texts),
    h(2, 'Prüfwert der eingegangenen Fassung'),
    p(fill(t['receipt-frozen'] ?? '', values)),
    { kind: 'field', label: ['SHA-256'], value: { text: input.revision.sha256, dir: 'ltr' } },
    p(t['receipt-not-a-decision'] ?? ''),
  ];
}

function positionTable(
  positions: Position[],
  texts: Record<string, string>,
  approved?: Decision['positions'],
): Block {
  const approvedById = new Map((approved ?? []).map((a) => [a.id, a.approvedAmount]));
  return {
    kind: 'table',
    header: [
      ['Stelle'],
      ['Qualifikationsstufe'],
      ['VZÄ'],
      ['Beginn, Monate'],
      ['Beantragt'],
      ...(approved ? [['Bewilligt']] : []),
    ],
    rows: positions.map((pos, i) => [
      [`${i + 1}. ${pos.personName}`],
      [texts[`tier-${pos.qualification}`] ?? pos.qualification],
      [fte().format(pos.fte)],
      [`${date(pos.startDate)}, ${pos.months}`],
      [formatEuro(pos.requestedAmount)],
      ...(approved ? [[formatEuro(approvedById.get(pos.id) ?? pos.requestedAmount)]] : []),
    ]),
  };
}

function decisionLetter(input: LetterInput): Block[] {
  const t = input.texts;
  const data = input.revision.data;
  const decision = input.decision;
  if (!decision) throw new Error('a decision letter needs the decision');
  const period = obj(data.fundingPeriod);
  const start = decision.fundingStart ?? str(period.start);
  const end = decision.fundingEnd ?? str(period.end);
  const values = {
    submittedOn: date(input.submittedOn),
    approvedAmount: formatEuro(decision.approvedAmount),
    requestedAmount: formatEuro(decision.requestedAmount),
    reason: decision.reason ?? '',
    proofOfUseDue: end ? date(proofOfUseDue(end)) : '–',
  };
  const positions = positionsOf(data);
  // Positions the decision does not name are approved as requested only when the whole amount is.
  const approvedPositions =
    decision.positions ??
    (decision.approvedAmount === decision.requestedAmount
      ? positions.map((p) => ({ id: p.id, approvedAmount: p.requestedAmount }))
      : undefined);
  const anbest = anbestFor(str(obj(data.applicant).kind), input.recipientType);
  const blocks: Block[] = [
    p('Sehr geehrte Damen und Herren,'),
    p(fill(t['decision-intro'] ?? '', values)),
    h(2, '1. Zuwendungszweck'),
    p(t['decision-purpose'] ?? ''),
    h(2, '2. Rechtsgrundlage'),
    p(input.round.legalBasis ?? 'VwV Integrationsmanagement'),
    h(2, '3. Art und Höhe der Zuwendung'),
    p(t['decision-financing'] ?? ''),
    field('Bewilligter Gesamtbetrag', formatEuro(decision.approvedAmount)),
    field('Beantragter Gesamtbetrag', formatEuro(decision.requestedAmount)),
  ];
  if (approvedPositions) blocks.push(positionTable(positions, t, approvedPositions));
  else blocks.push(positionTable(positions, t));
  if (decision.approvedAmount < decision.requestedAmount)
    blocks.push(p(fill(t['decision-partial'] ?? '', values)));
  blocks.push(
    h(2, '4. Bewilligungszeitraum'),
    p(`${date(start)} bis ${date(end)}`),
    h(2, '5. Nebenbestimmungen'),
    p(t[anbest === 'K' ? 'decision-anbest-k' : 'decision-anbest-p'] ?? ''),
    ...(decision.conditions ?? []).map((c, i) => p(`5.${i + 1} ${c}`)),
    h(2, '6. Auszahlung'),
    p(t['decision-payment'] ?? ''),
    h(2, '7. Verwendungsnachweis'),
    p(fill(t['decision-proof-of-use'] ?? '', values)),
    h(2, 'Rechtsbehelfsbelehrung'),
    p(t.remedy ?? ''),
    p('Mit freundlichen Grüßen'),
    p(`${decision.decidedBy.name}, ${t.authority ?? ''}`),
  );
  return blocks;
}

function refusal(input: LetterInput): Block[] {
  const t = input.texts;
  const decision = input.decision;
  const values = { submittedOn: date(input.submittedOn) };
  return [
    p('Sehr geehrte Damen und Herren,'),
    p(fill(t['refusal-intro'] ?? '', values)),
    h(2, 'Begründung'),
    p(decision?.reason ?? '–'),
    h(2, 'Rechtsgrundlage'),
    p(input.round.legalBasis ?? 'VwV Integrationsmanagement'),
    h(2, 'Rechtsbehelfsbelehrung'),
    p(t.remedy ?? ''),
    p('Mit freundlichen Grüßen'),
    p(`${decision?.decidedBy.name ?? ''}, ${t.authority ?? ''}`),
  ];
}

function revocation(input: LetterInput): Block[] {
  const t = input.texts;
  const decision = input.decision;
  if (!decision?.revocation) throw new Error('a revocation letter needs the revocation');
  const values = {
    submittedOn: date(input.submittedOn),
    decisionDate: date(decision.decisionDate),
    approvedAmount: formatEuro(decision.approvedAmount),
  };
  return [
    p('Sehr geehrte Damen und Herren,'),
    p(fill(t['revocation-intro'] ?? '', values)),
    h(2, 'Gründe'),
    p(decision.revocation.reason || '–'),
    h(2, 'Folgen'),
    // Where money was paid out, the claim is its own letter, issued with the revocation.
    p(t[decision.revocation.claim ? 'revocation-consequence' : 'revocation-no-claim'] ?? ''),
    h(2, 'Rechtsgrundlage'),
    p(`§ 49 LVwVfG; ${input.round.legalBasis ?? 'VwV Integrationsmanagement'}`),
    h(2, 'Rechtsbehelfsbelehrung'),
    p(t.remedy ?? ''),
    p('Mit freundlichen Grüßen'),
    p(`${decision.revocation.by.name}, ${t.authority ?? ''}`),
  ];
}

/** The kinds this module prints: every kind a change issues. */
export const PRINTED_KINDS: readonly DocumentKind[] = [
  'receipt',
  'decision',
  'amended-decision',
  'refusal',
  'revocation',
  'repayment-claim',
];

const TITLES: Record<DocumentKind, string> = {
  receipt: 'Eingangsbestätigung',
  decision: 'Zuwendungsbescheid',
  'amended-decision': 'Änderungsbescheid',
  refusal: 'Ablehnungsbescheid',
  revocation: 'Widerrufsbescheid',
  'repayment-claim': 'Rückforderungsbescheid',
};

function body(input: LetterInput): Block[] {
  const t = input.texts;
  const context = () => ({
    fileNumber: input.fileNumber,
    legalBasis: input.round.legalBasis ?? 'VwV Integrationsmanagement',
    signedBy: [input.content?.by, t.authority].filter(Boolean).join(', '),
  });
  switch (input.kind) {
    case 'receipt':
      return receipt(input);
    case 'decision':
      return decisionLetter(input);
    case 'revocation':
      return revocation(input);
    case 'refusal':
      return refusal(input);
    case 'amended-decision':
      if (input.content?.kind !== 'amended-decision')
        throw new Error('an amended decision needs its content');
      return amendedDecisionBlocks(input.content, t, context());
    case 'repayment-claim':
      if (input.content?.kind !== 'repayment-claim') throw new Error('a repayment claim needs its content');
      return repaymentClaimBlocks(input.content, t, context());
  }
}

/** The letter as a document model (German). */
export function buildLetter(input: LetterInput): DocumentModel {
  const title = TITLES[input.kind];
  return {
    title: `${title} ${input.fileNumber}`,
    lang: 'de',
    columns: [column('de')],
    running: [`${title} · Aktenzeichen ${input.fileNumber}`],
    pageLabel: ['Seite {n} von {total}'],
    blocks: [...head(input, title), ...body(input)],
  };
}
