/**
 * The organisation's profile (address, bank account): its own users read it with `me`, which a new funding
 * application starts with; the list of organisations every role reads shows public facts only.
 */
import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../helpers/memory.ts';

describe("an organisation's profile", () => {
  it("comes with the caller's own organisation, and only there", async () => {
    const { services, actor } = await memoryWorld();
    const me = await services.directory.me(actor('notzingen.kommune'));
    expect(me.orgProfile).toEqual({
      address: { street: 'Kirchheimer Straße', houseNumber: '1', postalCode: '73274', city: 'Notzingen' },
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
});
