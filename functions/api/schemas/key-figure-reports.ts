/** Schemas of the yearly key-figure report routes ("Kennzahlenbericht"). */
import type { FromSchema } from 'json-schema-to-ts';
import { actorRef, isoDate, isoDateTime, jsonObject, orgId, shortText } from './common.ts';

const year = { type: 'integer', minimum: 2017, maximum: 2100 } as const;

export const reportYearQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { year },
} as const;
export type ReportYearQuery = FromSchema<typeof reportYearQuery>;

export const reportParams = {
  type: 'object',
  additionalProperties: false,
  required: ['year', 'org'],
  // In a path an organisation id stays well below the router's longest parameter (a longer one is no route).
  properties: { year, org: { ...orgId, maxLength: 64 } },
} as const;

export const confirmReportBody = {
  type: 'object',
  additionalProperties: false,
  required: ['year'],
  properties: { year },
} as const;
export type ConfirmReportCommand = FromSchema<typeof confirmReportBody>;

/** One organisation's report of a year: confirmed (with the snapshot) or not yet. */
export const keyFigureReport = {
  type: 'object',
  additionalProperties: false,
  required: ['org', 'orgName', 'year', 'dueDate', 'status'],
  properties: {
    org: orgId,
    orgName: shortText,
    year,
    dueDate: isoDate,
    status: { type: 'string', enum: ['confirmed', 'missing'] },
    /** The figures as the state sees them: the confirmed snapshot, or (for the coordinator, not yet confirmed) as they are now. */
    figures: jsonObject,
    confirmedAt: isoDateTime,
    confirmedBy: actorRef,
    onTime: { type: 'boolean' },
  },
} as const;

/** The reviewer's overview of a year: per organisation whether its report came in, and when. */
export const keyFigureReportOverview = {
  type: 'object',
  additionalProperties: false,
  required: ['year', 'dueDate', 'items'],
  properties: {
    year,
    dueDate: isoDate,
    items: {
      type: 'array',
      maxItems: 10_000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['org', 'orgName', 'status'],
        properties: {
          org: orgId,
          orgName: shortText,
          district: { type: 'string', maxLength: 500 },
          status: { type: 'string', enum: ['confirmed', 'missing'] },
          confirmedAt: isoDateTime,
          onTime: { type: 'boolean' },
        },
      },
    },
  },
} as const;
