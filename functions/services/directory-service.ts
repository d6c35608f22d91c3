import { notFound } from '#core/errors';
import { versionFromIfMatch } from '#core/if-match';
import type { Actor } from '#core/model';
import {
  assertMayKeepProfile,
  checkProfile,
  type OrgProfile,
  type OrgProfileView,
  profileChanged,
  profileOf,
  profileVersionRequired,
} from '#core/org-profile';
import type { Directory } from '#ports/directory';

/** Who the caller is and the organisations (tenants); the users are the user administration's. */
export class DirectoryService {
  constructor(
    private readonly directory: Directory,
    private readonly now: () => Date = () => new Date(),
  ) {}

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
      ...(org?.address || org?.bankAccount || org?.contact
        ? {
            orgProfile: {
              ...(org.address ? { address: org.address } : {}),
              ...(org.contact ? { contact: org.contact } : {}),
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

  /** The organisation's profile with its version (the `ETag`), for its own municipality users. */
  async profile(actor: Actor, org: string): Promise<OrgProfileView> {
    assertMayKeepProfile(actor, org);
    const stored = await this.directory.getOrganisation(org);
    if (!stored) throw notFound('organisation.not_found', 'Organisation not found.');
    return profileOf(stored);
  }

  /**
   * Replaces the profile, if it is still the version the caller read (`If-Match`). Only new applications
   * start with it: an application keeps the address and account it was made with.
   */
  async updateProfile(
    actor: Actor,
    org: string,
    ifMatch: string | undefined,
    profile: OrgProfile,
  ): Promise<OrgProfileView> {
    assertMayKeepProfile(actor, org);
    const expectedVersion = versionFromIfMatch(ifMatch, profileVersionRequired, profileChanged);
    checkProfile(profile);
    const changed = await this.directory.updateProfile(org, {
      profile,
      expectedVersion,
      at: this.now().toISOString(),
      by: actor.sub,
    });
    return profileOf(changed);
  }
}
