/**
 * Attachments over HTTP and the local S3: ask for a presigned POST, upload straight to the emulator, confirm,
 * and let the server check what arrived. The emulator enforces no policy, so the tests read the policy the
 * server signed and rely on the server's own checks after upload, never on the emulator refusing.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../functions/local/emulators.ts';
import { BUCKETS } from '../../functions/local/platform.ts';
import {
  act,
  actOk,
  expectError,
  FUNDING,
  fundingData,
  PLAN,
  planData,
  start,
  uniqueCaseId,
} from '../helpers/factories.ts';
import { eicarPdf, minimalPdf, windowsExecutable } from '../helpers/files.ts';
import { assertLoopback } from '../helpers/local-only.ts';
import type { ApiClient } from '../helpers/platform.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

type Json = Record<string, any>;

const PDF = 'application/pdf';
const MiB = 1024 * 1024;

let platform: TestPlatform;
let kirchheim: ApiClient;
let weilheim: ApiClient;
let reviewer: ApiClient;
let s3: S3Client;

beforeAll(async () => {
  platform = await startTestPlatform();
  kirchheim = await platform.as('kirchheim.kommune');
  weilheim = await platform.as('weilheim.kommune');
  reviewer = await platform.as('rp.pruefer1');
  s3 = new S3Client({
    endpoint: assertLoopback(platform.s3Endpoint),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
});
afterAll(async () => {
  s3?.destroy();
  await platform?.stop();
});

const sha256 = (content: Uint8Array) => createHash('sha256').update(content).digest('hex');
const base = (sub: Json) => `/api/submissions/${sub.id}/attachments`;

async function objectIn(bucket: string, key: string): Promise<Buffer | undefined> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await out.Body!.transformToByteArray());
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

/** Asks for an upload; asserts 201. */
async function ask(api: ApiClient, sub: Json, request: Json): Promise<Json> {
  const res = await api.post(base(sub), request);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** The browser's part: the form POST straight to S3, fields first, the file last. */
async function upload(created: Json, content: Uint8Array, fieldOverrides: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...created.upload.fields, ...fieldOverrides })) {
    form.append(name, value as string);
  }
  form.append('file', new Blob([content as Uint8Array<ArrayBuffer>]), 'ignored-by-s3.bin');
  const res = await fetch(created.upload.url, { method: 'POST', body: form });
  expect(res.status, await res.text()).toBe(204);
}

const complete = (api: ApiClient, sub: Json, attachmentId: string) =>
  api.post(`${base(sub)}/${attachmentId}/complete`);

/** Asks, uploads and confirms; returns the confirmation. */
async function attach(api: ApiClient, sub: Json, content: Uint8Array, request: Json = {}) {
  const created = await ask(api, sub, {
    filename: 'Anlage.pdf',
    contentType: PDF,
    size: content.byteLength,
    ...request,
  });
  await upload(created, content);
  return { created, res: await complete(api, sub, created.attachmentId) };
}

const list = async (api: ApiClient, sub: Json): Promise<Json[]> => {
  const res = await api.get(base(sub));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
};

describe('upload and confirm', () => {
  it('signs a POST policy that pins key, type and size, and expires within 15 minutes', async () => {
    const sub = await start(kirchheim, FUNDING, fundingData());
    const before = Date.now();
    const created = await ask(kirchheim, sub, {
      filename: 'C:\\fakepath\\../Förderantrag\u202e 2017.pdf',
      contentType: 'Application/PDF',
      size: 4321,
    });
    const key = `submissions/${sub.id}/${created.attachmentId}`;
    expect(created.attachment).toMatchObject({
      filename: 'Förderantrag 2017.pdf',
      contentType: PDF,
      size: 4321,
      state: 'pending',
    });
    expect(created.upload.url).toBe(`${platform.s3Endpoint}/${BUCKETS.quarantine}`);
    expect(created.upload.fields).toMatchObject({ key, 'Content-Type': PDF, bucket: BUCKETS.quarantine });

    const policy = JSON.parse(Buffer.from(created.upload.fields.Policy, 'base64').toString('utf8'));
    const expires = Date.parse(policy.expiration);
    expect(expires).toBeGreaterThan(before);
    expect(expires - before).toBeLessThanOrEqual(15 * 60 * 1000);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { key },
        { bucket: BUCKETS.quarantine },
        { 'Content-Type': PDF },
        ['content-length-range', 4321, 4321],
      ]),
    );
    // Every condition either pins a field exactly or caps the size: no `starts-with` loophole.
    for (const condition of policy.conditions) {
      if (Array.isArray(condition)) expect(condition[0]).toBe('content-length-range');
    }
    // The key is made of ids: the user's filename appears nowhere in it.
    expect(key).toMatch(/^submissions\/[0-9A-Z]+\/[0-9A-Z]+$/);
  });

  it('uploads a real PDF, checks it, moves it out of quarantine and offers it as a short-lived download', async () => {
    const sub = await start(kirchheim, FUNDING, fundingData());
    const pdf = minimalPdf();
    const created = await ask(kirchheim, sub, {
      filename: 'Unterschriebener Antrag.pdf',
      contentType: PDF,
      size: pdf.length,
      kind: 'signed-application',
    });
    const key = `submissions/${sub.id}/${created.attachmentId}`;
    expect((await list(kirchheim, sub)).map((a) => a.state)).toEqual(['pending']);

    // Confirming before the upload changes nothing.
    expectError(await complete(kirchheim, sub, created.attachmentId), 409, 'attachments.not_uploaded');

    await upload(created, pdf);
    expect(await objectIn(BUCKETS.quarantine, key)).toEqual(pdf);
    expect(await objectIn(BUCKETS.attachments, key)).toBeUndefined();

    const res = await complete(kirchheim, sub, created.attachmentId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      attachmentId: created.attachmentId,
      state: 'available',
      sha256: sha256(pdf),
      kind: 'signed-application',
      frozen: false,
    });
    expect(await objectIn(BUCKETS.quarantine, key)).toBeUndefined();
    expect(await objectIn(BUCKETS.attachments, key)).toEqual(pdf);
    const stored = await s3.send(new HeadObjectCommand({ Bucket: BUCKETS.attachments, Key: key }));
    expect(stored.ContentType).toBe(PDF);

    // Confirming again is harmless.
    expect((await complete(kirchheim, sub, created.attachmentId)).status).toBe(200);

    const download = await kirchheim.get(`${base(sub)}/${created.attachmentId}`);
    expect(download.status).toBe(200);
    expect(Object.keys(download.body).sort()).toEqual(['expiresAt', 'url']);
    expect(Date.parse(download.body.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60 * 1000);
    const url = new URL(download.body.url);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);
    expect(url.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="Unterschriebener Antrag.pdf"; filename*=UTF-8''Unterschriebener%20Antrag.pdf`,
    );
    const file = await fetch(download.body.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(file.headers.get('content-type')).toBe(PDF);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(pdf);
  });

  it('refuses a .exe renamed to .pdf after upload, and deletes it', async () => {
    const sub = await start(kirchheim, FUNDING, fundingData());
    const exe = windowsExecutable();
    const { created, res } = await attach(kirchheim, sub, exe, { filename: 'Antrag.pdf' });
    expectError(res, 400, 'attachments.type_mismatch');
    const key = `submissions/${sub.id}/${created.attachmentId}`;
    expect(await objectIn(BUCKETS.quarantine, key)).toBeUndefined();
    expect(await objectIn(BUCKETS.attachments, key)).toBeUndefined();
    const [listed] = await list(kirchheim, sub);
    expect(listed).toMatchObject({ state: 'rejected', rejection: { code: 'attachments.type_mismatch' } });
    // The answer stays the same, and there is nothing to download.
    expectError(await complete(kirchheim, sub, created.attachmentId), 400, 'attachments.type_mismatch');
    expectError(
      await kirchheim.get(`${base(sub)}/${created.attachmentId}`),
      409,
      'attachments.not_available',
    );
  });

  it('refuses what differs from the declaration after upload: size and content type', async () => {
    const sub = await start(kirchheim, FUNDING, fundingData());
    const pdf = minimalPdf();
    const bigger = await ask(kirchheim, sub, { filename: 'a.pdf', contentType: PDF, size: 100 });
    await upload(bigger, pdf);
    expectError(await complete(kirchheim, sub, bigger.attachmentId), 400, 'attachments.size_mismatch');
    expect(
      await objectIn(BUCKETS.quarantine, `submissions/${sub.id}/${bigger.attachmentId}`),
    ).toBeUndefined();

    const retyped = await ask(kirchheim, sub, { filename: 'b.pdf', contentType: PDF, size: pdf.length });
    await upload(retyped, pdf, { 'Content-Type': 'text/html' });
    expectError(await complete(kirchheim, sub, retyped.attachmentId), 400, 'attachments.type_mismatch');
  });

  it('refuses the EICAR test file and deletes it', async () => {
    const sub = await start(kirchheim, FUNDING, fundingData());
    const { created, res } = await attach(kirchheim, sub, eicarPdf(), { filename: 'harmlos.pdf' });
    expectError(res, 400, 'attachments.malware_found');
    const key = `submissions/${sub.id}/${created.attachmentId}`;
    expect(await objectIn(BUCKETS.quarantine, key)).toBeUndefined();
    expect(await objectIn(BUCKETS.attachments, key)).toBeUndefined();
    expect((await list(kirchheim, sub))[0]).toMatchObject({
      state: 'rejected',
      rejection: { code: 'attachments.malware_found' },
    });
  });

  it('keeps concurrent confirmations of the same upload safe', async () => {
    const sub = await start(kirchheim, FUNDING, fundingData());
    const pdf = minimalPdf('Gleichzeitig');
    const created = await ask(kirchheim, sub, { filename: 'x.pdf', contentType: PDF, size: pdf.length });
    await upload(created, pdf);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => complete(kirchheim, sub, created.attachmentId)),
    );
    for (const r of results) expect([200, 202], JSON.stringify(r.body)).toContain(r.status);
    expect(results.some((r) => r.status === 200)).toBe(true);
    const items = await list(kirchheim, sub);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ state: 'available', sha256: sha256(pdf) });
    const key = `submissions/${sub.id}/${created.attachmentId}`;
    expect(await objectIn(BUCKETS.attachments, key)).toEqual(pdf);
    expect(await objectIn(BUCKETS.quarantine, key)).toBeUndefined();
  });
});

describe('limits', () => {
  it('refuses an oversize declaration, a type not allowed and a malformed request, storing nothing', async () => {
    const sub = await start(kirchheim, FUNDING, fundingData());
    const tooLarge = await kirchheim.post(base(sub), {
      filename: 'scan.pdf',
      contentType: PDF,
      size: 10 * MiB + 1,
    });
    expectError(tooLarge, 400, 'attachments.too_large');
    expectError(
      await kirchheim.post(base(sub), {
        filename: 'setup.exe',
        contentType: 'application/x-msdownload',
        size: 10,
      }),
      400,
      'attachments.type_not_allowed',
    );
    expectError(
      await kirchheim.post(base(sub), { filename: 'page.html', contentType: 'text/html', size: 10 }),
      400,
      'attachments.type_not_allowed',
    );
    expectError(
      await kirchheim.post(base(sub), { filename: 'x.pdf', contentType: PDF, size: 0 }),
      400,
      'request.invalid',
    );
    expectError(
      await kirchheim.post(base(sub), { filename: 'x.pdf', contentType: PDF, size: '12' }),
      400,
      'request.invalid',
    );
    expectError(await kirchheim.post(base(sub), { contentType: PDF, size: 12 }), 400, 'request.invalid');
    expectError(
      await kirchheim.post(base(sub), { filename: 'x.pdf', contentType: PDF, size: 12, kind: 'love-letter' }),
      400,
      'attachments.kind_not_allowed',
    );
    expect(await list(kirchheim, sub)).toEqual([]);
  });

  it('never lets more than 20 files through, not even with concurrent requests', async () => {
    const sub = await start(kirchheim, FUNDING, fundingData());
    const request = (i: number) =>
      kirchheim.post(base(sub), { filename: `${i}.pdf`, contentType: PDF, size: 10 });
    const burst = await Promise.all(Array.from({ length: 24 }, (_, i) => request(i)));
    for (const r of burst) expect([201, 400, 409], JSON.stringify(r.body)).toContain(r.status);
    const created = burst.filter((r) => r.status === 201).length;
    expect(created).toBeLessThanOrEqual(20);
    for (let i = created; i < 20; i++) expect((await request(100 + i)).status).toBe(201);
    expect(await list(kirchheim, sub)).toHaveLength(20);
    expectError(await request(999), 400, 'attachments.too_many');
    // Deleting one makes room again.
    const [first] = await list(kirchheim, sub);
    expect((await kirchheim.request('DELETE', `${base(sub)}/${first!.attachmentId}`)).status).toBe(204);
    expect((await request(1000)).status).toBe(201);
  });
});

describe('access', () => {
  it('hides a submission’s attachments from a foreign municipality: list, ask, confirm, download, delete', async () => {
    const sub = await start(kirchheim, FUNDING, fundingData());
    const { created } = await attach(kirchheim, sub, minimalPdf());
    const one = `${base(sub)}/${created.attachmentId}`;
    for (const res of [
      await weilheim.get(base(sub)),
      await weilheim.post(base(sub), { filename: 'x.pdf', contentType: PDF, size: 10 }),
      await weilheim.post(`${one}/complete`),
      await weilheim.get(one),
      await weilheim.request('DELETE', one),
      // A reviewer sees nothing of a draft.
      await reviewer.get(base(sub)),
      await reviewer.get(one),
    ]) {
      expectError(res, 404, 'submission.not_found');
    }
    expect((await list(kirchheim, sub)).map((a) => a.state)).toEqual(['available']);
    expectError(await kirchheim.get(`${base(sub)}/01NOSUCHATTACHMENT`), 404, 'attachments.not_found');
  });
});

describe('attachments and the workflow', () => {
  it('refuses to submit without the signed application or while an upload is pending, freezes the list with the revision, keeps frozen files', async () => {
    let sub = await start(kirchheim, FUNDING, fundingData());
    // The form requires the signed application; nothing attached yet.
    const missing = await act(kirchheim, sub, 'submit');
    expectError(missing, 409, 'attachments.required');
    expect(missing.body.error.details).toEqual([{ pointer: '/attachments', message: 'signed-application' }]);
    const pending = await ask(kirchheim, sub, {
      filename: 'Antrag-unterschrieben.pdf',
      contentType: PDF,
      size: minimalPdf().length,
      kind: 'signed-application',
    });
    const refused = await act(kirchheim, sub, 'submit');
    expectError(refused, 409, 'attachments.pending');
    expect(refused.body.error.details).toEqual([
      { pointer: `/attachments/${pending.attachmentId}`, message: 'pending' },
    ]);

    await upload(pending, minimalPdf());
    expect((await complete(kirchheim, sub, pending.attachmentId)).status).toBe(200);
    const rejected = await attach(kirchheim, sub, windowsExecutable(), { filename: 'virus.pdf' });
    expect(rejected.res.status).toBe(400);

    sub = await actOk(kirchheim, sub, 'submit');
    const revision = await kirchheim.get(`/api/submissions/${sub.id}/revisions/1`);
    // Only available attachments are frozen; the rejected one is not part of the revision.
    expect(revision.body.attachments).toEqual([pending.attachmentId]);

    // In review: the reviewer sees and downloads the frozen file; nobody changes attachments.
    expect((await list(reviewer, sub)).map((a) => [a.attachmentId, a.frozen])).toEqual([
      [pending.attachmentId, true],
    ]);
    expect((await reviewer.get(`${base(sub)}/${pending.attachmentId}`)).status).toBe(200);
    expectError(
      await kirchheim.request('DELETE', `${base(sub)}/${pending.attachmentId}`),
      409,
      'submission.not_editable',
    );
    expectError(
      await kirchheim.post(base(sub), { filename: 'late.pdf', contentType: PDF, size: 10 }),
      409,
      'submission.not_editable',
    );
    expectError(
      await reviewer.post(base(sub), { filename: 'x.pdf', contentType: PDF, size: 10 }),
      403,
      'submission.forbidden',
    );

    // Returned for revision: the frozen file stays; a new one can come and go again.
    sub = await actOk(reviewer, sub, 'return', 'Bitte die Stellenbeschreibung beifügen.');
    expectError(
      await kirchheim.request('DELETE', `${base(sub)}/${pending.attachmentId}`),
      409,
      'attachments.frozen',
    );
    const extra = await attach(kirchheim, sub, minimalPdf('Stellenbeschreibung'), {
      filename: 'Stellenbeschreibung.pdf',
    });
    expect(extra.res.status).toBe(200);
    // The reviewer does not see what was added after the return until it is submitted.
    expect((await list(reviewer, sub)).map((a) => a.attachmentId)).toEqual([pending.attachmentId]);
    expectError(
      await reviewer.get(`${base(sub)}/${extra.created.attachmentId}`),
      404,
      'attachments.not_found',
    );
    const draftOnly = await attach(kirchheim, sub, minimalPdf('Entwurf'), { filename: 'Entwurf.pdf' });
    const deleted = await kirchheim.request('DELETE', `${base(sub)}/${draftOnly.created.attachmentId}`);
    expect(deleted.status).toBe(204);
    const key = `submissions/${sub.id}/${draftOnly.created.attachmentId}`;
    expect(await objectIn(BUCKETS.attachments, key)).toBeUndefined();
    expectError(
      await kirchheim.request('DELETE', `${base(sub)}/${draftOnly.created.attachmentId}`),
      404,
      'attachments.not_found',
    );
    // The rejected upload can be cleared away.
    expect((await kirchheim.request('DELETE', `${base(sub)}/${rejected.created.attachmentId}`)).status).toBe(
      204,
    );

    sub = await actOk(kirchheim, sub, 'submit');
    const second = await kirchheim.get(`/api/submissions/${sub.id}/revisions/2`);
    expect(second.body.attachments).toEqual([pending.attachmentId, extra.created.attachmentId]);

    // Approved: every frozen file can still be downloaded, none deleted.
    sub = await actOk(reviewer, sub, 'approve');
    for (const id of second.body.attachments) {
      const download = await reviewer.get(`${base(sub)}/${id}`);
      expect(download.status).toBe(200);
      expect((await fetch(download.body.url)).status).toBe(200);
      expectError(await kirchheim.request('DELETE', `${base(sub)}/${id}`), 409, 'submission.not_editable');
    }
  });
});

describe('the signed paper of an agreed plan', () => {
  it('is kept with the revision it was signed for, seen by the coordinators, never taken into a later one', async () => {
    const [manager, coordinator] = await Promise.all([
      platform.as('kirchheim.im1'),
      platform.as('kirchheim.koordination'),
    ]);
    let plan = await start(manager, PLAN, planData({ caseId: uniqueCaseId() }));
    plan = await actOk(manager, plan, 'submit');
    plan = await actOk(coordinator, plan, 'approve');
    const scan = minimalPdf();
    const signed = { filename: 'Plan unterschrieben.pdf', contentType: PDF, size: scan.length };

    // Only an agreed revision is signed; an application is never signed this way.
    expectError(
      await manager.post(base(plan), { ...signed, signedRevision: 2 }),
      409,
      'attachments.signed_not_agreed',
    );
    const application = await start(kirchheim, FUNDING, fundingData());
    expectError(
      await kirchheim.post(base(application), { ...signed, signedRevision: 1 }),
      400,
      'attachments.signed_not_applicable',
    );

    const { created, res } = await attach(manager, plan, scan, { ...signed, signedRevision: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ state: 'available', signedRevision: 1 });
    expectError(
      await manager.post(base(plan), { ...signed, signedRevision: 1 }),
      409,
      'attachments.signed_exists',
    );
    expect((await list(coordinator, plan)).map((a) => [a.attachmentId, a.signedRevision])).toEqual([
      [created.attachmentId, 1],
    ]);
    expect((await coordinator.get(`${base(plan)}/${created.attachmentId}`)).status).toBe(200);

    // The plan is continued and agreed again: revision 2 does not hold the paper signed for revision 1.
    plan = await actOk(manager, plan, 'amend');
    plan = await actOk(manager, plan, 'submit');
    const revision = await coordinator.get(`/api/submissions/${plan.id}/revisions/2`);
    expect(revision.status, JSON.stringify(revision.body)).toBe(200);
    expect(revision.body.attachments ?? []).not.toContain(created.attachmentId);
    expectError(
      await manager.request('DELETE', `${base(plan)}/${created.attachmentId}`),
      409,
      'attachments.frozen',
    );
  });
});
