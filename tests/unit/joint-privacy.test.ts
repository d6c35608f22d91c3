import { describe, expect, it } from 'vitest';
import roundFile from '../../forms/funding-application/rounds/2017-2018.json' with { type: 'json' };
import {
  checkFundingRules,
  type FrameInput,
  fillPlanningFrame,
  parseFundingRound,
} from '../../functions/core/allocation-rules.ts';
import type { JsonObject } from '../../functions/core/model.ts';

const round = parseFundingRound(roundFile);

// The member's approvals are its own business: never in the applicant's data, messages or details.
const MEMBER_APPROVED = 185_349;
const MEMBER = { frame: 213_349, approved: MEMBER_APPROVED };
const OWN = { frame: 23_882, approved: 1_000 };
const frames: FrameInput = { ...OWN, members: { 'kirchheim-unter-teck': MEMBER } };

const joint = (share: number, fte = 0.5): JsonObject => ({
  round: '2017-2018',
  applicant: {
    kind: 'municipality',
    name: 'Notzingen',
    bankAccount: { accountHolder: 'Gemeindekasse Notzingen', iban: 'DE89370400440532013000' },
  },
  positions: [
    { personName: 'M. Beispiel', qualification: 'secondary', fte, startDate: '2018-01-01', months: 24 },
  ],
  fundingPeriod: { start: '2018-01-01', end: '2019-12-31' },
  joint: {
    isJoint: true,
    members: [{ organisationId: 'kirchheim-unter-teck', name: 'Kirchheim unter Teck', share }],
  },
});

/** Every way a figure of the member's approvals could be written: alone, or added to or taken from ours. */
function secretFigures(): number[] {
  const remaining = MEMBER.frame - MEMBER.approved;
  return [MEMBER.approved, remaining, OWN.approved + MEMBER.approved, OWN.frame - OWN.approved + remaining];
}
const spelled = (n: number) => [String(n), n.toLocaleString('en'), n.toLocaleString('de')];

function expectNoSecret(text: string) {
  for (const n of secretFigures())
    for (const s of spelled(n)) expect(text, `${s} in ${text}`).not.toContain(s);
}

describe('joint applications show no figure of another organisation', () => {
  it('refusals name no remaining frame of a member, nor the joint remaining frame', () => {
    // A share above the member's remaining frame, and a total above the joint remaining frame.
    for (const [share, fte] of [
      [40_000, 0.5],
      [20_000, 1],
      [28_001, 1],
    ] as const) {
      const breaches = checkFundingRules(joint(share, fte), round, frames);
      expect(breaches.length).toBeGreaterThan(0);
      for (const b of breaches) expectNoSecret(`${b.message} ${b.messageDe}`);
    }
  });

  it("the planning frame filled into the data holds no member's approvals", () => {
    expectNoSecret(JSON.stringify(fillPlanningFrame(joint(10_000), frames).planningFrame));
  });
});
