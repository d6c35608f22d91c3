import { describe, expect, it } from 'vitest';
import { makeI18n } from './i18n.tsx';
import { en as english } from './messages.en.ts';

describe('translator', () => {
  const de = makeI18n('de', () => {});
  const en = makeI18n('en', () => {}, english);

  it('takes the singular for one and the plural otherwise', () => {
    expect(de.t('list.results', { count: 1 })).toBe('1 Eintrag');
    expect(de.t('list.results', { count: 3 })).toBe('3 Einträge');
    expect(de.t('list.results', { count: 0 })).toBe('0 Einträge');
    expect(de.t('errors.summaryIntro', { count: 1 })).toBe('1 Angabe ist unvollständig oder fehlerhaft:');
    expect(de.t('errors.summaryIntro', { count: 2 })).toBe('2 Angaben sind unvollständig oder fehlerhaft:');
    expect(en.t('list.results', { count: 1 })).toBe('1 entry');
    expect(de.t('notif.unreadCount', { count: 1 })).toBe('1 ungelesene Benachrichtigung');
    expect(de.t('notif.unreadCount', { count: 0 })).toBe('0 ungelesene Benachrichtigungen');
    expect(en.t('notif.unreadCount', { count: 1 })).toBe('1 unread notification');
    expect(en.t('notif.type.deadline.overdue_summary', { count: 3 })).toBe('3 overdue deadlines');
  });

  it('writes counts in the language’s number format', () => {
    expect(de.t('list.results', { count: 12500 })).toBe('12.500 Einträge');
    expect(en.t('list.results', { count: 12500 })).toBe('12,500 entries');
  });

  it('never groups a four-digit number such as a year', () => {
    expect(de.number(1988)).toBe('1988');
    expect(de.number(21000)).toBe('21.000');
  });
});
