/**
 * Follow-up records of a funding application over HTTP, in the demo's current round (2026-2027, 47,000 EUR per
 * FTE-year): a payment request only once the decision is final, within what is available, released under the
 * four-eyes rule and paid; a change notice amending the decision and the planning frame in one transaction,
 * with its amended decision; a revocation with the repayment claim that follows it. The decision's finality is
 * another part's action: here it is set on the stored item.
 */
import { execFileSync } from 'node:child_process';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berlinDate } from '../../functions/core/retention.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../functions/local/emulators.ts';
import {
  act,
  actOk,
  expectError,
  FUNDING,
  fetchOk,
  fundingData,
  ifMatch,
  save,
  signIn,
  start,
  submitFunding,
} from '../helpers/factories.ts';
import { assertLoopback } from '../helpers/local-only.ts';
import type { ApiClient, TestPlatform } from '../helpers/platform.ts';
import { startTestPlatform } from '../helpers/platform.ts';

type Json = Record<string, any>;

let platform: TestPlatform;
let lead: ApiClient;
let reviewer: ApiClient;
let reviewer2: ApiClient;
let doc: DynamoDBDocumentClient;
let app: Json;

const year = new Date().getUTCFullYear();
/** A quarter position for this calendar year: 0.25 × 47,000 = 11,750 EUR. */
const data = () =>
  fundingData({
    round: '2026-2027',
    positions: [
      {
        personName: 'Eva Beispiel',
        qualification: 'secondary',
        fte: 0.25,
        employer: 'Stadt Wendlingen am Neckar',
        startDate: `${year}-01-01`,
        months: 12,
      },
    ],
    fundingPeriod: { start: `${year}-01-01`, end: `${year}-12-31` },
  });

const frameOf = async () =>
  ((await reviewer.get('/api/allocations?round=2026-2027')).body.items as Json[]).find(
    (a) => a.org === 'wendlingen-am-neckar',
  );

beforeAll(async () => {
  platform = await startTestPlatform();
  [lead, reviewer, reviewer2] = await signIn(platform, 'wendlingen.kommune', 'rp.pruefer1', 'rp.pruefer2');
  doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: assertLoopback(platform.dynamoEndpoint),
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    }),
  );
  const submitted = await submitFunding(lead, await start(lead, FUNDING, data()));
  app = await actOk(reviewer, submitted, 'approve');
});
afterAll(async () => {
  doc?.destroy();
  await platform?.stop();
});

const startChild = (formId: string) => lead.post('/api/submissions', { formId, parentId: app.id });

/** The application's letter of `kind`, once the stream has rendered it, as text; with the file number. */
async function letter(kind: string): Promise<string> {
  await platform.deliverNotifications();
  const listed = await lead.get(`/api/submissions/${app.id}/documents`);
  expect(listed.status).toBe(200);
  const found = (listed.body.items as Json[]).filter((d) => d.kind === kind).at(-1);
  expect(found, kind).toMatchObject({ state: 'ready' });
  const res = await fetch(`${platform.url}/api/submissions/${app.id}/documents/${found?.id}`, {
    headers: { authorization: `Bearer ${lead.token}` },
  });
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes }).toString('utf8');
  return text.replace(/\s+/g, ' ');
}

/** Starts, fills and submits a follow-up record; answers the submit's response. */
async function submitChild(formId: string, fields: Json) {
  const res = await startChild(formId);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const saved = await save(lead, res.body, { ...res.body.data, ...fields });
  return act(lead, saved, 'submit');
}

describe('follow-up records over HTTP', () => {
  it('call funds once the decision is final, within what is available; released, paid, summed up', async () => {
    expectError(await startChild('payment-request'), 409, 'followUp.decision_not_final');
    // Final since yesterday (the finality actions are another part's; set on the stored item).
    const final = berlinDate(new Date(Date.now() - 86_400_000));
    await doc.send(
      new UpdateCommand({
        TableName: platform.tableName,
        Key: { pk: `SUB#${app.id}`, sk: 'META' },
        UpdateExpression: 'SET #d.#f = :f, #s.#d.#f = :f',
        ExpressionAttributeNames: { '#d': 'decision', '#f': 'finalAt', '#s': 'summary' },
        ExpressionAttributeValues: { ':f': final },
      }),
    );
    const period = { from: `${year}-11-01`, to: `${year}-12-31` };
    const declarations = { neededWithinTwoMonths: true };
    expectError(
      await submitChild('payment-request', { amount: 11_751, period, declarations }),
      409,
      'paymentRequest.exceeds_available',
    );
    const request = await submitChild('payment-request', { amount: 5_000, period, declarations });
    expect(request.status, JSON.stringify(request.body)).toBe(200);
    expect(request.body.data.bankAccount.iban).toBe('DE89370400440532013000');
    // Four-eyes: one reviewer proposes the release, a different one confirms it.
    const proposed = await actOk(reviewer, request.body, 'approve');
    expect(proposed).toMatchObject({ status: 'review', proposal: { action: 'approve' } });
    expectError(await act(reviewer, proposed, 'confirm'), 409, 'workflow.four_eyes_same_reviewer');
    const released = await actOk(reviewer2, proposed, 'confirm');
    expect(released.status).toBe('approved');
    const paid = await reviewer.post(
      `/api/submissions/${released.id}/payout`,
      { paidOn: berlinDate(new Date()) },
      ifMatch(released.version),
    );
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.result.payout).toMatchObject({ amount: 5_000 });
    // Told in their own words under the application's file number: the reviewers of the request, the
    // applicant of its release and payout.
    await platform.deliverNotifications();
    const about = async (user: ApiClient) =>
      ((await user.get('/api/notifications?limit=100')).body.items as Json[]).filter(
        (n) => n.submissionId === released.id,
      );
    const toLead = await about(lead);
    expect(toLead.map((n) => n.type).sort()).toEqual(['payment.paid', 'payment.released']);
    expect(toLead.every((n) => n.reference === app.fileNumber)).toBe(true);
    expect((await about(reviewer)).map((n) => n.type)).toEqual(['followup.submitted']);
    expect((await about(reviewer2)).map((n) => n.type).sort()).toEqual([
      'decision.proposed',
      'followup.submitted',
    ]);
    expect((await fetchOk(lead, app.id)).finance).toEqual({
      approved: 11_750,
      requested: 5_000,
      paid: 5_000,
      reclaimed: 0,
      available: 6_750,
    });
    // The case file lists the payout on its day and what is due next; the frame counts it as paid.
    const caseFile = await lead.get(`/api/submissions/${app.id}/case-file`);
    expect(caseFile.status, JSON.stringify(caseFile.body)).toBe(200);
    expect((caseFile.body.timeline as Json[]).find((e) => e.kind === 'paid')).toMatchObject({
      amount: 5_000,
    });
    expect((caseFile.body.nextSteps as Json[]).map((s) => s.kind)).toContain('call-funds');
    expect(await frameOf()).toMatchObject({ paid: 5_000, reclaimed: 0 });
    const children = await lead.get(`/api/submissions/${app.id}/children`);
    expect(children.status).toBe(200);
    expect(
      children.body.items.filter((c: Json) => c.formId === 'payment-request').map((c: Json) => c.status),
    ).toEqual(['approved', 'draft']);
  });

  it('amend the decision and the planning frame together when a change notice is approved', async () => {
    const before = await frameOf();
    const positionId = (await fetchOk(lead, app.id)).data.positions[0].id;
    const notice = await submitChild('change-notice', {
      positions: [{ positionId, type: 'end-of-employment', effectiveFrom: `${year}-06-30` }],
    });
    expect(notice.status, JSON.stringify(notice.body)).toBe(200);
    const approved = await actOk(reviewer, notice.body, 'approve');
    // Six of twelve months: 0.25 × 47,000 × 6 / 12.
    expect(approved.result.entitlement).toMatchObject({ approvedBefore: 11_750, approvedAfter: 5_875 });
    expect((await frameOf())?.approved).toBe((before?.approved ?? 0) - 5_875);
    const application = await fetchOk(lead, app.id);
    expect(application.finance).toMatchObject({ approved: 5_875, available: 875 });
    expect(application.followUp.amendments).toEqual([
      expect.objectContaining({ from: 11_750, to: 5_875, document: 'amended-decision' }),
    ]);
    const text = await letter('amended-decision');
    for (const expected of ['Änderungsbescheid', app.fileNumber, '11.750 EUR', '5.875 EUR', '12 → 6'])
      expect(text).toContain(expected);
  });

  it('revoke the decision: the revocation and, for what was paid out, a repayment claim of its own', async () => {
    const current = await fetchOk(reviewer, app.id);
    const revoked = await actOk(reviewer, current, 'revoke', 'Die Stelle ist entfallen.');
    // Paid today: no interest yet.
    expect(revoked.decision.revocation.claim).toEqual({ principal: 5_000, interest: 0, total: 5_000 });
    expect(await letter('revocation')).toContain(app.fileNumber);
    const text = await letter('repayment-claim');
    for (const expected of [
      'Rückforderungsbescheid',
      app.fileNumber,
      '5.000 EUR',
      `${app.fileNumber} Rückforderung`,
    ])
      expect(text).toContain(expected);
  });
});
