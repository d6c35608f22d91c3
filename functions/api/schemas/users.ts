/**
 * The user administration (`GET`/`POST /api/users`, `PATCH /api/users/{id}`, `GET /api/users/{id}/audit`).
 * The rules of who may manage whom are in `functions/core/user-admin.ts`.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { EMAIL_PATTERN } from '../../core/email-change.ts';
import { USER_ACTIONS } from '../../core/user-admin.ts';
import { actorRef, isoDateTime, orgId, role, userId } from './common.ts';

const personName = { type: 'string', minLength: 1, maxLength: 200 } as const;
const email = {
  type: 'string',
  minLength: 3,
  maxLength: 254,
  pattern: EMAIL_PATTERN,
} as const;
/** A sign-in name: what Cognito accepts as a user name, and what the local sign-in types. */
const username = { type: 'string', minLength: 2, maxLength: 128, pattern: '^[A-Za-z0-9._@+-]+$' } as const;

export const usersQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    role,
    org: orgId,
    limit: { type: 'integer', minimum: 1, maximum: 200 },
    cursor: { type: 'string', minLength: 1, maxLength: 2000 },
  },
} as const;
export type UsersQuery = FromSchema<typeof usersQuery>;

/** A user as listed: everyone sees `sub`, `name`, `role`; who manages users also the rest and `allowed`. */
export const userItem = {
  type: 'object',
  additionalProperties: false,
  required: ['sub', 'name', 'role'],
  properties: {
    sub: userId,
    name: personName,
    role,
    username,
    email,
    org: orgId,
    active: { type: 'boolean' },
    allowed: { type: 'array', maxItems: USER_ACTIONS.length, items: { type: 'string', enum: USER_ACTIONS } },
  },
} as const;

export const userList = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    items: { type: 'array', maxItems: 200, items: userItem },
    nextCursor: { type: 'string', maxLength: 2000 },
    /** The roles the caller may invite into or change to. */
    grantable: { type: 'array', maxItems: 5, items: role },
  },
} as const;

/** A user id in a path: Cognito's subs are UUIDs, the local sign-in's at most 64 characters. */
export const userParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

export const inviteBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'email', 'role', 'org'],
  properties: { username, name: personName, email, role, org: orgId },
} as const;
export type InviteCommand = FromSchema<typeof inviteBody>;

export const changeBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    role,
    org: orgId,
    active: { type: 'boolean' },
    resetSecondFactor: { const: true },
  },
} as const;
export type ChangeUserCommand = FromSchema<typeof changeBody>;

const userState = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'email', 'role', 'org', 'active'],
  properties: { name: personName, email, role, org: orgId, active: { type: 'boolean' } },
} as const;

export const auditEntry = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'sub', 'at', 'by', 'action', 'after'],
  properties: {
    id: { type: 'string', maxLength: 64 },
    sub: userId,
    at: isoDateTime,
    by: actorRef,
    action: { type: 'string', enum: ['invite', 'change'] },
    before: userState,
    after: userState,
    secondFactorReset: { type: 'boolean' },
  },
} as const;

export const auditList = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: { items: { type: 'array', maxItems: 10_000, items: auditEntry } },
} as const;
