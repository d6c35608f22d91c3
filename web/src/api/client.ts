/**
 * Typed client of the HTTP API (same origin, `/api`). Every call carries the bearer token; a 401 tells the
 * app (event `pakt:unauthorized`) so it can ask for a new sign-in without losing what was typed.
 */
import { getToken } from '../auth/auth.ts';
import type {
  AccessEntry,
  Action,
  AllocationOverview,
  ApiErrorBody,
  Attachment,
  ConsentPurpose,
  DemoUser,
  FormListItem,
  FormVersion,
  HistoryEvent,
  JsonObject,
  KeyFiguresReport,
  Me,
  Organisation,
  Revision,
  Submission,
  SubmissionSummary,
  UserItem,
} from './types.ts';

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
  if (response.status === 401 && authenticated) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  return new ApiError(
    response.status,
    body.error?.code ?? `http.${response.status}`,
    body.error?.message ?? response.statusText,
    body.error?.details,
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

const enc = encodeURIComponent;

export const api = {
  demoUsers: () => request<DemoUser[] | { items: DemoUser[] }>('GET', '/local/users', { auth: false }),
  localLogin: (username: string) =>
    request<{ token: string }>('POST', '/local/login', { body: { username }, auth: false }),

  me: () => request<Me>('GET', '/api/me'),
  organisations: () => request<{ items: Organisation[] }>('GET', '/api/organisations'),
  users: (role: string) => request<{ items: UserItem[] }>('GET', `/api/users?role=${enc(role)}`),

  forms: () => request<{ items: FormListItem[] }>('GET', '/api/forms'),
  form: (formId: string, version?: number) =>
    request<FormVersion>(
      'GET',
      version ? `/api/forms/${enc(formId)}/versions/${version}` : `/api/forms/${enc(formId)}`,
    ),

  publishForm: (formId: string, definition: unknown) =>
    request<FormVersion>('POST', `/api/forms/${enc(formId)}/versions`, { body: definition }),

  list: (query: { formId?: string; status?: string; limit?: number; cursor?: string }) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
    return request<{ items: SubmissionSummary[]; nextCursor?: string }>('GET', `/api/submissions?${params}`);
  },
  create: (formId: string, data?: JsonObject) =>
    request<Submission>('POST', '/api/submissions', { body: data ? { formId, data } : { formId } }),
  get: (id: string) => request<Submission>('GET', `/api/submissions/${enc(id)}`),
  save: (id: string, data: JsonObject, version: number | string) =>
    request<Submission>('PUT', `/api/submissions/${enc(id)}`, { body: { data }, ifMatch: version }),
  transition: (id: string, action: Action, version: number | string, comment?: string) =>
    request<Submission>('POST', `/api/submissions/${enc(id)}/transitions`, {
      body: comment ? { action, comment } : { action },
      ifMatch: version,
    }),
  history: (id: string) => request<{ items: HistoryEvent[] }>('GET', `/api/submissions/${enc(id)}/history`),
  revision: (id: string, n: number) => request<Revision>('GET', `/api/submissions/${enc(id)}/revisions/${n}`),
  diff: (id: string, from: number, to: number) =>
    request<{ changes: { pointer: string; before?: unknown; after?: unknown }[] }>(
      'GET',
      `/api/submissions/${enc(id)}/diff?from=${from}&to=${to}`,
    ),
  assign: (id: string, userId: string) =>
    request<Submission>('POST', `/api/submissions/${enc(id)}/assignee`, { body: { userId } }),

  allocations: (round: string) => request<AllocationOverview>('GET', `/api/allocations?round=${enc(round)}`),
  keyFigures: (year: number) => request<KeyFiguresReport>('GET', `/api/reports/key-figures?year=${year}`),
  keyFiguresCsvPath: (year: number) => `/api/reports/key-figures?year=${year}&format=csv`,
  applicationsCsvPath: (query: { status?: string }) =>
    `/api/exports/applications${query.status ? `?status=${enc(query.status)}` : ''}`,

  /** Records a withdrawal of consent; no `If-Match`: a withdrawal must not fail because someone saved. */
  withdrawConsent: (id: string, body: { purpose: ConsentPurpose; withdrawnAt: string; sharingId?: string }) =>
    request<Submission>('POST', `/api/submissions/${enc(id)}/consent`, { body }),
  accessLog: (id: string) =>
    request<{ items: AccessEntry[] }>('GET', `/api/submissions/${enc(id)}/access-log`),
  exportPath: (id: string) => `/api/submissions/${enc(id)}/export`,

  attachments: (id: string) =>
    request<{ items: Attachment[] }>('GET', `/api/submissions/${enc(id)}/attachments`),
  startUpload: (id: string, file: { filename: string; contentType: string; size: number; kind?: string }) =>
    request<{ attachmentId: string; upload: { url: string; fields: Record<string, string> } }>(
      'POST',
      `/api/submissions/${enc(id)}/attachments`,
      { body: file },
    ),
  completeUpload: (id: string, aid: string) =>
    request<Attachment>('POST', `/api/submissions/${enc(id)}/attachments/${enc(aid)}/complete`),
  downloadUrl: (id: string, aid: string) =>
    request<{ url: string }>('GET', `/api/submissions/${enc(id)}/attachments/${enc(aid)}`),
};

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
