/**
 * Schemas of an organisation's profile ("Stammdaten"): the parts bound every field as the funding
 * application's `$defs` do (`forms/funding-application/schema.v1.json`; a test keeps the patterns equal), so
 * that what the profile holds always fits a new application.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { EMAIL_PATTERN } from '../../core/email-change.ts';
import { isoDateTime, orgId, shortText, userId } from './common.ts';

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;

export const PROFILE_PATTERNS = {
  postalCode: '^\\d{5}$',
  phone: '^\\+?[0-9][0-9 ()/-]{4,29}$',
  iban: '^[A-Za-z]{2}[0-9]{2}( ?[A-Za-z0-9]){11,30}$',
  bic: '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$',
} as const;

export const address = {
  type: 'object',
  additionalProperties: false,
  required: ['street', 'postalCode', 'city'],
  properties: {
    street: text(200),
    houseNumber: { type: 'string', maxLength: 20 },
    postalCode: { type: 'string', pattern: PROFILE_PATTERNS.postalCode },
    city: text(200),
  },
} as const;

export const contact = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: text(200),
    function: { type: 'string', maxLength: 200 },
    phone: { type: 'string', pattern: PROFILE_PATTERNS.phone },
    email: { type: 'string', maxLength: 254, pattern: EMAIL_PATTERN },
  },
} as const;

export const bankAccount = {
  type: 'object',
  additionalProperties: false,
  required: ['accountHolder', 'iban'],
  properties: {
    accountHolder: text(200),
    iban: { type: 'string', pattern: PROFILE_PATTERNS.iban },
    bic: { type: 'string', pattern: PROFILE_PATTERNS.bic },
    bankName: { type: 'string', maxLength: 200 },
  },
} as const;

/** `PUT /api/organisations/{id}/profile`: the whole profile; a part left out is removed. */
export const profileBody = {
  type: 'object',
  additionalProperties: false,
  properties: { address, contact, bankAccount },
} as const;
export type ProfileBody = FromSchema<typeof profileBody>;

export const profileParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: orgId },
} as const;

export const profileView = {
  type: 'object',
  additionalProperties: false,
  required: ['org', 'orgName', 'version'],
  properties: {
    org: orgId,
    orgName: shortText,
    version: { type: 'integer', minimum: 0 },
    address,
    contact,
    bankAccount,
    updatedAt: isoDateTime,
    updatedBy: userId,
  },
} as const;
