/**
 * Changing one's e-mail address: the new address is used only once the user typed the code mailed to it.
 * Pure rules here (the address's form, the code's life and the attempts allowed); the notification
 * service keeps the pending change and sends the code.
 */
import { badRequest } from './errors.ts';

/** A code is valid this long after it was sent. */
export const EMAIL_CODE_TTL_MINUTES = 30;
/** Wrong codes allowed per change; then the change is dropped and must be asked for again. */
export const MAX_CODE_ATTEMPTS = 5;
export const MAX_EMAIL_LENGTH = 254;
export const CODE_LENGTH = 6;
/**
 * An e-mail address as the platform accepts one, wherever one is typed (an invitation, a change of address): a
 * local part and a domain with a dot, no spaces, angle brackets or list separators.
 */
export const EMAIL_PATTERN = '^[^\\s@<>()",;:]+@[^\\s@<>()",;:]+\\.[^\\s@<>()",;:.]{2,}$';
const EMAIL = new RegExp(EMAIL_PATTERN, 'u');

/** A change waiting for its code. Only the code's SHA-256 is kept. */
export interface PendingEmailChange {
  email: string;
  codeHash: string;
  /** ISO time after which the code is refused. */
  expiresAt: string;
  /** Wrong codes typed so far. */
  attempts: number;
}

/**
 * An address as a person types it, checked and normalised only by trimming: local part and a domain with a
 * dot, no spaces or angle brackets. Deliverability is proven by the code, not by a pattern.
 */
export function readEmailAddress(raw: unknown): string {
  const value = typeof raw === 'string' ? raw.trim() : '';
  const ok = value.length > 0 && value.length <= MAX_EMAIL_LENGTH && EMAIL.test(value);
  if (!ok)
    throw badRequest('email.invalid', 'Expected an e-mail address.', [
      { pointer: '/email', message: 'an e-mail address such as name@example.org', code: 'email.invalid' },
    ]);
  return value;
}

/** Whether two addresses are the same mailbox for our purposes (case-insensitive). */
export const sameAddress = (a: string | undefined, b: string) =>
  a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

export const codeExpiry = (now: Date) =>
  new Date(now.getTime() + EMAIL_CODE_TTL_MINUTES * 60_000).toISOString();

export const isExpired = (pending: PendingEmailChange, now: Date) => now.toISOString() >= pending.expiresAt;

/** A typed code, with spaces a person may put in (`123 456`) taken out; anything else is refused. */
export function readCode(raw: unknown): string {
  const value = typeof raw === 'string' ? raw.replace(/\s+/g, '') : '';
  if (!new RegExp(`^\\d{${CODE_LENGTH}}$`).test(value))
    throw badRequest('email.code_invalid', `The code has ${CODE_LENGTH} digits.`, [
      { pointer: '/code', message: `${CODE_LENGTH} digits`, code: 'email.code_invalid' },
    ]);
  return value;
}
