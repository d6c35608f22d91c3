/**
 * Retention and erasure over the local platform: a plan whose storage consent was withdrawn is erased when
 * due (items in DynamoDB, objects in S3), leaving a tombstone without personal data and its anonymous figures
 * record, so key figures stay the same; reads hide what is due even before the job ran.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoFiguresStore } from '../../functions/adapters/dynamodb/figures-store.ts';
import { objectKey } from '../../functions/core/attachments.ts';
import { aggregateKeyFigures } from '../../functions/core/key-figures.ts';
import { addMonths, berlinDate } from '../../functions/core/retention.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../functions/local/emulators.ts';
import { BUCKETS } from '../../functions/local/platform.ts';
import {
  actOk,
  expectError,
  FUNDING,
  fetchOk,
  fundingData,
  PLAN,
  planData,
  signIn,
  start,
  submitFunding,
  uniqueCaseId,
} from '../helpers/factories.ts';
import { minimalPdf } from '../helpers/files.ts';
import { assertLoopback } from '../helpers/local-only.ts';
import { type ApiClient, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { attachFile } from '../helpers/uploads.ts';

type Json = Record<string, any>;

let platform: TestPlatform;
let im1: ApiClient;
let coord: ApiClient;
let reviewer: ApiClient;
let municipality: ApiClient;
let doc: DynamoDBDocumentClient;
let s3: S3Client;
let eraseDue: (now?: Date) => Promise<{ erased: string[]; failed: unknown[] }>;

beforeAll(async () => {
  platform = await startTestPlatform();
  [im1, coord, reviewer, municipality] = await signIn(
    platform,
    'kirchheim.im1',
    'kirchheim.koordination',
    'rp.pruefer1',
    'kirchheim.kommune',
  );
  doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: assertLoopback(platform.dynamoEndpoint),
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    }),
  );
  s3 = new S3Client({
    endpoint: assertLoopback(platform.s3Endpoint),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  // The job as the schedule runs it, in this process (the handlers run in-process too).
  const { awsAdapters } = await import('../../functions/lib/aws-files.ts');
  const { erasureService } = await import('../../functions/lib/services.ts');
  eraseDue = (now) => erasureService(awsAdapters({ quarantine: true })).eraseDue(now);
});
afterAll(async () => {
  s3?.destroy();
  doc?.destroy();
  await platform?.stop();
});

const itemsOf = async (id: string) =>
  (
    await doc.send(
      new QueryCommand({
        TableName: platform.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `SUB#${id}` },
      }),
    )
  ).Items ?? [];

async function objectExists(bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
      return false;
    throw error;
  }
}

const keyFigures = async (year: number) => {
  const res = await coord.get(`/api/reports/key-figures?year=${year}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('a plan whose storage consent was withdrawn', () => {
  it('is erased when due: items, attachment objects, access log; tombstone and figures stay', async () => {
    const caseId = uniqueCaseId();
    const data = planData({ caseId });
    data.person.name = 'Zu Löschende Person';
    data.goals = [{ area: 'language', title: 'Deutschkurs B1', status: 'in_progress' }];
    const draft = await start(im1, PLAN, data);
    const attachment = await attachFile(im1, draft, minimalPdf('Zeugnis'), {
      filename: 'Zeugnis-Loeschtest.pdf',
    });
    const agreed = await actOk(coord, await actOk(im1, await fetchOk(im1, draft.id), 'submit'), 'approve');
    expect(
      (await im1.get(`/api/submissions/${agreed.id}/attachments/${attachment.attachmentId}`)).status,
    ).toBe(200);
    const year = Number(data.header.counsellingStart.slice(0, 4));
    const figuresBefore = await keyFigures(year);
    expect(figuresBefore.figures.plans.active).toBeGreaterThan(0);
    // Read from the organisation's maintained aggregate, the figures are those of counting every record.
    const records = await new DynamoFiguresStore(doc, platform.tableName).listByOrg(agreed.org);
    expect(figuresBefore.figures).toEqual(aggregateKeyFigures(records, year));

    const withdrawn = await im1.post(`/api/submissions/${agreed.id}/consent`, { purpose: 'storage' });
    expect(withdrawn.status).toBe(200);
    const dueAt = withdrawn.body.erasureDueAt as string;
    expect(dueAt).toBe(addMonths(berlinDate(new Date()), 6));
    const key = objectKey(agreed.id, attachment.attachmentId);
    expect(await objectExists(BUCKETS.attachments, key)).toBe(true);

    // Not due yet: the job leaves it alone.
    expect((await eraseDue()).erased).not.toContain(agreed.id);
    expect((await fetchOk(coord, agreed.id)).locked).toBe(true);

    // The day it is due.
    const report = await eraseDue(new Date(`${dueAt}T12:00:00Z`));
    expect(report.erased).toContain(agreed.id);
    expect(report.failed).toEqual([]);

    const items = await itemsOf(agreed.id);
    expect(items.map((i) => i.sk)).toEqual(['TOMBSTONE']);
    const tombstone = items[0]!;
    expect(tombstone).toMatchObject({
      id: agreed.id,
      formId: PLAN,
      kind: 'case',
      org: agreed.org,
      reason: 'erased',
      basis: 'consent_withdrawn',
      erasureDueAt: dueAt,
      counts: { revisions: 1, attachments: 1, events: 4 },
    });
    expect(tombstone.counts.accessLog).toBeGreaterThan(0);
    expect(JSON.stringify(tombstone)).not.toMatch(
      /Zu Löschende|Deutschkurs|Zeugnis|kirchheim\.im1|u-kirchheim/,
    );
    expect(JSON.stringify(tombstone)).not.toContain(caseId);
    expect(await objectExists(BUCKETS.attachments, key)).toBe(false);
    expect(await objectExists(BUCKETS.quarantine, key)).toBe(false);

    // The anonymous figures record stays; the key figures add up as before.
    const figures = await doc.send(
      new GetCommand({ TableName: platform.tableName, Key: { pk: `FIGURES#${agreed.org}`, sk: agreed.id } }),
    );
    expect(figures.Item).toBeDefined();
    expect(await keyFigures(year)).toEqual(figuresBefore);

    // Gone for everyone, everywhere.
    for (const api of [im1, coord]) {
      expectError(await api.get(`/api/submissions/${agreed.id}`), 404, 'submission.not_found');
      expectError(await api.get(`/api/submissions/${agreed.id}/access-log`), 404, 'submission.not_found');
      const list = await api.get(`/api/submissions?formId=${PLAN}&limit=100`);
      expect(list.body.items.map((s: Json) => s.id)).not.toContain(agreed.id);
    }
    // A second run finds nothing more to do.
    expect((await eraseDue(new Date(`${dueAt}T12:00:00Z`))).erased).not.toContain(agreed.id);
  });
});

describe('reads hide what is due, even before the job ran', () => {
  it('answers 404 on every read and leaves it out of lists', async () => {
    const plan = await actOk(
      coord,
      await actOk(im1, await start(im1, PLAN, planData({ caseId: uniqueCaseId() })), 'submit'),
      'approve',
    );
    // As if the job had not run yet on a plan due yesterday (DynamoDB TTL may lag for days as well).
    const yesterday = berlinDate(new Date(Date.now() - 86_400_000));
    await doc.send(
      new UpdateCommand({
        TableName: platform.tableName,
        Key: { pk: `SUB#${plan.id}`, sk: 'META' },
        UpdateExpression: 'SET #due = :due, #summary.#due = :due, gsi5pk = :scope, gsi5sk = :sk',
        ExpressionAttributeNames: { '#due': 'erasureDueAt', '#summary': 'summary' },
        ExpressionAttributeValues: { ':due': yesterday, ':scope': 'ERASE', ':sk': `${yesterday}#${plan.id}` },
      }),
    );
    for (const api of [im1, coord]) {
      for (const path of [
        '',
        '/history',
        '/revisions/1',
        '/diff?from=1&to=1',
        '/attachments',
        '/export',
        '/access-log',
      ]) {
        const res = await api.get(`/api/submissions/${plan.id}${path}`);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
      const list = await api.get(`/api/submissions?formId=${PLAN}&limit=100`);
      expect(list.body.items.map((s: Json) => s.id)).not.toContain(plan.id);
    }
    expect((await eraseDue()).erased).toContain(plan.id);
    expect((await itemsOf(plan.id)).map((i) => i.sk)).toEqual(['TOMBSTONE']);
  });
});

describe('funding applications', () => {
  it('get their erasure date when approved: the funding period plus five years, at the earliest from the decision', async () => {
    const data = fundingData();
    const approved = await actOk(
      reviewer,
      await submitFunding(municipality, await start(municipality, FUNDING, data)),
      'approve',
    );
    const end = data.fundingPeriod.end as string;
    const today = berlinDate(new Date());
    expect(approved.erasureDueAt).toBe(addMonths([end, today].sort().at(-1)!, 60));
    expect((await fetchOk(municipality, approved.id)).id).toBe(approved.id);
  });
});
