/**
 * The OpenAPI 3.1 document of the HTTP API, built from the route table (paths, parameters, bodies,
 * answers, roles, error codes by status) and the forms published at the time (their data schemas as
 * components, their ids as the values of `formId`). Pure: the caller passes the forms.
 */
import { ERROR_CATALOGUE, isErrorCode, statusesOf } from '../core/error-catalogue.ts';
import { commonErrors, type JsonSchema, type Route } from '../routes.ts';
import { type DocumentForm, withForms } from './openapi-forms.ts';
import * as caseFile from './schemas/case-file.ts';
import { errorBody } from './schemas/common.ts';
import * as kfr from './schemas/key-figure-reports.ts';
import * as res from './schemas/resources.ts';
import * as sub from './schemas/submissions.ts';

export type { DocumentForm };

import * as users from './schemas/users.ts';

type Json = Record<string, unknown>;

/** The version of the contract; raise it when a route changes incompatibly. */
export const API_VERSION = '1.0.0';

/**
 * Schemas named as components: wherever the route table uses one of these objects, the document refers to
 * the component, and the web client's generated types carry these names.
 */
const NAMED: ReadonlyArray<readonly [string, object]> = [
  ['Submission', sub.submission],
  ['SubmissionSummary', sub.submissionSummary],
  ['SubmissionPage', sub.submissionPage],
  ['HistoryEvent', sub.historyEvent],
  ['Revision', sub.revision],
  ['Diff', sub.diffResult],
  ['Decision', sub.decision],
  ['Me', res.me],
  ['Organisation', res.organisation],
  ['UserItem', users.userItem],
  ['UserList', users.userList],
  ['UserAuditEntry', users.auditEntry],
  ['FormVersion', res.formVersion],
  ['FormListItem', res.formListItem],
  ['Attachment', res.attachment],
  ['CaseDocument', caseFile.caseDocument],
  ['UploadTicket', res.uploadTicket],
  ['DownloadLink', res.downloadLink],
  ['AccessEntry', res.accessEntry],
  ['SubjectAccessExport', res.subjectAccessExport],
  ['AllocationOverview', res.allocationOverview],
  ['KeyFiguresReport', res.keyFigures],
  ['KeyFigureReport', kfr.keyFigureReport],
  ['KeyFigureReportOverview', kfr.keyFigureReportOverview],
];

/** A copy of the schema with every named schema inside it replaced by a reference (not `skip` itself). */
function withRefs(schema: unknown, skip?: object): unknown {
  if (schema === null || typeof schema !== 'object') return schema;
  if (schema !== skip) {
    const named = NAMED.find(([, s]) => s === schema);
    if (named) return { $ref: `#/components/schemas/${named[0]}` };
  }
  if (Array.isArray(schema)) return schema.map((item) => withRefs(item));
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, withRefs(v)]));
}

/** Errors every route may answer, beside its own: by its inputs, and by sign-in for non-public routes. */
/** `POST /api/submissions/{id}/transitions` → `postSubmissionsIdTransitions`. */
export function operationId(route: Pick<Route, 'method' | 'path'>): string {
  const words = route.path
    .replace(/^\/api\/?/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [route.method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

function parameters(route: Route, formIds: readonly string[]): Json[] {
  const list: Json[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      const withForms =
        name === 'formId' && formIds.length ? { ...property, examples: [...formIds] } : property;
      list.push({ name, in: where, required: where === 'path' || required.has(name), schema: withForms });
    }
  }
  return list;
}

function responses(route: Route): Json {
  const out: Json = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    const content: Json = {};
    if (spec.schema || !spec.mediaType) {
      if (Number(status) !== 204)
        content[spec.mediaType ?? 'application/json'] = { schema: withRefs(spec.schema ?? {}) };
    } else {
      content[spec.mediaType] = { schema: { type: 'string', maxLength: spec.maxBytes } };
    }
    if (spec.alternative) {
      content[spec.alternative.mediaType] = {
        schema: { type: 'string', maxLength: spec.alternative.maxBytes },
      };
    }
    out[status] = { description: spec.description, ...(Object.keys(content).length ? { content } : {}) };
  }
  // Errors grouped by status, each status listing its codes.
  const byStatus = new Map<number, string[]>();
  for (const code of [...commonErrors(route), ...route.errors]) {
    if (!isErrorCode(code)) continue;
    for (const status of statusesOf(code)) byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const unique = [...new Set(codes)];
    out[String(status)] = {
      description: unique
        .map((c) => `\`${c}\`: ${ERROR_CATALOGUE[c as keyof typeof ERROR_CATALOGUE].en}`)
        .join('\n\n'),
      content: {
        'application/json': {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/Error' },
              {
                properties: {
                  error: { properties: { code: { type: 'string', enum: unique } } },
                },
              },
            ],
          },
        },
      },
    };
  }
  return out;
}

const TAGS: Record<string, string> = {
  attachments: 'Files of a submission: uploads straight to storage, checked before they are available',
  directory: 'The caller, the organisations, the users of one organisation',
  forms: 'Form definitions: JSON Schema, UI schema, workflow, limits, texts; publishing new versions',
  meta: 'This description',
  privacy: 'Data protection of integration plans: consent withdrawal, access log, subject-access export',
  reports: 'Planning frames, anonymous key figures, the application list',
  submissions: 'Funding applications and integration plans, their workflow, history and revisions',
};

export interface DocumentOptions {
  /** The forms published now (the latest version of each, or all versions). */
  forms: readonly DocumentForm[];
}

/** The OpenAPI 3.1 document of the given routes. */
export function openApiDocument(table: readonly Route[], options: DocumentOptions): Json {
  return withForms(baseDocument(table), options.forms);
}

/**
 * The document without the forms: built with the API (`openapi-base.json`, see `OPENAPI_BASE_FILE`), so
 * that the function serving the document adds the published forms (`withForms`) and carries neither the
 * route table nor the error catalogue.
 */
export function baseDocument(table: readonly Route[]): Json {
  const formIds: string[] = [];
  const paths: Record<string, Json> = {};
  for (const route of table) {
    const path = route.path;
    const operation: Json = {
      operationId: operationId(route),
      summary: route.summary,
      tags: [...route.tags],
      'x-roles': [...route.roles],
      security: route.public ? [] : [{ bearer: [] }],
      parameters: parameters(route, formIds),
      responses: responses(route),
    };
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: withRefs(route.body) } },
      };
    }
    if (route.rawBody) {
      operation.requestBody = {
        required: true,
        description: `At most ${route.rawBody.maxBytes} bytes.`,
        content: {
          [route.rawBody.mediaType]: { schema: { type: 'string', maxLength: route.rawBody.maxBytes } },
        },
      };
    }
    if (route.path.includes('/submissions/{id}') && route.method !== 'GET') {
      (operation.parameters as Json[]).push({
        name: 'If-Match',
        in: 'header',
        required: false,
        description: 'The version (ETag) last seen; required where the route answers 428 without it.',
        schema: { type: 'string', maxLength: 30 },
      });
    }
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation };
  }
  const tags = [...new Set(table.flatMap((r) => r.tags))]
    .sort()
    .map((name) => ({ name, description: TAGS[name] ?? name }));
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Pakt für Integration – API',
      version: API_VERSION,
      description:
        'Forms and workflows of the "Pakt für Integration" (Baden-Württemberg). Every route but this document needs a bearer token (a Cognito ID token). Errors are `{"error": {"code", "message", "details"?}}`; `details` point into the request with JSON pointers. The data of a submission follows its form version\'s schema (components `FormData_<form>_v<N>`).',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: '/', description: 'This platform' }],
    tags,
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: errorBody,
        ...Object.fromEntries(NAMED.map(([name, schema]) => [name, withRefs(schema, schema)])),
      },
    },
  };
}
