import { notFound } from '#core/errors';
import type { Actor } from '#core/model';
import type { Directory } from '#ports/directory';

/** Who the caller is and the organisations (tenants); the users are the user administration's. */
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
}
