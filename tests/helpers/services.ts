/**
 * The use cases wired to the in-memory adapters, with the repository's forms and their generated
 * validators: fast service-level tests without Java or HTTP. Time is frozen and moved on by hand.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { forms as repoForms } from '../../forms/generated/catalog.js';
import { validatorFiles } from '../../forms/generated/validators.js';
import type { ValidatorModule } from '../../forms/types.ts';
import { MemoryAccessLogStore } from '../../functions/adapters/memory/access-log.ts';
import { MemoryAllocationStore } from '../../functions/adapters/memory/allocation-store.ts';
import { MemoryAttachmentStore } from '../../functions/adapters/memory/attachment-store.ts';
import { MemoryDirectory } from '../../functions/adapters/memory/directory.ts';
import { MemoryFiguresStore } from '../../functions/adapters/memory/figures-store.ts';
import { MemoryFormStore } from '../../functions/adapters/memory/form-store.ts';
import { MemorySubmissionStore } from '../../functions/adapters/memory/submission-store.ts';
import type { Actor, Role, UserProfile } from '../../functions/core/model.ts';
import type { AccessLogStore } from '../../functions/ports/access-log.ts';
import type { SubmissionStore } from '../../functions/ports/submission-store.ts';
import { AccessRecorder } from '../../functions/services/access-recorder.ts';
import { CasePolicy } from '../../functions/services/case-policy.ts';
import { FormCatalog } from '../../functions/services/form-catalog.ts';
import { FundingPolicy } from '../../functions/services/funding-policy.ts';
import { PrivacyService } from '../../functions/services/privacy-service.ts';
import { SubmissionService } from '../../functions/services/submission-service.ts';

const generated = join(import.meta.dirname, '../../forms/generated');
const repoValidators: Record<string, () => Promise<ValidatorModule>> = {};
for (const [key, file] of Object.entries(validatorFiles))
  repoValidators[key] = () => import(pathToFileURL(join(generated, file)).href);

const loadValidatorModule = (code: string): Promise<ValidatorModule> =>
  import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);

/** An actor of the given role and organisation (its subject derived from the name). */
export const actor = (name: string, role: Role, org: string): Actor => ({
  sub: `u-${name}`,
  name,
  roles: [role],
  org,
});

/** Builds a fresh set of stores and services; every call starts empty but for the given users. */
export function memoryServices(
  users: Actor[] = [],
  start = new Date('2026-03-02T09:00:00Z'),
  /** Other stores to run the same use cases on (e.g. the DynamoDB adapters on DynamoDB Local). */
  stores: { submissions?: SubmissionStore; accessLog?: AccessLogStore } = {},
) {
  let clock = start.getTime();
  let seq = 0;
  const now = () => new Date(clock);
  const newId = () => `01TEST${String(++seq).padStart(20, '0')}`;
  const allocations = new MemoryAllocationStore();
  const figures = new MemoryFiguresStore();
  const memorySubmissions = new MemorySubmissionStore(allocations, figures);
  const submissions: SubmissionStore = stores.submissions ?? memorySubmissions;
  const attachments = new MemoryAttachmentStore(memorySubmissions);
  const accessLog: AccessLogStore = stores.accessLog ?? new MemoryAccessLogStore();
  const recorder = new AccessRecorder(accessLog, now, newId);
  const directory = new MemoryDirectory();
  for (const u of users) {
    const profile: UserProfile = {
      sub: u.sub,
      username: u.name,
      name: u.name,
      email: `${u.name}@example.org`,
      role: u.roles[0] ?? 'manager',
      org: u.org,
    };
    void directory.putUser(profile);
  }
  const forms = new FormCatalog(repoForms, repoValidators, new MemoryFormStore(), loadValidatorModule);
  const submissionService = new SubmissionService({
    submissions,
    forms,
    directory,
    now,
    newId,
    policies: { funding: new FundingPolicy(allocations), case: new CasePolicy() },
    access: recorder,
  });
  const privacyService = new PrivacyService({
    submissions,
    forms,
    attachments,
    accessLog,
    recorder,
    objects: {
      presignDownload: async () => ({ url: 'http://127.0.0.1/none', expiresAt: now().toISOString() }),
    },
    now,
  });
  return {
    submissions,
    allocations,
    figures,
    accessLog,
    directory,
    forms,
    submissionService,
    privacyService,
    now,
    /** Moves the frozen clock on. */
    advance(ms: number) {
      clock += ms;
    },
  };
}
