import { describe, expect, it } from 'vitest';
import { baseDocument, openApiDocument, operationId } from '../../functions/api/openapi.ts';
import { withForms } from '../../functions/api/openapi-forms.ts';
import { routes } from '../../functions/routes.ts';

type Json = any;

const forms = [
  {
    id: 'demo-form',
    version: 2,
    schema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://example.invalid/demo',
      type: 'object',
      properties: { a: { $ref: '#/$defs/text' } },
      $defs: { text: { type: 'string', maxLength: 10 } },
    },
  },
];
const document: Json = openApiDocument(routes, { forms });

describe('the OpenAPI document', () => {
  it('is the same when served: the document built without forms, as JSON, with the forms added', () => {
    const base = baseDocument(routes);
    const built = JSON.stringify(base);
    const served = withForms(JSON.parse(built), forms);
    expect(JSON.stringify(served)).toBe(JSON.stringify(document));
    expect(JSON.stringify(base)).toBe(built);
    expect(JSON.stringify(withForms(base, []))).toBe(JSON.stringify(openApiDocument(routes, { forms: [] })));
    expect(JSON.stringify(served)).toContain('"examples":["demo-form"]');
  });

  it('names operations after method and path', () => {
    expect(operationId({ method: 'POST', path: '/api/submissions/{id}/transitions' })).toBe(
      'postSubmissionsIdTransitions',
    );
    const ids = Object.values(document.paths).flatMap((ops: Json) =>
      Object.values(ops).map((op: Json) => op.operationId),
    );
    expect(new Set(ids).size).toBe(routes.length);
  });

  it('needs the bearer token everywhere but on the document itself', () => {
    expect(document.components.securitySchemes.bearer).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    expect(document.paths['/api/openapi.json'].get.security).toEqual([]);
    expect(document.paths['/api/me'].get.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/api/me'].get.responses['401']).toBeDefined();
    expect(document.paths['/api/openapi.json'].get.responses['401']).toBeUndefined();
  });

  it('lists the error codes of a route by status, with the request errors every body route may give', () => {
    const transition = document.paths['/api/submissions/{id}/transitions'].post;
    const codes = (status: string) =>
      transition.responses[status].content['application/json'].schema.allOf[1].properties.error.properties
        .code.enum;
    expect(codes('412')).toEqual(['submission.stale_version']);
    expect(codes('428')).toEqual(['submission.version_required']);
    expect(codes('400')).toEqual(expect.arrayContaining(['request.invalid', 'workflow.comment_required']));
    expect(codes('409')).toEqual(expect.arrayContaining(['allocation.exceeded', 'submission.locked']));
    // allocation.exceeded refuses a submit (400) and an approval (409).
    expect(codes('400')).toContain('allocation.exceeded');
    expect(codes('413')).toEqual(['request.too_large']);
  });

  it('refers to named schemas and carries the request schemas of the table', () => {
    const get = document.paths['/api/submissions/{id}'].get;
    expect(get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Submission',
    });
    expect(document.components.schemas.Submission.required).toContain('allowed');
    const list = document.paths['/api/submissions'].get.parameters;
    expect(list.find((p: Json) => p.name === 'limit')).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 100 },
    });
    expect(
      document.paths['/api/submissions'].post.requestBody.content['application/json'].schema,
    ).toMatchObject({
      additionalProperties: false,
      required: ['formId'],
    });
  });

  it('carries the published forms as components, their local references pointed at them', () => {
    const form = document.components.schemas.FormData_demo_form_v2;
    expect(form.$id).toBeUndefined();
    expect(form.$schema).toBeUndefined();
    expect(form.properties.a.$ref).toBe('#/components/schemas/FormData_demo_form_v2/$defs/text');
    const formIdParam = document.paths['/api/forms/{formId}'].get.parameters[0];
    expect(formIdParam.schema.examples).toEqual(['demo-form']);
  });
});
