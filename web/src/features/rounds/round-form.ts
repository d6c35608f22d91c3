/**
 * The round editor's model: a round's fields as the admin edits them (rows for rates, conditions and letter
 * texts, '' for an empty date), turned into the API's `round` object and back, the starting points of a new
 * round and of a correction, and the way from a server error's JSON pointer to the field it names. Pure.
 */
import type { RoundFields, RoundVersion } from '../../../../functions/core/rounds.ts';

export interface RateRow {
  tier: string;
  amount: number | undefined;
  placeholder: boolean;
}
export interface ConditionRow {
  code: string;
  de: string;
  en: string;
}
export interface TextRow {
  key: string;
  de: string;
  en: string;
}

/** What the editor holds: dates as ISO ('' when empty), numbers undefined while empty or unreadable. */
export interface RoundForm {
  id: string;
  title: string;
  referenceDate: string;
  start: string;
  maxMonths: number | undefined;
  rates: RateRow[];
  illustrative: boolean;
  note: string;
  minimumEntitlement: number | undefined;
  minimumFte: number | undefined;
  opens: string;
  closes: string;
  keyFigures: string[];
  proofOfUse: string;
  legalBasis: string;
  conditions: ConditionRow[];
  interestPoints: number | undefined;
  interestDe: string;
  interestEn: string;
  texts: TextRow[];
}

/** The editor's rows of a stored round (or of what the JSON view holds, which may lack required parts). */
export function formOf(id: string, round: Partial<RoundFields>): RoundForm {
  const placeholders = new Set(round.placeholders ?? []);
  return {
    id,
    title: round.title ?? '',
    referenceDate: round.referenceDate ?? '',
    start: round.fundingPeriod?.start ?? '',
    maxMonths: round.fundingPeriod?.maxMonths,
    rates: Object.entries(round.rates ?? {}).map(([tier, amount]) => ({
      tier,
      amount,
      placeholder: placeholders.has(tier),
    })),
    illustrative: round.illustrative === true,
    note: round.note ?? '',
    minimumEntitlement: round.minimumEntitlement,
    minimumFte: round.minimumFte,
    opens: round.applicationWindow?.opens ?? '',
    closes: round.applicationWindow?.closes ?? '',
    keyFigures: [...(round.reportingDates?.keyFigures ?? [])],
    proofOfUse: round.reportingDates?.proofOfUse ?? '',
    legalBasis: round.legalBasis ?? '',
    conditions: (round.conditions ?? []).map((c) => ({ code: c.code, de: c.de, en: c.en ?? '' })),
    interestPoints: round.interestRule?.percentagePointsAboveBase,
    interestDe: round.interestRule?.de ?? '',
    interestEn: round.interestRule?.en ?? '',
    // By key, so the letters' texts stand together (decision-…, receipt-…), whatever order the store keeps.
    texts: Object.entries(round.decisionTexts ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, t]) => ({ key, de: t.de, en: t.en ?? '' })),
  };
}

const optional = <K extends string, V>(key: K, value: V, present: boolean) =>
  (present ? { [key]: value } : {}) as Partial<Record<K, V>>;

/**
 * The `round` object `POST /api/rounds` takes. Empty optional parts are left out; an empty required value is
 * left out or sent empty, so the server names it (at its field) rather than the editor guessing.
 */
export function fieldsOf(form: RoundForm): Record<string, unknown> {
  const rates = form.rates.filter((r) => r.tier.trim() !== '' || r.amount !== undefined);
  const placeholders = rates.filter((r) => r.placeholder).map((r) => r.tier.trim());
  const keyFigures = form.keyFigures.filter((d) => d !== '');
  const reporting = {
    ...optional('keyFigures', keyFigures, keyFigures.length > 0),
    ...optional('proofOfUse', form.proofOfUse, form.proofOfUse !== ''),
  };
  const interestGiven =
    form.interestPoints !== undefined || form.interestDe.trim() !== '' || form.interestEn.trim() !== '';
  return {
    title: form.title.trim(),
    ...optional('referenceDate', form.referenceDate, form.referenceDate !== ''),
    fundingPeriod: {
      start: form.start,
      ...optional('maxMonths', form.maxMonths, form.maxMonths !== undefined),
    },
    rates: Object.fromEntries(rates.map((r) => [r.tier.trim(), r.amount])),
    ...optional('placeholders', placeholders, placeholders.length > 0),
    ...optional('illustrative', true, form.illustrative),
    ...optional('note', form.note.trim(), form.note.trim() !== ''),
    ...optional('minimumEntitlement', form.minimumEntitlement, form.minimumEntitlement !== undefined),
    ...optional('minimumFte', form.minimumFte, form.minimumFte !== undefined),
    ...optional(
      'applicationWindow',
      { opens: form.opens, closes: form.closes },
      form.opens !== '' || form.closes !== '',
    ),
    ...optional('reportingDates', reporting, Object.keys(reporting).length > 0),
    ...optional('legalBasis', form.legalBasis.trim(), form.legalBasis.trim() !== ''),
    ...optional(
      'conditions',
      form.conditions.map((c) => ({
        code: c.code.trim(),
        de: c.de.trim(),
        ...optional('en', c.en.trim(), c.en.trim() !== ''),
      })),
      form.conditions.length > 0,
    ),
    ...optional(
      'interestRule',
      {
        ...optional('percentagePointsAboveBase', form.interestPoints, form.interestPoints !== undefined),
        ...optional('de', form.interestDe.trim(), form.interestDe.trim() !== ''),
        ...optional('en', form.interestEn.trim(), form.interestEn.trim() !== ''),
      },
      interestGiven,
    ),
    ...optional(
      'decisionTexts',
      Object.fromEntries(
        form.texts.map((t) => [
          t.key.trim(),
          { de: t.de.trim(), ...optional('en', t.en.trim(), t.en.trim() !== '') },
        ]),
      ),
      form.texts.length > 0,
    ),
  };
}

/** The round that started last (by its funding period, then its id): what a new round is copied from. */
export function newestRound<R extends Pick<RoundVersion, 'id' | 'fundingPeriod'>>(
  rounds: readonly R[],
): R | undefined {
  return [...rounds].sort(
    (a, b) => b.fundingPeriod.start.localeCompare(a.fundingPeriod.start) || b.id.localeCompare(a.id),
  )[0];
}

/**
 * A proposed id for the round after `id` that no round has yet: `2026-2027` → `2028-2029` (a period of the
 * same length right after), `2026` → `2027`, anything else gets a number.
 */
export function nextRoundId(id: string, taken: ReadonlySet<string>): string {
  const span = /^(\d{4})-(\d{4})$/.exec(id);
  const year = /^(\d{4})$/.exec(id);
  let candidate: string;
  if (span) {
    const from = Number(span[1]);
    const to = Number(span[2]);
    const length = to - from + 1;
    candidate = `${from + length}-${to + length}`;
  } else if (year) candidate = String(Number(year[1]) + 1);
  else candidate = `${id}-2`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}-${n}`;
  return candidate;
}

/**
 * The editor field a server error's pointer names (`/id`, `/round/rates/bachelor`,
 * `/round/decisionTexts/remedy/de`), as the editor's field key (`rates/1/amount`, `texts/3/de`); for a pointer
 * below no field, its nearest field above; '' when it names none.
 */
export function fieldOfPointer(pointer: string, form: RoundForm): string {
  if (pointer === '/id') return 'id';
  if (!pointer.startsWith('/round')) return '';
  const parts = pointer
    .slice('/round'.length)
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const [head, second, third] = parts;
  switch (head) {
    case undefined:
      return '';
    case 'fundingPeriod':
      return second === 'maxMonths' ? 'maxMonths' : 'start';
    case 'applicationWindow':
      return second === 'closes' ? 'closes' : 'opens';
    case 'reportingDates':
      if (second === 'proofOfUse') return 'proofOfUse';
      return third !== undefined ? `keyFigures/${third}` : 'keyFigures';
    case 'interestRule':
      return second === 'de' ? 'interestDe' : second === 'en' ? 'interestEn' : 'interestPoints';
    case 'rates': {
      const row = form.rates.findIndex((r) => r.tier.trim() === second);
      return row >= 0 ? `rates/${row}/amount` : 'rates';
    }
    case 'placeholders': {
      const tier = second === undefined ? undefined : form.rates.filter((r) => r.placeholder)[Number(second)];
      const row = tier ? form.rates.indexOf(tier) : -1;
      return row >= 0 ? `rates/${row}/tier` : 'rates';
    }
    case 'conditions':
      return second === undefined ? 'conditions' : `conditions/${second}/${third ?? 'code'}`;
    case 'decisionTexts': {
      const row = form.texts.findIndex((t) => t.key.trim() === second);
      return row >= 0 ? `texts/${row}/${third ?? 'de'}` : 'texts';
    }
    default:
      return head;
  }
}
