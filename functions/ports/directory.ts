import type { Organisation, UserProfile } from '#core/model';

/** Organisations (tenants) and user profiles. In AWS the users themselves live in Cognito. */
export interface Directory {
  getOrganisation(id: string): Promise<Organisation | undefined>;
  listOrganisations(): Promise<Organisation[]>;
  putOrganisation(org: Organisation): Promise<void>;
  getUser(sub: string): Promise<UserProfile | undefined>;
  listUsers(org: string): Promise<UserProfile[]>;
  putUser(user: UserProfile): Promise<void>;
}
