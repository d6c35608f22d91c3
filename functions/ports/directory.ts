import type { Organisation, UserProfile } from '#core/model';
import type { OrgProfile } from '#core/org-profile';

/** A profile change: the new profile, the version it was made on, and who made it when. */
export interface ProfileChange {
  profile: OrgProfile;
  expectedVersion: number;
  at: string;
  by: string;
}

/** Organisations (tenants) and user profiles. In AWS the users themselves live in Cognito. */
export interface Directory {
  getOrganisation(id: string): Promise<Organisation | undefined>;
  listOrganisations(): Promise<Organisation[]>;
  putOrganisation(org: Organisation): Promise<void>;
  /**
   * Replaces the organisation's profile (address, contact, bank account; a part left out is removed) and
   * counts its version up, only if the version is still `expectedVersion`; nothing else of the
   * organisation changes. Answers the organisation as changed.
   * @throws AppError 404 `organisation.not_found`; 412 `profile.changed` when the version moved on.
   */
  updateProfile(id: string, change: ProfileChange): Promise<Organisation>;
  /** Records an organisation's municipality key (`undefined`: removes it); nothing else of it changes. */
  setAgs(id: string, ags: string | undefined): Promise<void>;
  /** Removes an organisation (only one an import created and then took back: nothing refers to it yet). */
  deleteOrganisation(id: string): Promise<void>;
  getUser(sub: string): Promise<UserProfile | undefined>;
  listUsers(org: string): Promise<UserProfile[]>;
  putUser(user: UserProfile): Promise<void>;
}
