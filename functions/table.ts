/**
 * The one table definition: keys and global secondary indexes, declared once as data.
 * Read by the DynamoDB adapter, the local bootstrap (create table) and the CDK stateful stack.
 *
 * Item layout (single table, every item carries `entity` and `schemaVersion`):
 * - submission        pk `SUB#{id}`      sk `META`
 * - revision          pk `SUB#{id}`      sk `REV#{n:6}`
 * - history event     pk `SUB#{id}`      sk `EVT#{version:8}`
 * - form version      pk `FORM#{formId}` sk `V#{version:6}`; catalogue entry pk `FORMS` sk `{formId}`
 * - organisation      pk `ORG`           sk `{orgId}`
 * - user profile      pk `USER`          sk `{sub}`  (gsi1: `ORGUSERS#{org}`)
 *
 * Lists never scan: each audience has its own index partition, newest first by `{createdAt}#{id}`.
 * - gsi1: the owner organisation's scope, `O#{org}#{kind}`
 * - gsi2: the same scope by status, `O#{org}#{kind}#{status}`
 * - gsi3: a second scope: the assigned manager `U#{sub}` (case forms) or the cross-organisation
 *         review scope `R#{role}` (set once a submission was first submitted)
 * - gsi4: the second scope by status
 * - gsi5: submissions due for erasure, `ERASE` sorted by `{erasureDueAt}#{id}` (the erasure job's query)
 *
 * Notifications (outbox items, notifications, mail claims, preferences): `adapters/dynamodb/notification-keys.ts`.
 *
 * Also in the submission's partition: access log entries (sk `ACC#{at}#{id}`), attachments (sk `ATT#{id}`)
 * and, after erasure, only the tombstone (sk `TOMBSTONE`).
 */
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
