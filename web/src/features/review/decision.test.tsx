// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client.ts';
import type { Submission } from '../../api/types.ts';
import { Decision } from './decision.tsx';

const request = {
  id: 'r1',
  version: 2,
  status: 'review',
  parentId: 'a1',
  allowed: ['approve', 'return'],
  data: { amount: 5_000 },
} as unknown as Submission;

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the plain decision (return, or approve where no fuller form decides)', () => {
  it('releases a payment request in its own words, not as a grant', async () => {
    const transition = vi
      .spyOn(api, 'transition')
      .mockResolvedValue({ data: { ...request, status: 'approved' } } as never);
    const done = vi.fn();
    render(
      <Decision
        sub={request}
        plan={false}
        onDone={done}
        approveText={{ label: 'Mittelabruf freigeben', done: 'Der Mittelabruf ist freigegeben.' }}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Bewilligen' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Mittelabruf freigeben' }));
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(transition).toHaveBeenCalledWith('r1', 'approve', 2, undefined);
    expect(done.mock.calls[0]?.[1]).toBe('Der Mittelabruf ist freigegeben.');
  });

  it('approves a grant as before when nothing else is said', async () => {
    vi.spyOn(api, 'transition').mockResolvedValue({ data: { ...request, status: 'approved' } } as never);
    const done = vi.fn();
    render(<Decision sub={request} plan={false} onDone={done} />);
    fireEvent.click(screen.getByRole('button', { name: 'Bewilligen' }));
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(done.mock.calls[0]?.[1]).toBe('Der Vorgang wurde bewilligt.');
  });
});
