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
  'application.rejected': {
    de: {
      subject: 'Ihr Förderantrag wurde abgelehnt ({reference})',
      body: 'Ihr Förderantrag wurde abgelehnt. Den Bescheid und seine Begründung sehen Sie nach der Anmeldung. Aktenzeichen: {reference}.',
    },
    en: {
      subject: 'Your funding application was refused ({reference})',
      body: 'Your funding application was refused. Sign in to see the decision and its reasons. File number: {reference}.',
    },
  },
  'application.withdrawn': {
    de: {
      subject: 'Förderantrag zurückgenommen ({reference})',
      body: 'Ein Förderantrag in Ihrer Prüfung wurde von der Antragstellerin zurückgenommen. Vorgangsnummer: {reference}.',
    },
    en: {
      subject: 'Funding application withdrawn ({reference})',
      body: 'A funding application you were reviewing was withdrawn by the applicant. Reference: {reference}.',
    },
  },
  'application.revoked': {
    de: {
      subject: 'Zuwendungsbescheid widerrufen ({reference})',
      body: 'Der Zuwendungsbescheid zu Ihrem Förderantrag wurde widerrufen. Den Bescheid sehen Sie nach der Anmeldung. Aktenzeichen: {reference}.',
    },
    en: {
      subject: 'Grant decision revoked ({reference})',
      body: 'The grant decision on your funding application was revoked. Sign in to see it. File number: {reference}.',
    },
  },
  'decision.proposed': {
    de: {
      subject: 'Vorschlag wartet auf Bestätigung ({reference})',
      body: 'Zu einem Vorgang liegt ein Vorschlag vor (eine Entscheidung über einen Antrag oder die Freigabe eines Mittelabrufs), den eine zweite Person bestätigen muss (Vier-Augen-Prinzip). Aktenzeichen: {reference}.',
    },
    en: {
      subject: 'Proposal awaits confirmation ({reference})',
      body: 'A proposal (a decision on an application or the release of a payment request) awaits confirmation by a second person (four-eyes rule). File number: {reference}.',
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
  'followup.submitted': {
    de: {
      subject: 'Neue Meldung zu einer Förderung zur Prüfung ({reference})',
      body: 'Zu einer bewilligten Förderung wurde ein Mittelabruf, eine Änderungsanzeige oder ein Verwendungsnachweis eingereicht und wartet auf Ihre Prüfung. Aktenzeichen: {reference}.',
    },
    en: {
      subject: 'New filing on a grant to review ({reference})',
      body: 'A payment request, change notice or proof of use was filed on an approved grant and awaits your review. File number: {reference}.',
    },
  },
  'followup.returned': {
    de: {
      subject: 'Meldung zur Überarbeitung zurückgegeben ({reference})',
      body: 'Ihr Mittelabruf, Ihre Änderungsanzeige oder Ihr Verwendungsnachweis wurde zur Überarbeitung zurückgegeben. Die Begründung lesen Sie nach der Anmeldung. Aktenzeichen: {reference}.',
    },
    en: {
      subject: 'Filing returned for revision ({reference})',
      body: 'Your payment request, change notice or proof of use was returned for revision. Sign in to read the reason. File number: {reference}.',
    },
  },
  'followup.refused': {
    de: {
      subject: 'Meldung abgelehnt ({reference})',
      body: 'Ihr Mittelabruf, Ihre Änderungsanzeige oder Ihr Verwendungsnachweis wurde abgelehnt. Die Gründe lesen Sie nach der Anmeldung. Aktenzeichen: {reference}.',
    },
    en: {
      subject: 'Filing refused ({reference})',
      body: 'Your payment request, change notice or proof of use was refused. Sign in to read the reasons. File number: {reference}.',
    },
  },
  'payment.released': {
    de: {
      subject: 'Mittelabruf freigegeben ({reference})',
      body: 'Ihr Mittelabruf wurde freigegeben; die Auszahlung folgt. Aktenzeichen: {reference}.',
    },
    en: {
      subject: 'Payment request released ({reference})',
      body: 'Your payment request was released; the payout follows. File number: {reference}.',
    },
  },
  'payment.paid': {
    de: {
      subject: 'Mittel ausgezahlt ({reference})',
      body: 'Die Auszahlung zu Ihrem Mittelabruf ist erfolgt. Betrag und Datum sehen Sie nach der Anmeldung. Aktenzeichen: {reference}.',
    },
    en: {
      subject: 'Funds paid out ({reference})',
      body: 'The payout of your payment request was made. Sign in to see the amount and date. File number: {reference}.',
    },
  },
  'change.decided': {
    de: {
      subject: 'Änderungsanzeige entschieden ({reference})',
      body: 'Über Ihre Änderungsanzeige wurde entschieden. Ob sich der bewilligte Betrag ändert, sehen Sie nach der Anmeldung. Aktenzeichen: {reference}.',
    },
    en: {
      subject: 'Change notice decided ({reference})',
      body: 'A decision was made on your change notice. Sign in to see whether the approved amount changes. File number: {reference}.',
    },
  },
  'proof.accepted': {
    de: {
      subject: 'Verwendungsnachweis angenommen ({reference})',
      body: 'Ihr Verwendungsnachweis wurde geprüft und angenommen. Aktenzeichen: {reference}.',
    },
    en: {
      subject: 'Proof of use accepted ({reference})',
      body: 'Your proof of use was checked and accepted. File number: {reference}.',
    },
  },
  'repayment.claimed': {
    de: {
      subject: 'Rückforderung zu Ihrer Förderung ({reference})',
      body: 'Nach Prüfung Ihres Verwendungsnachweises wird ein Teil der Zuwendung zurückgefordert. Betrag, Zinsen und Begründung sehen Sie nach der Anmeldung. Aktenzeichen: {reference}.',
    },
    en: {
      subject: 'Repayment claimed on your grant ({reference})',
      body: 'After checking your proof of use, part of the grant is claimed back. Sign in to see the amount, interest and reasons. File number: {reference}.',
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
  'deadline.proof_of_use_due': {
    de: {
      subject: 'Verwendungsnachweis fällig am {dueDate} ({reference})',
      body: 'Der Verwendungsnachweis zu Ihrer Förderung ist bis {dueDate} vorzulegen. Aktenzeichen: {reference}.',
    },
    en: {
      subject: 'Proof of use due on {dueDate} ({reference})',
      body: 'The proof of use for your grant is due by {dueDate}. File number: {reference}.',
    },
  },
  'deadline.proof_of_use_overdue': {
    de: {
      subject: 'Verwendungsnachweis überfällig ({reference})',
      body: 'Der Verwendungsnachweis zu Ihrer Förderung war bis {dueDate} vorzulegen und ist noch nicht eingegangen. Aktenzeichen: {reference}.',
    },
    en: {
      subject: 'Proof of use overdue ({reference})',
      body: 'The proof of use for your grant was due by {dueDate} and has not come in. File number: {reference}.',
    },
  },
  'deadline.payment_window_closing': {
    de: {
      subject: 'Mittelabruf nur noch bis {dueDate} ({reference})',
      body: 'Bewilligte Mittel können bis {dueDate} abgerufen werden; danach ist kein Abruf mehr möglich. Aktenzeichen: {reference}.',
    },
    en: {
      subject: 'Payment requests only until {dueDate} ({reference})',
      body: 'Approved funds can be called until {dueDate}; after that no payment request is possible. File number: {reference}.',
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

/** A calendar date as its readers write it: `31.01.2027` in German, `31 January 2027` in English. */
export function mailDate(iso: string, language: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (language === 'de') return `${d}.${mo}.${y}`;
  const month = new Date(Date.UTC(Number(y), Number(mo) - 1, 1)).toLocaleString('en-GB', {
    month: 'long',
    timeZone: 'UTC',
  });
  return `${Number(d)} ${month} ${y}`;
}

function fill(template: string, values: MailValues, language: Language = 'de'): string {
  return template
    .replaceAll('{reference}', values.reference)
    .replaceAll('{dueDate}', values.dueDate ? mailDate(values.dueDate, language) : '')
    .replaceAll('{count}', String(values.count ?? ''));
}

/** The singular text where the count is one and the template has one. */
const counted = (template: Template, count: number | undefined) =>
  count === 1 && template.one ? template.one : template;

/** A mail of a subject, one sentence and a link, with the footer; HTML is escaped throughout. */
function compose(
  language: Language,
  subject: string,
  body: string,
  link: string,
  linkLabel: string = FOOTER[language].link,
): RenderedMail {
  const footer = FOOTER[language];
  const text = `${body}\n\n${linkLabel}\n${link}\n\n-- \n${footer.note}\n`;
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body><p>${escapeHtml(body)}</p><p style="overflow-wrap:anywhere">${escapeHtml(linkLabel)} <a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><hr><p><small>${escapeHtml(footer.note)}</small></p></body></html>`;
  return { subject, text, html };
}

/** Renders one mail; HTML is escaped throughout. */
export function renderMail(type: NotificationType, language: Language, values: MailValues): RenderedMail {
  const template = counted(MAIL_TEMPLATES[type][language], values.count);
  return compose(
    language,
    fill(template.subject, values, language),
    fill(template.body, values, language),
    values.link,
  );
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
  const template = counted(DIGEST[language], values.count);
  const filled = { reference: '', ...values };
  return compose(language, fill(template.subject, filled), fill(template.body, filled), values.link);
}

/**
 * Mails about the account itself: the code that confirms a new e-mail address (to the new address), and
 * the notice to the old address that the address was changed. `{code}` is the only value.
 */
export const ACCOUNT_MAILS = {
  'email.verify': {
    de: {
      subject: 'Bestätigen Sie Ihre neue E-Mail-Adresse',
      body: 'Ihr Bestätigungscode lautet {code}. Geben Sie ihn nach der Anmeldung unter „Benachrichtigungen“ ein; er gilt 30 Minuten. Haben Sie keine Änderung angefordert, ignorieren Sie diese Nachricht.',
    },
    en: {
      subject: 'Confirm your new e-mail address',
      body: 'Your confirmation code is {code}. Enter it after signing in, under "Notifications"; it is valid for 30 minutes. If you did not ask for a change, ignore this message.',
    },
  },
  'email.changed': {
    de: {
      subject: 'Ihre E-Mail-Adresse wurde geändert',
      body: 'Benachrichtigungen gehen ab jetzt an eine andere, bestätigte Adresse. Waren Sie das nicht, wenden Sie sich bitte sofort an Ihre Administration.',
    },
    en: {
      subject: 'Your e-mail address was changed',
      body: 'Notifications now go to another, confirmed address. If this was not you, contact your administrator at once.',
    },
  },
} as const satisfies Record<string, Record<Language, { subject: string; body: string }>>;

export type AccountMail = keyof typeof ACCOUNT_MAILS;

export function renderAccountMail(
  type: AccountMail,
  language: Language,
  values: { code?: string; link: string },
): RenderedMail {
  const template = ACCOUNT_MAILS[type][language];
  const body = template.body.replaceAll('{code}', values.code ?? '');
  return compose(language, template.subject, body, values.link, ACCOUNT_LINK[language]);
}

/** Mails about the account lead to the sign-in, not to a case. */
const ACCOUNT_LINK: Record<Language, string> = { de: 'Zur Anmeldung:', en: 'Sign in:' };
