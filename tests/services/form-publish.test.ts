import { describe, expect, it } from 'vitest';
import { PRELUDE } from '../../forms/generated/validator-prelude.js';
import { validatorModuleCode } from '../../forms/validator-code.ts';
import { isAppError } from '../../functions/core/errors.ts';
import { genericData, genericFormDefinition } from '../helpers/factories.ts';
import { actor, memoryServices } from '../helpers/services.ts';

const admin = actor('admin', 'admin', 'rp-stuttgart');
const kommune = actor('kommune', 'municipality', 'kirchheim-unter-teck');
const compile = async (schema: Record<string, unknown>) => validatorModuleCode(schema, PRELUDE).code;

type Json = Record<string, any>;
const withSchema = (change: (schema: Json) => void) => {
  const definition = genericFormDefinition() as Json;
  change(definition.schema);
  return definition;
};

async function publish(definition: Json) {
  const s = memoryServices([admin, kommune]);
  try {
    const version = await s.forms.publish(admin, 'veranstaltung', definition as never, {
      compile,
      now: new Date(),
    });
    return { s, version, status: 201 };
  } catch (error) {
    if (isAppError(error)) return { s, status: error.status, error };
    throw error;
  }
}

describe('publishing a form: published and valid as 2020-12 says, or refused with 400 and a reason', () => {
  const refused: Array<[string, Json, string]> = [
    [
      'a pattern that backtracks catastrophically',
      withSchema((s) => {
        s.properties.event.properties.title.pattern = '^(a|a)*$';
      }),
      '/schema/properties/event/properties/title/pattern',
    ],
    [
      'an odd $id',
      withSchema((s) => {
        s.properties.website.$id = '#';
      }),
      '/schema/properties/website/$id',
    ],
    [
      'a very large integer constant',
      withSchema((s) => {
        s.properties.event.properties.kind = { const: 2 ** 70 };
      }),
      '/schema/properties/event/properties/kind/const',
    ],
    [
      'minProperties',
      withSchema((s) => {
        s.properties.event.minProperties = 3;
      }),
      '/schema/properties/event/minProperties',
    ],
    [
      'an object constant',
      withSchema((s) => {
        s.properties.extra = { const: { a: 1 } };
      }),
      '/schema/properties/extra/const',
    ],
  ];
  it.each(refused)('refuses %s', async (_what, definition, pointer) => {
    const out = await publish(definition);
    expect(out.status).toBe(400);
    expect(out.error?.details).toContainEqual(expect.objectContaining({ pointer }));
    await expect(out.s.forms.latest('veranstaltung')).rejects.toMatchObject({ status: 404 });
  });

  it('publishes a sound schema, and submissions on it are validated by it', async () => {
    const out = await publish(genericFormDefinition() as Json);
    expect(out.status).toBe(201);
    const sub = await out.s.submissionService.create(kommune, {
      formId: 'veranstaltung',
      data: genericData(),
    });
    expect(sub.data.event).toEqual(genericData().event);
    await expect(
      out.s.submissionService.create(kommune, { formId: 'veranstaltung', data: { event: { title: 5 } } }),
    ).rejects.toMatchObject({ status: 400 });
  });
});
