/**
 * The organisation's profile (address, contact person, bank account): its own users read it with `me`, which
 * a new funding application starts with, and keep it themselves; the list of organisations every role reads
 * shows public facts only.
 */
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../functions/core/errors.ts';
import { memoryWorld } from '../helpers/memory.ts';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: AppError) => ({ status: e.status, code: e.code, pointers: e.details?.map((d) => d.pointer) }),
  );

const newProfile = {
  address: { street: 'Marktstraße', houseNumber: '14', postalCode: '73274', city: 'Notzingen' },
  contact: { name: 'Kim Muster', phone: '+49 7021 5555-12', email: 'k.muster@notzingen.example' },
  bankAccount: { accountHolder: 'Gemeindekasse Notzingen', iban: 'DE02 6005 0101 0002 0343 04' },
};

describe("an organisation's profile", () => {
  it("comes with the caller's own organisation, and only there", async () => {
    const { services, actor } = await memoryWorld();
    const me = await services.directory.me(actor('notzingen.kommune'));
    expect(me.orgProfile).toEqual({
      address: { street: 'Kirchheimer Straße', houseNumber: '1', postalCode: '73274', city: 'Notzingen' },
      contact: {
        name: 'Alex Beispiel',
        function: 'Integrationsmanagement',
        phone: '07021 1234-0',
        email: 'integration@notzingen.example',
      },
      bankAccount: {
        accountHolder: 'Gemeindekasse Notzingen',
        iban: 'DE89370400440532013000',
        bankName: 'Demo-Bank',
      },
    });
    // The state authority has no stored profile: nothing to start with.
    expect((await services.directory.me(actor('rp.pruefer1'))).orgProfile).toBeUndefined();
  });

  it('stays out of the list of organisations', async () => {
    const { services } = await memoryWorld();
    const { items } = await services.directory.organisations();
    const notzingen = items.find((o) => o.id === 'notzingen');
    expect(notzingen).toEqual({
      id: 'notzingen',
      name: 'Notzingen',
      type: 'municipality',
      district: 'Landkreis Esslingen',
      electoralDistrict: 'Kirchheim unter Teck',
    });
    expect(items.some((o) => 'bankAccount' in o || 'address' in o)).toBe(false);
  });

  it('is kept by the municipality itself: a change replaces it as typed and counts its version up', async () => {
    const { services, actor } = await memoryWorld();
    const clerk = actor('notzingen.kommune');
    const before = await services.directory.profile(clerk, 'notzingen');
    expect(before.version).toBe(0);
    const after = await services.directory.updateProfile(clerk, 'notzingen', '"0"', newProfile);
    expect(after).toMatchObject({ ...newProfile, version: 1, updatedBy: clerk.sub });
    // The IBAN keeps its spaces: nothing typed is rewritten.
    expect(after.bankAccount?.iban).toBe('DE02 6005 0101 0002 0343 04');
    expect((await services.directory.me(clerk)).orgProfile).toEqual(newProfile);
    // A part left out is removed; the organisation's other facts stay.
    const { contact: _c, ...withoutContact } = newProfile;
    const third = await services.directory.updateProfile(clerk, 'notzingen', 'W/"1"', withoutContact);
    expect(third.contact).toBeUndefined();
    const { items } = await services.directory.organisations();
    expect(items.find((o) => o.id === 'notzingen')).toMatchObject({
      name: 'Notzingen',
      type: 'municipality',
    });
  });

  it('refuses a stale or missing version, a wrong IBAN, other organisations and other roles, changing nothing', async () => {
    const { services, actor } = await memoryWorld();
    const clerk = actor('notzingen.kommune');
    await services.directory.updateProfile(clerk, 'notzingen', '"0"', newProfile);
    const bad = { ...newProfile, bankAccount: { accountHolder: 'X', iban: 'DE03 6005 0101 0002 0343 04' } };
    expect(await refusal(services.directory.updateProfile(clerk, 'notzingen', '"1"', bad))).toEqual({
      status: 400,
      code: 'bank.iban_invalid',
      pointers: ['/bankAccount/iban'],
    });
    expect(
      await refusal(services.directory.updateProfile(clerk, 'notzingen', '"0"', newProfile)),
    ).toMatchObject({
      status: 412,
      code: 'profile.changed',
    });
    expect(
      await refusal(services.directory.updateProfile(clerk, 'notzingen', undefined, newProfile)),
    ).toMatchObject({
      status: 428,
      code: 'profile.version_required',
    });
    // Another municipality, a reviewer of the state: neither reads nor changes it.
    for (const other of ['kirchheim.kommune', 'rp.pruefer1']) {
      expect(await refusal(services.directory.profile(actor(other), 'notzingen'))).toMatchObject({
        status: 403,
        code: 'profile.forbidden',
      });
      expect(
        await refusal(services.directory.updateProfile(actor(other), 'notzingen', '"1"', newProfile)),
      ).toMatchObject({ status: 403, code: 'profile.forbidden' });
    }
    expect(await services.directory.profile(clerk, 'notzingen')).toMatchObject({ ...newProfile, version: 1 });
  });
});
