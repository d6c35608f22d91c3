/**
 * Monthly AWS cost of one state and of sixteen, from the price figures in `prices.json` (data, with their
 * date) and the usage model below (stated assumptions, per submission). `npx tsx tests/bench/cost.ts` prints
 * the table that `docs/scale.md` shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib.ts';

const prices = JSON.parse(readFileSync(join(ROOT, 'tests/bench/prices.json'), 'utf8'));

/** What one submission costs over its life (create, about 8 saves, submit, take, decision, reads). */
export const perSubmission = {
  /** Drafts: submission item of about 4 KB (4 WRU doubled in a transaction) plus its event: ~10 WRU per save. */
  writeUnits:
    8 * 10 + /* submit: item, event, revision, 9 queue and 2 search items, state, counters */ 70 + 2 * 60,
  /** Page and detail reads: about 60 reads of 1–4 RRU (eventually consistent halves are not counted). */
  readUnits: 150,
  /** API calls: the writes above plus the reads, lists and attachments. */
  requests: 80,
  /** Lambda: 1,024 MB, about 120 ms per call on arm64 (measured locally: far less; cold starts included). */
  lambdaGbSeconds: 80 * 1 * 0.12,
  /** Stored: the item, revisions, history, queue items (kept until erasure). */
  storedGb: 60e-6,
  /** Attachments: about 3 files of 1 MB. */
  attachmentGb: 3e-3,
  logGb: 80 * 2e-6,
};

export const workload = {
  /** Baden-Württemberg: 3,000 applications a year, 20,000 plans a year (60,000 over three), reviews on top. */
  state: { submissionsPerMonth: (3000 + 20_000) / 12, retainedYears: 3, activeUsers: 1500 },
  /** All sixteen Länder: about ten times the municipalities of Baden-Württemberg. */
  sixteen: { submissionsPerMonth: ((3000 + 20_000) / 12) * 10, retainedYears: 3, activeUsers: 15_000 },
};

export function monthlyCost(w: (typeof workload)['state']) {
  const s = perSubmission;
  const n = w.submissionsPerMonth;
  const stored = n * 12 * w.retainedYears;
  const lines = {
    dynamodbRequests:
      (n * s.writeUnits * prices.dynamodb.writeRequestUnitPerMillion) / 1e6 +
      (n * s.readUnits * prices.dynamodb.readRequestUnitPerMillion) / 1e6,
    dynamodbStorage: stored * s.storedGb * prices.dynamodb.storageGbMonth,
    lambda:
      (n * s.requests * prices.lambda.requestsPerMillion) / 1e6 +
      n * s.lambdaGbSeconds * prices.lambda.arm64GbSecond,
    apiGateway: (n * s.requests * prices.apiGatewayHttp.requestsPerMillion) / 1e6,
    s3: stored * s.attachmentGb * prices.s3.storageGbMonth,
    logs: n * s.logGb * prices.cloudwatchLogs.ingestGb,
    waf:
      prices.waf.webAclMonth +
      5 * prices.waf.rulePerMonth +
      (n * s.requests * prices.waf.requestsPerMillion) / 1e6,
    cognito:
      Math.max(0, w.activeUsers - prices.cognito.freeMonthlyActiveUsers) *
      prices.cognito.perMonthlyActiveUser,
  };
  const total = Object.values(lines).reduce((a, b) => a + b, 0);
  const variable = total - lines.waf + (n * s.requests * prices.waf.requestsPerMillion) / 1e6;
  return { lines, total, perThousandSubmissions: (variable / n) * 1000 };
}

if (process.argv[1]?.endsWith('cost.ts')) {
  const fmt = (x: number) => x.toFixed(2);
  console.log(
    `prices: ${prices.region}, ${prices.currency}, as of ${prices.asOf} (${prices.status}: see the note in prices.json)`,
  );
  for (const [name, w] of Object.entries(workload)) {
    const c = monthlyCost(w);
    console.log(
      `${name}: ${Math.round(w.submissionsPerMonth)} submissions/month; total ${fmt(c.total)}/month; per 1,000 submissions ${fmt(c.perThousandSubmissions)}`,
    );
    for (const [k, v] of Object.entries(c.lines)) console.log(`  ${k}: ${fmt(v)}`);
  }
}
