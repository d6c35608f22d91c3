/**
 * The notification mails, as data: a subject and a sentence per type and language (German first, English
 * second), rendered to plain text and HTML. A mail says what happened, gives the reference and a link that
 * needs sign-in; it never carries names, form data or comments (only the values passed in here exist).
 */
import type { Language, NotificationType } from './notifications.ts';

interface Template {
  subject: string;
  /** `{reference}`, `{dueDate}` and `{count}` are replaced; nothing else is available. */
  body: string;
  /** The singular, where a text counts (`{count}` is 1). */
  one?: { subject: string; body: string };
}

export const MAIL_TEMPLATES: Record<NotificationType, Record<Language, Template>> = {
  'application.submitted': {
    de: {
      subject: 'Neuer Förderantrag zur Prüfung ({reference})',
      body: 'Ein Förderantrag wurde eingereicht und wartet auf Ihre Prüfung. Vorgangsnummer: {reference}.',
    },
    en: {
      subject: 'New funding application to review ({reference})',
      body: 'A funding application was submitted and awaits your review. Reference: {reference}.',
    },
  },
  'application.returned': {
    de: {
      subject: 'Förderantrag zur Überarbeitung zurückgegeben ({reference})',
      body: 'Ihr Förderantrag wurde zur Überarbeitung zurückgegeben. Die Begründung lesen Sie nach der Anmeldung. Vorgangsnummer: {reference}.',
    },
    en: {
      subject: 'Funding application returned for revision ({reference})',
      body: 'Your funding application was returned for revision. Sign in to read the reason. Reference: {reference}.',
    },
  },
  'application.decided': {
    de: {
      subject: 'Über Ihren Förderantrag wurde entschieden ({reference})',
      body: 'Über Ihren Förderantrag wurde entschieden. Den Bescheid sehen Sie nach der Anmeldung. Aktenzeichen: {reference}.',
    },
    en: {
      subject: 'Your funding application was decided ({reference})',
      body: 'A decision was made on your funding application. Sign in to see it. File number: {reference}.',
    },
  },
  'application.confirmation_requested': {
    de: {
      subject: 'Bitte bestätigen Sie Ihre Beteiligung an einem gemeinsamen Förderantrag ({reference})',
      body: 'Ihre Kommune ist an einem gemeinsamen Förderantrag beteiligt. Bitte prüfen Sie nach der Anmeldung Ihren Anteil und bestätigen Sie Ihre Teilnahme. Vorgangsnummer: {reference}.',
    },
    en: {
      subject: 'Please confirm your part in a joint funding application ({reference})',
      body: 'Your municipality takes part in a joint funding application. Sign in to check your share and confirm your participation. Reference: {reference}.',
    },
  },
  'application.member_confirmed': {
    de: {
      subject: 'Beteiligte Kommune hat ihren Anteil bestätigt ({reference})',
      body: 'Eine beteiligte Kommune hat ihre Teilnahme an Ihrem gemeinsamen Förderantrag und ihren Anteil bestätigt. Vorgangsnummer: {reference}.',
    },
    en: {
      subject: 'A member municipality confirmed its share ({reference})',
      body: 'A member municipality confirmed its participation in your joint funding application and its share. Reference: {reference}.',
    },
  },
  'plan.submitted': {
    de: {
      subject: 'Integrationsplan wartet auf Abstimmung ({reference})',
      body: 'Ein Integrationsplan wartet auf Ihre Abstimmung. Fallnummer: {reference}.',
    },
    en: {
      subject: 'Integration plan awaits agreement ({reference})',
      body: 'An integration plan awaits your agreement. Case number: {reference}.',
    },
  },
  'plan.agreed': {
    de: {
      subject: 'Integrationsplan abgestimmt ({reference})',
      body: 'Ein Integrationsplan Ihres Fallbestands wurde abgestimmt. Fallnummer: {reference}.',
    },
    en: {
      subject: 'Integration plan agreed ({reference})',
      body: 'An integration plan in your caseload was agreed. Case number: {reference}.',
    },
  },
  'plan.returned': {
    de: {
      subject: 'Integrationsplan zurückgegeben ({reference})',
      body: 'Ein Integrationsplan Ihres Fallbestands wurde zur Überarbeitung zurückgegeben. Fallnummer: {reference}.',
    },
    en: {
      subject: 'Integration plan returned ({reference})',
      body: 'An integration plan in your caseload was returned for revision. Case number: {reference}.',
    },
  },
  'plan.reassigned': {
    de: {
      subject: 'Integrationsplan neu zugewiesen ({reference})',
      body: 'Die Zuständigkeit für einen Integrationsplan hat sich geändert. Fallnummer: {reference}.',
    },
    en: {
      subject: 'Integration plan reassigned ({reference})',
      body: 'The integration manager responsible for a plan changed. Case number: {reference}.',
    },
  },
  'plan.consent_withdrawn': {
    de: {
      subject: 'Einwilligung widerrufen ({reference})',
      body: 'Zu einem Integrationsplan wurde ein Widerruf der Einwilligung erfasst. Fallnummer: {reference}.',
    },
    en: {
      subject: 'Consent withdrawn ({reference})',
      body: 'A withdrawal of consent was recorded for an integration plan. Case number: {reference}.',
    },
  },
  'attachment.refused': {
    de: {
      subject: 'Anlage abgelehnt ({reference})',
      body: 'Eine von Ihnen hochgeladene Anlage wurde bei der Prüfung abgelehnt. Vorgangsnummer: {reference}.',
    },
    en: {
      subject: 'Attachment refused ({reference})',
      body: 'An attachment you uploaded was refused by the check. Reference: {reference}.',
    },
  },
  'deadline.plan_review_due': {
    de: {
      subject: 'Fortschreibung fällig am {dueDate} ({reference})',
      body: 'Ein Integrationsplan Ihres Fallbestands ist am {dueDate} fortzuschreiben. Fallnummer: {reference}.',
    },
    en: {
      subject: 'Plan review due on {dueDate} ({reference})',
      body: 'An integration plan in your caseload is due for review on {dueDate}. Case number: {reference}.',
    },
  },
  'deadline.plan_review_overdue': {
    de: {
      subject: 'Fortschreibung überfällig seit {dueDate} ({reference})',
      body: 'Die Fortschreibung eines Integrationsplans Ihres Fallbestands ist seit {dueDate} überfällig. Fallnummer: {reference}.',
    },
    en: {
      subject: 'Plan review overdue since {dueDate} ({reference})',
      body: 'The review of an integration plan in your caseload is overdue since {dueDate}. Case number: {reference}.',
    },
  },
  'deadline.overdue_summary': {
    de: {
      subject: '{count} überfällige Fristen',
      body: 'In Ihrem Bereich sind {count} Fristen überschritten. Die Übersicht sehen Sie nach der Anmeldung.',
      one: {
        subject: '1 überfällige Frist',
        body: 'In Ihrem Bereich ist eine Frist überschritten. Die Übersicht sehen Sie nach der Anmeldung.',
      },
    },
    en: {
      subject: '{count} overdue deadlines',
      body: '{count} deadlines in your area are overdue. Sign in to see them.',
      one: {
        subject: '1 overdue deadline',
        body: 'One deadline in your area is overdue. Sign in to see it.',
      },
    },
  },
  'deadline.key_figures_due': {
    de: {
      subject: 'Kennzahlen fällig am {dueDate}',
      body: 'Die jährlichen Kennzahlen Ihrer Kommune sind bis {dueDate} zu melden.',
    },
    en: {
      subject: 'Key figures due on {dueDate}',
      body: 'Your municipality’s yearly key figures are due by {dueDate}.',
    },
  },
};

const FOOTER: Record<Language, { link: string; note: string }> = {
  de: {
    link: 'Zum Vorgang (Anmeldung erforderlich):',
    note: 'Diese Nachricht wurde automatisch versandt. Einstellungen zu Benachrichtigungen ändern Sie nach der Anmeldung.',
  },
  en: {
    link: 'Open it (sign-in required):',
    note: 'This message was sent automatically. Change your notification settings after signing in.',
  },
};

export interface MailValues {
  reference: string;
  dueDate?: string;
  count?: number;
  /** A link into the web app; it shows nothing without sign-in. */
  link: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function fill(template: string, values: MailValues): string {
  return template
    .replaceAll('{reference}', values.reference)
    .replaceAll('{dueDate}', values.dueDate ?? '')
    .replaceAll('{count}', String(values.count ?? ''));
}

/** The singular text where the count is one and the template has one. */
const counted = (template: Template, count: number | undefined) =>
  count === 1 && template.one ? template.one : template;

/** Renders one mail; HTML is escaped throughout. */
export function renderMail(type: NotificationType, language: Language, values: MailValues): RenderedMail {
  const template = counted(MAIL_TEMPLATES[type][language], values.count);
  const footer = FOOTER[language];
  const subject = fill(template.subject, values);
  const body = fill(template.body, values);
  const text = `${body}\n\n${footer.link}\n${values.link}\n\n-- \n${footer.note}\n`;
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body><p>${escapeHtml(body)}</p><p>${escapeHtml(footer.link)} <a href="${escapeHtml(values.link)}">${escapeHtml(values.link)}</a></p><hr><p><small>${escapeHtml(footer.note)}</small></p></body></html>`;
  return { subject, text, html };
}

const DIGEST: Record<Language, Template> = {
  de: {
    subject: '{count} ungelesene Benachrichtigungen',
    body: 'Sie haben {count} ungelesene Benachrichtigungen auf der Plattform.',
    one: {
      subject: '1 ungelesene Benachrichtigung',
      body: 'Sie haben eine ungelesene Benachrichtigung auf der Plattform.',
    },
  },
  en: {
    subject: '{count} unread notifications',
    body: 'You have {count} unread notifications on the platform.',
    one: {
      subject: '1 unread notification',
      body: 'You have one unread notification on the platform.',
    },
  },
};

/** The daily digest: how many notifications are unread, and a link to the list. */
export function renderDigest(language: Language, values: { count: number; link: string }): RenderedMail {
  const footer = FOOTER[language];
  const template = counted(DIGEST[language], values.count);
  const subject = fill(template.subject, { reference: '', ...values });
  const body = fill(template.body, { reference: '', ...values });
  const text = `${body}\n\n${footer.link}\n${values.link}\n\n-- \n${footer.note}\n`;
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body><p>${escapeHtml(body)}</p><p>${escapeHtml(footer.link)} <a href="${escapeHtml(values.link)}">${escapeHtml(values.link)}</a></p><hr><p><small>${escapeHtml(footer.note)}</small></p></body></html>`;
  return { subject, text, html };
}
