import type { KeyFigureReport } from '#core/key-figure-report';

/** The confirmed yearly key-figure reports, one per organisation and year. */
export interface KeyFigureReportStore {
  get(year: number, org: string): Promise<KeyFigureReport | undefined>;
  /** Every report of a year that came in. */
  listByYear(year: number): Promise<KeyFigureReport[]>;
  /** Stores a confirmed report; 409 `key_figure_report.already_confirmed` if the organisation has one for the year. */
  create(report: KeyFigureReport): Promise<void>;
}
