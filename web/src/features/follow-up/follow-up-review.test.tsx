// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client.ts';
import type { Me, Submission } from '../../api/types.ts';
import { I18nProvider } from '../../i18n/i18n.tsx';
import { SessionContext } from '../../session/session.tsx';
import { Decision } from '../review/decision.tsx';
import { FollowUpReview } from './follow-up-review.tsx';

/** A payment request whose release one reviewer proposed (four-eyes rule). */
const proposed = (allowed: string[]) =>
  ({
    id: 'p1',
    parentId: 'a1',
    formId: 'payment-request',
    status: 'review',
    version: 5,
    allowed,
    data: { amount: 5000 },
    proposal: {
      action: 'approve',
      proposedBy: { sub: 'u-rp.pruefer1', name: 'Dr. Katrin Brandt' },
      proposedAt: '2026-11-02T10:00:00.000Z',
    },
  }) as unknown as Submission;

function show(sub: Submission, onDone = vi.fn()) {
  const me = { org: 'rp-stuttgart', orgName: 'RP Stuttgart', roles: ['reviewer'] } as unknown as Me;
  render(
    <I18nProvider>
      <SessionContext.Provider value={{ me, role: 'reviewer' }}>
        <FollowUpReview sub={sub} onDone={onDone} />
      </SessionContext.Provider>
    </I18nProvider>,
  );
  return onDone;
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('a proposed release of a payment request', () => {
  it('is confirmed by another reviewer', async () => {
    const released = { ...proposed([]), status: 'approved', proposal: undefined } as unknown as Submission;
    const transition = vi.spyOn(api, 'transition').mockResolvedValue({ data: released } as never);
    const onDone = show(proposed(['confirm', 'discard', 'return']));
    expect(
      screen.getByText('Freigabe vorgeschlagen von Dr. Katrin Brandt (Vier-Augen-Prinzip)'),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Freigabe bestätigen' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(released, 'Der Mittelabruf ist freigegeben.'));
    expect(transition).toHaveBeenCalledWith('p1', 'confirm', 5);
  });

  it('is not confirmed by the reviewer who proposed it', () => {
    show(proposed(['discard', 'return']));
    expect(screen.queryByRole('button', { name: 'Freigabe bestätigen' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Vorschlag verwerfen' })).toBeTruthy();
    expect(screen.getByText(/Bestätigen muss eine andere Person/)).toBeTruthy();
  });
});

describe('the decision on a payment request', () => {
  it('releases it (a proposal under the four-eyes rule) and refuses it with reasons', async () => {
    const inReview = {
      ...proposed(['approve', 'return', 'reject']),
      proposal: undefined,
    } as unknown as Submission;
    const transition = vi
      .spyOn(api, 'transition')
      .mockResolvedValue({ data: proposed(['discard', 'return']) } as never);
    const onDone = vi.fn();
    render(
      <I18nProvider>
        <Decision sub={inReview} plan={false} onDone={onDone} />
      </I18nProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Ablehnen' }));
    expect(transition).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Mittelabruf freigeben' }));
    await waitFor(() =>
      expect(onDone).toHaveBeenCalledWith(
        expect.objectContaining({ proposal: expect.anything() }),
        'Der Entscheidungsvorschlag ist gespeichert; eine zweite Person muss ihn bestätigen.',
      ),
    );
    expect(transition).toHaveBeenCalledWith('p1', 'approve', 5, undefined);
  });
});
