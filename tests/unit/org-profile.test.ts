/** The organisation's profile: its request schema bounds fields exactly as the funding application does. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROFILE_PATTERNS } from '../../functions/api/schemas/profile.ts';
import { checkProfile, profileOf } from '../../functions/core/org-profile.ts';

const form = JSON.parse(readFileSync('forms/funding-application/schema.v1.json', 'utf8'));
const defs = form.$defs;

describe("the organisation's profile", () => {
  it('takes its patterns from the funding application, so a stored profile always fits a new one', () => {
    expect(PROFILE_PATTERNS).toEqual({
      postalCode: defs.address.properties.postalCode.pattern,
      phone: defs.person.properties.phone.pattern,
      iban: defs.bankAccount.properties.iban.pattern,
      bic: defs.bankAccount.properties.bic.pattern,
    });
  });

  it('checks the IBAN check digits (spaces allowed) and nothing else beyond the schema', () => {
    expect(() => checkProfile({})).not.toThrow();
    expect(() =>
      checkProfile({ bankAccount: { accountHolder: 'Kasse', iban: 'de02 6005 0101 0002 0343 04' } }),
    ).not.toThrow();
    expect(() =>
      checkProfile({ bankAccount: { accountHolder: 'Kasse', iban: 'DE03600501010002034304' } }),
    ).toThrow(expect.objectContaining({ status: 400, code: 'bank.iban_invalid' }));
  });

  it('reads version 0 for a profile never changed, and leaves out what is not stored', () => {
    expect(profileOf({ id: 'x', name: 'X', type: 'municipality' })).toEqual({
      org: 'x',
      orgName: 'X',
      version: 0,
    });
  });
});
