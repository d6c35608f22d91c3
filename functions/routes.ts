/**
 * The one route table: read by the CDK stack (one API Gateway route each, integrated with its handler
 * group's function) and by the local server (which matches a request and calls the same handler).
 * Each group is one Lambda function with its entry point at `functions/http/<group>.ts`.
 * Local-only sign-in routes (`/local/*`) are deliberately not here: they are never deployed.
 */
export const HANDLER_GROUPS = [
  'forms',
  'submissions',
  'directory',
  'admin',
  'reports',
  'attachments',
  'privacy',
  'notifications',
] as const;
export type HandlerGroup = (typeof HANDLER_GROUPS)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Route {
  method: HttpMethod;
  /** API Gateway route path, with `{param}` placeholders. */
  path: `/api/${string}` | '/api';
  group: HandlerGroup;
}

export const routes = [
  { method: 'GET', path: '/api/me', group: 'directory' },
  { method: 'GET', path: '/api/organisations', group: 'directory' },
  { method: 'GET', path: '/api/users', group: 'directory' },

  { method: 'GET', path: '/api/forms', group: 'forms' },
  { method: 'GET', path: '/api/forms/{formId}', group: 'forms' },
  { method: 'GET', path: '/api/forms/{formId}/versions/{version}', group: 'forms' },
  // Publishing compiles validators: its own function, so reading forms stays small and fast to start.
  { method: 'POST', path: '/api/forms/{formId}/versions', group: 'admin' },

  { method: 'GET', path: '/api/submissions', group: 'submissions' },
  { method: 'POST', path: '/api/submissions', group: 'submissions' },
  { method: 'GET', path: '/api/submissions/{id}', group: 'submissions' },
  { method: 'PUT', path: '/api/submissions/{id}', group: 'submissions' },
  { method: 'POST', path: '/api/submissions/{id}/transitions', group: 'submissions' },
  { method: 'GET', path: '/api/submissions/{id}/history', group: 'submissions' },
  { method: 'GET', path: '/api/submissions/{id}/revisions/{n}', group: 'submissions' },
  { method: 'POST', path: '/api/submissions/{id}/assignee', group: 'submissions' },

  // Attachments: uploads go straight to S3 with a presigned POST, never through a function.
  { method: 'GET', path: '/api/submissions/{id}/attachments', group: 'attachments' },
  { method: 'POST', path: '/api/submissions/{id}/attachments', group: 'attachments' },
  { method: 'POST', path: '/api/submissions/{id}/attachments/{attachmentId}/complete', group: 'attachments' },
  { method: 'GET', path: '/api/submissions/{id}/attachments/{attachmentId}', group: 'attachments' },
  { method: 'DELETE', path: '/api/submissions/{id}/attachments/{attachmentId}', group: 'attachments' },

  { method: 'GET', path: '/api/submissions/{id}/diff', group: 'submissions' },

  // Data protection of plans: consent withdrawal, the access log (read only), the subject-access export.
  { method: 'POST', path: '/api/submissions/{id}/consent', group: 'privacy' },
  { method: 'GET', path: '/api/submissions/{id}/access-log', group: 'privacy' },
  { method: 'GET', path: '/api/submissions/{id}/export', group: 'privacy' },

  { method: 'GET', path: '/api/allocations', group: 'reports' },
  { method: 'GET', path: '/api/reports/key-figures', group: 'reports' },
  { method: 'GET', path: '/api/exports/applications', group: 'reports' },

  // Notifications: the caller's list, marking read, preferences; delivery failures for admins.
  { method: 'GET', path: '/api/notifications', group: 'notifications' },
  { method: 'POST', path: '/api/notifications/read', group: 'notifications' },
  { method: 'GET', path: '/api/notifications/failures', group: 'notifications' },
  { method: 'GET', path: '/api/me/preferences', group: 'notifications' },
  { method: 'PUT', path: '/api/me/preferences', group: 'notifications' },
] as const satisfies readonly Route[];

export type RouteKey = `${(typeof routes)[number]['method']} ${(typeof routes)[number]['path']}`;

export const routeKey = (r: Route) => `${r.method} ${r.path}` as RouteKey;
