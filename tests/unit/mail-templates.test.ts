import { describe, expect, it } from 'vitest';
import { MAIL_TEMPLATES, mailDate, renderDigest, renderMail } from '../../functions/core/mail-templates.ts';

const link = 'https://pakt.example.org/#/benachrichtigungen';

describe('mail templates', () => {
  it('count in the singular for one and in the plural for more, in German and English', () => {
    expect(renderMail('deadline.overdue_summary', 'de', { reference: '', count: 1, link }).subject).toBe(
      '1 überfällige Frist',
    );
    expect(renderMail('deadline.overdue_summary', 'de', { reference: '', count: 3, link }).subject).toBe(
      '3 überfällige Fristen',
    );
    expect(renderMail('deadline.overdue_summary', 'en', { reference: '', count: 1, link }).text).toContain(
      'One deadline in your area is overdue.',
    );
    expect(renderDigest('de', { count: 1, link }).subject).toBe('1 ungelesene Benachrichtigung');
    expect(renderDigest('en', { count: 2, link }).subject).toBe('2 unread notifications');
  });

  it('fill in only the reference, dates and counts, and escape them in HTML', () => {
    for (const [type, languages] of Object.entries(MAIL_TEMPLATES)) {
      for (const template of Object.values(languages)) {
        const placeholders = `${template.subject} ${template.body}`.match(/\{\w+\}/g) ?? [];
        for (const p of placeholders) expect(['{reference}', '{dueDate}', '{count}'], type).toContain(p);
      }
    }
    const mail = renderMail('plan.agreed', 'de', { reference: '<b>KT-1</b>', link });
    expect(mail.html).toContain('&lt;b&gt;KT-1&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>KT-1</b>');
  });
});

describe('dates in mails', () => {
  it('are written as their readers write them', () => {
    expect(mailDate('2027-01-31', 'de')).toBe('31.01.2027');
    expect(mailDate('2027-01-31', 'en')).toBe('31 January 2027');
    const mail = renderMail('deadline.proof_of_use_due', 'de', {
      reference: 'RPS-IM-2027-0001',
      dueDate: '2027-07-30',
      link: 'https://pakt.example.org/#/vorgang/x',
    });
    expect(mail.subject).toBe('Verwendungsnachweis fällig am 30.07.2027 (RPS-IM-2027-0001)');
  });
});
