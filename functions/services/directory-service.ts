import { forbidden, notFound } from '#core/errors';
import type { Actor, Role } from '#core/model';
import type { Directory } from '#ports/directory';

/** Who the caller is, the organisations (tenants) and the users of one's own organisation. */
export class DirectoryService {
  constructor(private readonly directory: Directory) {}

  async me(actor: Actor) {
    const org = await this.directory.getOrganisation(actor.org);
    return {
      sub: actor.sub,
      name: actor.name,
      email: actor.email ?? null,
      roles: actor.roles,
      org: actor.org,
      orgName: org?.name ?? actor.org,
      orgType: org?.type ?? null,
      district: org?.district ?? null,
    };
  }

  /** Organisations are public facts (names, districts); every signed-in role may list them. */
  async organisations() {
    return { items: await this.directory.listOrganisations() };
  }

  async organisation(id: string) {
    const org = await this.directory.getOrganisation(id);
    if (!org) throw notFound('organisation.not_found', 'Organisation not found.');
    return org;
  }

  /** Users of the caller's own organisation (coordinators assign plans to managers). */
  async users(actor: Actor, role: Role | undefined) {
    if (!actor.roles.some((r) => r === 'coordinator' || r === 'manager' || r === 'municipality')) {
      throw forbidden('users.forbidden', 'Your role may not list users.');
    }
    const users = await this.directory.listUsers(actor.org);
    return {
      items: users
        .filter((u) => !role || u.role === role)
        .map(({ sub, name, role: r }) => ({ sub, name, role: r })),
    };
  }
}
