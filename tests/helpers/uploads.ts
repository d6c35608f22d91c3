/** Attaching a file through the API as a browser does: ask, POST the form straight to S3, confirm. */
import { expect } from 'vitest';
import type { ApiClient } from './platform.ts';

type Json = Record<string, any>;

export async function attachFile(
  api: ApiClient,
  sub: Json,
  content: Uint8Array,
  request: { filename: string; contentType?: string; kind?: string },
): Promise<Json> {
  const asked = await api.post(`/api/submissions/${sub.id}/attachments`, {
    contentType: 'application/pdf',
    size: content.byteLength,
    ...request,
  });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  const form = new FormData();
  for (const [name, value] of Object.entries(asked.body.upload.fields as Record<string, string>))
    form.append(name, value);
  form.append('file', new Blob([new Uint8Array(content)]), 'upload.bin');
  const uploaded = await fetch(asked.body.upload.url, { method: 'POST', body: form });
  expect(uploaded.status, await uploaded.text()).toBe(204);
  const done = await api.post(`/api/submissions/${sub.id}/attachments/${asked.body.attachmentId}/complete`);
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return done.body;
}
