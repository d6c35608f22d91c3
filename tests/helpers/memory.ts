/**
 * The composition root on the in-memory adapters, for the service tests: no Java, no server, no S3. The
 * same `buildServices` the functions use, with a clock the test moves and ids in order.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { forms as repoForms } from '../../forms/generated/catalog.js';
import { validatorFiles } from '../../forms/generated/validators.js';
import { type RepoFormContent, repoFormFile, type ValidatorModule } from '../../forms/types.ts';
import { EicarScanner } from '../../functions/adapters/local/eicar-scanner.ts';
import { MemoryAccessLogStore } from '../../functions/adapters/memory/access-log.ts';
import { MemoryAllocationStore } from '../../functions/adapters/memory/allocation-store.ts';
import { MemoryAttachmentStore } from '../../functions/adapters/memory/attachment-store.ts';
import { MemoryCaseFileStore } from '../../functions/adapters/memory/case-file-store.ts';
import { MemoryDirectory } from '../../functions/adapters/memory/directory.ts';
import { MemoryErasureStore } from '../../functions/adapters/memory/erasure-store.ts';
import { MemoryFiguresStore } from '../../functions/adapters/memory/figures-store.ts';
import { MemoryFormStore } from '../../functions/adapters/memory/form-store.ts';
import { MemoryKeyFigureReportStore } from '../../functions/adapters/memory/key-figure-report-store.ts';
import { MemoryMailer } from '../../functions/adapters/memory/mailer.ts';
import { MemoryNotificationStore } from '../../functions/adapters/memory/notification-store.ts';
import { MemoryObjectStorage } from '../../functions/adapters/memory/object-storage.ts';
import { MemoryRoundStore } from '../../functions/adapters/memory/round-store.ts';
import { MemorySubmissionStore } from '../../functions/adapters/memory/submission-store.ts';
import type { Actor, Submission, UserProfile } from '../../functions/core/model.ts';
import { type Adapters, buildServices, type MailAdapters } from '../../functions/lib/services.ts';
import { actorOf, demoUserProfiles } from '../../functions/local/demo-users.ts';
import { seedDemo } from '../../functions/local/seed.ts';
import { attachSignedApplication } from '../../functions/local/signed-application.ts';

const GENERATED = resolve(import.meta.dirname, '../../forms/generated');

/** A repository form's schemas, UI schema and texts, read from its generated file as the functions read it. */
export const repoFormContent = async (formId: string): Promise<RepoFormContent> =>
  JSON.parse(await readFile(join(GENERATED, repoFormFile(formId)), 'utf8')) as RepoFormContent;

export interface MemoryWorld {
  adapters: Adapters &
    MailAdapters & {
      submissions: MemorySubmissionStore;
      notifications: MemoryNotificationStore;
      mailer: MemoryMailer;
      objects: MemoryObjectStorage;
      directory: MemoryDirectory;
      allocations: MemoryAllocationStore;
    };
  services: ReturnType<typeof buildServices>;
  clock: { now: Date; advance(days: number): void };
  /** A demo user as the actor the HTTP layer would make of their token. */
  actor(username: string): Actor;
  /**
   * Attaches a small valid PDF as the signed application, which a funding application needs before its
   * submit (asked for, put into quarantine, confirmed clean); answers the attachment's id.
   */
  attachSigned(actor: Actor, sub: { id: string }): Promise<string>;
  /** Submits a funding application as its applicant does: the signed application attached, then the submit. */
  submitFunding(actor: Actor, sub: { id: string; version: number }): Promise<Submission>;
  users: UserProfile[];
}

/** Fresh in-memory adapters with the demo organisations, users and planning frames (and, if asked, the demo submissions). */
export async function memoryWorld(
  options: { demoSubmissions?: boolean; at?: string } = {},
): Promise<MemoryWorld> {
  const clock = {
    now: new Date(options.at ?? '2026-03-02T09:00:00.000Z'),
    advance(days: number) {
      clock.now = new Date(clock.now.getTime() + days * 86_400_000);
    },
  };
  let sequence = 0;
  const adapters = memoryAdapters({
    now: () => new Date(clock.now),
    // Ids in creation order, as ULIDs are.
    newId: () => `01M${String(++sequence).padStart(23, '0')}`,
  });
  await seedDemo(adapters, { submissions: options.demoSubmissions ?? false });
  const users = demoUserProfiles();
  const services = buildServices(adapters);
  return {
    adapters,
    services,
    clock,
    users,
    actor(username) {
      const user = users.find((u) => u.username === username);
      if (!user) throw new Error(`no demo user ${username}`);
      return actorOf(user);
    },
    attachSigned: (actor, sub) => attachSignedApplication(adapters, actor, sub),
    async submitFunding(actor, sub) {
      await attachSignedApplication(adapters, actor, sub);
      return services.submissions.transition(actor, sub.id, `"${sub.version}"`, { action: 'submit' });
    },
  };
}

/** The in-memory adapters, empty. */
export function memoryAdapters(options: { now: () => Date; newId: () => string }) {
  const allocations = new MemoryAllocationStore();
  const figures = new MemoryFiguresStore();
  // Outbox items are written by the submission and attachment stores, with the change they report.
  const notifications = new MemoryNotificationStore();
  const memorySubmissions = new MemorySubmissionStore(allocations, figures, notifications);
  const attachments = new MemoryAttachmentStore(memorySubmissions, notifications);
  const accessLog = new MemoryAccessLogStore();
  const repoValidators: Record<string, () => Promise<ValidatorModule>> = {};
  for (const [key, file] of Object.entries(validatorFiles)) {
    repoValidators[key] = () => import(pathToFileURL(join(GENERATED, file)).href);
  }
  return {
    submissions: memorySubmissions,
    accessLog,
    directory: new MemoryDirectory(),
    allocations,
    attachments,
    caseFiles: new MemoryCaseFileStore(memorySubmissions),
    figures,
    keyFigureReports: new MemoryKeyFigureReportStore(),
    erasure: new MemoryErasureStore(memorySubmissions, attachments, accessLog),
    notifications,
    mailer: new MemoryMailer(),
    mail: {
      appUrl: 'http://127.0.0.1:3000',
      senders: { default: { from: 'noreply@pakt-integration.invalid' } },
    },
    forms: new MemoryFormStore(),
    rounds: new MemoryRoundStore(),
    objects: new MemoryObjectStorage(options.now),
    scanner: new EicarScanner(),
    repoForms,
    repoFormContent,
    repoValidators,
    loadValidator: (code: string): Promise<ValidatorModule> =>
      import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`),
    now: options.now,
    newId: options.newId,
  };
}
