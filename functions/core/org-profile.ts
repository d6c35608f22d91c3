/**
 * An organisation's profile ("Stammdaten"): the administration's address, the contact person and the account
 * grants are paid into, which the organisation's own users keep and every new funding application starts
 * with. Pure rules: who may read or change it, and what a change must satisfy beyond its shape (the request
 * schema bounds every field as the funding form does).
 */
import { isValidIban } from './allocation-rules.ts';
import { AppError, badRequest, forbidden } from './errors.ts';
import type { Actor, BankAccount, ContactPerson, Organisation, PostalAddress } from './model.ts';

/** The profile as it is read and written; every part optional, an absent part is not stored. */
export interface OrgProfile {
  address?: PostalAddress;
  contact?: ContactPerson;
  bankAccount?: BankAccount;
}

/** The profile with its version (the `ETag`) and who changed it last. */
export interface OrgProfileView extends OrgProfile {
  org: string;
  orgName: string;
  version: number;
  updatedAt?: string;
  updatedBy?: string;
}

/**
 * Only the organisation's municipality users keep its profile: the profile holds the account its grants
 * are paid into, so nobody outside the organisation (not even an admin) may change it.
 * @throws AppError 403 `profile.forbidden`.
 */
export function assertMayKeepProfile(actor: Actor, org: string): void {
  if (actor.org !== org || !actor.roles.includes('municipality')) {
    throw forbidden('profile.forbidden', "Only the organisation's own municipality users keep its profile.");
  }
}

/**
 * What a change must satisfy beyond the request schema: an IBAN with valid check digits. Texts are stored as
 * typed (an IBAN with its spaces too), never rewritten.
 * @throws AppError 400 `bank.iban_invalid`.
 */
export function checkProfile(profile: OrgProfile): void {
  const iban = profile.bankAccount?.iban;
  if (iban !== undefined && !isValidIban(iban)) {
    throw badRequest('bank.iban_invalid', 'The IBAN is invalid (format or check digits).', [
      {
        pointer: '/bankAccount/iban',
        message: 'format or check digits are wrong',
        code: 'bank.iban_invalid',
      },
    ]);
  }
}

/** The profile part of a stored organisation, and its version (0 before the first change). */
export function profileOf(org: Organisation): OrgProfileView {
  return {
    org: org.id,
    orgName: org.name,
    version: org.profileVersion ?? 0,
    ...(org.address ? { address: org.address } : {}),
    ...(org.contact ? { contact: org.contact } : {}),
    ...(org.bankAccount ? { bankAccount: org.bankAccount } : {}),
    ...(org.profileUpdatedAt ? { updatedAt: org.profileUpdatedAt } : {}),
    ...(org.profileUpdatedBy ? { updatedBy: org.profileUpdatedBy } : {}),
  };
}

/** The profile was changed meanwhile (its version moved on). */
export const profileChanged = () =>
  new AppError(412, 'profile.changed', 'The profile was changed meanwhile; reload it and try again.');

/** A change needs the version it was made on (`If-Match`). */
export const profileVersionRequired = () =>
  new AppError(428, 'profile.version_required', 'If-Match with the version (ETag) you last saw is required.');
