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
      // The own organisation's profile, which a new funding application starts with; never another's.
      ...(org?.address || org?.bankAccount
        ? {
            orgProfile: {
              ...(org.address ? { address: org.address } : {}),
              ...(org.bankAccount ? { bankAccount: org.bankAccount } : {}),
            },
          }
        : {}),
    };
  }

  /**
   * Organisations are public facts (names, districts, the municipality key); every signed-in role may list
   * them. Addresses and bank accounts stay with the organisation's own users (`me`).
   */
  async organisations() {
    const items = await this.directory.listOrganisations();
    return {
      items: items.map(({ id, name, type, district, electoralDistrict, ags }) => ({
        id,
        name,
        type,
        ...(district !== undefined ? { district } : {}),
        ...(electoralDistrict !== undefined ? { electoralDistrict } : {}),
        ...(ags !== undefined ? { ags } : {}),
      })),
    };
  }

  async organisation(id: string) {
    const org = await this.directory.getOrganisation(id);
    if (!org) throw notFound('organisation.not_found', 'Organisation not found.');
    return org;
  }
}
