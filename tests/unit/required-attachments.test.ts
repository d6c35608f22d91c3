import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../functions/core/attachments.ts';
import type { AttachmentStore } from '../../functions/ports/attachment-store.ts';
import { RevisionAttachments } from '../../functions/services/attachment-service.ts';

const attachment = (id: string, kind: string, state: Attachment['state'] = 'available') =>
  ({ id, submissionId: 's1', kind, state }) as Attachment;

const revisionAttachments = (items: Attachment[]) =>
  new RevisionAttachments({ list: async () => items } as unknown as AttachmentStore);

describe('attachments the form requires at submit', () => {
  it('refuses a submit with 409 attachments.required naming each missing kind', async () => {
    const revision = revisionAttachments([
      attachment('a1', 'other'),
      attachment('a2', 'signed-application', 'rejected'),
    ]);
    await expect(
      revision.forRevision({ id: 's1' }, ['signed-application', 'cooperation-agreement']),
    ).rejects.toMatchObject({
      status: 409,
      code: 'attachments.required',
      details: [
        { pointer: '/attachments', message: 'signed-application' },
        { pointer: '/attachments', message: 'cooperation-agreement' },
      ],
    });
  });

  it('freezes the available attachments once every required kind is there', async () => {
    const revision = revisionAttachments([attachment('a1', 'signed-application'), attachment('a2', 'other')]);
    await expect(revision.forRevision({ id: 's1' }, ['signed-application'])).resolves.toEqual(['a1', 'a2']);
    await expect(revision.forRevision({ id: 's1' })).resolves.toEqual(['a1', 'a2']);
  });
});
