import type { ApplicationsQuery, KeyFiguresQuery } from '#api/schemas/resources';
import { toCsv } from '#core/csv';
import { badRequest, forbidden } from '#core/errors';
import { type FiguresAggregate, keyFiguresOf, publishedOf } from '#core/figures-aggregate';
import { AREAS, GOAL_STATUSES, goalTotals, type PublishedKeyFigures, sumPublished } from '#core/key-figures';
import type { Actor, SubmissionSummary } from '#core/model';
import { once } from '#core/once';
import { reviewScope } from '#core/scopes';
import type { Directory } from '#ports/directory';
import type { FiguresStore } from '#ports/figures-store';
import type { SubmissionStore } from '#ports/submission-store';

/** A CSV download: the body and its file name. */
export interface CsvFile {
  csv: string;
  filename: string;
}

const BERLIN_YEAR = once(() => new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' }));
const berlinYear = (d: Date) => Number(BERLIN_YEAR().format(d));

/**
 * Reports without personal data: key figures added up from the plans' anonymous figures records, and the
 * reviewer's application list as CSV.
 */
export class ReportService {
  constructor(
    private readonly figures: FiguresStore,
    private readonly submissions: SubmissionStore,
    private readonly directory: Directory,
    private readonly now: () => Date,
  ) {}

  /** Published figures computed from each organisation's aggregate, by the aggregate's version. */
  private readonly computed = new Map<
    string,
    { version: number; counts: FiguresAggregate; years: Map<number, PublishedKeyFigures> }
  >();

  /** The year asked for (the route's schema bounds it to 2000–2100), else the current one. */
  private year(param: number | undefined): number {
    return param ?? berlinYear(this.now());
  }

  /**
   * Each organisation's published figures of a year, from its maintained aggregate (one item per organisation,
   * however many plans there are). What was computed from an aggregate is kept by its version: a later read
   * reads only the versions and computes again only for organisations whose aggregate changed since, which
   * gives the same figures (they are a function of the counters alone).
   */
  private async publishedFigures(orgs: readonly string[], year: number): Promise<PublishedKeyFigures[]> {
    const versions = await this.figures.aggregateVersions(orgs);
    const stale = orgs.filter((o) => versions.has(o) && this.computed.get(o)?.version !== versions.get(o));
    if (stale.length) {
      for (const [org, { version, counts }] of await this.figures.aggregates(stale))
        this.computed.set(org, { version, counts, years: new Map() });
    }
    let empty: PublishedKeyFigures | undefined;
    return orgs.map((org) => {
      const known = versions.has(org) ? this.computed.get(org) : undefined;
      if (!known) {
        // An organisation without plans: the same all-zero figures, computed once.
        empty ??= publishedOf({}, year);
        return empty;
      }
      let figures = known.years.get(year);
      if (!figures) {
        figures = publishedOf(known.counts, year);
        known.years.set(year, figures);
      }
      return figures;
    });
  }

  /**
   * Coordinators: their organisation's figures in full. Reviewers: every organisation (or one, `org`), with
   * groups smaller than 5 suppressed, totals included (and complementary cells, so no hidden value can be worked out).
   */
  async keyFigures(actor: Actor, params: KeyFiguresQuery) {
    const year = this.year(params.year);
    if (actor.roles.includes('coordinator')) {
      const figures = keyFiguresOf(
        (await this.figures.aggregates([actor.org])).get(actor.org)?.counts ?? {},
        year,
      );
      return { scope: { org: actor.org }, suppressed: false, figures };
    }
    if (actor.roles.includes('reviewer')) {
      const orgs = (await this.directory.listOrganisations()).filter((o) => o.type !== 'state');
      const selected = params.org ? orgs.filter((o) => o.id === params.org) : orgs;
      if (params.org && selected.length === 0)
        throw badRequest('report.unknown_org', 'Unknown organisation.');
      // Fixed tables: each organisation's figures of a year are published the same way whatever is asked, and
      // the state's are added up from those published figures, never counted anew from the records (else the
      // state's total minus the other organisations' figures would give a hidden count away).
      const published = await this.publishedFigures(
        selected.map((o) => o.id),
        year,
      );
      return {
        scope: params.org ? { org: params.org } : { org: 'all' },
        suppressed: true,
        figures: params.org && published[0] ? published[0] : sumPublished(year, published),
      };
    }
    throw forbidden('report.forbidden', 'Your role sees no key figures.');
  }

  /**
   * The key figures as CSV: one row per area × status, the goal totals (by area, by status, all), and the plan
   * counts. A suppressed count is written as `x`.
   */
  async keyFiguresCsv(actor: Actor, params: KeyFiguresQuery): Promise<CsvFile> {
    const report = await this.keyFigures(actor, params);
    const f = report.figures;
    const value = (v: number | { value: number | null }) => (typeof v === 'number' ? v : (v.value ?? 'x'));
    const totals = 'goalTotals' in f ? f.goalTotals : goalTotals(f.goalsByAreaStatus);
    const rows: unknown[][] = [];
    for (const area of AREAS) {
      for (const status of GOAL_STATUSES)
        rows.push(['goals', area, status, value(f.goalsByAreaStatus[area][status])]);
    }
    for (const area of AREAS) rows.push(['goals_total', area, '', value(totals.byArea[area])]);
    for (const status of GOAL_STATUSES)
      rows.push(['goals_total', '', status, value(totals.byStatus[status])]);
    rows.push(['goals_total', '', '', value(totals.all)]);
    rows.push(
      ['plans', '', 'new', value(f.plans.new)],
      ['plans', '', 'active', value(f.plans.active)],
      ['plans', '', 'closed', value(f.plans.closed)],
    );
    rows.push(
      ['goals_due', '', 'due', value(f.goalsReachedByDeadline.due)],
      ['goals_due', '', 'reached', value(f.goalsReachedByDeadline.reached)],
    );
    rows.push(['reviews', '', 'held', value(f.reviewsHeld)]);
    return {
      csv: toCsv(['figure', 'area', 'status', String(f.year)], rows),
      filename: `kennzahlen-${f.year}.csv`,
    };
  }

  /** The state reviewer's application list as CSV (every application submitted so far, or of one status). */
  async applicationsCsv(actor: Actor, params: ApplicationsQuery): Promise<CsvFile> {
    if (!actor.roles.includes('reviewer'))
      throw forbidden('export.forbidden', 'Only the granting authority exports the application list.');
    const items: SubmissionSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.submissions.list({
        index: 'second',
        scope: reviewScope('reviewer'),
        limit: 100,
        formId: params.formId ?? 'funding-application',
        ...(params.status ? { status: params.status } : {}),
        ...(cursor ? { cursor } : {}),
      });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const orgs = new Map((await this.directory.listOrganisations()).map((o) => [o.id, o]));
    const rows = items
      .filter((s) => !params.round || s.indexed.round === params.round)
      .map((s) => [
        s.id,
        orgs.get(s.org)?.name ?? s.org,
        orgs.get(s.org)?.district ?? '',
        s.indexed.applicantName ?? '',
        s.indexed.round ?? '',
        s.status,
        s.indexed.requestedTotal ?? '',
        s.decision?.approvedAmount ?? '',
        s.fileNumber ?? s.decision?.fileNumber ?? '',
        s.submittedAt?.slice(0, 10) ?? '',
        s.decision?.decisionDate ?? '',
      ]);
    return {
      csv: toCsv(
        [
          'id',
          'organisation',
          'district',
          'applicant',
          'round',
          'status',
          'requested_eur',
          'approved_eur',
          'file_number',
          'submitted',
          'decided',
        ],
        rows,
      ),
      filename: `antraege${params.round ? `-${params.round}` : ''}.csv`,
    };
  }
}
