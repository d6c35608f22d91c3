import type {
  EmailChangeCommand,
  EmailConfirmCommand,
  MarkReadCommand,
  NotificationsQuery,
  PreferencesCommand,
} from '#api/schemas/notifications';
import { routeEdges } from '#api-generated/route-edges.notifications';
import { awsNotificationAdapters } from '#lib/aws-notifications';
import { httpGroup } from '#lib/http-handler';
import { notificationService as service } from '#lib/services';

const notificationService = () => service(awsNotificationAdapters());

/** The caller's notifications and notification preferences; delivery failures for admins. */
export const handler = httpGroup(routeEdges, {
  'GET /api/notifications': async ({ actor, query }) => ({
    body: await notificationService().list(actor, query as NotificationsQuery),
  }),
  'POST /api/notifications/read': async ({ actor, body }) => ({
    body: await notificationService().markRead(actor, body as MarkReadCommand),
  }),
  'GET /api/notifications/failures': async ({ actor }) => ({
    body: await notificationService().failures(actor),
  }),
  'GET /api/me/preferences': async ({ actor }) => ({ body: await notificationService().preferences(actor) }),
  'PUT /api/me/preferences': async ({ actor, body }) => ({
    body: await notificationService().putPreferences(actor, body as PreferencesCommand),
  }),
  'POST /api/me/email': async ({ actor, body }) => ({
    body: await notificationService().requestEmailChange(actor, body as EmailChangeCommand),
  }),
  'POST /api/me/email/confirm': async ({ actor, body }) => ({
    body: await notificationService().confirmEmailChange(actor, body as EmailConfirmCommand),
  }),
});
