// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Submission } from '../../api/types.ts';
import { DecisionStatus } from './decision-status.tsx';

const decided = (decision: Record<string, unknown>) =>
  ({
    id: 's1',
    version: 5,
    status: 'approved',
    allowed: [],
    data: {},
    decision: {
      requestedAmount: 47_000,
      approvedAmount: 40_000,
      reason: 'Berichtigter Satz.',
      fileNumber: 'RPS-IM-2026-0001',
      decisionDate: '2026-03-03',
      decidedBy: { sub: 'u-p1', name: 'Petra Prüfer' },
      ...decision,
    },
  }) as unknown as Submission;

afterEach(cleanup);

describe('the decided view', () => {
  it('names the later version of the round a decision applied, and nothing of it otherwise', () => {
    render(<DecisionStatus sub={decided({ roundVersion: 2, pinnedRoundVersion: 1 })} onDone={() => {}} />);
    expect(screen.getByText('Fassung der Förderrunde')).toBeTruthy();
    expect(screen.getByText('Fassung 2 angewandt (Antrag in Fassung 1 gestellt)')).toBeTruthy();
    cleanup();
    render(<DecisionStatus sub={decided({})} onDone={() => {}} />);
    expect(screen.queryByText('Fassung der Förderrunde')).toBeNull();
  });
});
