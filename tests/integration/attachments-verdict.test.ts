/**
 * The AWS path of the malware verdict, run locally: the platform waits for the verdict as it does with
 * GuardDuty (confirmations answer 202, attachments stay `scanning`), and the test plays GuardDuty by
 * sending its "Object Scan Result" events to the verdict function.
 */
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResultEvent } from '../../functions/events/malware-verdict.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../functions/local/emulators.ts';
import { BUCKETS } from '../../functions/local/platform.ts';
import { act, actOk, expectError, FUNDING, fundingData, start } from '../helpers/factories.ts';
import { minimalPdf } from '../helpers/files.ts';
import { assertLoopback } from '../helpers/local-only.ts';
import type { ApiClient } from '../helpers/platform.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

type Json = Record<string, any>;
const PDF = 'application/pdf';

let platform: TestPlatform;
let kirchheim: ApiClient;
let s3: S3Client;
let verdictHandler: (event: ScanResultEvent, context: Context) => Promise<void>;

beforeAll(async () => {
  platform = await startTestPlatform({ malwareScanner: 'guardduty' });
  kirchheim = await platform.as('kirchheim.kommune');
  s3 = new S3Client({
    endpoint: assertLoopback(platform.s3Endpoint),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  // Loaded after the platform set the environment, as a Lambda container would be.
  verdictHandler = (await import('../../functions/events/malware-verdict.ts')).handler;
});
afterAll(async () => {
  s3?.destroy();
  await platform?.stop();
});

const base = (sub: Json) => `/api/submissions/${sub.id}/attachments`;
const keyOf = (sub: Json, attachmentId: string) => `submissions/${sub.id}/${attachmentId}`;

const lambdaContext = {
  functionName: 'local-malware-verdict',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:local-malware-verdict',
  memoryLimitInMB: '512',
  awsRequestId: 'test',
  logGroupName: '/local/malware-verdict',
  logStreamName: 'local',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as Context;

/** GuardDuty's event for an object, shaped as EventBridge delivers it. */
function scanResult(
  key: string,
  etag: string,
  status: string,
  bucket: string = BUCKETS.quarantine,
): ScanResultEvent {
  return {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': 'GuardDuty Malware Protection Object Scan Result',
    source: 'aws.guardduty',
    account: '000000000000',
    time: new Date().toISOString(),
    region: LOCAL_REGION,
    resources: ['arn:aws:guardduty:eu-central-1:000000000000:malware-protection-plan/test'],
    detail: {
      schemaVersion: '1.0',
      scanStatus: 'COMPLETED',
      resourceType: 'S3_OBJECT',
      s3ObjectDetails: {
        bucketName: bucket,
        objectKey: key,
        eTag: etag,
        versionId: 'null',
        s3Throttled: false,
      },
      scanResultDetails: { scanResultStatus: status, threats: null },
    },
  } as ScanResultEvent;
}

const send = (event: ScanResultEvent) => verdictHandler(event, lambdaContext);

async function etagOf(key: string): Promise<string> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKETS.quarantine, Key: key }));
  return (head.ETag ?? '').replace(/"/g, '');
}

async function exists(bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return false;
    throw error;
  }
}

/** The browser's form POST to the local S3. */
async function post(fields: Record<string, string>, url: string, content: Uint8Array) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([content as Uint8Array<ArrayBuffer>]));
  expect((await fetch(url, { method: 'POST', body: form })).status).toBe(204);
}

/** Asks for an upload and POSTs the file to the local S3 (without confirming). */
async function uploaded(sub: Json, content = minimalPdf()) {
  const res = await kirchheim.post(base(sub), {
    filename: 'Antrag-unterschrieben.pdf',
    contentType: PDF,
    size: content.length,
    // The signed application: the one attachment the form requires before a submit.
    kind: 'signed-application',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await post(res.body.upload.fields, res.body.upload.url, content);
  const attachmentId: string = res.body.attachmentId;
  return {
    attachmentId,
    key: keyOf(sub, attachmentId),
    upload: res.body.upload as { url: string; fields: Record<string, string> },
  };
}

const complete = (sub: Json, attachmentId: string) => kirchheim.post(`${base(sub)}/${attachmentId}/complete`);
const stateOf = async (sub: Json, attachmentId: string) =>
  ((await kirchheim.get(base(sub))).body.items as Json[]).find((a) => a.attachmentId === attachmentId)?.state;

describe('verdict by event', () => {
  it('waits in scanning (202), blocks the submit, and becomes available when the clean verdict arrives', async () => {
    let sub = await start(kirchheim, FUNDING, fundingData());
    const { attachmentId, key } = await uploaded(sub);
    const res = await complete(sub, attachmentId);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.state).toBe('scanning');
    expect(await stateOf(sub, attachmentId)).toBe('scanning');
    expectError(await act(kirchheim, sub, 'submit'), 409, 'attachments.pending');
    expectError(await kirchheim.get(`${base(sub)}/${attachmentId}`), 409, 'attachments.not_available');
    // Still scanning: confirming again answers 202 again.
    expect((await complete(sub, attachmentId)).status).toBe(202);

    // A verdict for another upload of the same key (an older or newer object) is not this one's.
    await send(scanResult(key, 'not-this-etag', 'NO_THREATS_FOUND'));
    expect(await stateOf(sub, attachmentId)).toBe('scanning');
    // Nor is one for another bucket.
    await send(scanResult(key, await etagOf(key), 'NO_THREATS_FOUND', 'some-other-bucket'));
    expect(await stateOf(sub, attachmentId)).toBe('scanning');

    await send(scanResult(key, await etagOf(key), 'NO_THREATS_FOUND'));
    expect(await stateOf(sub, attachmentId)).toBe('available');
    expect(await exists(BUCKETS.attachments, key)).toBe(true);
    expect(await exists(BUCKETS.quarantine, key)).toBe(false);
    expect((await complete(sub, attachmentId)).status).toBe(200);
    expect((await kirchheim.get(`${base(sub)}/${attachmentId}`)).status).toBe(200);

    sub = await actOk(kirchheim, sub, 'submit');
    expect((await kirchheim.get(`/api/submissions/${sub.id}/revisions/1`)).body.attachments).toEqual([
      attachmentId,
    ]);
  });

  it('rejects and deletes on a threat, and on a file that could not be scanned', async () => {
    const sub = await start(kirchheim, FUNDING, fundingData());
    for (const [status, code] of [
      ['THREATS_FOUND', 'attachments.malware_found'],
      ['UNSUPPORTED', 'attachments.scan_failed'],
    ] as const) {
      const { attachmentId, key } = await uploaded(sub);
      expect((await complete(sub, attachmentId)).status).toBe(202);
      const etag = await etagOf(key);
      await send(scanResult(key, etag, status));
      expect(await stateOf(sub, attachmentId)).toBe('rejected');
      expect(await exists(BUCKETS.quarantine, key)).toBe(false);
      expect(await exists(BUCKETS.attachments, key)).toBe(false);
      expectError(await complete(sub, attachmentId), 400, code);
      // EventBridge delivers at least once: the same event again changes nothing.
      await send(scanResult(key, etag, status));
      expect(await stateOf(sub, attachmentId)).toBe('rejected');
    }
  });

  it('keeps a verdict that arrives before the confirmation and applies it then', async () => {
    const sub = await start(kirchheim, FUNDING, fundingData());
    const clean = await uploaded(sub);
    await send(scanResult(clean.key, await etagOf(clean.key), 'NO_THREATS_FOUND'));
    expect(await stateOf(sub, clean.attachmentId)).toBe('pending');
    const res = await complete(sub, clean.attachmentId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.state).toBe('available');

    const infected = await uploaded(sub);
    await send(scanResult(infected.key, await etagOf(infected.key), 'THREATS_FOUND'));
    expectError(await complete(sub, infected.attachmentId), 400, 'attachments.malware_found');
    expect(await exists(BUCKETS.quarantine, infected.key)).toBe(false);
  });

  it('promotes only the bytes that were checked', async () => {
    const sub = await start(kirchheim, FUNDING, fundingData());
    const pdf = minimalPdf('Fassung A');
    const { attachmentId, key, upload } = await uploaded(sub, pdf);
    expect((await complete(sub, attachmentId)).status).toBe(202);
    const etag = await etagOf(key);
    // The presigned POST is still valid: another file of the same size and type replaces the checked one.
    const other = minimalPdf('Fassung B');
    expect(other.length).toBe(pdf.length);
    await post(upload.fields, upload.url, other);
    // The verdict for the checked upload arrives; the object is no longer what was checked: not promoted.
    await send(scanResult(key, etag, 'NO_THREATS_FOUND'));
    expect(await stateOf(sub, attachmentId)).toBe('rejected');
    expect(await exists(BUCKETS.attachments, key)).toBe(false);
    expect(await exists(BUCKETS.quarantine, key)).toBe(false);
  });

  it('deletes an object whose attachment was deleted meanwhile', async () => {
    const sub = await start(kirchheim, FUNDING, fundingData());
    const { attachmentId, key, upload } = await uploaded(sub);
    expect((await kirchheim.request('DELETE', `${base(sub)}/${attachmentId}`)).status).toBe(204);
    expect(await exists(BUCKETS.quarantine, key)).toBe(false);
    // A late upload with the still valid form, then its verdict: nothing of it stays.
    await post(upload.fields, upload.url, minimalPdf());
    expect(await exists(BUCKETS.quarantine, key)).toBe(true);
    await send(scanResult(key, await etagOf(key), 'NO_THREATS_FOUND'));
    expect(await exists(BUCKETS.quarantine, key)).toBe(false);
    expect(await exists(BUCKETS.attachments, key)).toBe(false);
  });
});
