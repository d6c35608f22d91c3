import { describe, expect, it } from 'vitest';
import { bodyOf, valuesOf } from './profile-page.tsx';

describe('the profile form', () => {
  it('sends every value as typed, leaves out empty fields and removes a part left wholly empty', () => {
    const values = valuesOf({
      org: 'notzingen',
      orgName: 'Notzingen',
      version: 2,
      address: { street: ' Marktstraße ', postalCode: '73274', city: 'Notzingen' },
    });
    expect(values.address).toEqual({
      street: ' Marktstraße ',
      houseNumber: '',
      postalCode: '73274',
      city: 'Notzingen',
    });
    expect(values.contact).toEqual({ name: '', function: '', phone: '', email: '' });
    values.bankAccount.iban = 'DE02 6005';
    expect(bodyOf(values)).toEqual({
      address: { street: ' Marktstraße ', postalCode: '73274', city: 'Notzingen' },
      bankAccount: { iban: 'DE02 6005' },
    });
  });
});
