// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client.ts';
import type { Me, Submission } from '../../api/types.ts';
import { I18nProvider } from '../../i18n/i18n.tsx';
import { SessionContext } from '../../session/session.tsx';
import { JointParticipation } from './joint-participation.tsx';

const application = (overrides: Partial<Submission> = {}) =>
  ({
    id: 's1',
    org: 'plochingen',
    status: 'draft',
    version: 4,
    allowed: [],
    data: {
      joint: {
        isJoint: true,
        members: [
          { organisationId: 'notzingen', name: 'Notzingen', share: 6420 },
          { organisationId: 'bissingen', name: 'Bissingen', share: 1000 },
        ],
      },
    },
    jointConfirmations: [
      {
        org: 'bissingen',
        share: 1000,
        confirmedAt: '2026-11-02T10:00:00.000Z',
        confirmedBy: { sub: 'u', name: 'U' },
      },
    ],
    ...overrides,
  }) as unknown as Submission;

function show(sub: Submission, org: string, onDone = vi.fn()) {
  const me = { org, orgName: org, roles: ['municipality'] } as unknown as Me;
  render(
    <I18nProvider>
      <SessionContext.Provider value={{ me, role: 'municipality' }}>
        <JointParticipation sub={sub} onDone={onDone} />
      </SessionContext.Provider>
    </I18nProvider>,
  );
  return onDone;
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('JointParticipation', () => {
  it('shows the lead who has still to confirm, and offers it no confirmation', () => {
    show(application(), 'plochingen');
    expect(screen.getByText(/sobald diese Kommunen bestätigt haben: Notzingen$/)).toBeTruthy();
    expect(screen.getByText('Bestätigung ausstehend')).toBeTruthy();
    expect(screen.getByText(/bestätigt am/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('lets a member confirm the share it sees, when the server offers it', async () => {
    const confirmed = application({ allowed: [] });
    const confirm = vi.spyOn(api, 'confirmShare').mockResolvedValue({ data: confirmed });
    const onDone = show(application({ allowed: ['confirmShare'] }), 'notzingen');
    fireEvent.click(screen.getByRole('button', { name: /Teilnahme und Anteil von 6\.420.*bestätigen/ }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(confirm).toHaveBeenCalledWith('s1', 6420, 4);
    expect(onDone.mock.calls[0]?.[0]).toBe(confirmed);
  });

  it('shows nothing for an application that is not joint', () => {
    show(application({ data: {} }), 'plochingen');
    expect(screen.queryByRole('heading')).toBeNull();
  });
});
