/**
 * Fault injection over the use cases that change more than one store: a DynamoDB or S3 call fails at
 * every step in turn (ports wrapped so that the Nth call throws, with the in-memory adapters, which keep the
 * DynamoDB adapters' atomicity), and afterwards nothing is half-written: the stores are unchanged, fully
 * changed, or in a state that a later run (the repeated request or the reconciliation job) finishes.
 */
import { describe, expect, it } from 'vitest';
import { forms as repoForms } from '../../forms/generated/catalog.js';
import type { ValidatorModule } from '../../forms/types.ts';
import { EicarScanner } from '../../functions/adapters/local/eicar-scanner.ts';
import { MemoryAccessLogStore } from '../../functions/adapters/memory/access-log.ts';
import { MemoryAttachmentStore } from '../../functions/adapters/memory/attachment-store.ts';
import { MemoryDirectory } from '../../functions/adapters/memory/directory.ts';
import { MemoryErasureStore } from '../../functions/adapters/memory/erasure-store.ts';
import { MemoryFiguresStore } from '../../functions/adapters/memory/figures-store.ts';
import { MemoryFormStore } from '../../functions/adapters/memory/form-store.ts';
import { MemoryNotificationStore } from '../../functions/adapters/memory/notification-store.ts';
import { MemoryObjectStorage } from '../../functions/adapters/memory/object-storage.ts';
import { MemorySubmissionStore } from '../../functions/adapters/memory/submission-store.ts';
import { type Attachment, objectKey } from '../../functions/core/attachments.ts';
import type { Actor, Submission } from '../../functions/core/model.ts';
import {
  AttachmentService,
  RevisionAttachments,
  STALE_SCAN_MS,
} from '../../functions/services/attachment-service.ts';
import { CasePolicy } from '../../functions/services/case-policy.ts';
import { ErasureService } from '../../functions/services/erasure-service.ts';
import { FormCatalog, type StaticAssets, validatorAssetKey } from '../../functions/services/form-catalog.ts';
import { SubmissionService } from '../../functions/services/submission-service.ts';
import { submission } from '../contract/submission-store.contract.ts';
import { genericFormDefinition, planData } from '../helpers/factories.ts';
import { FaultPlan } from '../helpers/faults.ts';
import { eicarPdf, minimalPdf } from '../helpers/files.ts';
import { repoFormContent } from '../helpers/memory.ts';

const ORG = 'kirchheim';
const kommune: Actor = { sub: 'u-kommune', name: 'Kommune', roles: ['municipality'], org: ORG };
const admin: Actor = { sub: 'u-admin', name: 'Admin', roles: ['admin'], org: 'rp-stuttgart' };
/** More calls than any of these use cases makes: the loops below must end well before. */
const MAX_STEPS = 60;

function world() {
  let clock = new Date('2026-03-02T10:00:00.000Z');
  const faults = new FaultPlan();
  // A refused upload tells its uploader by an outbox item written with the refusal.
  const notifications = new MemoryNotificationStore();
  const submissionStore = new MemorySubmissionStore(undefined, undefined, notifications);
  const attachmentStore = new MemoryAttachmentStore(submissionStore, notifications);
  const accessLogStore = new MemoryAccessLogStore();
  const objects = new MemoryObjectStorage();
  const forms = new FormCatalog(
    repoForms,
    {},
    new MemoryFormStore(),
    async () => {
      throw new Error('no published versions here');
    },
    repoFormContent,
  );
  const now = () => clock;
  let ids = 0;
  const attachments = new AttachmentService({
    submissions: faults.wrap('submissions', submissionStore),
    attachments: faults.wrap('attachments', attachmentStore),
    objects: faults.wrap('objects', objects),
    scanner: faults.wrap('scanner', new EicarScanner()),
    forms,
    now,
    newId: () => `A${String(++ids).padStart(4, '0')}`,
  });
  const erasure = new ErasureService({
    submissions: faults.wrap('submissions', submissionStore),
    erasure: faults.wrap('erasure', new MemoryErasureStore(submissionStore, attachmentStore, accessLogStore)),
    attachments: faults.wrap('attachments', attachmentStore),
    accessLog: faults.wrap('accessLog', accessLogStore),
    objects: faults.wrap('objects', objects),
    now,
  });
  const stored = async (sub: Submission) => {
    await submissionStore.write({
      submission: sub,
      expectedVersion: null,
      event: {
        submissionId: sub.id,
        version: sub.version,
        type: 'created',
        at: sub.createdAt,
        actor: { sub: kommune.sub, name: kommune.name },
        role: 'municipality',
      },
      scopes: { org: `O#${sub.org}#${sub.kind}` },
    });
    return sub;
  };
  return {
    faults,
    submissionStore,
    attachmentStore,
    objects,
    attachments,
    erasure,
    stored,
    advance: (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    },
    /** Every object of an attachment, by area. */
    objectsOf: (a: Pick<Attachment, 'submissionId' | 'id'>) => {
      const key = objectKey(a.submissionId, a.id);
      return {
        quarantine: objects.areas.quarantine.get(key)?.content,
        attachments: objects.areas.attachments.get(key)?.content,
      };
    },
  };
}

/** Runs `action` with a failure at call n; answers whether the failure was reached. */
async function withFailureAt(w: ReturnType<typeof world>, n: number, action: () => Promise<unknown>) {
  w.faults.failAt(n);
  let error: unknown;
  try {
    await action();
  } catch (e) {
    error = e;
  } finally {
    w.faults.disarm();
  }
  if (w.faults.fired) {
    // The injected failure surfaces as the one domain error, never swallowed into a wrong answer.
    expect((error as { code?: string } | undefined)?.code, w.faults.failedCall).toBe(
      'dependency.unavailable',
    );
  }
  return w.faults.fired;
}

async function uploaded(w: ReturnType<typeof world>, sub: Submission, content: Uint8Array) {
  const { attachmentId } = await w.attachments.requestUpload(kommune, sub.id, {
    filename: 'Kooperationsvereinbarung.pdf',
    contentType: 'application/pdf',
    size: content.byteLength,
  });
  w.objects.upload(objectKey(sub.id, attachmentId), content, 'application/pdf');
  return attachmentId;
}

describe('fault injection: confirming an upload', () => {
  it('a failure at any step leaves a state that the next confirmation or the reconciliation finishes', async () => {
    const pdf = new Uint8Array(minimalPdf());
    let steps = 0;
    for (let n = 1; n <= MAX_STEPS; n++) {
      const w = world();
      const sub = await w.stored(submission({ org: ORG }));
      const id = await uploaded(w, sub, pdf);
      if (!(await withFailureAt(w, n, () => w.attachments.complete(kommune, sub.id, id)))) break;
      steps = n;
      const after = (await w.attachmentStore.get(sub.id, id))!;
      // Never available without its checked file where downloads come from.
      if (after.state === 'available') expect(w.objectsOf(after).attachments).toEqual(pdf);
      expect(after.state).not.toBe('rejected');

      // Later: the reconciliation job (once a stuck scan is stale), then the client confirms again.
      w.advance(STALE_SCAN_MS + 1000);
      expect((await w.attachments.reconcile()).failed).toBe(0);
      const done = await w.attachments.complete(kommune, sub.id, id);
      expect(done.status).toBe(200);
      expect(w.objectsOf(after)).toEqual({ quarantine: undefined, attachments: pdf });
    }
    expect(steps).toBeGreaterThanOrEqual(6);
  });

  it('an infected file: a failure at any step never makes it available, and a later run deletes it', async () => {
    const infected = new Uint8Array(eicarPdf());
    for (let n = 1; n <= MAX_STEPS; n++) {
      const w = world();
      const sub = await w.stored(submission({ org: ORG }));
      const id = await uploaded(w, sub, infected);
      if (!(await withFailureAt(w, n, () => w.attachments.complete(kommune, sub.id, id)))) break;
      expect((await w.attachmentStore.get(sub.id, id))!.state).not.toBe('available');
      expect(w.objectsOf({ submissionId: sub.id, id }).attachments).toBeUndefined();
      w.advance(STALE_SCAN_MS + 1000);
      await w.attachments.reconcile();
      await expect(w.attachments.complete(kommune, sub.id, id)).rejects.toMatchObject({
        code: 'attachments.malware_found',
      });
      await w.attachments.reconcile();
      expect(w.objectsOf({ submissionId: sub.id, id })).toEqual({
        quarantine: undefined,
        attachments: undefined,
      });
    }
  });
});

describe('fault injection: deleting an attachment', () => {
  it('never removes the metadata while a file is left, and a later run finishes the deletion', async () => {
    const pdf = new Uint8Array(minimalPdf());
    let steps = 0;
    for (let n = 1; n <= MAX_STEPS; n++) {
      const w = world();
      const sub = await w.stored(submission({ org: ORG }));
      const id = await uploaded(w, sub, pdf);
      await w.attachments.complete(kommune, sub.id, id);
      if (!(await withFailureAt(w, n, () => w.attachments.remove(kommune, sub.id, id)))) break;
      steps = n;
      const after = await w.attachmentStore.get(sub.id, id);
      const left = w.objectsOf({ submissionId: sub.id, id });
      // The failure S3 used to leave behind: metadata gone, file still there, found by nobody.
      if (!after) expect(left).toEqual({ quarantine: undefined, attachments: undefined });
      // Started deleting: no submit may freeze it meanwhile.
      if (after?.state === 'deleting') {
        await expect(w.attachments.complete(kommune, sub.id, id)).rejects.toMatchObject({
          code: 'attachments.deleting',
        });
      }

      // The reconciliation finishes a deletion whose file is still there; a repeated delete any other.
      await w.attachments.reconcile();
      if (await w.attachmentStore.get(sub.id, id)) await w.attachments.remove(kommune, sub.id, id);
      expect(await w.attachmentStore.get(sub.id, id)).toBeUndefined();
      expect(w.objectsOf({ submissionId: sub.id, id })).toEqual({
        quarantine: undefined,
        attachments: undefined,
      });
    }
    expect(steps).toBeGreaterThanOrEqual(4);
  });

  it('the reconciliation deletes objects without metadata and leaves those with metadata', async () => {
    const w = world();
    const sub = await w.stored(submission({ org: ORG }));
    const kept = await uploaded(w, sub, new Uint8Array(minimalPdf()));
    await w.attachments.complete(kommune, sub.id, kept);
    const pending = await uploaded(w, sub, new Uint8Array(minimalPdf()));
    w.objects.upload(objectKey(sub.id, 'ORPHAN'), new Uint8Array(minimalPdf()), 'application/pdf');
    await w.objects.put('attachments', objectKey('gone', 'ORPHAN2'), new Uint8Array([1]), {
      contentType: 'application/pdf',
      contentDisposition: 'attachment',
      sha256: '',
    });
    const report = await w.attachments.reconcile();
    expect(report).toMatchObject({ orphans: 2, failed: 0 });
    expect([...w.objects.areas.quarantine.keys()]).toEqual([objectKey(sub.id, pending)]);
    expect([...w.objects.areas.attachments.keys()]).toEqual([objectKey(sub.id, kept)]);
  });
});

describe('fault injection: the erasure job', () => {
  it('a failure at any step leaves the submission due (and hidden) or erased whole; the next run finishes', async () => {
    let steps = 0;
    for (let n = 1; n <= MAX_STEPS; n++) {
      const w = world();
      const sub = await w.stored(submission({ org: ORG, erasureDueAt: '2026-03-01' }));
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        const id = await uploaded(w, sub, new Uint8Array(minimalPdf()));
        await w.attachments.complete(kommune, sub.id, id);
        ids.push(id);
      }
      w.faults.failAt(n);
      let report: Awaited<ReturnType<ErasureService['eraseDue']>> | undefined;
      try {
        report = await w.erasure.eraseDue();
      } catch (error) {
        expect((error as { code?: string }).code).toBe('dependency.unavailable');
      } finally {
        w.faults.disarm();
      }
      if (!w.faults.fired) break;
      steps = n;
      if (report) expect(report.erased).toEqual([]);
      const still = await w.submissionStore.get(sub.id);
      // Either untouched as a submission (still due, so found again) or erased whole.
      expect(still?.erasureDueAt ?? '2026-03-01').toBe('2026-03-01');

      const next = await w.erasure.eraseDue();
      expect(next.failed).toEqual([]);
      expect(await w.submissionStore.get(sub.id)).toBeUndefined();
      expect(await w.attachmentStore.list(sub.id)).toEqual([]);
      for (const id of ids)
        expect(w.objectsOf({ submissionId: sub.id, id })).toEqual({
          quarantine: undefined,
          attachments: undefined,
        });
    }
    expect(steps).toBeGreaterThanOrEqual(5);
  });
});

describe('fault injection: publishing a form version', () => {
  it('a version is never stored without its validator file, and a retry publishes it', async () => {
    let steps = 0;
    for (let n = 1; n <= MAX_STEPS; n++) {
      const faults = new FaultPlan();
      const store = new MemoryFormStore();
      const files = new Map<string, string>();
      const assets: StaticAssets = faults.wrap('assets', {
        put: async (key: string, body: string) => {
          files.set(key, body);
        },
      });
      const catalog = new FormCatalog(
        repoForms,
        {},
        faults.wrap('forms', store),
        async () => {
          throw new Error('not loaded here');
        },
        repoFormContent,
      );
      let compiled = 0;
      const deps = {
        compile: async () => `export const build = ${++compiled};`,
        assets,
        now: new Date('2026-03-02T10:00:00.000Z'),
      };
      faults.failAt(n);
      try {
        await catalog.publish(admin, 'veranstaltung', genericFormDefinition() as never, deps);
      } catch (error) {
        expect((error as { code?: string }).code).toBe('dependency.unavailable');
      } finally {
        faults.disarm();
      }
      if (!faults.fired) break;
      steps = n;
      const check = async () => {
        const latest = (await store.catalogue()).veranstaltung ?? 0;
        for (let v = 1; v <= latest; v++) {
          const version = await store.get('veranstaltung', v);
          expect(files.get(validatorAssetKey('veranstaltung', v))).toBe(version?.validatorCode);
        }
        return latest;
      };
      await check();
      const published = await catalog.publish(admin, 'veranstaltung', genericFormDefinition() as never, deps);
      expect(await check()).toBe(published.version);
    }
    expect(steps).toBeGreaterThanOrEqual(3);
  });
});

/** The plan's generated validator module, imported on first use as the functions do. */
const planValidator = (version: number) =>
  new URL(`../../forms/generated/integration-plan.v${version}.js`, import.meta.url).href;

describe('fault injection: workflow transitions', () => {
  const manager: Actor = { sub: 'u-im', name: 'IM', roles: ['manager'], org: ORG };
  const coordinator: Actor = { sub: 'u-ko', name: 'Ko', roles: ['coordinator'], org: ORG };

  async function planWorld() {
    const faults = new FaultPlan();
    const figures = new MemoryFiguresStore();
    const store = new MemorySubmissionStore(undefined, figures);
    const attachmentStore = new MemoryAttachmentStore(store);
    const forms = new FormCatalog(
      repoForms,
      {
        'integration-plan@1': () => import(/* @vite-ignore */ planValidator(1)) as Promise<ValidatorModule>,
        'integration-plan@2': () => import(/* @vite-ignore */ planValidator(2)) as Promise<ValidatorModule>,
      },
      new MemoryFormStore(),
      async () => {
        throw new Error('no published versions here');
      },
      repoFormContent,
    );
    let ids = 0;
    const service = new SubmissionService({
      submissions: faults.wrap('submissions', store),
      forms,
      directory: faults.wrap('directory', new MemoryDirectory()),
      now: () => new Date('2026-03-02T10:00:00.000Z'),
      newId: () => `P${String(++ids).padStart(4, '0')}`,
      policies: { case: new CasePolicy() },
      attachments: new RevisionAttachments(faults.wrap('attachments', attachmentStore)),
    });
    const draft = await service.create(manager, { formId: 'integration-plan', data: planData() });
    return { faults, store, figures, service, draft };
  }

  /** The whole stored state of one plan: submission, history, revisions, figures. */
  async function snapshot(w: Awaited<ReturnType<typeof planWorld>>, id: string) {
    const sub = await w.store.get(id);
    return {
      sub,
      history: await w.store.history(id),
      revisions: await Promise.all([1, 2].map((n) => w.store.getRevision(id, n))),
      figures: await w.figures.listByOrg(ORG),
    };
  }

  for (const step of [
    { action: 'submit', actor: manager, before: 'draft', after: 'review' },
    { action: 'approve', actor: coordinator, before: 'review', after: 'approved' },
  ] as const) {
    it(`${step.action}: a failure at any step leaves the plan unchanged; the repeated request completes it`, async () => {
      let steps = 0;
      for (let n = 1; n <= MAX_STEPS; n++) {
        const w = await planWorld();
        let sub = w.draft;
        if (step.action === 'approve')
          sub = await w.service.transition(manager, sub.id, `"${sub.version}"`, { action: 'submit' });
        const before = await snapshot(w, sub.id);
        w.faults.failAt(n);
        let error: unknown;
        try {
          await w.service.transition(step.actor, sub.id, `"${sub.version}"`, { action: step.action });
        } catch (e) {
          error = e;
        } finally {
          w.faults.disarm();
        }
        if (!w.faults.fired) break;
        steps = n;
        expect((error as { code?: string }).code).toBe('dependency.unavailable');
        // All or nothing: the transition, its revision, history event and figures are one write.
        expect(await snapshot(w, sub.id)).toEqual(before);
        const done = await w.service.transition(step.actor, sub.id, `"${sub.version}"`, {
          action: step.action,
        });
        expect(done.status).toBe(step.after);
        const after = await snapshot(w, sub.id);
        expect(after.history).toHaveLength(before.history.length + 1);
        if (step.action === 'approve') expect(after.figures).toHaveLength(1);
      }
      expect(steps).toBeGreaterThanOrEqual(2);
    });
  }
});
