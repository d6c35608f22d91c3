/**
 * Attaching the signed application ("unterschriebener Antrag") through the use cases, as a browser would
 * (ask for the upload, put the bytes into quarantine, confirm): the demo data and the service tests submit
 * funding applications, and the form requires this attachment before a submit.
 */
import { createHash } from 'node:crypto';
import { contentDisposition, objectKey } from '#core/attachments';
import type { Actor, Submission } from '#core/model';
import { type Adapters, attachmentService } from '#lib/services';
import { minimalPdf } from './demo-pdf.ts';

export const SIGNED_APPLICATION = 'signed-application';

/** Uploads a small valid PDF as the signed application and confirms it; answers the attachment's id. */
export async function attachSignedApplication(
  adapters: Adapters,
  actor: Actor,
  sub: Pick<Submission, 'id'>,
  filename = 'Antrag-unterschrieben.pdf',
): Promise<string> {
  const content = minimalPdf(`Antrag ${sub.id} unterschrieben`);
  const service = attachmentService(adapters);
  const { attachmentId } = await service.requestUpload(actor, sub.id, {
    filename,
    contentType: 'application/pdf',
    size: content.byteLength,
    kind: SIGNED_APPLICATION,
  });
  await adapters.objects.put('quarantine', objectKey(sub.id, attachmentId), content, {
    contentType: 'application/pdf',
    contentDisposition: contentDisposition(filename),
    sha256: createHash('sha256').update(content).digest('hex'),
  });
  const done = await service.complete(actor, sub.id, attachmentId);
  if (done.attachment.state !== 'available') {
    throw new Error(`the signed application is ${done.attachment.state}, not available`);
  }
  return attachmentId;
}
