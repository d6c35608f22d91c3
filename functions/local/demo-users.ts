/** The demo users of local mode (`demo-users.json`), and the actor each signs in as. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actor, UserProfile } from '#core/model';

const here = dirname(fileURLToPath(import.meta.url));

export function demoUserProfiles(): UserProfile[] {
  const raw = JSON.parse(readFileSync(join(here, 'demo-users.json'), 'utf8')) as Array<
    Omit<UserProfile, 'sub'>
  >;
  return raw.map((u) => ({ ...u, sub: `u-${u.username}` }));
}

export const actorOf = (user: UserProfile): Actor => ({
  sub: user.sub,
  name: user.name,
  email: user.email,
  roles: [user.role],
  org: user.org,
});
