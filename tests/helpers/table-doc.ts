/**
 * The entity and access-pattern tables of `docs/architecture.md`, generated from the registry
 * (`functions/table.ts`). `npx tsx tests/helpers/table-doc.ts` prints them; `tests/unit/table.test.ts`
 * checks the document contains them as they are.
 */
import { accessPatterns, type EntityName, entities } from '../../functions/table.ts';

/** What each entity holds (a new entity without a line here does not type-check). */
const about: Record<EntityName, string> = {
  submission: 'the working copy of an application or plan, with its list summary and index keys',
  revision: 'a frozen snapshot, written with the submit that made it',
  event: 'one history event per version',
  member: "a joint application's index item in a member organisation's lists (summary only)",
  access: 'one read of a plan (access log), put once and never changed',
  attachment: "an attachment's metadata and state (the file is in object storage)",
  document:
    'an issued document of the case file (receipt, decision letter): kind, title, date, state, object key, SHA-256 once rendered',
  tombstone: 'what remains of an erased submission: ids, dates and counts, no personal data',
  formVersion: 'a form version published at run time, with its validator code',
  form: "a published form's catalogue entry with its latest version number",
  organisation:
    'a municipality, provider or the state authority, with its address and bank account where stored',
  user: "a user's profile (name, role, organisation); also listed by organisation",
  userAudit:
    'one change of a user (invitation, role, organisation, deactivation): who, when, before and after',
  allocation:
    "an organisation's planning frame (Planungsrahmen) in a round, with its approved and in-review sums",
  schemaVersion: 'the version of the stored data, advanced by each data migration once it has run',
  round: 'one version of a funding round (draft or published; a published version never changes)',
  roundExtension:
    "a reviewer's extension of a round's application window for one organisation, with who and why",
  figures: "a plan's anonymous key-figures record, rewritten with each agreement and kept after erasure",
  figuresAggregate:
    "an organisation's key-figure counters (by year, area and status), changed in the transaction of each figures record",
  keyFigureReport:
    "a coordinator's confirmed yearly key figures of the organisation (counts only, small groups suppressed), who and when",
  outbox:
    'the notification event a change reports, written in its transaction, with its delivery state (no personal data)',
  mailClaim: 'the claim of the mail of one event to one user, so that it is sent once',
  notification: "one entry of a user's notification list, read or unread; expires after a while",
  emailChange:
    "a new e-mail address waiting for the code mailed to it (only the code's hash, the tries); gone by TTL",
  preferences:
    "a user's notification preferences (language; mails at once, as a daily digest or none); in the digest index while chosen",
  reminder: 'a deadline reminder given (record, deadline date, stage), so that it is given once',
  addressProblem: 'a bounced or complained-about mail address, by its SHA-256 only',
  queueItem:
    "the reviewer's work queue: a submission's summary in one facet partition (all, status, district, ...)",
  queueSearch:
    "the work queue's search item: a summary under one folded search term (name, municipality key, file number)",
  fileNumberCounter:
    "the last file number (Aktenzeichen) issued for an authority and round, moved in the first submit's transaction",
  queueCounter:
    "a running count of a review scope's submissions in one status, changed in the same transaction",
  queueState:
    'where a submission is listed in the work queue (facets, terms, profile), read before its next change',
};

/** The entity table of `docs/architecture.md`, from the registry. */
export function entityTable(): string {
  const rows = (Object.keys(entities) as EntityName[]).map((name) => {
    const e = entities[name];
    return `| \`${e.tag}\` | \`${e.pk}\` | \`${e.sk}\` | ${about[name]} |`;
  });
  return ['| entity | pk | sk | what |', '|---|---|---|---|', ...rows].join('\n');
}

/** The access-pattern table of `docs/architecture.md`, from the registry. */
export function patternTable(): string {
  const rows = Object.entries(accessPatterns).map(
    ([name, p]) => `| \`${name}\` | ${p.index} | \`${p.partition.replace(/\|/g, 'or')}\` | \`${p.sort}\` |`,
  );
  return ['| access pattern | index | partition key | sort key |', '|---|---|---|---|', ...rows].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(`${entityTable()}\n\n${patternTable()}`);
