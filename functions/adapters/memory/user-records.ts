import { conflict } from '#core/errors';
import type { UserProfile } from '#core/model';
import type { UserAuditEntry } from '#core/user-admin';
import type { UserRecords } from '#ports/user-records';
import type { MemoryDirectory } from './directory.ts';

/** User profiles in the in-memory directory (so the directory sees each change) and their audit. */
export class MemoryUserRecords implements UserRecords {
  private readonly entries: UserAuditEntry[] = [];
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly directory: MemoryDirectory) {}

  async listAll() {
    return this.directory.allUsers();
  }
  get(sub: string) {
    return this.directory.getUser(sub);
  }
  async create(profile: UserProfile, entry: UserAuditEntry) {
    if (await this.directory.getUser(profile.sub))
      throw conflict('users.exists', `A user ${profile.sub} exists.`);
    await this.directory.putUser(profile);
    this.entries.push(structuredClone(entry));
  }
  update(before: UserProfile, after: UserProfile, entry: UserAuditEntry, keeper?: string) {
    // One change at a time, checks and write together: as atomic as DynamoDB's transaction.
    const run = this.writing.then(async () => {
      const current = await this.directory.getUser(before.sub);
      if (!current || JSON.stringify(sameOrder(current)) !== JSON.stringify(sameOrder(before)))
        throw conflict('users.changed', `User ${before.sub} was changed meanwhile.`);
      if (keeper !== undefined) {
        const other = await this.directory.getUser(keeper);
        if (other?.role !== 'admin' || other.active === false)
          throw conflict('users.last_admin', 'The platform would be left without an active admin.');
      }
      await this.directory.putUser(after);
      this.entries.push(structuredClone(entry));
    });
    this.writing = run.catch(() => undefined);
    return run;
  }
  async audit(sub: string) {
    return this.entries.filter((e) => e.sub === sub).map((e) => structuredClone(e));
  }
}

const sameOrder = (u: UserProfile) =>
  Object.fromEntries(Object.entries(u).sort(([a], [b]) => a.localeCompare(b)));
