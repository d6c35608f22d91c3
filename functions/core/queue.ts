/**
 * The reviewer's work queue, as pure rules: which queue partitions ("facets") and search terms a submission
 * is listed under, and which one partition a query reads. Every supported query is one partition read in the
 * store (a DynamoDB `Query`), never a scan and never a page filtered in memory; a combination with no
 * partition of its own is refused (`queue.unsupported_filter`). See `docs/scale.md`.
 */
import { badRequest } from './errors.ts';
import type { Status, Submission } from './model.ts';

/** What the queue knows of a submission's organisation besides the submission itself. */
export interface QueueProfile {
  /** The municipality's (or district's) name. */
  municipality: string;
  /** The district ("Landkreis") of a municipality. */
  district?: string;
}

/** A resolved queue query: `reviewer` is a user id or `none` (the caller's `me` already replaced). */
export interface QueueFilter {
  q?: string;
  district?: string;
  round?: string;
  status?: Status;
  formId?: string;
  reviewer?: string;
}

export type QueueSort = 'oldest' | 'newest';
export const NO_REVIEWER = 'none';

/** Case-insensitive, German umlauts folded (ä → ae, ß → ss), other accents dropped, only letters and digits. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '');
}

/** Sort key of a submission in every queue partition: oldest waiting first when read forwards. */
export const queueSortKey = (sub: Pick<Submission, 'submittedAt' | 'createdAt' | 'id'>) =>
  `${sub.submittedAt ?? sub.createdAt}#${sub.id}`;

const facet = (name: string, value: string) => `${name}=${value}`;

/**
 * The facets a submission is listed under: all, each single filter, status with reviewer (the "my open
 * items" view) and form with status. Values are folded where users type them (district).
 */
export function queueFacets(sub: Submission, profile: QueueProfile): string[] {
  const reviewer = sub.reviewer ?? NO_REVIEWER;
  const facets = [
    'all',
    facet('status', sub.status),
    facet('form', sub.formId),
    facet('reviewer', reviewer),
    `${facet('status', sub.status)}&${facet('reviewer', reviewer)}`,
    `${facet('form', sub.formId)}&${facet('status', sub.status)}`,
  ];
  if (profile.district) facets.push(facet('district', foldText(profile.district)));
  if (sub.allocation?.round) facets.push(facet('round', sub.allocation.round));
  return facets;
}

/** The folded texts a search prefix is matched against: the name, the municipality key and the file number. */
export function searchTerms(sub: Submission, profile: QueueProfile): string[] {
  const terms = new Set([foldText(profile.municipality), foldText(sub.org)]);
  if (sub.fileNumber) terms.add(foldText(sub.fileNumber));
  if (sub.decision?.fileNumber) terms.add(foldText(sub.decision.fileNumber));
  terms.delete('');
  return [...terms];
}

/** The one partition a query reads: a facet, or the search partition from a folded prefix. */
export type QueuePlan = { facet: string } | { search: string };

export const SUPPORTED_COMBINATIONS = [
  'none',
  'q',
  'district',
  'round',
  'status',
  'formId',
  'reviewer',
  'status+reviewer',
  'formId+status',
] as const;

export function planQueueQuery(filter: QueueFilter): QueuePlan {
  const given = (['q', 'district', 'round', 'status', 'formId', 'reviewer'] as const).filter(
    (k) => filter[k] !== undefined && filter[k] !== '',
  );
  const unsupported = () =>
    badRequest(
      'queue.unsupported_filter',
      `This combination of filters (${given.join('+')}) is not supported; supported: ${SUPPORTED_COMBINATIONS.join(', ')}.`,
    );
  if (given.length === 0) return { facet: 'all' };
  if (given.length === 2 && filter.status && filter.reviewer)
    return { facet: `${facet('status', filter.status)}&${facet('reviewer', filter.reviewer)}` };
  if (given.length === 2 && filter.status && filter.formId)
    return { facet: `${facet('form', filter.formId)}&${facet('status', filter.status)}` };
  if (given.length > 1) throw unsupported();
  if (filter.q !== undefined) {
    const search = foldText(filter.q);
    if (!search)
      throw badRequest('queue.bad_search', 'The search needs at least one letter or digit.', [
        { pointer: '/q', message: 'no letter or digit' },
      ]);
    return { search };
  }
  if (filter.district) return { facet: facet('district', foldText(filter.district)) };
  if (filter.round) return { facet: facet('round', filter.round) };
  if (filter.status) return { facet: facet('status', filter.status) };
  if (filter.formId) return { facet: facet('form', filter.formId) };
  return { facet: facet('reviewer', filter.reviewer as string) };
}

/** The store's record of where a submission is listed, so the next change can remove what no longer applies. */
export interface QueueEntry {
  scope: string;
  facets: string[];
  terms: string[];
  sortKey: string;
  status: Status;
  profile: QueueProfile;
}

export function queueEntry(scope: string, sub: Submission, profile: QueueProfile): QueueEntry {
  return {
    scope,
    facets: queueFacets(sub, profile),
    terms: searchTerms(sub, profile),
    sortKey: queueSortKey(sub),
    status: sub.status,
    profile,
  };
}
