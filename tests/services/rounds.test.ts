/**
 * Funding rounds as records on the in-memory adapters: the demo registry, drafts and published versions,
 * and whether a round is open on a Berlin calendar day.
 */
import { describe, expect, it } from 'vitest';
import type { SaveRoundCommand } from '../../functions/api/schemas/rounds.ts';
import { isRoundOpen } from '../../functions/core/rounds.ts';
import { RoundService } from '../../functions/services/round-service.ts';
import { memoryWorld } from '../helpers/memory.ts';

const round = (title: string): SaveRoundCommand['round'] => ({
  title,
  fundingPeriod: { start: '2027-01-01', maxMonths: 24 },
  rates: { secondary: 48000 },
  minimumEntitlement: 48000,
  minimumFte: 0.25,
  applicationWindow: { opens: '2026-10-01', closes: '2026-12-31' },
});

describe('round registry', () => {
  it('seeds the 2017–2018 round from its file and an open current round', async () => {
    const world = await memoryWorld();
    const { items } = await world.services.rounds.list(world.actor('kirchheim.kommune'));
    expect(items.map((r) => [r.id, r.version, r.open])).toEqual([
      ['2017-2018', 1, true],
      ['2026-2027', 1, true],
    ]);
    const old = items[0];
    expect(old?.rates).toEqual(
      world.adapters.repoForms.find((f) => f.rounds['2017-2018'])?.rounds['2017-2018']?.rates,
    );
    expect(items[1]).toMatchObject({ illustrative: true, rates: { secondary: 47000 } });
  });

  it('keeps drafts to admins, publishes, and starts a new version after a published one', async () => {
    const world = await memoryWorld();
    const admin = world.actor('admin');
    const rounds = world.services.rounds;
    const draft = await rounds.save(admin, { id: '2027', round: round('Entwurf') });
    expect(draft).toMatchObject({ version: 1, status: 'draft', open: false });
    expect((await rounds.list(world.actor('kirchheim.kommune'))).items.map((r) => r.id)).not.toContain(
      '2027',
    );
    expect((await rounds.list(admin)).items.find((r) => r.id === '2027')).toMatchObject({ status: 'draft' });

    const edited = await rounds.save(admin, { id: '2027', round: round('Runde 2027'), publish: true });
    expect(edited).toMatchObject({ version: 1, status: 'published', title: 'Runde 2027' });
    expect(edited.publishedBy?.sub).toBe(admin.sub);

    const correction = await rounds.save(admin, { id: '2027', round: round('Korrektur') });
    expect(correction).toMatchObject({ version: 2, status: 'draft' });
    const listed = (await rounds.list(world.actor('kirchheim.kommune'))).items.find((r) => r.id === '2027');
    expect(listed).toMatchObject({ version: 1, title: 'Runde 2027' });
    expect(await rounds.version('2027', 1)).toMatchObject({ title: 'Runde 2027', status: 'published' });
  });

  it('reads a published version once, and a draft every time (a draft may still change)', async () => {
    const world = await memoryWorld();
    const admin = world.actor('admin');
    const store = world.adapters.rounds;
    let reads = 0;
    const list = store.list.bind(store);
    store.list = () => {
      reads++;
      return list();
    };
    const rounds = new RoundService(store, world.adapters.now, world.adapters.directory);
    await rounds.save(admin, { id: '2027', round: round('Entwurf') });
    reads = 0;
    expect(await rounds.version('2027', 1)).toMatchObject({ status: 'draft', title: 'Entwurf' });
    await rounds.save(admin, { id: '2027', round: round('Entwurf 2') });
    expect(await rounds.version('2027', 1)).toMatchObject({ status: 'draft', title: 'Entwurf 2' });
    await rounds.save(admin, { id: '2027', round: round('Runde 2027'), publish: true });
    reads = 0;
    expect(await rounds.version('2027', 1)).toMatchObject({ status: 'published', title: 'Runde 2027' });
    expect(await rounds.version('2027', 1)).toMatchObject({ status: 'published', title: 'Runde 2027' });
    expect(await rounds.version('2027', 2)).toBeUndefined();
    expect(reads).toBe(2);
  });

  it('refuses non-admins and inconsistent rounds', async () => {
    const world = await memoryWorld();
    await expect(
      world.services.rounds.save(world.actor('kirchheim.kommune'), { id: '2027', round: round('x') }),
    ).rejects.toMatchObject({ code: 'round.forbidden', status: 403 });
    await expect(
      world.services.rounds.save(world.actor('admin'), {
        id: '2027',
        round: {
          ...round('x'),
          applicationWindow: { opens: '2027-01-01', closes: '2026-01-01' },
          placeholders: ['master'],
        },
      }),
    ).rejects.toMatchObject({
      code: 'round.invalid',
      details: [{ pointer: '/round/applicationWindow/closes' }, { pointer: '/round/placeholders/0' }],
    });
  });

  it('opens and closes on Berlin calendar days', () => {
    const window = { applicationWindow: { opens: '2026-10-01', closes: '2026-12-31' } };
    // 22:30 UTC on 30 September is already 1 October in Berlin (summer time).
    expect(isRoundOpen(window, new Date('2026-09-30T21:30:00Z'))).toBe(false);
    expect(isRoundOpen(window, new Date('2026-09-30T22:30:00Z'))).toBe(true);
    // 23:30 UTC on 31 December is 1 January in Berlin: closed.
    expect(isRoundOpen(window, new Date('2026-12-31T22:59:00Z'))).toBe(true);
    expect(isRoundOpen(window, new Date('2026-12-31T23:30:00Z'))).toBe(false);
  });
});
