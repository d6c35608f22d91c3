/**
 * Typed client of the HTTP API (same origin, `/api`). Every call carries the bearer token; a 401 tells the
 * app (event `pakt:unauthorized`) so it can ask for a new sign-in without losing what was typed.
 */
import createClient from 'openapi-fetch';
import { getToken } from '../auth/auth.ts';
import { loadErrorTexts } from '../ui/error-texts.ts';
import type { paths } from './generated/schema.d.ts';
import type {
  AccessEntry,
  Action,
  AllocationImport,
  AllocationOverview,
  ApiErrorBody,
  Attachment,
  CaseDocument,
  CaseFileView,
  ConsentPurpose,
  DecisionBody,
  DecisionProposal,
  DemoUser,
  DownloadLink,
  FieldTranslationInput,
  FinalityBody,
  FormListItem,
  FormVersion,
  HistoryEvent,
  JsonObject,
  KeyFigureReport,
  KeyFigureReportOverview,
  KeyFiguresReport,
  MarkReadBody,
  MarkReadResult,
  Me,
  NotificationPage,
  Organisation,
  OrgProfile,
  OrgProfileBody,
  PendingEmail,
  Preferences,
  PrintModel,
  Revision,
  Role,
  RoundList,
  Submission,
  SubmissionSummary,
  UploadTicket,
  UserAuditEntry,
  UserItem,
  UserList,
} from './types.ts';

/** What a reviewer adds to the approval of a follow-up record. */
export interface FollowUpDecision {
  confirmBankAccount?: boolean;
  repaymentClaim?: { principal?: number; interest?: number; reason?: string };
}

export const UNAUTHORIZED_EVENT = 'pakt:unauthorized';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { pointer: string; message: string; messageDe?: string }[] = [],
  ) {
    super(message);
  }
}

interface RequestOptions {
  body?: unknown;
  ifMatch?: number | string;
  auth?: boolean;
}

export interface Answer<T> {
  data: T;
  etag?: string;
}

export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.auth !== false) {
    const token = getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
  }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${String(options.ifMatch).replace(/"/g, '')}"`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  if (!response.ok) throw await errorOf(response, options.auth !== false);
  const etag = response.headers.get('ETag')?.replace(/^W\//, '').replace(/"/g, '') ?? undefined;
  const text = await response.text();
  return { data: (text ? JSON.parse(text) : undefined) as T, etag };
}

/** The error a failed response stands for; a 401 also tells the app that the sign-in has expired. */
async function errorOf(response: Response, authenticated: boolean): Promise<ApiError> {
  let body: Partial<ApiErrorBody> = {};
  try {
    body = (await response.json()) as ApiErrorBody;
  } catch {
    // Not JSON (a proxy's error page): keep the status only.
  }
  await loadErrorTexts();
  return errorFromBody(response, body, authenticated);
}

function errorFromBody(
  response: Response,
  body: Partial<ApiErrorBody> | undefined,
  authenticated: boolean,
): ApiError {
  if (response.status === 401 && authenticated) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  const error = typeof body === 'object' && body !== null ? body.error : undefined;
  return new ApiError(
    response.status,
    error?.code ?? `http.${response.status}`,
    error?.message ?? response.statusText,
    error?.details,
  );
}

/** The file name a `Content-Disposition` header gives, if any. */
export function filenameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1];
}

/**
 * Downloads a file the API builds (CSV, JSON) and hands it to the browser as a download. A plain link would
 * not carry the bearer token, so the file is fetched and saved from a blob. Resolves with the file name.
 */
/**
 * Uploads a round's planning frames as CSV (`POST /api/rounds/{id}/allocations`): with `dryRun` the server
 * answers the preview and writes nothing. The body is the file's text, not JSON.
 */
export async function uploadAllocations(
  round: string,
  csv: string,
  dryRun: boolean,
  /** Rows (by line) that match no organisation: to an organisation's id, or `*` to a new one. */
  mappings: Readonly<Record<number, string>> = {},
): Promise<AllocationImport> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': 'text/csv; charset=utf-8',
  };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    const query = new URLSearchParams();
    if (dryRun) query.set('dryRun', 'true');
    const map = Object.entries(mappings).map(([line, target]) => `${line}=${target}`);
    if (map.length) query.set('map', map.join(','));
    const search = query.toString() ? `?${query}` : '';
    response = await fetch(`/api/rounds/${encodeURIComponent(round)}/allocations${search}`, {
      method: 'POST',
      headers,
      body: csv,
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  if (!response.ok) throw await errorOf(response, true);
  return (await response.json()) as AllocationImport;
}

export async function download(path: string, fallbackName: string): Promise<string> {
  const headers: Record<string, string> = {};
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, { headers });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  if (!response.ok) throw await errorOf(response, true);
  const filename = filenameOf(response.headers.get('Content-Disposition')) ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return filename;
}

/**
 * The typed client of the API's routes, generated from its OpenAPI document: paths, parameters, bodies and
 * answers are checked at compile time. Every call carries the bearer token.
 */
const http = createClient<paths>({ baseUrl: '' });
http.use({
  onRequest({ request }) {
    const token = getToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    request.headers.set('Accept', 'application/json');
    return request;
  },
});

const ifMatchHeader = (version: number | string) => ({
  'If-Match': `"${String(version).replace(/"/g, '')}"`,
});

/** One call of the typed client as an `Answer`, with the same errors and ETag handling as `request`. */
async function answer<T>(
  call: () => Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<Answer<T>> {
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    result = await call();
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  const { response } = result;
  if (!response.ok) {
    await loadErrorTexts();
    throw errorFromBody(response, result.error as Partial<ApiErrorBody> | undefined, true);
  }
  const etag = response.headers.get('ETag')?.replace(/^W\//, '').replace(/"/g, '') ?? undefined;
  return { data: result.data as T, etag };
}

export const api = {
  demoUsers: () => request<DemoUser[] | { items: DemoUser[] }>('GET', '/local/users', { auth: false }),
  localLogin: (username: string) =>
    request<{ token: string }>('POST', '/local/login', { body: { username }, auth: false }),

  me: () => answer<Me>(() => http.GET('/api/me')),
  organisations: () => answer<{ items: Organisation[] }>(() => http.GET('/api/organisations')),
  /** The own organisation's profile, with its version as the ETag. */
  orgProfile: (org: string) =>
    answer<OrgProfile>(() => http.GET('/api/organisations/{id}/profile', { params: { path: { id: org } } })),
  /** Replaces the profile, if it is still the version read (`If-Match`). */
  saveOrgProfile: (org: string, version: number, body: OrgProfileBody) =>
    answer<OrgProfile>(() =>
      http.PUT('/api/organisations/{id}/profile', {
        params: { path: { id: org } },
        headers: ifMatchHeader(version),
        body,
      }),
    ),
  rounds: () => answer<RoundList>(() => http.GET('/api/rounds')),
  users: (role: string) =>
    answer<{ items: UserItem[] }>(() =>
      http.GET('/api/users', { params: { query: { role: role as Role } } }),
    ),
  /** Saves a round's draft, or publishes it (`publish`): a published version never changes. */
  saveRound: (body: { id: string; round: Record<string, unknown>; publish?: boolean }) =>
    answer<RoundList['items'][number]>(() => http.POST('/api/rounds', { body: body as never })),
  /** The user administration: a page of users, by organisation and role. */
  userList: (query: { org?: string; role?: Role; cursor?: string }) =>
    answer<UserList>(() => http.GET('/api/users', { params: { query } })),
  inviteUser: (body: { name: string; email: string; role: Role; org: string; username?: string }) =>
    answer<UserItem>(() => http.POST('/api/users', { body })),
  changeUser: (
    sub: string,
    body: { role?: Role; org?: string; active?: boolean; resetSecondFactor?: true },
  ) => answer<UserItem>(() => http.PATCH('/api/users/{id}', { params: { path: { id: sub } }, body })),
  userAudit: (sub: string) =>
    answer<{ items: UserAuditEntry[] }>(() =>
      http.GET('/api/users/{id}/audit', { params: { path: { id: sub } } }),
    ),

  forms: () => answer<{ items: FormListItem[] }>(() => http.GET('/api/forms')),
  form: (formId: string, version?: number) =>
    answer<FormVersion>(() =>
      version
        ? http.GET('/api/forms/{formId}/versions/{version}', { params: { path: { formId, version } } })
        : http.GET('/api/forms/{formId}', { params: { path: { formId } } }),
    ),

  publishForm: (formId: string, definition: unknown) =>
    answer<FormVersion>(() =>
      http.POST('/api/forms/{formId}/versions', {
        params: { path: { formId } },
        // The admin's JSON definition goes as it is: the server says what is wrong with it.
        body: definition as never,
      }),
    ),

  list: (query: ListQuery) => {
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params[k] = v;
    return answer<{
      items: SubmissionSummary[];
      nextCursor?: string;
      counts?: Partial<Record<string, number>>;
    }>(() => http.GET('/api/submissions', { params: { query: params as never } }));
  },
  /** A joint application's member confirms its participation and the share it was shown. */
  confirmShare: (id: string, share: number, version: number | string) =>
    answer<Submission>(() =>
      http.POST('/api/submissions/{id}/member-confirmation', {
        params: { path: { id } },
        body: { share },
        headers: ifMatchHeader(version),
      }),
    ),
  /** Takes (own id), assigns (another reviewer's id) or releases (`null`) a submission in the review queue. */
  setReviewer: (id: string, userId: string | null) =>
    answer<Submission>(() =>
      http.POST('/api/submissions/{id}/reviewer', { params: { path: { id } }, body: { userId } }),
    ),
  create: (formId: string, data?: JsonObject) =>
    answer<Submission>(() => http.POST('/api/submissions', { body: data ? { formId, data } : { formId } })),
  get: (id: string) =>
    answer<Submission>(() => http.GET('/api/submissions/{id}', { params: { path: { id } } })),
  /** Starts a follow-up record (payment request, change notice, proof of use) of an application. */
  createChild: (formId: string, parentId: string) =>
    answer<Submission>(() => http.POST('/api/submissions', { body: { formId, parentId } })),
  /** An application's follow-up records the caller may see, newest first. */
  children: (id: string) =>
    answer<{ items: SubmissionSummary[] }>(() =>
      http.GET('/api/submissions/{id}/children', { params: { path: { id } } }),
    ),
  /** A reviewer's decision on a follow-up record (a confirmed bank account, a repayment claim). */
  decideFollowUp: (id: string, version: number | string, decision: FollowUpDecision) =>
    answer<Submission>(() =>
      http.POST('/api/submissions/{id}/transitions', {
        params: { path: { id } },
        body: { action: 'approve', decision },
        headers: ifMatchHeader(version),
      }),
    ),
  /** The reviewer records the payout of a released payment request. */
  payout: (id: string, version: number | string, paidOn: string) =>
    answer<Submission>(() =>
      http.POST('/api/submissions/{id}/payout', {
        params: { path: { id } },
        body: { paidOn },
        headers: ifMatchHeader(version),
      }),
    ),
  /** Saves a draft; `raw` is the text of fields that does not parse yet, by JSON pointer (none if empty). */
  save: (
    id: string,
    data: JsonObject,
    version: number | string,
    raw?: Record<string, string>,
    /** Translations of free text (plans); sent whenever given, so that removing the last one is saved too. */
    translations?: Record<string, FieldTranslationInput>,
  ) =>
    answer<Submission>(() =>
      http.PUT('/api/submissions/{id}', {
        params: { path: { id } },
        body: {
          data,
          ...(raw && Object.keys(raw).length ? { raw } : {}),
          ...(translations ? { translations } : {}),
        },
        headers: ifMatchHeader(version),
      }),
    ),
  transition: (id: string, action: Action, version: number | string, comment?: string) =>
    answer<Submission>(() =>
      http.POST('/api/submissions/{id}/transitions', {
        params: { path: { id } },
        body: comment ? { action, comment } : { action },
        headers: ifMatchHeader(version),
      }),
    ),
  /** A transition with a decision (approve) or reasons (reject, revoke); `If-Match` required. */
  decide: (id: string, version: number | string, body: DecisionBody) =>
    answer<Submission>(() =>
      http.POST('/api/submissions/{id}/transitions', {
        params: { path: { id } },
        body,
        headers: ifMatchHeader(version),
      }),
    ),
  /** The decision form's start: positions split pro rata to `approvedAmount`, the round's conditions. */
  decisionProposal: (id: string, approvedAmount?: number, roundVersion?: number) =>
    answer<DecisionProposal>(() =>
      http.GET('/api/submissions/{id}/decision-proposal', {
        params: {
          path: { id },
          query: {
            ...(approvedAmount === undefined ? {} : { approvedAmount }),
            ...(roundVersion === undefined ? {} : { roundVersion }),
          },
        },
      }),
    ),
  /** A step towards finality (notified by post, remedy notice, action filed/closed; the applicant's waiver). */
  recordFinality: (id: string, version: number | string, body: FinalityBody) =>
    answer<Submission>(() =>
      http.POST('/api/submissions/{id}/finality', {
        params: { path: { id } },
        body,
        headers: ifMatchHeader(version),
      }),
    ),
  history: (id: string) =>
    answer<{ items: HistoryEvent[] }>(() =>
      http.GET('/api/submissions/{id}/history', { params: { path: { id } } }),
    ),
  revision: (id: string, n: number) =>
    answer<Revision>(() => http.GET('/api/submissions/{id}/revisions/{n}', { params: { path: { id, n } } })),
  diff: (id: string, from: number, to: number) =>
    answer<{ changes: { pointer: string; before?: unknown; after?: unknown }[] }>(() =>
      http.GET('/api/submissions/{id}/diff', { params: { path: { id }, query: { from, to: String(to) } } }),
    ),
  assign: (id: string, userId: string) =>
    answer<Submission>(() =>
      http.POST('/api/submissions/{id}/assignee', { params: { path: { id } }, body: { userId } }),
    ),

  allocations: (round: string) =>
    answer<AllocationOverview>(() => http.GET('/api/allocations', { params: { query: { round } } })),
  keyFigures: (year: number) =>
    answer<KeyFiguresReport>(() => http.GET('/api/reports/key-figures', { params: { query: { year } } })),
  /** The yearly key-figure report of one organisation (confirmed, or as it stands for its coordinator). */
  keyFigureReport: (year: number, org: string) =>
    answer<KeyFigureReport>(() =>
      http.GET('/api/key-figure-reports/{year}/{org}', { params: { path: { year, org } } }),
    ),
  /** The coordinator confirms the own organisation's key figures of a finished year. */
  confirmKeyFigureReport: (year: number) =>
    answer<KeyFigureReport>(() => http.POST('/api/key-figure-reports', { body: { year } })),
  /** Per organisation whether its report of the year came in (reviewer). */
  keyFigureReports: (year: number) =>
    answer<KeyFigureReportOverview>(() =>
      http.GET('/api/key-figure-reports', { params: { query: { year } } }),
    ),
  keyFiguresCsvPath: (year: number) => `/api/reports/key-figures?year=${year}&format=csv`,
  applicationsCsvPath: (query: { status?: string }) =>
    `/api/exports/applications${query.status ? `?status=${enc(query.status)}` : ''}`,

  /** Records a withdrawal of consent; no `If-Match`: a withdrawal must not fail because someone saved. */
  withdrawConsent: (id: string, body: { purpose: ConsentPurpose; withdrawnAt: string; sharingId?: string }) =>
    answer<Submission>(() => http.POST('/api/submissions/{id}/consent', { params: { path: { id } }, body })),
  accessLog: (id: string) =>
    answer<{ items: AccessEntry[] }>(() =>
      http.GET('/api/submissions/{id}/access-log', { params: { path: { id } } }),
    ),
  exportPath: (id: string) => `/api/submissions/${enc(id)}/export`,

  /** The case file: every step in order and what is due next, by whom and by when. */
  caseFile: (id: string) =>
    answer<CaseFileView>(() => http.GET('/api/submissions/{id}/case-file', { params: { path: { id } } })),
  caseDocuments: (id: string) =>
    answer<{ items: CaseDocument[] }>(() =>
      http.GET('/api/submissions/{id}/documents', { params: { path: { id } } }),
    ),
  caseDocumentPath: (id: string, documentId: string) =>
    `/api/submissions/${enc(id)}/documents/${enc(documentId)}`,
  attachments: (id: string) =>
    answer<{ items: Attachment[] }>(() =>
      http.GET('/api/submissions/{id}/attachments', { params: { path: { id } } }),
    ),
  startUpload: (id: string, file: { filename: string; contentType: string; size: number; kind?: string }) =>
    answer<UploadTicket>(() =>
      http.POST('/api/submissions/{id}/attachments', { params: { path: { id } }, body: file }),
    ),
  completeUpload: (id: string, aid: string) =>
    answer<Attachment>(() =>
      http.POST('/api/submissions/{id}/attachments/{attachmentId}/complete', {
        params: { path: { id, attachmentId: aid } },
      }),
    ),
  downloadUrl: (id: string, aid: string) =>
    answer<DownloadLink>(() =>
      http.GET('/api/submissions/{id}/attachments/{attachmentId}', {
        params: { path: { id, attachmentId: aid } },
      }),
    ),

  /** The caller's notifications, newest first, twenty a page; `cursor` continues a listing. */
  notifications: (cursor?: string) =>
    answer<NotificationPage>(() =>
      http.GET('/api/notifications', { params: { query: cursor ? { limit: 20, cursor } : { limit: 20 } } }),
    ),
  markNotificationsRead: (body: MarkReadBody) =>
    answer<MarkReadResult>(() => http.POST('/api/notifications/read', { body })),
  preferences: () => answer<Preferences>(() => http.GET('/api/me/preferences')),
  putPreferences: (p: Pick<Preferences, 'delivery' | 'language'>) =>
    answer<Preferences>(() => http.PUT('/api/me/preferences', { body: p })),
  /** A plan's print model (the blocks of its PDF) in German beside `lang`; default: the person's language. */
  planPrint: (id: string, lang?: string) =>
    answer<PrintModel>(() =>
      http.GET('/api/submissions/{id}/plan-print', {
        params: { path: { id }, query: lang ? { lang } : {} },
      }),
    ),
  /** Asks for a code to a new e-mail address; the address changes once the code is confirmed. */
  requestEmailChange: (email: string) =>
    answer<PendingEmail>(() => http.POST('/api/me/email', { body: { email } })),
  confirmEmailChange: (code: string) =>
    answer<{ email: string }>(() => http.POST('/api/me/email/confirm', { body: { code } })),
};

const enc = encodeURIComponent;

/** The list query; `q`, `district`, `round`, `reviewer` and `sort` are the state reviewers' work queue. */
export interface ListQuery {
  formId?: string;
  status?: string;
  q?: string;
  district?: string;
  round?: string;
  reviewer?: string;
  sort?: 'oldest' | 'newest';
  limit?: number;
  cursor?: string;
}

/** Lists every page of a listing (the lists here are one organisation's or one inbox's records). */
export async function listAll(
  query: { formId?: string; status?: string },
  max = 1000,
): Promise<SubmissionSummary[]> {
  const items: SubmissionSummary[] = [];
  let cursor: string | undefined;
  do {
    const { data } = await api.list({ ...query, limit: 100, cursor });
    items.push(...data.items);
    cursor = data.nextCursor;
  } while (cursor && items.length < max);
  return items;
}

/** Rows of a list answer that is either `{items}` or a bare array. */
export const itemsOf = <T>(value: { items: T[] } | T[] | undefined): T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : value.items;
