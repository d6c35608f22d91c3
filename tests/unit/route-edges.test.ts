import { describe, expect, it } from 'vitest';
import { routeEdges } from '../../functions/api/generated/route-edges.js';
import { httpGroup } from '../../functions/lib/http-handler.ts';
import { HANDLER_GROUPS, type Route, routeKey, routes } from '../../functions/routes.ts';

/** Each function bundles only its own group's route edges: they must be exactly that group's routes. */
describe('route edges per handler group', () => {
  it('hold exactly the routes of their group, with what the route table declares', async () => {
    for (const group of HANDLER_GROUPS) {
      const { routeEdges: edges } = (await import(
        `../../functions/api/generated/route-edges.${group}.js`
      )) as { routeEdges: typeof routeEdges };
      const own: readonly Route[] = routes.filter((r) => r.group === group);
      expect(Object.keys(edges).sort(), group).toEqual(own.map(routeKey).sort());
      for (const route of own) {
        const edge = edges[routeKey(route)]!;
        expect(edge.public, routeKey(route)).toBe(route.public);
        expect(edge.rawBody, routeKey(route)).toEqual(route.rawBody);
        for (const part of ['params', 'query', 'body'] as const)
          expect(typeof edge[part], `${routeKey(route)} ${part}`).toBe(
            route[part] ? 'function' : 'undefined',
          );
      }
    }
    expect(Object.keys(routeEdges).length).toBe(routes.length);
  });

  it('refuse a group handler with an operation of a route outside the group', () => {
    const forms = { 'GET /api/forms': {} };
    expect(() => httpGroup(forms, { 'GET /api/me': async () => ({ body: {} }) })).toThrow(/GET \/api\/me/);
  });
});
