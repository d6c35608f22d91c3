/**
 * The yearly key-figure report ("Kennzahlenbericht"): by 31 January each organisation's coordinator confirms
 * its key figures of the year before, exactly as the granting authority may see them (small groups
 * suppressed). An organisation-level record, never tied to an application, holding counts only: no plan data.
 * Pure: the dates are passed in.
 */
import type { PublishedKeyFigures } from './key-figures.ts';

/** A confirmed report: the figures as they were when the coordinator confirmed them, never changed after. */
export interface KeyFigureReport {
  org: string;
  /** The calendar year the figures are of. */
  year: number;
  figures: PublishedKeyFigures;
  confirmedAt: string;
  confirmedBy: { sub: string; name: string };
}

/** The day a year's report is due: 31 January of the year after (ISO date). */
export const reportDueDate = (year: number) => `${year + 1}-01-31`;

/** The year whose report is due next on `today` (an ISO date, Europe/Berlin): always the year before. */
export const reportYearOn = (today: string) => Number(today.slice(0, 4)) - 1;

/** A year's report can be confirmed once the year is over (its figures no longer change by the calendar). */
export const isReportable = (year: number, today: string) => year < Number(today.slice(0, 4));

/** Whether a report came in by its due date (compared in Europe/Berlin days). */
export const cameInOnTime = (report: Pick<KeyFigureReport, 'year'>, confirmedOn: string) =>
  confirmedOn <= reportDueDate(report.year);
