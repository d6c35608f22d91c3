import { badRequest, forbidden } from '#core/errors';
import type { Actor } from '#core/model';
import type { RepoForm } from '#forms/types';
import type { Allocation, AllocationStore } from '#ports/allocation-store';

/** Electoral-district figures as the state's data gives them (`rounds/<id>-electoral-districts.csv`). */
export interface ElectoralDistrictFigure {
  electoralDistrict: string;
  /** The total of the press release, for all municipalities of the electoral district. */
  pressReleaseTotal: number;
  /** The sum of the municipalities the press release names. */
  namedMunicipalitiesSum: number;
  note?: string;
}

const sum = (items: Allocation[], pick: (a: Allocation) => number) => items.reduce((s, a) => s + pick(a), 0);

/** The money of a group of frames: approved, paid and reclaimed (counters kept with each payout and claim). */
const money = (items: Allocation[]) => ({
  approved: sum(items, (a) => a.approved),
  paid: sum(items, (a) => a.paid ?? 0),
  reclaimed: sum(items, (a) => a.reclaimed ?? 0),
});

/** The planning frames of a round: per organisation, per district, and the electoral-district figures. */
export class AllocationService {
  constructor(
    private readonly store: AllocationStore,
    private readonly repoForms: readonly RepoForm[],
    private readonly electoralDistricts: (round: string) => ElectoralDistrictFigure[] = () => [],
    /** The rounds published in the round registry, besides the forms' round files. */
    private readonly publishedRounds: () => Promise<string[]> = async () => [],
  ) {}

  private async knownRound(round: string | undefined): Promise<string> {
    const rounds = [
      ...new Set([
        ...this.repoForms.flatMap((f) => Object.keys(f.rounds ?? {})),
        ...(await this.publishedRounds()),
      ]),
    ];
    if (!round) {
      const latest = rounds.sort().at(-1);
      if (!latest) throw badRequest('round.unknown', 'No funding round is configured.');
      return latest;
    }
    if (!rounds.includes(round))
      throw badRequest('round.unknown', `There is no funding round "${round}".`, [
        { pointer: '/round', message: 'unknown round' },
      ]);
    return round;
  }

  /** Reviewers see every organisation's frame; municipality staff their own; other roles nothing. */
  async overview(actor: Actor, roundParam: string | undefined) {
    const round = await this.knownRound(roundParam);
    const isReviewer = actor.roles.includes('reviewer');
    if (!isReviewer && !actor.roles.includes('municipality')) {
      throw forbidden('allocations.forbidden', 'Your role sees no planning frames.');
    }
    const all = await this.store.list(round);
    const visible = isReviewer ? all : all.filter((a) => a.org === actor.org);
    const items = visible
      .map((a) => ({ ...a, paid: a.paid ?? 0, reclaimed: a.reclaimed ?? 0, remaining: a.frame - a.approved }))
      .sort(
        (x, y) =>
          (x.district ?? '').localeCompare(y.district ?? '', 'de') || x.name.localeCompare(y.name, 'de'),
      );
    const districts = [...new Set(visible.map((a) => a.district ?? ''))]
      .sort((a, b) => a.localeCompare(b, 'de'))
      .map((district) => {
        const inDistrict = visible.filter((a) => (a.district ?? '') === district);
        return {
          district,
          frame: sum(inDistrict, (a) => a.frame),
          ...money(inDistrict),
          inReview: sum(inDistrict, (a) => a.inReview),
          remaining: sum(inDistrict, (a) => a.frame - a.approved),
        };
      });
    const electoralDistricts = isReviewer
      ? this.electoralDistricts(round).map((e) => ({
          ...e,
          platformSum: sum(
            all.filter((a) => a.electoralDistrict === e.electoralDistrict),
            (a) => a.frame,
          ),
          ...money(all.filter((a) => a.electoralDistrict === e.electoralDistrict)),
          labels: {
            pressReleaseTotal: {
              de: 'Summe laut Pressemitteilung (alle Kommunen des Wahlkreises)',
              en: 'Total according to the press release (all municipalities of the electoral district)',
            },
            namedMunicipalitiesSum: {
              de: 'Summe der in der Pressemitteilung genannten Kommunen',
              en: 'Sum of the municipalities named in the press release',
            },
          },
        }))
      : [];
    const totals = {
      frame: sum(visible, (a) => a.frame),
      ...money(visible),
      inReview: sum(visible, (a) => a.inReview),
      remaining: sum(visible, (a) => a.frame - a.approved),
    };
    return { round, items, districts, electoralDistricts, totals };
  }
}
