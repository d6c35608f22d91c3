/**
 * Funding rounds ("Förderrunden") as records: an admin creates a draft version, edits it and publishes it; a
 * published version never changes, a correction is the next version. Pure: the clock is passed in.
 */
import { computeBudget, type FundingRound } from './allocation-rules.ts';
import { badRequest, conflict } from './errors.ts';
import { isObject, type JsonObject, type RoundPin } from './model.ts';
import { berlinDate } from './retention.ts';

/** The fields an admin sets (what `POST /api/rounds` carries as `round`). */
export interface RoundFields {
  title: string;
  /** Reference date ("Stichtag") of the figures behind the planning frames. */
  referenceDate?: string;
  /** Funding period rules: earliest start of a position and the longest period in months. */
  fundingPeriod: { start: string; maxMonths: number };
  /** EUR per full-time equivalent (VZÄ) and year, by qualification tier. */
  rates: Record<string, number>;
  /** Tiers whose rate is a placeholder, not a published figure. */
  placeholders?: string[];
  /** The planning frames are illustrative (no public figures). */
  illustrative?: boolean;
  note?: string;
  minimumEntitlement: number;
  minimumFte: number;
  /**
   * Application window, Berlin calendar days, both inclusive. Without one a round takes applications as
   * long as it is published (the repository's 2017–2018 round file states none).
   */
  applicationWindow?: { opens: string; closes: string };
  reportingDates?: { keyFigures?: string[]; proofOfUse?: string };
  legalBasis?: string;
  conditions?: Array<{ code: string; de: string; en?: string }>;
  interestRule?: { percentagePointsAboveBase: number; de?: string; en?: string };
  /** Texts the decision letters use, by text id, German first. */
  decisionTexts?: Record<string, { de: string; en?: string }>;
}

export const ROUND_STATUSES = ['draft', 'published'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** One stored version of a round. */
export interface RoundVersion extends RoundFields {
  id: string;
  version: number;
  status: RoundStatus;
  createdAt: string;
  createdBy: { sub: string; name: string };
  publishedAt?: string;
  publishedBy?: { sub: string; name: string };
}

/** An extension of a round's window for one organisation, granted by a reviewer and recorded. */
export interface RoundExtension {
  round: string;
  org: string;
  /** Last Berlin calendar day on which the organisation may still start and first submit. */
  until: string;
  reason: string;
  grantedAt: string;
  grantedBy: { sub: string; name: string };
}

/**
 * Whether applications may start (and be first submitted) in the round on `now`'s Berlin calendar day:
 * inside its window, or (after it closed) up to the day of an extension granted to the organisation.
 */
export function isRoundOpen(
  round: Pick<RoundFields, 'applicationWindow'>,
  now: Date,
  extension?: Pick<RoundExtension, 'until'>,
): boolean {
  const window = round.applicationWindow;
  if (!window) return true;
  const today = berlinDate(now);
  if (today < window.opens) return false;
  return today <= window.closes || (extension !== undefined && today <= extension.until);
}

/**
 * The checks the schema cannot express: dates in order, placeholders among the rates.
 * @throws AppError `round.invalid` with every problem as a detail.
 */
export function checkRoundFields(fields: RoundFields): void {
  // German texts beside the English ones, so the editor can say at the field what is wrong.
  const details: Array<{ pointer: string; message: string; messageDe: string }> = [];
  if (fields.applicationWindow && fields.applicationWindow.closes < fields.applicationWindow.opens) {
    details.push({
      pointer: '/round/applicationWindow/closes',
      message: 'closes before it opens',
      messageDe: 'Die Antragsfrist endet vor ihrem Beginn.',
    });
  }
  for (const [i, tier] of (fields.placeholders ?? []).entries()) {
    if (!Object.hasOwn(fields.rates, tier)) {
      details.push({
        pointer: `/round/placeholders/${i}`,
        message: 'names a tier without a rate',
        messageDe: 'Diese Qualifikationsstufe hat keinen Satz.',
      });
    }
  }
  const codes = new Set<string>();
  for (const [i, c] of (fields.conditions ?? []).entries()) {
    if (codes.has(c.code))
      details.push({
        pointer: `/round/conditions/${i}/code`,
        message: 'used twice',
        messageDe: 'Dieses Kürzel ist schon vergeben.',
      });
    codes.add(c.code);
  }
  if (details.length > 0) throw badRequest('round.invalid', 'The round is inconsistent.', details);
}

/** The latest published version of each round, and (for admins) each round's draft. */
export function currentRounds(versions: readonly RoundVersion[]): {
  published: RoundVersion[];
  drafts: RoundVersion[];
} {
  const published = new Map<string, RoundVersion>();
  const drafts = new Map<string, RoundVersion>();
  for (const v of versions) {
    const target = v.status === 'published' ? published : drafts;
    const seen = target.get(v.id);
    if (!seen || seen.version < v.version) target.set(v.id, v);
  }
  const byId = (a: RoundVersion, b: RoundVersion) => a.id.localeCompare(b.id);
  return { published: [...published.values()].sort(byId), drafts: [...drafts.values()].sort(byId) };
}

/** A round version as the budget rules read it (`FundingRound`). */
export function fundingRoundOf(round: RoundVersion): FundingRound {
  return {
    id: round.id,
    title: round.title,
    referenceDate: round.referenceDate ?? round.fundingPeriod.start,
    rates: round.rates,
    ...(round.placeholders ? { placeholders: round.placeholders } : {}),
    ...(round.note ? { note: round.note } : {}),
    minimumEntitlement: round.minimumEntitlement,
    minimumFte: round.minimumFte,
    maxMonths: round.fundingPeriod.maxMonths,
    currency: 'EUR',
  };
}

/** The round versions around a decision: the one the application is pinned to, the one applied, the latest. */
export interface DecisionRound {
  pinned: RoundVersion;
  applied: RoundVersion;
  latest: RoundVersion;
}

/**
 * Which version of its round a decision applies: the one the application started in (its pin), unless the
 * reviewer applies a later published correction (`requested`). Without a pin (an application from before
 * rounds were records) the latest published version counts as the pinned one.
 * @throws AppError 409 `decision.round_version_unknown` for a version that is not a published one of the
 *   round, 409 `decision.round_version_older` for one older than the pin.
 */
export function decisionRound(
  versions: readonly RoundVersion[],
  roundId: string,
  pin: RoundPin | undefined,
  requested?: number,
): DecisionRound | undefined {
  const published = versions.filter((v) => v.id === roundId && v.status === 'published');
  const latest = published.reduce<RoundVersion | undefined>(
    (a, v) => (a && a.version > v.version ? a : v),
    undefined,
  );
  const chosen = requested === undefined ? undefined : published.find((v) => v.version === requested);
  if (requested !== undefined && !chosen)
    throw conflict(
      'decision.round_version_unknown',
      `Version ${requested} is not a published version of round ${roundId}.`,
    );
  if (!latest) return undefined;
  const pinned =
    (pin?.round === roundId ? published.find((v) => v.version === pin.version) : undefined) ?? latest;
  if (chosen && chosen.version < pinned.version)
    throw conflict(
      'decision.round_version_older',
      `The application was made in version ${pinned.version} of round ${roundId}; a decision cannot apply version ${chosen.version}.`,
    );
  return { pinned, applied: chosen ?? pinned, latest };
}

/**
 * What each position comes to under another version's rates (a later correction), never more than it
 * requested: a decision grants no more than was applied for. Positions the version cannot price keep their
 * requested amount.
 */
export function correctedPositions(
  data: JsonObject,
  round: FundingRound,
  requested: ReadonlyArray<{ id: string; requestedAmount: number }>,
): Array<{ id: string; requestedAmount: number; correctedAmount: number }> {
  const recomputed = computeBudget(data, round).data;
  const amounts = new Map<string, number>();
  for (const p of Array.isArray(recomputed.positions) ? recomputed.positions : [])
    if (isObject(p) && typeof p.id === 'string' && typeof p.requestedAmount === 'number')
      amounts.set(p.id, p.requestedAmount);
  return requested.map((p) => ({
    ...p,
    correctedAmount: Math.min(p.requestedAmount, amounts.get(p.id) ?? p.requestedAmount),
  }));
}
