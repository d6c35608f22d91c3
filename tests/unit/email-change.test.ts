import { describe, expect, it } from 'vitest';
import { isExpired, readCode, readEmailAddress, sameAddress } from '#core/email-change';

describe('changing the e-mail address: the rules', () => {
  it('takes an address as typed, trimmed, and refuses what cannot be one', () => {
    expect(readEmailAddress('  Anna.Muster@kirchheim-teck.de ')).toBe('Anna.Muster@kirchheim-teck.de');
    for (const bad of ['', 'anna', 'anna@', '@kirchheim.de', 'anna@kirchheim', 'a b@c.de', '<a@b.de>', 7]) {
      expect(() => readEmailAddress(bad), String(bad)).toThrow(
        expect.objectContaining({ code: 'email.invalid' }),
      );
    }
    expect(() => readEmailAddress(`${'a'.repeat(250)}@b.de`)).toThrow(
      expect.objectContaining({ code: 'email.invalid' }),
    );
  });

  it('compares addresses without regard to case', () => {
    expect(sameAddress('Anna@Example.org', 'anna@example.org ')).toBe(true);
    expect(sameAddress(undefined, 'anna@example.org')).toBe(false);
  });

  it('reads six digits, allowing the spaces a person types', () => {
    expect(readCode('123 456')).toBe('123456');
    for (const bad of ['12345', '1234567', 'abcdef', '', null])
      expect(() => readCode(bad)).toThrow(expect.objectContaining({ code: 'email.code_invalid' }));
  });

  it('a code expires at the time given', () => {
    const pending = { email: 'a@b.de', codeHash: 'x', expiresAt: '2026-11-29T10:30:00.000Z', attempts: 0 };
    expect(isExpired(pending, new Date('2026-11-29T10:29:59.999Z'))).toBe(false);
    expect(isExpired(pending, new Date('2026-11-29T10:30:00.000Z'))).toBe(true);
  });
});
