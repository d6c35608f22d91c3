import { describe, expect, it } from 'vitest';
import {
  confirmationsOnSave,
  keptConfirmations,
  memberShares,
  missingConfirmations,
} from '../../functions/core/joint-confirmation.ts';
import type { ShareConfirmation } from '../../functions/core/model.ts';

type Member = { organisationId: string; name: string; share?: number };
const joint = (members: Member[], isJoint = true) => ({ joint: { isJoint, members } });
const by = { sub: 'u-x', name: 'X' };
const confirmed = (org: string, share: number): ShareConfirmation => ({
  org,
  share,
  confirmedAt: '2026-01-10T10:00:00.000Z',
  confirmedBy: by,
});
const A = { organisationId: 'a', name: 'Aheim', share: 1000 };
const B = { organisationId: 'b', name: 'Bdorf', share: 2000 };

describe('joint confirmations', () => {
  it('need every distinct member but the lead, with share 0 where none is named', () => {
    const data = joint([
      A,
      { organisationId: 'lead', name: 'Lead' },
      { ...A, share: 5 },
      { organisationId: 'c', name: 'C' },
    ]);
    expect(memberShares(data, 'lead')).toEqual([
      { org: 'a', name: 'Aheim', share: 1000, pointer: '/joint/members/0' },
      { org: 'c', name: 'C', share: 0, pointer: '/joint/members/3' },
    ]);
    expect(memberShares(joint([A], false), 'lead')).toEqual([]);
  });

  it('name the members still missing, by the name the application gives', () => {
    const sub = { data: joint([A, B]), org: 'lead', jointConfirmations: [confirmed('a', 1000)] };
    expect(missingConfirmations(sub).map((m) => m.name)).toEqual(['Bdorf']);
    expect(
      missingConfirmations({ ...sub, jointConfirmations: [confirmed('a', 1000), confirmed('b', 2000)] }),
    ).toEqual([]);
  });

  it("lapse when the member's share changes or the member is dropped, and hold otherwise", () => {
    const held = [confirmed('a', 1000), confirmed('b', 2000)];
    expect(keptConfirmations(held, joint([A, { ...B, share: 2500 }]), 'lead')).toEqual([held[0]]);
    expect(keptConfirmations(held, joint([B]), 'lead')).toEqual([held[1]]);
    // Other changes (names, order, positions) keep them.
    expect(keptConfirmations(held, joint([{ ...B, name: 'B.' }, A]), 'lead')).toEqual(held);
    // An application no longer joint needs none, and keeps none.
    expect(keptConfirmations(held, joint([A, B], false), 'lead')).toEqual([]);
  });

  it('ask the members newly named or whose share changed, not those unchanged', () => {
    expect(confirmationsOnSave(undefined, joint([A, B]), 'lead', undefined)).toEqual({
      confirmations: [],
      asked: ['a', 'b'],
    });
    const saved = confirmationsOnSave(joint([A, B]), joint([A, { ...B, share: 1 }]), 'lead', [
      confirmed('a', 1000),
      confirmed('b', 2000),
    ]);
    expect(saved).toEqual({ confirmations: [confirmed('a', 1000)], asked: ['b'] });
    // Saving the same shares again asks no one, even those who have not confirmed yet.
    expect(confirmationsOnSave(joint([A, B]), joint([A, B]), 'lead', [])).toEqual({
      confirmations: [],
      asked: [],
    });
  });
});
