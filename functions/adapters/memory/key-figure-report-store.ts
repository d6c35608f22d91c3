import { conflict } from '#core/errors';
import type { KeyFigureReport } from '#core/key-figure-report';
import type { KeyFigureReportStore } from '#ports/key-figure-report-store';

export const alreadyConfirmed = () =>
  conflict('key_figure_report.already_confirmed', 'The key figures of this year are confirmed already.');

export class MemoryKeyFigureReportStore implements KeyFigureReportStore {
  private readonly reports = new Map<string, KeyFigureReport>();

  async get(year: number, org: string) {
    const report = this.reports.get(`${year}|${org}`);
    return report && structuredClone(report);
  }

  async listByYear(year: number) {
    return [...this.reports.values()].filter((r) => r.year === year).map((r) => structuredClone(r));
  }

  async create(report: KeyFigureReport) {
    const key = `${report.year}|${report.org}`;
    if (this.reports.has(key)) throw alreadyConfirmed();
    this.reports.set(key, structuredClone(report));
  }
}
