import { describe, expect, it } from 'vitest';
import fundingSample from '../../forms/funding-application/samples/valid-minimal.json' with { type: 'json' };
import planSample from '../../forms/integration-plan/samples/valid-minimal.json' with { type: 'json' };
import { AppError } from '../../functions/core/errors.ts';
import type { Submission } from '../../functions/core/model.ts';
import { actor, memoryServices } from '../helpers/services.ts';

const ORG = 'weilheim-an-der-teck';
const kommune = actor('kommune', 'municipality', ORG);
const pruefer = actor('pruefer', 'reviewer', 'rp-stuttgart');
const im = actor('im1', 'manager', ORG);
const etag = (s: Submission) => `"${s.version}"`;

async function refusal(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('accepted');
}

/** A funding application in review (frame large enough), and the services it lives in. */
async function inReview() {
  const s = memoryServices([kommune, pruefer]);
  await s.allocations.importFrame({ round: '2017-2018', org: ORG, name: 'Weilheim', frame: 500_000 });
  let app = await s.submissionService.create(kommune, { formId: 'funding-application', data: fundingSample });
  await s.attachSigned(kommune, app);
  app = await s.submissionService.transition(kommune, app.id, etag(app), { action: 'submit' });
  expect(app.status).toBe('review');
  return { s, app };
}

describe('texts: control and bidi characters are refused with a pointer, never stripped', () => {
  for (const ch of ['\u0000', '\u0007', '\u001b', '\u007f', '\u202e', '\u2066', '\u2069']) {
    it(`U+${ch.codePointAt(0)!.toString(16).padStart(4, '0')} in a name`, async () => {
      const s = memoryServices([im]);
      const data = structuredClone(planSample) as Record<string, any>;
      data.person.name = `A.${ch} Beispiel`;
      const error = await refusal(() => s.submissionService.create(im, { formId: 'integration-plan', data }));
      expect(error.status).toBe(400);
      expect(error.details).toContainEqual(expect.objectContaining({ pointer: '/person/name' }));
    });
  }

  it('tabs and line breaks in texts, and right-to-left scripts, are kept as typed', async () => {
    const s = memoryServices([im]);
    const data = structuredClone(planSample) as Record<string, any>;
    data.person.name = 'محمد\u200f Beispiel';
    const sub = await s.submissionService.create(im, { formId: 'integration-plan', data });
    expect((sub.data.person as Record<string, unknown>).name).toBe('محمد\u200f Beispiel');
  });

  it('a comment over 4,000 characters or with control characters is refused, not cut', async () => {
    const { s, app } = await inReview();
    for (const comment of ['x'.repeat(4001), 'Bitte\u0000ergänzen', '\u202eergänzen']) {
      const error = await refusal(() =>
        s.submissionService.transition(pruefer, app.id, etag(app), { action: 'return', comment }),
      );
      expect(error.status).toBe(400);
      expect(error.details?.[0]?.pointer).toBe('/comment');
    }
    expect((await s.submissions.get(app.id))?.version).toBe(app.version);
  });
});

describe('decisions are checked in their shape', () => {
  const bad: Array<[string, unknown, string]> = [
    ['a list', [], '/decision'],
    ['a text', 'ok', '/decision'],
    ['null', null, '/decision'],
    ['an impossible date', { decisionDate: '2017-02-30' }, '/decision/decisionDate'],
    ['a date out of range', { decisionDate: '9999-99-99' }, '/decision/decisionDate'],
    [
      'a funding end before its start',
      { fundingStart: '2018-01-01', fundingEnd: '2017-12-31' },
      '/decision/fundingEnd',
    ],
    ['200 KB of conditions', { conditions: ['x'.repeat(200_000)] }, '/decision/conditions/0'],
    ['too many conditions in all', { conditions: Array(5).fill('x'.repeat(900)) }, '/decision/conditions'],
    ['a partial approval without reason', { approvedAmount: 1 }, '/decision/reason'],
    ['an amount above the request', { approvedAmount: 10_000_000 }, '/decision/approvedAmount'],
    ['an unknown position', { positions: [{ id: 'nope', approvedAmount: 1 }] }, '/decision/positions/0/id'],
    ['a bidi override in the reason', { approvedAmount: 1, reason: '\u202egrund' }, '/decision/reason'],
    ['an unknown field', { approved: true }, '/decision/approved'],
  ];
  for (const [what, decision, pointer] of bad) {
    it(`refuses ${what} (400, ${pointer}) and changes nothing`, async () => {
      const { s, app } = await inReview();
      const error = await refusal(() =>
        s.submissionService.transition(pruefer, app.id, etag(app), {
          action: 'approve',
          decision: decision as never,
        }),
      );
      expect(error.status).toBe(400);
      expect(error.details?.map((d) => d.pointer)).toContain(pointer);
      const stored = await s.submissions.get(app.id);
      expect(stored?.status).toBe('review');
      expect(stored?.decision).toBeUndefined();
    });
  }

  it('approves in part per position, with a reason and conditions', async () => {
    const { s, app } = await inReview();
    const position = (app.data.positions as Array<{ id: string; requestedAmount: number }>)[0]!;
    const approved = await s.submissionService.transition(pruefer, app.id, etag(app), {
      action: 'approve',
      decision: {
        positions: [{ id: position.id, approvedAmount: position.requestedAmount - 1000 }],
        reason: 'Teilzeit',
        conditions: ['Verwendungsnachweis bis 2020-03-31'],
        fundingStart: '2017-11-01',
        fundingEnd: '2019-10-31',
        decisionDate: '2017-10-20',
      },
    });
    expect(approved.decision).toMatchObject({
      approvedAmount: position.requestedAmount - 1000,
      reason: 'Teilzeit',
      conditions: ['Verwendungsnachweis bis 2020-03-31'],
      decisionDate: '2017-10-20',
    });
  });
});
