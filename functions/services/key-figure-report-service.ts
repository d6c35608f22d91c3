import type { ConfirmReportCommand } from '#api/schemas/key-figure-reports';
import { badRequest, conflict, forbidden, notFound } from '#core/errors';
import { publishedOf } from '#core/figures-aggregate';
import {
  cameInOnTime,
  isReportable,
  type KeyFigureReport,
  reportDueDate,
  reportYearOn,
} from '#core/key-figure-report';
import type { PublishedKeyFigures } from '#core/key-figures';
import type { Actor, Organisation } from '#core/model';
import { berlinDate } from '#core/retention';
import type { Directory } from '#ports/directory';
import type { FiguresStore } from '#ports/figures-store';
import type { KeyFigureReportStore } from '#ports/key-figure-report-store';

/** One organisation's report of a year as an answer. */
export interface ReportView {
  org: string;
  orgName: string;
  year: number;
  dueDate: string;
  status: 'confirmed' | 'missing';
  figures?: PublishedKeyFigures;
  confirmedAt?: string;
  confirmedBy?: { sub: string; name: string };
  onTime?: boolean;
}

const notFoundReport = () => notFound('key_figure_report.not_found', 'No such key-figure report.');

/**
 * The yearly key-figure report: a coordinator confirms the organisation's key figures of a finished year,
 * exactly as the granting authority sees them (small groups suppressed, `publishedOf` of its aggregate); the
 * confirmed snapshot is kept as it was. Reviewers see per organisation whether it came in, and read it.
 * Nothing of an application or a plan is read or written here, only the anonymous figures records.
 */
export class KeyFigureReportService {
  constructor(
    private readonly reports: KeyFigureReportStore,
    private readonly figures: FiguresStore,
    private readonly directory: Directory,
    private readonly now: () => Date,
  ) {}

  private today() {
    return berlinDate(this.now());
  }

  private async organisation(org: string): Promise<Organisation> {
    const o = await this.directory.getOrganisation(org);
    if (!o || o.type === 'state') throw notFoundReport();
    return o;
  }

  private async current(org: string, year: number): Promise<PublishedKeyFigures> {
    return publishedOf((await this.figures.aggregates([org])).get(org)?.counts ?? {}, year);
  }

  private static view(o: Organisation, year: number, report: KeyFigureReport | undefined): ReportView {
    const base = { org: o.id, orgName: o.name, year, dueDate: reportDueDate(year) };
    if (!report) return { ...base, status: 'missing' };
    return {
      ...base,
      status: 'confirmed',
      figures: report.figures,
      confirmedAt: report.confirmedAt,
      confirmedBy: report.confirmedBy,
      onTime: cameInOnTime(report, berlinDate(new Date(report.confirmedAt))),
    };
  }

  /** The year asked for, else the one due next. */
  private year(param: number | undefined) {
    return param ?? reportYearOn(this.today());
  }

  /**
   * One organisation's report: reviewers read any that came in; a coordinator reads the own organisation's,
   * and before confirming it sees the figures as they stand (as the state would see them).
   */
  async get(actor: Actor, year: number, org: string): Promise<ReportView> {
    const reviewer = actor.roles.includes('reviewer');
    const coordinator = actor.roles.includes('coordinator') && actor.org === org;
    if (!reviewer && !coordinator) throw notFoundReport();
    const o = await this.organisation(org);
    const report = await this.reports.get(year, org);
    const view = KeyFigureReportService.view(o, year, report);
    if (!report && coordinator) view.figures = await this.current(org, year);
    return view;
  }

  /** The coordinator confirms the own organisation's figures of a finished year; stored as they are now. */
  async confirm(actor: Actor, body: ConfirmReportCommand): Promise<ReportView> {
    if (!actor.roles.includes('coordinator'))
      throw forbidden(
        'key_figure_report.forbidden',
        "Only the organisation's coordinator confirms its key figures.",
      );
    const today = this.today();
    if (!isReportable(body.year, today))
      throw conflict(
        'key_figure_report.year_open',
        `The year ${body.year} is not over yet; its key figures are confirmed from 1 January ${body.year + 1}.`,
      );
    const o = await this.organisation(actor.org);
    const report: KeyFigureReport = {
      org: o.id,
      year: body.year,
      figures: await this.current(o.id, body.year),
      confirmedAt: this.now().toISOString(),
      confirmedBy: { sub: actor.sub, name: actor.name },
    };
    await this.reports.create(report);
    return KeyFigureReportService.view(o, body.year, report);
  }

  /** The reviewer's overview: every organisation, whether its report of the year came in, and when. */
  async overview(actor: Actor, yearParam: number | undefined) {
    if (!actor.roles.includes('reviewer'))
      throw forbidden(
        'key_figure_report.forbidden',
        'Only the granting authority sees the reports of all organisations.',
      );
    const year = this.year(yearParam);
    if (year > reportYearOn(this.today()) + 1)
      throw badRequest('key_figure_report.year_invalid', `No reports are due for ${year} yet.`, [
        { pointer: '/year', message: 'a future year', in: 'query' },
      ]);
    const [orgs, reports] = await Promise.all([
      this.directory.listOrganisations(),
      this.reports.listByYear(year),
    ]);
    const byOrg = new Map(reports.map((r) => [r.org, r]));
    const items = orgs
      .filter((o) => o.type !== 'state')
      .sort((a, b) => a.name.localeCompare(b.name, 'de'))
      .map((o) => {
        const r = byOrg.get(o.id);
        return {
          org: o.id,
          orgName: o.name,
          ...(o.district ? { district: o.district } : {}),
          status: r ? ('confirmed' as const) : ('missing' as const),
          ...(r
            ? { confirmedAt: r.confirmedAt, onTime: cameInOnTime(r, berlinDate(new Date(r.confirmedAt))) }
            : {}),
        };
      });
    return { year, dueDate: reportDueDate(year), items };
  }
}
