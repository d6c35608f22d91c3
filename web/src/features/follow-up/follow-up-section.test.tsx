// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Submission } from '../../api/types.ts';
import { I18nProvider } from '../../i18n/i18n.tsx';
import { FollowUpSection } from './follow-up-section.tsx';

vi.mock('../../api/client.ts', () => ({
  api: {
    forms: vi.fn(async () => ({
      data: {
        items: [
          { id: 'payment-request', kind: 'funding', title: { de: 'Mittelabruf', en: 'Payment request' } },
          { id: 'change-notice', kind: 'funding', title: { de: 'Änderungsanzeige', en: 'Change notice' } },
        ],
      },
    })),
    children: vi.fn(async () => ({
      data: {
        items: [
          {
            id: 'c1',
            formId: 'payment-request',
            status: 'review',
            createdAt: '2026-11-01T10:00:00Z',
            indexed: { amount: 5000 },
          },
        ],
      },
    })),
    form: vi.fn(async () => ({
      data: {
        i18n: {
          de: { states: { review: 'Abruf in Prüfung' } },
          en: { states: { review: 'Call in review' } },
        },
      },
    })),
    createChild: vi.fn(),
  },
}));

const application = (overrides: Partial<Submission> = {}) =>
  ({
    id: 'a1',
    version: 3,
    finance: { approved: 51_000, requested: 5_000, paid: 0, reclaimed: 0, available: 46_000 },
    followUpForms: ['change-notice'],
    ...overrides,
  }) as unknown as Submission;

afterEach(cleanup);

describe('the follow-up section', () => {
  it('shows the money, the records and a start button for each form the server allows', async () => {
    render(
      <I18nProvider>
        <FollowUpSection sub={application()} />
      </I18nProvider>,
    );
    // No start button before the forms' titles are known (never "Neu: change-notice").
    expect(screen.queryByRole('button', { name: /^Neu:/ })).toBeNull();
    expect(await screen.findByRole('link', { name: 'Mittelabruf' })).toBeTruthy();
    const text = (document.body.textContent ?? '').replace(/\s/g, ' ');
    expect(text).toContain('Noch verfügbar');
    expect(text).toContain('46.000 €');
    expect(text).toContain('5.000 €');
    expect(text).toContain('Abruf in Prüfung');
    expect(screen.getByRole('button', { name: /Neu: Änderungsanzeige/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Neu: Mittelabruf/ })).toBeNull();
  });

  it('shows nothing for an application without a decision', () => {
    const { container } = render(
      <I18nProvider>
        <FollowUpSection sub={application({ finance: undefined })} />
      </I18nProvider>,
    );
    expect(container.textContent).toBe('');
  });
});
