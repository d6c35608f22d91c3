/** The user administration over the in-memory profiles and the local sign-in directory. */
import { beforeEach, describe, expect, it } from 'vitest';
import { LocalSignInDirectory } from '../../functions/adapters/local/sign-in-directory.ts';
import { MemoryUserRecords } from '../../functions/adapters/memory/user-records.ts';
import type { Role } from '../../functions/core/model.ts';
import type { UserDirectory } from '../../functions/ports/user-directory.ts';
import { UserAdminService } from '../../functions/services/user-admin-service.ts';
import { type MemoryWorld, memoryWorld } from '../helpers/memory.ts';

let world: MemoryWorld;
let service: UserAdminService;
let records: MemoryUserRecords;
let calls: string[];
let identities: UserDirectory;

beforeEach(async () => {
  world = await memoryWorld();
  records = new MemoryUserRecords(world.adapters.directory);
  const local = new LocalSignInDirectory(records);
  calls = [];
  // The local sign-in, with each call noted: the service must carry every change out in the sign-in too.
  identities = {
    invite: (invite) => {
      calls.push(`invite ${invite.username} ${invite.role}`);
      return local.invite(invite);
    },
    update: (username, change) => {
      calls.push(`update ${username} ${change.role?.to ?? '-'} ${change.org ?? '-'}`);
      return local.update(username);
    },
    setActive: (username, active) => {
      calls.push(`active ${username} ${active}`);
      return local.setActive(username);
    },
    resetSecondFactor: (username) => {
      calls.push(`reset ${username}`);
      return local.resetSecondFactor(username);
    },
    withdraw: (username) => {
      calls.push(`withdraw ${username}`);
      return local.withdraw(username);
    },
    setEmail: (username, email) => {
      calls.push(`email ${username} ${email}`);
      return local.setEmail(username, email);
    },
  };
  service = new UserAdminService({
    records,
    identities,
    directory: world.adapters.directory,
    now: world.adapters.now,
    newId: world.adapters.newId,
  });
});

const invite = (role: Role, org = 'kirchheim-unter-teck', email = `neu.${role}@kirchheim.example`) => ({
  name: `Neue Person ${role}`,
  email,
  role,
  org,
});

describe('inviting', () => {
  it('takes the sign-in back when its profile cannot be stored: no orphaned sign-in', async () => {
    const admin = world.actor('admin');
    records.create = async () => {
      throw Object.assign(new Error('table unavailable'), { name: 'ServiceUnavailable' });
    };
    await expect(service.invite(admin, invite('manager'))).rejects.toThrow('table unavailable');
    expect(calls).toEqual([
      'invite neu.manager@kirchheim.example manager',
      'withdraw neu.manager@kirchheim.example',
    ]);
  });

  it('creates the sign-in and the profile, which the directory then lists, and records who did it', async () => {
    const admin = world.actor('admin');
    const user = await service.invite(admin, invite('manager'));
    expect(user).toMatchObject({ username: 'neu.manager@kirchheim.example', role: 'manager', active: true });
    expect(calls).toEqual(['invite neu.manager@kirchheim.example manager']);
    const listed = await world.adapters.directory.listUsers('kirchheim-unter-teck');
    expect(listed.map((u) => u.sub)).toContain(user.sub);
    const audit = await service.audit(admin, user.sub);
    expect(audit.items).toEqual([
      expect.objectContaining({
        action: 'invite',
        by: { sub: admin.sub, name: admin.name },
        at: world.clock.now.toISOString(),
        after: expect.objectContaining({ role: 'manager', org: 'kirchheim-unter-teck', active: true }),
      }),
    ]);
    expect(audit.items[0]!.before).toBeUndefined();
  });

  it('refuses a taken sign-in name or e-mail address, and an unknown organisation, before anything is written', async () => {
    const admin = world.actor('admin');
    await expect(
      service.invite(admin, { ...invite('manager'), username: 'kirchheim.im1' }),
    ).rejects.toMatchObject({ status: 409, code: 'users.exists' });
    await expect(
      service.invite(admin, invite('manager', 'kirchheim-unter-teck', 'M.Schneider@kirchheim.example')),
    ).rejects.toMatchObject({ code: 'users.exists' });
    await expect(service.invite(admin, invite('manager', 'atlantis'))).rejects.toMatchObject({
      status: 404,
      code: 'organisation.not_found',
    });
    expect((await records.listAll()).length).toBe(world.users.length);
  });

  it('lets a coordinator invite managers of its own organisation only', async () => {
    const coordinator = world.actor('kirchheim.koordination');
    await expect(service.invite(coordinator, invite('manager'))).resolves.toMatchObject({ role: 'manager' });
    await expect(service.invite(coordinator, invite('manager', 'plochingen'))).rejects.toMatchObject({
      status: 403,
      code: 'users.other_organisation',
    });
    await expect(service.invite(coordinator, invite('reviewer'))).rejects.toMatchObject({
      code: 'users.role_not_grantable',
    });
    expect(calls).toHaveLength(1);
  });
});

describe('changing', () => {
  it('changes role and organisation in the sign-in and the profile, with before and after in the audit', async () => {
    const admin = world.actor('admin');
    const changed = await service.change(admin, 'u-kirchheim.im1', {
      role: 'coordinator',
      org: 'plochingen',
    });
    expect(changed).toMatchObject({ role: 'coordinator', org: 'plochingen' });
    expect(calls).toEqual(['update kirchheim.im1 coordinator plochingen']);
    expect((await world.adapters.directory.listUsers('plochingen')).map((u) => u.sub)).toContain(
      'u-kirchheim.im1',
    );
    const [entry] = (await service.audit(admin, 'u-kirchheim.im1')).items;
    expect(entry).toMatchObject({
      action: 'change',
      before: { role: 'manager', org: 'kirchheim-unter-teck', active: true },
      after: { role: 'coordinator', org: 'plochingen', active: true },
    });
  });

  it('deactivates and reactivates, and records a second-factor reset', async () => {
    const admin = world.actor('admin');
    await service.change(admin, 'u-kirchheim.im2', { active: false });
    expect((await records.get('u-kirchheim.im2'))?.active).toBe(false);
    await service.change(admin, 'u-kirchheim.im2', { active: true, resetSecondFactor: true });
    expect(calls).toEqual(['active kirchheim.im2 false', 'active kirchheim.im2 true', 'reset kirchheim.im2']);
    const items = (await service.audit(admin, 'u-kirchheim.im2')).items;
    expect(items.map((e) => [e.before?.active, e.after.active, e.secondFactorReset])).toEqual([
      [true, false, undefined],
      [false, true, true],
    ]);
  });

  it('writes nothing for a change that changes nothing', async () => {
    const admin = world.actor('admin');
    await service.change(admin, 'u-kirchheim.im1', { role: 'manager' });
    expect(calls).toEqual([]);
    expect((await service.audit(admin, 'u-kirchheim.im1')).items).toEqual([]);
  });

  it('never leaves the platform without an active admin', async () => {
    const admin = world.actor('admin');
    await expect(service.change(admin, admin.sub, { role: 'reviewer' })).rejects.toMatchObject({
      status: 409,
      code: 'users.last_admin',
    });
    // With a second admin, the first may step down; the second then cannot be deactivated by the first.
    const second = await service.invite(admin, invite('admin', 'rp-stuttgart', 'zweite@rps.example'));
    await service.change(admin, admin.sub, { role: 'reviewer' });
    const secondActor = {
      sub: second.sub,
      name: second.name,
      roles: ['admin' as const],
      org: 'rp-stuttgart',
    };
    await expect(service.change(secondActor, second.sub, { active: false })).rejects.toMatchObject({
      code: 'users.own_account',
    });
    await expect(service.change(secondActor, second.sub, { role: 'reviewer' })).rejects.toMatchObject({
      code: 'users.last_admin',
    });
  });

  it('keeps one admin when the last two are demoted at the same time', async () => {
    const admin = world.actor('admin');
    const second = await service.invite(admin, invite('admin', 'rp-stuttgart', 'zweite@rps.example'));
    const secondActor = {
      sub: second.sub,
      name: second.name,
      roles: ['admin' as const],
      org: 'rp-stuttgart',
    };
    calls = [];
    // Each checks "another admin is left" against the same reading; only one of the writes may hold.
    const results = await Promise.allSettled([
      service.change(admin, second.sub, { role: 'reviewer' }),
      service.change(secondActor, admin.sub, { active: false }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 409, code: 'users.last_admin' });
    const admins = (await records.listAll()).filter((u) => u.role === 'admin' && u.active !== false);
    expect(admins).toHaveLength(1);
    // The refused change never reached the sign-in.
    expect(calls).toHaveLength(1);
  });

  it('puts the profile back when the sign-in refuses a change', async () => {
    const admin = world.actor('admin');
    const before = await records.get('u-kirchheim.im1');
    identities.update = async () => {
      throw Object.assign(new Error('sign-in unavailable'), { name: 'ServiceUnavailable' });
    };
    await expect(service.change(admin, 'u-kirchheim.im1', { role: 'coordinator' })).rejects.toThrow(
      'sign-in unavailable',
    );
    expect(await records.get('u-kirchheim.im1')).toMatchObject({ role: before?.role, org: before?.org });
    const audit = (await service.audit(admin, 'u-kirchheim.im1')).items;
    expect(audit.map((e) => [e.before?.role, e.after.role])).toEqual([
      [before?.role, 'coordinator'],
      ['coordinator', before?.role],
    ]);
  });

  it('lets nobody change their own organisation or deactivate themselves', async () => {
    const coordinator = world.actor('kirchheim.koordination');
    await expect(service.change(coordinator, coordinator.sub, { active: false })).rejects.toMatchObject({
      code: 'users.own_account',
    });
    const admin = world.actor('admin');
    await expect(service.change(admin, admin.sub, { org: 'plochingen' })).rejects.toMatchObject({
      code: 'users.own_organisation',
    });
    expect(calls).toEqual([]);
  });

  it('answers 409 when the profile changed between reading and writing', async () => {
    const before = (await records.get('u-kirchheim.im1'))!;
    await world.adapters.directory.putUser({ ...before, role: 'coordinator' });
    await expect(
      records.update(
        before,
        { ...before, active: false },
        {
          id: 'x',
          sub: before.sub,
          at: world.clock.now.toISOString(),
          by: { sub: 'a', name: 'a' },
          action: 'change',
          after: { ...before, active: false },
        },
      ),
    ).rejects.toMatchObject({ status: 409, code: 'users.changed' });
  });
});

describe('listing', () => {
  it('pages every user by name for admins, filtered by organisation and role, with what each allows', async () => {
    const admin = world.actor('admin');
    const first = await service.list(admin, { limit: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.grantable).toContain('admin');
    const second = await service.list(admin, { limit: 5, cursor: first.nextCursor! });
    const names = [...first.items, ...second.items].map((u) => u.name);
    expect(new Set(names).size).toBe(10);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de')));
    const managers = await service.list(admin, { org: 'kirchheim-unter-teck', role: 'manager' });
    expect(managers.items.map((u) => u.sub).sort()).toEqual(['u-kirchheim.im1', 'u-kirchheim.im2']);
    expect(managers.items[0]).toMatchObject({
      allowed: expect.arrayContaining(['changeRole', 'deactivate']),
    });
    await expect(service.list(admin, { cursor: 'nonsense' })).rejects.toMatchObject({
      code: 'list.bad_cursor',
    });
  });

  it('shows coordinators their own organisation only, and managers only active colleagues by name and role', async () => {
    const coordinator = world.actor('kirchheim.koordination');
    await expect(service.list(coordinator, { org: 'plochingen' })).rejects.toMatchObject({
      code: 'users.other_organisation',
    });
    await service.change(world.actor('admin'), 'u-kirchheim.im2', { active: false });
    const own = await service.list(coordinator, {});
    expect(own.items.every((u) => 'org' in u && u.org === 'kirchheim-unter-teck')).toBe(true);
    expect(own.items.find((u) => u.sub === 'u-kirchheim.im2')).toMatchObject({ active: false });
    const manager = await service.list(world.actor('kirchheim.im1'), {});
    expect(manager.items.map((u) => u.sub)).not.toContain('u-kirchheim.im2');
    expect(Object.keys(manager.items[0]!).sort()).toEqual(['name', 'role', 'sub']);
    expect(manager.grantable).toBeUndefined();
    await expect(service.list(world.actor('rp.pruefer1'), {})).rejects.toMatchObject({
      code: 'users.forbidden',
    });
  });

  it('keeps the audit to admins', async () => {
    await expect(
      service.audit(world.actor('kirchheim.koordination'), 'u-kirchheim.im1'),
    ).rejects.toMatchObject({
      status: 403,
      code: 'users.audit_forbidden',
    });
  });
});
