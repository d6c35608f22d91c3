import { describe, expect, it } from 'vitest';
import { actorFromClaims, parseGroups } from '../../functions/core/identity.ts';

describe('claims as API Gateway passes them', () => {
  it('parses flattened group claims', () => {
    expect(parseGroups('[manager]')).toEqual(['manager']);
    expect(parseGroups('[manager coordinator]')).toEqual(['manager', 'coordinator']);
    expect(parseGroups(['reviewer'])).toEqual(['reviewer']);
    expect(parseGroups('[unknown]')).toEqual([]);
    expect(parseGroups(undefined)).toEqual([]);
  });

  it('builds the actor, refusing tokens without role or organisation', () => {
    expect(
      actorFromClaims({ sub: 'u1', name: 'Anna', 'cognito:groups': '[manager]', 'custom:org': 'kirchheim' }),
    ).toEqual({
      sub: 'u1',
      name: 'Anna',
      roles: ['manager'],
      org: 'kirchheim',
    });
    expect(() => actorFromClaims({ sub: 'u1', 'cognito:groups': '[manager]' })).toThrowError(
      expect.objectContaining({ status: 401 }),
    );
    expect(() => actorFromClaims(undefined)).toThrowError(expect.objectContaining({ status: 401 }));
  });
});
