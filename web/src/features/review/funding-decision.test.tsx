// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client.ts';
import type { DecisionProposal, Submission } from '../../api/types.ts';
import { FundingDecision } from './funding-decision.tsx';

const sub = {
  id: 's1',
  version: 4,
  status: 'review',
  allowed: ['approve', 'reject', 'return'],
  data: {
    positions: [
      { id: 'p1', personName: 'Miriam Schneider', requestedAmount: 60_000 },
      { id: 'p2', personName: 'Yusuf Aydın', requestedAmount: 30_000 },
    ],
    fundingPeriod: { start: '2026-01-01', end: '2027-12-31' },
  },
} as unknown as Submission;

const proposal = (total: number): DecisionProposal => ({
  requestedAmount: 90_000,
  approvedAmount: total,
  positions: [
    { id: 'p1', requestedAmount: 60_000, approvedAmount: Math.round((total * 2) / 3) },
    { id: 'p2', requestedAmount: 30_000, approvedAmount: total - Math.round((total * 2) / 3) },
  ],
  conditions: [{ code: 'anbest-k', de: 'Die ANBest-K sind Bestandteil.' }],
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the funding decision form', () => {
  it('splits a lowered total pro rata, asks for a reason, shows the decision in full and only then sends it', async () => {
    const load = vi
      .spyOn(api, 'decisionProposal')
      .mockImplementation(async (_id, amount) => ({ data: proposal(amount ?? 90_000) }));
    const decide = vi.spyOn(api, 'decide').mockResolvedValue({ data: { ...sub, status: 'approved' } });
    const done = vi.fn();
    render(<FundingDecision sub={sub} onDone={done} />);

    const amount = (await screen.findByLabelText('Bewilligter Betrag')) as HTMLInputElement;
    await waitFor(() => expect(amount.value).toBe('90000'));
    fireEvent.change(amount, { target: { value: '60000' } });
    fireEvent.blur(amount);
    await waitFor(() => expect(load).toHaveBeenLastCalledWith('s1', 60_000));
    const first = screen.getByLabelText('Bewilligter Betrag für Miriam Schneider') as HTMLInputElement;
    await waitFor(() => expect(first.value).toBe('40000'));

    fireEvent.click(screen.getByRole('button', { name: 'Bewilligung prüfen' }));
    expect(screen.getByText('Bitte begründen Sie, warum weniger als beantragt bewilligt wird.')).toBeTruthy();
    expect(decide).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Begründung'), { target: { value: 'Teilweise förderfähig.' } });
    fireEvent.click(screen.getByLabelText('Die ANBest-K sind Bestandteil.'));
    fireEvent.click(screen.getByRole('button', { name: 'Bewilligung prüfen' }));
    expect(screen.getByText('Bewilligung bestätigen')).toBeTruthy();
    expect(screen.getByText('60.000 €')).toBeTruthy();
    expect(screen.getByText('Die ANBest-K sind Bestandteil.')).toBeTruthy();
    expect(decide).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Jetzt bewilligen' }));
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(decide).toHaveBeenCalledWith('s1', 4, {
      action: 'approve',
      decision: {
        approvedAmount: 60_000,
        positions: [
          { id: 'p1', approvedAmount: 40_000 },
          { id: 'p2', approvedAmount: 20_000 },
        ],
        reason: 'Teilweise förderfähig.',
        conditionKeys: ['anbest-k'],
        fundingStart: '2026-01-01',
        fundingEnd: '2027-12-31',
      },
    });
  });

  it('refuses only with reasons, after a confirmation', async () => {
    vi.spyOn(api, 'decisionProposal').mockResolvedValue({ data: proposal(90_000) });
    const decide = vi.spyOn(api, 'decide').mockResolvedValue({ data: { ...sub, status: 'rejected' } });
    render(<FundingDecision sub={sub} onDone={vi.fn()} />);
    await screen.findByLabelText('Bewilligter Betrag');
    fireEvent.click(screen.getByRole('button', { name: 'Ablehnung prüfen' }));
    expect(screen.getByText('Bitte geben Sie die Gründe der Ablehnung an.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Gründe'), { target: { value: 'Nicht förderfähig.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ablehnung prüfen' }));
    fireEvent.click(screen.getByRole('button', { name: 'Jetzt ablehnen' }));
    await waitFor(() =>
      expect(decide).toHaveBeenCalledWith('s1', 4, { action: 'reject', comment: 'Nicht förderfähig.' }),
    );
  });

  it('offers a later version of the round, prices the positions by it when chosen and records it in the decision', async () => {
    const round = { id: '2026-2027', pinned: 1, applied: 1, latest: 2 };
    const corrected: DecisionProposal = {
      requestedAmount: 90_000,
      approvedAmount: 80_000,
      positions: [
        { id: 'p1', requestedAmount: 60_000, correctedAmount: 52_000, approvedAmount: 52_000 },
        { id: 'p2', requestedAmount: 30_000, correctedAmount: 28_000, approvedAmount: 28_000 },
      ],
      conditions: [{ code: 'korrektur', de: 'Es gilt der berichtigte Satz.' }],
      round: { ...round, applied: 2 },
    };
    const load = vi.spyOn(api, 'decisionProposal').mockImplementation(async (_id, _amount, version) => ({
      data: version === 2 ? corrected : { ...proposal(90_000), round },
    }));
    const decide = vi.spyOn(api, 'decide').mockResolvedValue({ data: { ...sub, status: 'approved' } });
    render(<FundingDecision sub={sub} onDone={vi.fn()} />);

    expect(
      await screen.findByText('Eine neuere Fassung der Förderrunde (Fassung 2) ist veröffentlicht.'),
    ).toBeTruthy();
    const amount = screen.getByLabelText('Bewilligter Betrag') as HTMLInputElement;
    await waitFor(() => expect(amount.value).toBe('90000'));
    fireEvent.click(screen.getByLabelText('Fassung 2 auf diese Entscheidung anwenden'));
    await waitFor(() => expect(load).toHaveBeenLastCalledWith('s1', undefined, 2));
    await waitFor(() => expect(amount.value).toBe('80000'));
    expect(screen.getByText('Nach Fassung 2')).toBeTruthy();
    expect(screen.getByText('52.000 €')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Begründung'), { target: { value: 'Berichtigter Satz.' } });
    fireEvent.click(screen.getByLabelText('Es gilt der berichtigte Satz.'));
    fireEvent.click(screen.getByRole('button', { name: 'Bewilligung prüfen' }));
    expect(screen.getByText('Fassung 2 angewandt (Antrag in Fassung 1 gestellt)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Jetzt bewilligen' }));
    await waitFor(() => expect(decide).toHaveBeenCalled());
    expect(decide.mock.calls[0]![2]).toMatchObject({
      action: 'approve',
      decision: { approvedAmount: 80_000, roundVersion: 2, conditionKeys: ['korrektur'] },
    });
  });

  it('keeps the pinned version unless the reviewer chooses the later one, and says so before sending', async () => {
    vi.spyOn(api, 'decisionProposal').mockResolvedValue({
      data: { ...proposal(90_000), round: { id: 'r', pinned: 1, applied: 1, latest: 2 } },
    });
    const decide = vi.spyOn(api, 'decide').mockResolvedValue({ data: { ...sub, status: 'approved' } });
    render(<FundingDecision sub={sub} onDone={vi.fn()} />);
    const amount = (await screen.findByLabelText('Bewilligter Betrag')) as HTMLInputElement;
    await waitFor(() => expect(amount.value).toBe('90000'));
    fireEvent.click(screen.getByRole('button', { name: 'Bewilligung prüfen' }));
    expect(screen.getByText('Fassung 1 (Fassung 2 nicht angewandt)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Jetzt bewilligen' }));
    await waitFor(() => expect(decide).toHaveBeenCalled());
    expect(decide.mock.calls[0]![2].decision).not.toHaveProperty('roundVersion');
  });
});
