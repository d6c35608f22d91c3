/**
 * Checks an answer of the API against the route table: a success status the route declares, its body
 * against the declared response schema (or the declared media type), an error in the one error shape with
 * a status and code the route declares. Used by the integration tests' API client on every answer, so
 * the contract cannot drift. Compiled with ajv here, in tests: Lambdas never compile schemas.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import { errorBody } from '../../functions/api/schemas/common.ts';
import { isErrorCode, statusesOf } from '../../functions/core/error-catalogue.ts';
import { commonErrors, type Route, routes } from '../../functions/routes.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const compiled = new Map<object, ValidateFunction>();
const validator = (schema: object) => {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
};

const matchers = routes.map((route) => ({
  route: route as Route,
  pattern: new RegExp(`^${route.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** The route a request went to, if it is one of the table's. */
export function routeOf(method: string, path: string): Route | undefined {
  const pathname = path.split('?')[0] ?? '';
  return matchers.find((m) => m.route.method === method.toUpperCase() && m.pattern.test(pathname))?.route;
}

/** Codes every route may answer beside its own (see functions/api/openapi.ts). */
/** What the local server itself answers before any route (as API Gateway would). */
const LOCAL = ['route.not_found', 'request.bad_path', 'request.malformed'];

/** The contract violations of one answer (empty: it keeps the contract). */
export function contractViolations(
  method: string,
  path: string,
  answer: { status: number; contentType: string | null; body: unknown },
): string[] {
  const route = routeOf(method, path);
  if (!route) return [];
  const where = `${method} ${path} → ${answer.status}`;
  if (answer.status >= 400) {
    const validate = validator(errorBody);
    if (!validate(answer.body)) return [`${where}: not the error shape: ${ajv.errorsText(validate.errors)}`];
    const code = (answer.body as { error: { code: string } }).error.code;
    if (!route.errors.includes(code) && !commonErrors(route).includes(code) && !LOCAL.includes(code))
      return [`${where}: code ${code} not declared`];
    if (isErrorCode(code) && !statusesOf(code).includes(answer.status))
      return [`${where}: ${code} has status ${statusesOf(code).join('/')} in the catalogue`];
    return [];
  }
  const spec = route.responses[answer.status];
  if (!spec) return [`${where}: status not declared (${Object.keys(route.responses).join(', ')})`];
  const type = (answer.contentType ?? '').split(';')[0]?.trim();
  if (spec.alternative && type === spec.alternative.mediaType) return [];
  if (spec.mediaType && !spec.schema) {
    return type === spec.mediaType ? [] : [`${where}: content type ${type}, declared ${spec.mediaType}`];
  }
  if (!spec.schema) return answer.body === undefined ? [] : [`${where}: a body where none is declared`];
  const validate = validator(spec.schema);
  if (!validate(answer.body)) return [`${where}: ${ajv.errorsText(validate.errors)}`];
  return [];
}
