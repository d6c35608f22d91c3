import { unauthorized } from './errors.ts';
import { type Actor, ROLES, type Role } from './model.ts';

/**
 * Reads the caller from the JWT authorizer claims as API Gateway (HTTP API, payload v2) passes them.
 * API Gateway flattens array claims into a string such as `"[manager]"` or `"[manager reviewer]"`;
 * this is the one place that parses it.
 */
export function parseGroups(value: unknown): Role[] {
  let items: string[];
  if (Array.isArray(value)) items = value.map(String);
  else if (typeof value === 'string') {
    const trimmed = value.trim().replace(/^\[/, '').replace(/\]$/, '');
    items = trimmed.split(/[\s,]+/).filter(Boolean);
  } else items = [];
  return items.filter((g): g is Role => (ROLES as readonly string[]).includes(g));
}

export function actorFromClaims(claims: Record<string, unknown> | undefined): Actor {
  if (!claims || typeof claims.sub !== 'string' || claims.sub === '') throw unauthorized();
  const roles = parseGroups(claims['cognito:groups']);
  const org = typeof claims['custom:org'] === 'string' ? claims['custom:org'] : '';
  if (roles.length === 0 || org === '') {
    throw unauthorized('The token carries no role or organisation.');
  }
  const actor: Actor = {
    sub: claims.sub,
    name: typeof claims.name === 'string' && claims.name ? claims.name : claims.sub,
    roles,
    org,
  };
  if (typeof claims.email === 'string') actor.email = claims.email;
  return actor;
}
