import type { RepoForm, RepoFormContentLoader, ValidatorModule } from '#forms/types';
import type { AccessLogStore } from '#ports/access-log';
import type { AllocationStore } from '#ports/allocation-store';
import type { AttachmentStore } from '#ports/attachment-store';
import type { CaseFileStore } from '#ports/case-file-store';
import type { Directory } from '#ports/directory';
import type { DocumentRenderer } from '#ports/document-renderer';
import type { ErasureStore } from '#ports/erasure-store';
import type { FiguresStore } from '#ports/figures-store';
import type { FormStore } from '#ports/form-store';
import type { KeyFigureReportStore } from '#ports/key-figure-report-store';
import type { Mailer } from '#ports/mailer';
import type { MalwareScanner } from '#ports/malware-scanner';
import type { NotificationStore } from '#ports/notification-store';
import type { ObjectStorage } from '#ports/object-storage';
import type { RoundStore } from '#ports/round-store';
import type { SubmissionStore } from '#ports/submission-store';
import type { UserDirectory } from '#ports/user-directory';
import type { UserRecords } from '#ports/user-records';
import { AccessRecorder } from '#services/access-recorder';
import { AllocationImportService } from '#services/allocation-import';
import { AllocationService, type ElectoralDistrictFigure } from '#services/allocation-service';
import { AttachmentService, RevisionAttachments } from '#services/attachment-service';
import { DocumentIssuingStore } from '#services/case-file';
import { CaseFileService } from '#services/case-file-service';
import { CasePolicy } from '#services/case-policy';
import { DecisionService } from '#services/decision-service';
import { DirectoryService } from '#services/directory-service';
import { DocumentService } from '#services/document-service';
import { ErasureService } from '#services/erasure-service';
import { FollowUpService } from '#services/follow-up-service';
import { FormCatalog, type ValidatorLoader } from '#services/form-catalog';
import { FundingPolicy } from '#services/funding-policy';
import { JointService } from '#services/joint-service';
import { KeyFigureReportService } from '#services/key-figure-report-service';
import { type MailSettings, NotificationService } from '#services/notification-service';
import { OutboxSubmissionStore } from '#services/outbox';
import { PrivacyService } from '#services/privacy-service';
import { ReminderService } from '#services/reminder-service';
import { ReportService } from '#services/report-service';
import { RetentionGuardStore } from '#services/retention-guard';
import { RoundService } from '#services/round-service';
import { SubmissionService } from '#services/submission-service';
import { UserAdminService } from '#services/user-admin-service';

/**
 * The one composition root: which use case gets which ports. The adapters are chosen elsewhere — DynamoDB
 * and S3 in the functions (`aws-adapters.ts`, `aws-files.ts`), the in-memory ones in the service tests
 * (`tests/helpers/memory.ts`) — and handed in here; nothing below knows which they are.
 *
 * Each use case has its own builder so that a function bundles only the services it calls (esbuild drops
 * the builders, and with them the services, that a handler group does not import). `buildServices` gives
 * all of them at once, each built on first use, for the tests and the local tools. Builders share what
 * must be one per set of adapters (the retention-guarded store, the access recorder, the form catalogue).
 */

/** The table: one port per kind of item. */
export interface TableAdapters {
  /** The submission store itself; use cases read it through the retention guard (`guardedSubmissions`). */
  submissions: SubmissionStore;
  accessLog: AccessLogStore;
  directory: Directory;
  allocations: AllocationStore;
  attachments: AttachmentStore;
  /** The case file's documents and the file-number counters (written with the submission's changes). */
  caseFiles: CaseFileStore;
  figures: FiguresStore;
  /** The coordinators' confirmed yearly key-figure reports. */
  keyFigureReports: KeyFigureReportStore;
  erasure: ErasureStore;
  /** Notifications, the outbox and notification preferences. */
  notifications: NotificationStore;
  forms: FormStore;
  /** The registry of funding rounds (versions, drafts and published). */
  rounds: RoundStore;
  /** The repository's forms, their precompiled validators (loaded on first use) and the loader of published ones. */
  repoForms: readonly RepoForm[];
  /** Reads a repository form's schemas, UI schema and texts (not bundled: a file beside the bundle). */
  repoFormContent: RepoFormContentLoader;
  repoValidators: Record<string, () => Promise<ValidatorModule>>;
  loadValidator: ValidatorLoader;
  now: () => Date;
  newId: () => string;
}

/** The files: object storage with its quarantine area and the malware scanner. */
export interface FileAdapters {
  objects: ObjectStorage;
  scanner: MalwareScanner;
}

/** Mail: the sender and the settings of the notification mails. */
export interface MailAdapters {
  mailer: Mailer;
  mail: MailSettings;
}

export type Adapters = TableAdapters & FileAdapters;

const shared = new WeakMap<object, Map<string, unknown>>();
/** One instance of `name` per `owner` (a set of adapters, or the one adapter the instance wraps). */
function once<T>(owner: object, name: string, build: () => T): T {
  let cache = shared.get(owner);
  if (!cache) {
    cache = new Map();
    shared.set(owner, cache);
  }
  if (!cache.has(name)) cache.set(name, build());
  return cache.get(name) as T;
}

/**
 * Every use case reads through the retention guard: what is due for erasure is gone before the job runs.
 * And every change writes the notification event it reports in its own transaction (the outbox).
 */
export const guardedSubmissions = (
  a: Pick<TableAdapters, 'submissions' | 'now'> & Partial<Pick<TableAdapters, 'newId'>>,
): SubmissionStore =>
  once(a, 'guarded', () => {
    // And every change writes the documents it issues in its transaction (read-only adapter sets write none).
    const issuing = a.newId ? new DocumentIssuingStore(a.submissions, a.newId) : a.submissions;
    return new RetentionGuardStore(new OutboxSubmissionStore(issuing), a.now);
  });

export const accessRecorder = (a: TableAdapters): AccessRecorder =>
  once(a, 'recorder', () => new AccessRecorder(a.accessLog, a.now, a.newId));

/** What the form catalogue reads. */
export type FormAdapters = Pick<
  TableAdapters,
  'forms' | 'repoForms' | 'repoFormContent' | 'repoValidators' | 'loadValidator'
>;

/**
 * All form versions (the repository's and those published at run time): one per form store, so that every
 * handler group of a process (locally: all of them) sees a version as soon as one of them published it.
 */
export const formCatalog = (a: FormAdapters): FormCatalog =>
  once(
    a.forms,
    'catalog',
    () => new FormCatalog(a.repoForms, a.repoValidators, a.forms, a.loadValidator, a.repoFormContent),
  );

export const submissionService = (a: TableAdapters): SubmissionService =>
  once(
    a,
    'submission',
    () =>
      new SubmissionService({
        submissions: guardedSubmissions(a),
        forms: formCatalog(a),
        directory: a.directory,
        now: a.now,
        newId: a.newId,
        policies: {
          funding: new FundingPolicy(a.allocations, roundService(a), followUpService(a)),
          case: new CasePolicy(),
        },
        attachments: new RevisionAttachments(a.attachments),
        access: accessRecorder(a),
        caseFiles: a.caseFiles,
        followUp: followUpService(a),
      }),
  );

/** The decision around the transition: the pro-rata proposal, and the steps to finality (incl. retrieval). */
export const decisionService = (a: TableAdapters): DecisionService =>
  once(
    a,
    'decision',
    () =>
      new DecisionService({
        submissions: guardedSubmissions(a),
        forms: formCatalog(a),
        now: a.now,
        rounds: roundService(a),
      }),
  );

/** Follow-up records of funding applications: payment requests, change notices, proofs of use. */
export const followUpService = (a: TableAdapters): FollowUpService =>
  once(
    a,
    'followUp',
    () =>
      new FollowUpService({
        submissions: guardedSubmissions(a),
        forms: formCatalog(a),
        rounds: roundService(a),
        allocations: a.allocations,
        caseFiles: a.caseFiles,
        now: a.now,
      }),
  );

export const jointService = (a: TableAdapters): JointService =>
  once(
    a,
    'joint',
    () => new JointService({ submissions: guardedSubmissions(a), forms: formCatalog(a), now: a.now }),
  );

export const attachmentService = (a: Adapters): AttachmentService =>
  once(
    a,
    'attachment',
    () =>
      new AttachmentService({
        submissions: guardedSubmissions(a),
        forms: formCatalog(a),
        attachments: a.attachments,
        objects: a.objects,
        scanner: a.scanner,
        now: a.now,
        newId: a.newId,
        access: accessRecorder(a),
      }),
  );

export const privacyService = (a: TableAdapters & Pick<FileAdapters, 'objects'>): PrivacyService =>
  once(
    a,
    'privacy',
    () =>
      new PrivacyService({
        submissions: guardedSubmissions(a),
        forms: formCatalog(a),
        attachments: a.attachments,
        accessLog: a.accessLog,
        recorder: accessRecorder(a),
        objects: a.objects,
        now: a.now,
      }),
  );

/** Documents made from a case (the plan for the person, the subject-access export), rendered as PDF. */
export const documentService = (a: TableAdapters & { renderer: DocumentRenderer }): DocumentService =>
  once(
    a,
    'documents',
    () =>
      new DocumentService({
        submissions: guardedSubmissions(a),
        forms: formCatalog(a),
        recorder: accessRecorder(a),
        accessLog: a.accessLog,
        renderer: a.renderer,
        now: a.now,
      }),
  );

/**
 * The case file ("Förderakte"): the documents a change issued, listed, downloaded and rendered after the
 * commit (from the table's stream) into object storage.
 */
export const caseFileService = (
  a: TableAdapters & Pick<FileAdapters, 'objects'> & { renderer: DocumentRenderer },
): CaseFileService =>
  once(
    a,
    'caseFile',
    () =>
      new CaseFileService({
        submissions: guardedSubmissions(a),
        caseFiles: a.caseFiles,
        forms: formCatalog(a),
        directory: a.directory,
        rounds: roundService(a),
        objects: a.objects,
        renderer: a.renderer,
        recorder: accessRecorder(a),
        now: a.now,
        // Notification by retrieval (§ 41 (2a) LVwVfG): the applicant's download of a decision counts.
        onRetrieved: (submission, _document, actor, at) =>
          decisionService(a).recordRetrieval(submission.id, actor, at),
      }),
  );

/** The erasure job: the only use case that reads the store underneath the retention guard. */
export const erasureService = (a: TableAdapters & Pick<FileAdapters, 'objects'>): ErasureService =>
  once(
    a,
    'erasure',
    () =>
      new ErasureService({
        submissions: a.submissions,
        erasure: a.erasure,
        attachments: a.attachments,
        accessLog: a.accessLog,
        objects: a.objects,
        caseFiles: a.caseFiles,
        now: a.now,
      }),
  );

export const directoryService = (a: Pick<TableAdapters, 'directory'>): DirectoryService =>
  once(a, 'directory', () => new DirectoryService(a.directory));

/** A round's electoral-district figures, from the forms' round data. */
const electoralDistricts = (repoForms: readonly RepoForm[]) => (round: string) =>
  repoForms.flatMap(
    (f) =>
      (f.rounds?.[round] as { electoralDistricts?: ElectoralDistrictFigure[] } | undefined)
        ?.electoralDistricts ?? [],
  );

export const allocationService = (
  a: Pick<TableAdapters, 'allocations' | 'repoForms' | 'rounds' | 'now' | 'directory'>,
): AllocationService =>
  once(
    a,
    'allocation',
    () =>
      new AllocationService(a.allocations, a.repoForms, electoralDistricts(a.repoForms), async () =>
        (await roundService(a).list({ sub: '', name: '', roles: [], org: '' })).items.map((r) => r.id),
      ),
  );

export const reportService = (
  a: Pick<TableAdapters, 'figures' | 'submissions' | 'directory' | 'now'>,
): ReportService =>
  once(a, 'report', () => new ReportService(a.figures, guardedSubmissions(a), a.directory, a.now));

export const keyFigureReportService = (
  a: Pick<TableAdapters, 'keyFigureReports' | 'figures' | 'directory' | 'now'>,
): KeyFigureReportService =>
  once(
    a,
    'keyFigureReports',
    () => new KeyFigureReportService(a.keyFigureReports, a.figures, a.directory, a.now),
  );

/** What the notification use cases and the outbox delivery need. */
export type NotificationAdapters = Pick<TableAdapters, 'notifications' | 'directory' | 'now'> &
  MailAdapters & {
    /** Where people sign in, where it is not the profile itself (the Cognito user pool in AWS). */
    identities?: Pick<UserDirectory, 'setEmail'>;
  };

/** The callers' notifications and preferences, and the delivery of outbox events (stream, sweeper, digests). */
export const notificationService = (a: NotificationAdapters): NotificationService =>
  once(
    a,
    'notifications',
    () =>
      new NotificationService({
        store: a.notifications,
        directory: a.directory,
        mailer: a.mailer,
        mail: a.mail,
        now: a.now,
        ...(a.identities ? { identities: a.identities } : {}),
      }),
  );

/** The deadline reminders: reads only, through the retention guard (nothing due for erasure is reminded of). */
export const reminderService = (
  a: Pick<TableAdapters, 'submissions' | 'notifications' | 'directory' | 'now'> &
    Partial<Pick<TableAdapters, 'keyFigureReports'>>,
): ReminderService =>
  once(
    a,
    'reminders',
    () =>
      new ReminderService({
        submissions: guardedSubmissions(a),
        directory: a.directory,
        store: a.notifications,
        ...(a.keyFigureReports ? { keyFigureReports: a.keyFigureReports } : {}),
        now: a.now,
      }),
  );
/** Funding rounds as records: drafts, published versions, application windows. */
export const roundService = (a: Pick<TableAdapters, 'rounds' | 'now' | 'directory'>): RoundService =>
  once(a, 'rounds', () => new RoundService(a.rounds, a.now, a.directory));

/** Planning frames by upload (admin): preview and all-or-nothing import. */
export const allocationImportService = (
  a: Pick<TableAdapters, 'allocations' | 'directory' | 'rounds' | 'now'>,
): AllocationImportService =>
  once(a, 'allocationImport', () => new AllocationImportService(a.allocations, a.directory, roundService(a)));

/** Every use case over one set of adapters, each built on first use. */
export function buildServices(a: Adapters & MailAdapters) {
  return {
    get forms() {
      return formCatalog(a);
    },
    get submissions() {
      return submissionService(a);
    },
    get followUp() {
      return followUpService(a);
    },
    get joint() {
      return jointService(a);
    },
    get keyFigureReports() {
      return keyFigureReportService(a);
    },
    get attachments() {
      return attachmentService(a);
    },
    get decisions() {
      return decisionService(a);
    },
    get privacy() {
      return privacyService(a);
    },
    get erasure() {
      return erasureService(a);
    },
    get directory() {
      return directoryService(a);
    },
    get allocations() {
      return allocationService(a);
    },
    get reports() {
      return reportService(a);
    },
    get notifications() {
      return notificationService(a);
    },
    get reminders() {
      return reminderService(a);
    },
    get rounds() {
      return roundService(a);
    },
    get allocationImport() {
      return allocationImportService(a);
    },
  };
}

export type Services = ReturnType<typeof buildServices>;

/** The user administration's adapters: the profiles with their audit, and where people sign in. */
export type UserAdapters = Pick<TableAdapters, 'directory' | 'now' | 'newId'> & {
  userRecords: UserRecords;
  identities: UserDirectory;
};

/** Inviting and changing users (Cognito in AWS, the local sign-in locally), every change recorded. */
export const userAdminService = (a: UserAdapters): UserAdminService =>
  once(
    a,
    'userAdmin',
    () =>
      new UserAdminService({
        records: a.userRecords,
        identities: a.identities,
        directory: a.directory,
        now: a.now,
        newId: a.newId,
      }),
  );
