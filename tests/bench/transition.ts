/**
 * Transition overhead: `POST /api/submissions/{id}/transitions` (submit by the municipality, then approve by
 * the state reviewer) against a raw `TransactWriteItems` of the very items that transition wrote.
 *
 * The items are taken from the handlers' own document client while the API call runs (the platform runs in
 * this process), then written again for a twin submission in the same state, with its id swapped in. So the
 * floor carries the same conditions, the same index attributes, the revision, the history event and the
 * planning-frame update; what it lacks is everything the platform does around the write. A second floor adds
 * the HTTP hop: the same items, for a third twin, written by a bare `node:http` server on loopback per request
 * (API Gateway makes this hop in AWS). The ratios against both floors are printed.
 *
 * The approvals grant 1 EUR (with a reason): approving the full amount again and again would exhaust the
 * demo planning frames long before the samples are in. The transaction has the same items either way.
 */
import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../functions/adapters/dynamodb/client.ts';
import {
  attachSignedApplication,
  type BenchPlatform,
  type Figure,
  ok,
  ratio,
  round2,
  sample,
  startHopFloor,
  stats,
  time,
} from './lib.ts';

const N = 60;
const WARMUP = 5;

type Items = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** Collects the transactions the handlers send, while `during` runs. */
async function capturing(during: () => Promise<unknown>): Promise<Items> {
  const sent: Items[] = [];
  const send = documentClient.send.bind(documentClient) as (...args: unknown[]) => Promise<unknown>;
  documentClient.send = ((command: unknown, ...rest: unknown[]) => {
    if (command instanceof TransactWriteCommand)
      sent.push(structuredClone(command.input.TransactItems ?? []));
    return send(command, ...rest);
  }) as typeof documentClient.send;
  try {
    await during();
  } finally {
    documentClient.send = send as typeof documentClient.send;
  }
  const last = sent.at(-1);
  if (!last) throw new Error('the transition wrote no transaction');
  return last;
}

/** The same items for another submission. */
const forTwin = (items: Items, id: string, twin: string): Items =>
  JSON.parse(JSON.stringify(items).replaceAll(id, twin));

/**
 * A first submit also moves the file-number counter (`FILENO#…`) on the condition that it still holds the
 * value read: a replay expects the counter as it stands now (read here, not timed), so it writes the same items.
 */
async function withCounterNow(platform: BenchPlatform, items: Items): Promise<Items> {
  for (const entry of items) {
    const update = entry.Update;
    if (!update || !String(update.Key?.pk).startsWith('FILENO#')) continue;
    const out = await platform.dynamo.send(
      new GetCommand({ TableName: platform.tableName, Key: update.Key }),
    );
    const n = Number(out.Item?.n ?? 0);
    update.ConditionExpression = n === 0 ? 'attribute_not_exists(#n)' : '#n = :expected';
    update.ExpressionAttributeValues = { ...update.ExpressionAttributeValues, ':next': n + 1 };
    if (n === 0) delete update.ExpressionAttributeValues[':expected'];
    else update.ExpressionAttributeValues[':expected'] = n;
  }
  return items;
}

export async function measureTransition(platform: BenchPlatform): Promise<Figure[]> {
  const owner = await platform.as('kirchheim.kommune');
  const reviewer = await platform.as('rp.pruefer1');
  const data = await sample('funding-application', 'valid-minimal');
  const samples = {
    submit: [] as number[],
    approve: [] as number[],
    submitRaw: [] as number[],
    approveRaw: [] as number[],
    submitHop: [] as number[],
    approveHop: [] as number[],
  };
  // The hop floor writes whatever transaction is pending: the request carries a small body, as the API's does.
  let pending: Items = [];
  const hop = await startHopFloor(() =>
    platform.dynamo.send(new TransactWriteCommand({ TransactItems: pending })),
  );
  try {
    for (let i = 0; i < WARMUP + N; i++) {
      const [sub, twin, hopTwin] = await Promise.all(
        [0, 1, 2].map(() =>
          ok(owner.request('POST', '/api/submissions', { formId: 'funding-application', data })),
        ),
      );
      // Each twin carries the signed application too: a submit's condition includes the attachments' version.
      for (const each of [sub, twin, hopTwin]) await attachSignedApplication(owner, each.id);
      const raw = (items: Items) =>
        time(() => platform.dynamo.send(new TransactWriteCommand({ TransactItems: items })));
      let submitMs = 0;
      const submitted = await capturing(async () => {
        submitMs = await time(async () => {
          const res = await owner.request(
            'POST',
            `/api/submissions/${sub.id}/transitions`,
            { action: 'submit' },
            1,
          );
          if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
        });
      });
      const submitRawMs = await raw(await withCounterNow(platform, forTwin(submitted, sub.id, twin.id)));
      pending = await withCounterNow(platform, forTwin(submitted, sub.id, hopTwin.id));
      const submitHopMs = await time(() => hop.call({ action: 'submit' }));
      let approveMs = 0;
      const approved = await capturing(async () => {
        approveMs = await time(async () => {
          const res = await reviewer.request(
            'POST',
            `/api/submissions/${sub.id}/transitions`,
            { action: 'approve', decision: { approvedAmount: 1, reason: 'Benchmark' } },
            2,
          );
          if (res.status !== 200) throw new Error(`approve: ${res.status} ${JSON.stringify(res.body)}`);
        });
      });
      const approveRawMs = await raw(forTwin(approved, sub.id, twin.id));
      pending = forTwin(approved, sub.id, hopTwin.id);
      const approveHopMs = await time(() =>
        hop.call({ action: 'approve', decision: { approvedAmount: 1, reason: 'Benchmark' } }),
      );
      if (i < WARMUP) continue;
      samples.submit.push(submitMs);
      samples.submitRaw.push(submitRawMs);
      samples.approve.push(approveMs);
      samples.approveRaw.push(approveRawMs);
      samples.submitHop.push(submitHopMs);
      samples.approveHop.push(approveHopMs);
    }
  } finally {
    await hop.close();
  }

  const s = {
    submitMs: stats(samples.submit),
    submitTransactWriteMs: stats(samples.submitRaw),
    approveMs: stats(samples.approve),
    approveTransactWriteMs: stats(samples.approveRaw),
    submitHopFloorMs: stats(samples.submitHop),
    approveHopFloorMs: stats(samples.approveHop),
  };
  return [
    ratio(
      'transition overhead',
      'submit p50 vs HTTP-hop floor',
      round2(s.submitMs.p50 / s.submitHopFloorMs.p50),
      1.3,
      s,
    ),
    ratio(
      'transition overhead',
      'approve p50 vs HTTP-hop floor',
      round2(s.approveMs.p50 / s.approveHopFloorMs.p50),
      1.3,
      s,
    ),
    ratio(
      'transition overhead',
      'submit p50 raw',
      round2(s.submitMs.p50 / s.submitTransactWriteMs.p50),
      2,
      s,
    ),
    ratio(
      'transition overhead',
      'approve p50 raw',
      round2(s.approveMs.p50 / s.approveTransactWriteMs.p50),
      2,
      s,
    ),
  ];
}
