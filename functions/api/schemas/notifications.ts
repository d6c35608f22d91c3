/**
 * The notification routes' schemas: the caller's list, marking read, the preferences, the admins' count of
 * undelivered outbox items. Notifications hold no personal data: a type, a case reference and dates.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { DELIVERY_MODES, LANGUAGES, NOTIFICATION_TYPES } from '../../core/notifications.ts';
import { formId, formKind, id, isoDate, isoDateTime } from './common.ts';

const count = { type: 'integer', minimum: 0, maximum: 1_000_000_000 } as const;
const emailAddress = { type: 'string', minLength: 3, maxLength: 254 } as const;
/** Notification and outbox event ids (`{submissionId}#{version}`, reminder keys). */
const notificationId = { type: 'string', minLength: 1, maxLength: 200 } as const;

export const notification = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'eventId', 'type', 'at', 'reference'],
  properties: {
    id: notificationId,
    eventId: notificationId,
    type: { type: 'string', enum: NOTIFICATION_TYPES },
    at: isoDateTime,
    submissionId: id,
    formId,
    kind: formKind,
    reference: { type: 'string', maxLength: 200 },
    dueDate: isoDate,
    count,
    readAt: isoDateTime,
  },
} as const;

export const notificationPage = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'unread'],
  properties: {
    items: { type: 'array', maxItems: 100, items: notification },
    nextCursor: { type: 'string', maxLength: 2000 },
    unread: count,
  },
} as const;

export const notificationsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 100 },
    cursor: { type: 'string', minLength: 1, maxLength: 2000 },
  },
} as const;
export type NotificationsQuery = FromSchema<typeof notificationsQuery>;

/** Either some notifications by id or all of them. */
export const markReadBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ids: { type: 'array', minItems: 1, maxItems: 100, items: notificationId },
    all: { type: 'boolean', const: true },
  },
} as const;
export type MarkReadCommand = FromSchema<typeof markReadBody>;

export const markReadResult = {
  type: 'object',
  additionalProperties: false,
  required: ['changed', 'unread'],
  properties: { changed: count, unread: count },
} as const;

export const deliveryFailures = {
  type: 'object',
  additionalProperties: false,
  required: ['pending', 'failed'],
  properties: { pending: count, failed: count },
} as const;

export const preferencesBody = {
  type: 'object',
  additionalProperties: false,
  required: ['delivery', 'language'],
  properties: {
    delivery: { type: 'string', enum: DELIVERY_MODES },
    language: { type: 'string', enum: LANGUAGES },
  },
} as const;
export type PreferencesCommand = FromSchema<typeof preferencesBody>;

export const preferences = {
  type: 'object',
  additionalProperties: false,
  required: ['delivery', 'language'],
  properties: {
    ...preferencesBody.properties,
    /** Mails to the caller's address bounced or were reported as spam: they stop until it changes. */
    addressProblem: { type: 'string', enum: ['bounce', 'complaint'] },
    /** The address notifications go to. */
    email: emailAddress,
    /** A new address waiting for the code mailed to it. */
    pendingEmail: {
      type: 'object',
      additionalProperties: false,
      required: ['email', 'expiresAt'],
      properties: { email: emailAddress, expiresAt: isoDateTime },
    },
  },
} as const;

/** Asks for a code to the new address; the address's form is the domain's check (`email.invalid`). */
export const emailChangeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['email'],
  properties: { email: { type: 'string', maxLength: 1000 } },
} as const;
export type EmailChangeCommand = FromSchema<typeof emailChangeBody>;

export const emailChangePending = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'expiresAt'],
  properties: { email: emailAddress, expiresAt: isoDateTime },
} as const;

export const emailConfirmBody = {
  type: 'object',
  additionalProperties: false,
  required: ['code'],
  properties: { code: { type: 'string', maxLength: 20 } },
} as const;
export type EmailConfirmCommand = FromSchema<typeof emailConfirmBody>;

export const emailConfirmed = {
  type: 'object',
  additionalProperties: false,
  required: ['email'],
  properties: { email: emailAddress },
} as const;
