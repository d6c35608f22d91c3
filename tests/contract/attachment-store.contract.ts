import { beforeEach, describe, expect, it } from 'vitest';
import type { Attachment } from '../../functions/core/attachments.ts';
import type { HistoryEvent, Submission } from '../../functions/core/model.ts';
import type { AttachmentStore } from '../../functions/ports/attachment-store.ts';
import type { SubmissionStore, SubmissionWrite } from '../../functions/ports/submission-store.ts';
import { submission } from './submission-store.contract.ts';

export interface AttachmentStores {
  submissions: SubmissionStore;
  attachments: AttachmentStore;
}

const EDITABLE = ['draft', 'revised'] as const;
let seq = 0;

/** A pending attachment of the submission, with defaults. */
export function attachment(submissionId: string, overrides: Partial<Attachment> = {}): Attachment {
  seq += 1;
  const at = new Date(Date.UTC(2026, 0, 2, 0, 0, seq)).toISOString();
  return {
    id: `A${String(seq).padStart(6, '0')}${Math.random().toString(36).slice(2, 6).toUpperCase()}`,
    submissionId,
    filename: 'Kooperationsvereinbarung.pdf',
    contentType: 'application/pdf',
    size: 1234,
    state: 'pending',
    version: 1,
    createdAt: at,
    createdBy: 'u1',
    updatedAt: at,
    ...overrides,
  };
}

const event = (sub: Submission, fields: Partial<HistoryEvent> = {}): HistoryEvent => ({
  submissionId: sub.id,
  version: sub.version,
  type: 'created',
  at: sub.updatedAt,
  actor: { sub: 'u1', name: 'U' },
  role: 'municipality',
  ...fields,
});

const scopes = (sub: Submission): SubmissionWrite['scopes'] => ({ org: `O#${sub.org}#${sub.kind}` });

/**
 * The behaviour every AttachmentStore must have, together with its submission store (they share the
 * submission's attachment counter); run against the in-memory and the DynamoDB adapters.
 */
export function attachmentStoreContract(name: string, make: () => Promise<AttachmentStores>) {
  describe(`AttachmentStore contract: ${name}`, () => {
    let stores: AttachmentStores;
    let sub: Submission;
    const guard = (overrides: Partial<{ revision: number; attachmentsVersion: number }> = {}) => ({
      statuses: EDITABLE,
      revision: sub.revision,
      ...overrides,
    });
    const counter = async () => (await stores.submissions.get(sub.id))?.attachmentsVersion ?? 0;

    beforeEach(async () => {
      stores = await make();
      sub = submission();
      await stores.submissions.write({
        submission: sub,
        expectedVersion: null,
        event: event(sub),
        scopes: scopes(sub),
      });
    });

    it('creates, reads back and lists oldest first, counting each change on the submission', async () => {
      const first = attachment(sub.id);
      const second = attachment(sub.id, { kind: 'other', filename: 'Zeugnis – Übersetzung.pdf' });
      await stores.attachments.create(second, guard({ attachmentsVersion: 0 }));
      await stores.attachments.create(first, guard({ attachmentsVersion: 1 }));
      expect(await stores.attachments.get(sub.id, second.id)).toEqual(second);
      expect(await stores.attachments.get(sub.id, 'missing')).toBeUndefined();
      expect(await stores.attachments.list(sub.id)).toEqual([first, second]);
      expect(await stores.attachments.list('other-submission')).toEqual([]);
      expect(await counter()).toBe(2);
      // The submission itself is unchanged: the counter is no version of the data.
      const stored = await stores.submissions.get(sub.id);
      expect({ ...stored, attachmentsVersion: undefined }).toEqual({ ...sub, attachmentsVersion: undefined });
    });

    it('refuses to create unless the submission passes the guard, and stores nothing then', async () => {
      const refused = [
        stores.attachments.create(attachment(sub.id), { statuses: ['revised'], revision: 0 }),
        stores.attachments.create(attachment(sub.id), guard({ revision: 1 })),
        stores.attachments.create(attachment(sub.id), guard({ attachmentsVersion: 3 })),
        stores.attachments.create(attachment('no-such-submission'), guard()),
      ];
      for (const result of await Promise.allSettled(refused)) {
        expect(result).toMatchObject({
          status: 'rejected',
          reason: { status: 409, code: 'attachments.changed' },
        });
      }
      expect(await stores.attachments.list(sub.id)).toEqual([]);
      expect(await counter()).toBe(0);
    });

    it('lets only one of two concurrent creates based on the same counter through', async () => {
      const results = await Promise.allSettled([
        stores.attachments.create(attachment(sub.id), guard({ attachmentsVersion: 0 })),
        stores.attachments.create(attachment(sub.id), guard({ attachmentsVersion: 0 })),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await stores.attachments.list(sub.id)).toHaveLength(1);
    });

    it('updates only at the version read, and otherwise answers the current attachment', async () => {
      const pending = attachment(sub.id);
      await stores.attachments.create(pending, guard());
      const at = '2026-01-03T00:00:00.000Z';
      const moved = await stores.attachments.update(pending, {
        state: 'scanning',
        sha256: 'ab'.repeat(32),
        etag: 'e1',
        updatedAt: at,
      });
      const scanning = {
        ...pending,
        state: 'scanning',
        sha256: 'ab'.repeat(32),
        etag: 'e1',
        updatedAt: at,
        version: 2,
      };
      expect(moved).toEqual({ ok: true, attachment: scanning });
      expect(await stores.attachments.get(sub.id, pending.id)).toEqual(scanning);
      // A second change based on the old version loses and learns the current state.
      const stale = await stores.attachments.update(pending, { state: 'rejected', updatedAt: at });
      expect(stale).toEqual({ ok: false, current: scanning });
      const gone = await stores.attachments.update(
        { ...pending, id: 'missing' },
        { state: 'rejected', updatedAt: at },
      );
      expect(gone).toEqual({ ok: false, current: undefined });
      expect(await counter()).toBe(2);
    });

    it('lets exactly one of concurrent updates from the same version win', async () => {
      const pending = attachment(sub.id);
      await stores.attachments.create(pending, guard());
      const results = await Promise.all(
        ['a', 'b', 'c', 'd'].map((etag) =>
          stores.attachments.update(pending, { state: 'scanning', etag, updatedAt: pending.updatedAt }),
        ),
      );
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      const stored = await stores.attachments.get(sub.id, pending.id);
      expect(stored?.version).toBe(2);
      for (const r of results) if (!r.ok) expect(r.current).toEqual(stored);
    });

    it('updates with a guard only if the submission passes it, else 409 and nothing changes', async () => {
      const available = attachment(sub.id, { state: 'available' });
      await stores.attachments.create(available, guard());
      const at = '2026-01-03T00:00:00.000Z';
      await expect(
        stores.attachments.update(
          available,
          { state: 'deleting', updatedAt: at },
          { guard: guard({ revision: 1 }) },
        ),
      ).rejects.toMatchObject({ status: 409, code: 'attachments.changed' });
      expect(await stores.attachments.get(sub.id, available.id)).toEqual(available);
      expect(await counter()).toBe(1);
      const marked = await stores.attachments.update(
        available,
        { state: 'deleting', updatedAt: at },
        { guard: guard() },
      );
      expect(marked.ok && marked.attachment.state).toBe('deleting');
      expect(await counter()).toBe(2);
    });

    it('keeps a verdict and a rejection reason', async () => {
      const pending = attachment(sub.id);
      await stores.attachments.create(pending, guard());
      const verdict = { result: 'infected' as const, etag: 'e1', at: '2026-01-03T00:00:00.000Z' };
      const recorded = await stores.attachments.update(pending, { verdict, updatedAt: verdict.at });
      expect(recorded.ok && recorded.attachment.verdict).toEqual(verdict);
      const rejection = { code: 'attachments.malware_found', message: 'found' };
      const rejected = await stores.attachments.update(recorded.ok ? recorded.attachment : pending, {
        state: 'rejected',
        rejection,
        updatedAt: verdict.at,
      });
      expect(rejected.ok).toBe(true);
      expect(await stores.attachments.get(sub.id, pending.id)).toMatchObject({
        state: 'rejected',
        verdict,
        rejection,
        version: 3,
      });
    });

    it('removes only what exists, and only if the submission passes the guard', async () => {
      const kept = attachment(sub.id);
      await stores.attachments.create(kept, guard());
      await expect(stores.attachments.remove(sub.id, 'missing', guard())).rejects.toMatchObject({
        status: 404,
        code: 'attachments.not_found',
      });
      await expect(stores.attachments.remove(sub.id, kept.id, guard({ revision: 1 }))).rejects.toMatchObject({
        status: 409,
        code: 'attachments.changed',
      });
      expect(await stores.attachments.get(sub.id, kept.id)).toEqual(kept);
      await stores.attachments.remove(sub.id, kept.id, guard());
      expect(await stores.attachments.get(sub.id, kept.id)).toBeUndefined();
      expect(await counter()).toBe(2);
    });

    it('fails a submission write based on an older attachment counter, so no stale list is frozen', async () => {
      const read = (await stores.submissions.get(sub.id))!;
      await stores.attachments.create(attachment(sub.id), guard());
      const next = { ...read, status: 'review' as const, version: 2, revision: 1 };
      const submit: SubmissionWrite = {
        submission: next,
        expectedVersion: 1,
        expectedStatus: 'draft',
        expectedAttachmentsVersion: read.attachmentsVersion ?? 0,
        event: event(next, {
          type: 'transition',
          action: 'submit',
          from: 'draft',
          to: 'review',
          revision: 1,
        }),
        revision: {
          submissionId: sub.id,
          n: 1,
          formVersion: 1,
          data: sub.data,
          dataSha256: 'abc',
          attachments: [],
          createdAt: sub.createdAt,
          createdBy: 'u1',
        },
        scopes: scopes(next),
      };
      await expect(stores.submissions.write(submit)).rejects.toMatchObject({ status: 412 });
      // Nor does a write of the whole item without it put back the older counter.
      const { expectedAttachmentsVersion: _drop, ...save } = submit;
      await expect(stores.submissions.write(save)).rejects.toMatchObject({ status: 412 });
      expect(await counter()).toBe(1);
      // Based on the current counter, it goes through (and keeps the counter).
      const fresh = (await stores.submissions.get(sub.id))!;
      await stores.submissions.write({
        ...submit,
        submission: { ...next, attachmentsVersion: fresh.attachmentsVersion },
        expectedAttachmentsVersion: fresh.attachmentsVersion,
      });
      expect(await counter()).toBe(1);
      expect((await stores.submissions.getRevision(sub.id, 1))?.n).toBe(1);
      // Now in review: no more attachments.
      await expect(
        stores.attachments.create(attachment(sub.id), guard({ revision: 1 })),
      ).rejects.toMatchObject({ status: 409 });
    });
  });
}
