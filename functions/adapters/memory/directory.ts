import { notFound } from '#core/errors';
import type { Organisation, UserProfile } from '#core/model';
import { profileChanged } from '#core/org-profile';
import type { Directory, ProfileChange } from '#ports/directory';

export class MemoryDirectory implements Directory {
  private readonly orgs = new Map<string, Organisation>();
  private readonly users = new Map<string, UserProfile>();

  async getOrganisation(id: string) {
    const org = this.orgs.get(id);
    return org ? { ...org } : undefined;
  }
  async listOrganisations() {
    return [...this.orgs.values()].sort((a, b) => a.id.localeCompare(b.id)).map((o) => ({ ...o }));
  }
  async putOrganisation(org: Organisation) {
    this.orgs.set(org.id, { ...org });
  }
  async updateProfile(id: string, { profile, expectedVersion, at, by }: ProfileChange) {
    const org = this.orgs.get(id);
    if (!org) throw notFound('organisation.not_found', 'Organisation not found.');
    if ((org.profileVersion ?? 0) !== expectedVersion) throw profileChanged();
    const { address: _a, contact: _c, bankAccount: _b, ...rest } = org;
    const next: Organisation = {
      ...rest,
      ...structuredClone(profile),
      profileVersion: expectedVersion + 1,
      profileUpdatedAt: at,
      profileUpdatedBy: by,
    };
    this.orgs.set(id, next);
    return { ...next };
  }
  async setAgs(id: string, ags: string | undefined) {
    const org = this.orgs.get(id);
    if (!org) throw notFound('organisation.not_found', 'Organisation not found.');
    const { ags: _old, ...rest } = org;
    this.orgs.set(id, ags === undefined ? rest : { ...rest, ags });
  }
  async deleteOrganisation(id: string) {
    this.orgs.delete(id);
  }
  async getUser(sub: string) {
    const user = this.users.get(sub);
    return user ? { ...user } : undefined;
  }
  async listUsers(org: string) {
    return [...this.users.values()]
      .filter((u) => u.org === org)
      .sort((a, b) => a.sub.localeCompare(b.sub))
      .map((u) => ({ ...u }));
  }
  /** Every user of every organisation (what the user records read; not part of the directory port). */
  allUsers() {
    return [...this.users.values()].map((u) => ({ ...u }));
  }
  async putUser(user: UserProfile) {
    this.users.set(user.sub, { ...user });
  }
}
