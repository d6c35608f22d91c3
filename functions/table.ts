/**
 * The one table, declared once as data: its keys and indexes, every item type (entity) with its key
 * builders, and the named access patterns (which index, which key). Read by the DynamoDB adapters (no key
 * string is built anywhere else), the local bootstrap (create table), the CDK data stack and the
 * architecture document (`docs/architecture.md`, checked against this file by `tests/unit/table.test.ts`).
 *
 * Every item carries `entity` (the tag below) and `schemaVersion`. Lists never scan: each audience has its
 * own index partition, newest first by `{createdAt}#{id}`; index items carry only a summary.
 *
 * Idempotency records of writes with an `Idempotency-Key` are Powertools' own layout in the same table:
 * pk `IDEMPOTENCY`, sk `http#{hash}`, removed by TTL after a day (`functions/lib/idempotency.ts`).
 */

export const SCHEMA_VERSION = 1;

export const table = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  /** The table's stream carries new images: the notification outbox is read from it. */
  stream: 'NEW_IMAGE',
  /** Index items carry only the list summary (a map), never the form data. */
  indexProjection: ['summary'],
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
    { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
  ],
} as const;

export type IndexName = (typeof table.indexes)[number]['name'];

export interface Key {
  pk: string;
  sk: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const sub = (id: string) => `SUB#${id}`;

/**
 * Every item type: its `entity` tag, the shape of its keys (for the docs) and its key builder. Items of one
 * submission share its partition (`SUB#{id}`), so erasing a submission is one query and deletes by key.
 * What each holds is described beside the generated docs (`tests/helpers/table-doc.ts`), not bundled.
 */
export const entities = {
  submission: {
    tag: 'submission',
    pk: 'SUB#{id}',
    sk: 'META',
    key: (id: string): Key => ({ pk: sub(id), sk: 'META' }),
  },
  revision: {
    tag: 'revision',
    pk: 'SUB#{id}',
    sk: 'REV#{n:6}',
    key: (id: string, n: number): Key => ({ pk: sub(id), sk: `REV#${pad(n, 6)}` }),
  },
  event: {
    tag: 'event',
    pk: 'SUB#{id}',
    sk: 'EVT#{version:8}',
    key: (id: string, version: number): Key => ({ pk: sub(id), sk: `EVT#${pad(version, 8)}` }),
  },
  member: {
    tag: 'member-index',
    pk: 'SUB#{id}',
    sk: 'MEMBER#{scope}',
    key: (id: string, scope: string): Key => ({ pk: sub(id), sk: `MEMBER#${scope}` }),
  },
  access: {
    tag: 'access',
    pk: 'SUB#{id}',
    sk: 'ACC#{at}#{entryId}',
    key: (id: string, at: string, entryId: string): Key => ({ pk: sub(id), sk: `ACC#${at}#${entryId}` }),
  },
  attachment: {
    tag: 'attachment',
    pk: 'SUB#{id}',
    sk: 'ATT#{attachmentId}',
    key: (id: string, attachmentId: string): Key => ({ pk: sub(id), sk: `ATT#${attachmentId}` }),
  },
  /** An issued document of the case file (receipt, decision letter, ...): pending, then ready with its hash. */
  document: {
    tag: 'document',
    pk: 'SUB#{id}',
    sk: 'DOC#{documentId}',
    key: (id: string, documentId: string): Key => ({ pk: sub(id), sk: `DOC#${documentId}` }),
  },
  tombstone: {
    tag: 'tombstone',
    pk: 'SUB#{id}',
    sk: 'TOMBSTONE',
    key: (id: string): Key => ({ pk: sub(id), sk: 'TOMBSTONE' }),
  },
  formVersion: {
    tag: 'form-version',
    pk: 'FORM#{formId}',
    sk: 'V#{version:6}',
    key: (formId: string, version: number): Key => ({ pk: `FORM#${formId}`, sk: `V#${pad(version, 6)}` }),
  },
  form: {
    tag: 'form',
    pk: 'FORMS',
    sk: '{formId}',
    key: (formId: string): Key => ({ pk: 'FORMS', sk: formId }),
  },
  organisation: {
    tag: 'organisation',
    pk: 'ORG',
    sk: '{orgId}',
    key: (orgId: string): Key => ({ pk: 'ORG', sk: orgId }),
  },
  user: {
    tag: 'user',
    pk: 'USER',
    sk: '{sub}',
    key: (userSub: string): Key => ({ pk: 'USER', sk: userSub }),
  },
  /** One change of a user (invitation, role, organisation, (de)activation): who, when, before and after. */
  userAudit: {
    tag: 'user-audit',
    pk: 'USERAUDIT#{sub}',
    sk: '{at}#{entryId}',
    key: (userSub: string, at: string, entryId: string): Key => ({
      pk: `USERAUDIT#${userSub}`,
      sk: `${at}#${entryId}`,
    }),
  },
  allocation: {
    tag: 'allocation',
    pk: 'ALLOC#{round}',
    sk: '{org}',
    key: (round: string, org: string): Key => ({ pk: `ALLOC#${round}`, sk: org }),
  },
  schemaVersion: {
    tag: 'schema-version',
    pk: 'SCHEMA',
    sk: 'VERSION',
    key: (): Key => ({ pk: 'SCHEMA', sk: 'VERSION' }),
  },
  round: {
    tag: 'round',
    pk: 'ROUNDS',
    sk: '{roundId}#V#{version:6}',
    key: (roundId: string, version: number): Key => ({ pk: 'ROUNDS', sk: `${roundId}#V#${pad(version, 6)}` }),
  },
  roundExtension: {
    tag: 'round-extension',
    pk: 'ROUNDEXT#{roundId}',
    sk: '{org}',
    key: (roundId: string, org: string): Key => ({ pk: `ROUNDEXT#${roundId}`, sk: org }),
  },
  figures: {
    tag: 'figures',
    pk: 'FIGURES#{org}',
    sk: '{planId}',
    key: (org: string, planId: string): Key => ({ pk: `FIGURES#${org}`, sk: planId }),
  },
  /**
   * An organisation's key-figure counters (`core/figures-aggregate`), changed with every figures record in the
   * same transaction; one item per organisation, so a state-wide year reads one item per organisation.
   */
  figuresAggregate: {
    tag: 'figures-aggregate',
    pk: 'FIGAGG#{org}',
    sk: 'COUNTS',
    key: (org: string): Key => ({ pk: `FIGAGG#${org}`, sk: 'COUNTS' }),
  },
  /** A coordinator's confirmed yearly key figures (counts only, as the state sees them), one per organisation. */
  keyFigureReport: {
    tag: 'key-figure-report',
    pk: 'KFREPORT#{year}',
    sk: '{org}',
    key: (year: number, org: string): Key => ({ pk: `KFREPORT#${year}`, sk: org }),
  },
  outbox: {
    tag: 'outbox',
    pk: 'OUTBOX#{eventId}',
    sk: 'EVENT',
    key: (eventId: string): Key => ({ pk: `OUTBOX#${eventId}`, sk: 'EVENT' }),
  },
  mailClaim: {
    tag: 'mail-claim',
    pk: 'OUTBOX#{eventId}',
    sk: 'MAIL#{sub}',
    key: (eventId: string, userSub: string): Key => ({ pk: `OUTBOX#${eventId}`, sk: `MAIL#${userSub}` }),
  },
  notification: {
    tag: 'notification',
    pk: 'NOTIF#{sub}',
    sk: 'N#{at}#{eventId}',
    key: (userSub: string, at: string, eventId: string): Key => ({
      pk: `NOTIF#${userSub}`,
      sk: `N#${at}#${eventId}`,
    }),
  },
  preferences: {
    tag: 'preferences',
    pk: 'PREFS#{sub}',
    sk: 'PREFS',
    key: (userSub: string): Key => ({ pk: `PREFS#${userSub}`, sk: 'PREFS' }),
  },
  /** A change of a user's e-mail address waiting for the code mailed to the new address; expires by TTL. */
  emailChange: {
    tag: 'email-change',
    pk: 'PREFS#{sub}',
    sk: 'EMAIL-CHANGE',
    key: (userSub: string): Key => ({ pk: `PREFS#${userSub}`, sk: 'EMAIL-CHANGE' }),
  },
  reminder: {
    tag: 'reminder',
    pk: 'REMINDER#{key}',
    sk: 'GIVEN',
    key: (reminderKey: string): Key => ({ pk: `REMINDER#${reminderKey}`, sk: 'GIVEN' }),
  },
  addressProblem: {
    tag: 'address-problem',
    pk: 'ADDRESS#{sha256}',
    sk: 'PROBLEM',
    key: (addressHash: string): Key => ({ pk: `ADDRESS#${addressHash}`, sk: 'PROBLEM' }),
  },
  /** The reviewer's work queue: a summary per facet (`all`, `status=review`, ...) of a review scope. */
  queueItem: {
    tag: 'queue-item',
    pk: 'QUEUE#{scope}#{facet}',
    sk: '{submittedAt}#{id}',
    key: (scope: string, facet: string, sortKey: string): Key => ({
      pk: `QUEUE#${scope}#${facet}`,
      sk: sortKey,
    }),
  },
  /** The work queue's search items: one per folded search term (name, municipality key, file number). */
  queueSearch: {
    tag: 'queue-search',
    pk: 'QSEARCH#{scope}',
    sk: '{term}#{submittedAt}#{id}',
    key: (scope: string, term: string, sortKey: string): Key => ({
      pk: `QSEARCH#${scope}`,
      sk: `${term}#${sortKey}`,
    }),
  },
  /** The last file number issued per granting authority and round (moved in the first submit's transaction). */
  fileNumberCounter: {
    tag: 'file-number-counter',
    pk: 'FILENO#{authority}#{round}',
    sk: 'COUNTER',
    key: (authority: string, round: string): Key => ({ pk: `FILENO#${authority}#${round}`, sk: 'COUNTER' }),
  },
  /** Running count of a review scope's submissions in one status. */
  queueCounter: {
    tag: 'queue-counter',
    pk: 'QCOUNT#{scope}',
    sk: '{status}',
    key: (scope: string, status: string): Key => ({ pk: `QCOUNT#${scope}`, sk: status }),
  },
  /** Where a submission is listed in the work queue (its facets and terms), to remove them on the next change. */
  queueState: {
    tag: 'queue-state',
    pk: 'SUB#{id}',
    sk: 'QUEUE',
    key: (id: string): Key => ({ pk: sub(id), sk: 'QUEUE' }),
  },
} as const;

export type EntityName = keyof typeof entities;

/** The bookkeeping every item of `entity` carries besides its own fields. */
export const itemHeader = (entity: EntityName, key: Key) => ({
  ...key,
  entity: entities[entity].tag,
  schemaVersion: SCHEMA_VERSION,
});

/**
 * The named access patterns. An index pattern names its index and what its partition and sort keys hold;
 * `indexKeys` writes them onto an item, `indexOf` gives the attribute names to query. A partition pattern
 * reads one partition, optionally from a sort-key prefix.
 */
export const accessPatterns = {
  /** Submissions of an organisation (its own or, for joint applications, as member), by kind. */
  submissionsByOrg: { index: 'gsi1', partition: 'O#{org}#{kind}', sort: '{createdAt}#{id}' },
  submissionsByOrgAndStatus: {
    index: 'gsi2',
    partition: 'O#{org}#{kind}#{status}',
    sort: '{createdAt}#{id}',
  },
  /** The second audience: a manager's caseload `U#{sub}` or the state's review inbox `R#{role}`. */
  submissionsBySecondScope: { index: 'gsi3', partition: 'U#{sub} | R#{role}', sort: '{createdAt}#{id}' },
  submissionsBySecondScopeAndStatus: {
    index: 'gsi4',
    partition: 'U#{sub}#{status} | R#{role}#{status}',
    sort: '{createdAt}#{id}',
  },
  /** Submissions due for erasure, by due date (the erasure job's query). */
  dueForErasure: { index: 'gsi5', partition: 'ERASE', sort: '{erasureDueAt}#{id}' },
  /** An organisation's users (a user item's index keys). */
  usersByOrg: { index: 'gsi1', partition: 'ORGUSERS#{org}', sort: '{sub}' },
  /** Outbox items still to deliver, by when their next attempt is due (the sweeper's query). */
  outboxPending: { index: 'gsi5', partition: 'OUTBOX', sort: '{retryAt}#{eventId}' },
  /** Outbox items that gave up (counted for the admins). */
  outboxFailed: { index: 'gsi4', partition: 'OUTBOX#failed', sort: '{retryAt}#{eventId}' },
  /** The users who chose the daily digest (a preferences item's index keys). */
  digestUsers: { index: 'gsi1', partition: 'DIGEST', sort: '{sub}' },
} as const satisfies Record<string, { index: IndexName; partition: string; sort: string }>;

export type IndexPattern = keyof typeof accessPatterns;

/** The partition and sort key attributes of a pattern's index. */
export function indexOf(pattern: IndexPattern) {
  const name = accessPatterns[pattern].index;
  const index = table.indexes.find((i) => i.name === name);
  if (!index) throw new Error(`unknown index ${name}`);
  return index;
}

/** The index key attributes that put an item into `pattern` at `partition`, sorted by `sort`. */
export function indexKeys(pattern: IndexPattern, partition: string, sort: string): Record<string, string> {
  const index = indexOf(pattern);
  return { [index.partitionKey]: partition, [index.sortKey]: sort };
}

/** The erasure index's one partition. */
export const ERASURE_PARTITION = 'ERASE';
export const usersOfOrg = (org: string) => `ORGUSERS#${org}`;
/** The outbox indexes' partitions and the digest users' partition. */
export const OUTBOX_PENDING_PARTITION = 'OUTBOX';
export const OUTBOX_FAILED_PARTITION = 'OUTBOX#failed';
export const DIGEST_PARTITION = 'DIGEST';
export const outboxSortKey = (retryAt: string, eventId: string) => `${retryAt}#${eventId}`;
/** The erasure index's sort key, and back. */
export const erasureSortKey = (erasureDueAt: string, id: string) => `${erasureDueAt}#${id}`;
export const fromErasureSortKey = (sortKey: string) => {
  const [erasureDueAt = '', id = ''] = sortKey.split('#');
  return { erasureDueAt, id };
};

/** Which pattern a list reads: by audience (the owner organisation or the second scope) and with or without status. */
export const listPatterns = {
  org: { all: 'submissionsByOrg', byStatus: 'submissionsByOrgAndStatus' },
  second: { all: 'submissionsBySecondScope', byStatus: 'submissionsBySecondScopeAndStatus' },
} as const satisfies Record<string, Record<'all' | 'byStatus', IndexPattern>>;

/** Partition reads: every item of a partition whose sort key starts with `prefix`. */
export const partitionPatterns = {
  historyOfSubmission: { pk: sub, prefix: 'EVT#' },
  accessLogOfSubmission: { pk: sub, prefix: 'ACC#' },
  attachmentsOfSubmission: { pk: sub, prefix: 'ATT#' },
  documentsOfSubmission: { pk: sub, prefix: 'DOC#' },
  itemsOfSubmission: { pk: sub, prefix: '' },
  organisations: { pk: () => 'ORG', prefix: '' },
  formCatalogue: { pk: () => 'FORMS', prefix: '' },
  framesOfRound: { pk: (round: string) => `ALLOC#${round}`, prefix: '' },
  figuresOfOrg: { pk: (org: string) => `FIGURES#${org}`, prefix: '' },
  keyFigureReportsOfYear: { pk: (year: string) => `KFREPORT#${year}`, prefix: '' },
  notificationsOfUser: { pk: (userSub: string) => `NOTIF#${userSub}`, prefix: 'N#' },
  queueCounters: { pk: (scope: string) => `QCOUNT#${scope}`, prefix: '' },
  roundVersions: { pk: () => 'ROUNDS', prefix: '' },
  allUsers: { pk: () => 'USER', prefix: '' },
  auditOfUser: { pk: (userSub: string) => `USERAUDIT#${userSub}`, prefix: '' },
} as const;

/** The key condition of a partition read, ready for a QueryCommand. */
export function partitionQuery(pattern: keyof typeof partitionPatterns, value: string) {
  const { pk, prefix } = partitionPatterns[pattern];
  return prefix
    ? {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk(value), ':prefix': prefix },
      }
    : { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk(value) } };
}

/** Whether a table key belongs to a submission's partition (list cursors must). */
export const isSubmissionPartition = (pk: unknown) => typeof pk === 'string' && pk.startsWith('SUB#');
