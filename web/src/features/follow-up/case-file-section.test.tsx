// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Submission } from '../../api/types.ts';
import { I18nProvider } from '../../i18n/i18n.tsx';
import { CaseFileSection } from './case-file-section.tsx';

vi.mock('../../api/client.ts', () => ({
  api: {
    forms: vi.fn(async () => ({
      data: {
        items: [
          { id: 'payment-request', kind: 'funding', title: { de: 'Mittelabruf', en: 'Payment request' } },
        ],
      },
    })),
    form: vi.fn(async () => ({
      data: {
        i18n: { de: { states: { approved: 'Freigegeben' } }, en: { states: { approved: 'Released' } } },
      },
    })),
    caseFile: vi.fn(async () => ({
      data: {
        today: '2027-03-03',
        nextSteps: [
          { kind: 'retrieve-decision', by: 'applicant', date: '2027-03-12' },
          { kind: 'record-payout', by: 'reviewer', record: { id: 'p1', formId: 'payment-request' } },
          { kind: 'proof-of-use', by: 'applicant', date: '2027-01-31', overdue: true },
        ],
        timeline: [
          {
            kind: 'event',
            at: '2027-03-02T09:00:00Z',
            type: 'transition',
            action: 'approve',
            to: 'approved',
            actor: 'Dr. Katrin Brandt',
            role: 'reviewer',
          },
          {
            kind: 'document',
            at: '2027-03-02T09:00:00Z',
            document: { id: 'd1', kind: 'decision', title: 'Zuwendungsbescheid', state: 'pending' },
          },
          {
            kind: 'event',
            at: '2027-03-02T10:00:00Z',
            type: 'transition',
            action: 'approve',
            to: 'approved',
            actor: 'Dr. Katrin Brandt',
            role: 'reviewer',
            record: { id: 'p1', formId: 'payment-request' },
          },
          { kind: 'final', at: '2027-03-03' },
        ],
      },
    })),
  },
}));

afterEach(cleanup);

describe('the case file section', () => {
  it('lists what is due next, by whom and by when, and every step in order, under headings', async () => {
    render(
      <I18nProvider>
        <CaseFileSection sub={{ id: 'a1', version: 4 } as unknown as Submission} />
      </I18nProvider>,
    );
    const next = await screen.findByRole('list', { name: 'Was steht an' });
    const steps = within(next)
      .getAllByRole('listitem')
      .map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim());
    expect(steps).toEqual([
      'Bescheid abrufen – Kommune – bis 12.03.2027',
      'Auszahlung erfassen: Mittelabruf – Regierungspräsidium',
      'Verwendungsnachweis – Kommune – bis 31.01.2027 überfällig',
    ]);
    expect(screen.getByRole('heading', { level: 2, name: 'Förderakte' })).toBeTruthy();
    const timeline = screen.getByRole('list', { name: 'Chronik' });
    const lines = within(timeline)
      .getAllByRole('listitem')
      .map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim());
    expect(lines[0]).toContain('bewilligt (Dr. Katrin Brandt, Bewilligungsstelle)');
    expect(lines[1]).toContain('Zuwendungsbescheid ausgestellt (PDF wird erstellt)');
    expect(lines[2]).toContain('Mittelabruf: Freigegeben');
    expect(lines[3]).toBe('03.03.2027 · Bescheid ist bestandskräftig');
    expect(within(timeline).getByRole('link', { name: 'Mittelabruf: Freigegeben' })).toBeTruthy();
  });
});
