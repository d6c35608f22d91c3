import { describe, expect, it } from 'vitest';
import { fillEmpty, isEmptyValue, prefillApplication, withMemberNames } from './prefill.ts';

const profile = {
  address: { street: 'Kirchheimer Straße', houseNumber: '1', postalCode: '73274', city: 'Notzingen' },
  contact: { name: 'Alex Beispiel', phone: '07021 1234-0', email: 'integration@notzingen.example' },
  bankAccount: { accountHolder: 'Gemeindekasse Notzingen', iban: 'DE89370400440532013000' },
};

describe('prefill of a new funding application', () => {
  it('fills the name, address, contact person and bank account of an empty application from the organisation', () => {
    expect(prefillApplication({}, { name: 'Notzingen', profile })).toEqual({
      applicant: { name: 'Notzingen', ...profile },
    });
  });

  it('never replaces what was typed: only empty fields are filled, field by field', () => {
    const typed = {
      round: '2026-2027',
      applicant: {
        kind: 'joint',
        name: 'Verwaltungsgemeinschaft Notzingen',
        address: { street: 'Rathausplatz', postalCode: '', city: ' ' },
        bankAccount: { iban: 'DE02600501010002034304' },
      },
    };
    expect(prefillApplication(typed, { name: 'Notzingen', profile })).toEqual({
      round: '2026-2027',
      applicant: {
        kind: 'joint',
        name: 'Verwaltungsgemeinschaft Notzingen',
        address: { street: 'Rathausplatz', houseNumber: '1', postalCode: '73274', city: 'Notzingen' },
        contact: profile.contact,
        bankAccount: { iban: 'DE02600501010002034304', accountHolder: 'Gemeindekasse Notzingen' },
      },
    });
  });

  it("takes what the profile lacks from the last application's applicant, never its kind", () => {
    const last = {
      kind: 'joint',
      name: 'Verwaltungsgemeinschaft',
      ags: '08116048',
      contact: { name: 'Früher Kontakt', phone: '07021 1' },
      signatory: { name: 'Dr. Maria Beispiel', function: 'Bürgermeisterin' },
      address: { street: 'Alte Straße', postalCode: '73274', city: 'Notzingen' },
    };
    expect(prefillApplication({}, { name: 'Notzingen', profile }, last)).toEqual({
      applicant: {
        name: 'Notzingen',
        ...profile,
        ags: '08116048',
        signatory: { name: 'Dr. Maria Beispiel', function: 'Bürgermeisterin' },
      },
    });
    // Without a profile the last application's address and contact are taken too.
    expect(prefillApplication({}, { name: 'Notzingen' }, last).applicant).toMatchObject({
      name: 'Notzingen',
      address: last.address,
      contact: last.contact,
    });
  });

  it('leaves the data as it is when the organisation has no profile and no name', () => {
    const data = { applicant: { kind: 'municipality' } };
    expect(prefillApplication(data, { profile: null })).toBe(data);
    expect(prefillApplication({}, { name: 'Notzingen' })).toEqual({ applicant: { name: 'Notzingen' } });
  });

  it('counts blank texts and objects of blanks as empty, numbers and false as values', () => {
    expect([undefined, null, '', '  ', {}, { a: '' }].map(isEmptyValue)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([0, false, 'x', { a: 0 }, []].map(isEmptyValue)).toEqual([false, false, false, false, false]);
    expect(fillEmpty(0, 5)).toBe(0);
    expect(fillEmpty('', 'x')).toBe('x');
  });
});

describe('partners chosen from the directory', () => {
  const orgs = [
    { id: 'notzingen', name: 'Notzingen' },
    { id: 'kirchheim-unter-teck', name: 'Kirchheim unter Teck' },
  ];

  it('names each chosen partner as the directory names it, also after another one was chosen', () => {
    const data = {
      joint: {
        isJoint: true,
        members: [
          { organisationId: 'notzingen', share: 1000 },
          { organisationId: 'kirchheim-unter-teck', name: 'Notzingen' },
        ],
      },
    };
    expect(withMemberNames(data, orgs).joint).toEqual({
      isJoint: true,
      members: [
        { organisationId: 'notzingen', name: 'Notzingen', share: 1000 },
        { organisationId: 'kirchheim-unter-teck', name: 'Kirchheim unter Teck' },
      ],
    });
  });

  it('keeps partners the directory does not know, and the same object when nothing changes', () => {
    const data = {
      joint: { members: [{ organisationId: 'x-unknown', name: 'Altname' }, { name: 'ohne Id' }] },
    };
    expect(withMemberNames(data, orgs)).toBe(data);
    const named = { joint: { members: [{ organisationId: 'notzingen', name: 'Notzingen' }] } };
    expect(withMemberNames(named, orgs)).toBe(named);
  });
});
