/**
 * Forms over HTTP: reading the catalogue per role, publishing new versions (admins only, server-numbered,
 * renderable keywords only, funding/case forms keeping the fields the rules read), a generic draft 2020-12
 * form end to end, its validator module as a static file, and submissions pinned to their version.
 * The tests run in order: the catalogue is read before anything is published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fundingConfig from '../../forms/funding-application/config.json' with { type: 'json' };
import fundingDe from '../../forms/funding-application/i18n/de.json' with { type: 'json' };
import fundingEn from '../../forms/funding-application/i18n/en.json' with { type: 'json' };
import fundingSchema from '../../forms/funding-application/schema.v1.json' with { type: 'json' };
import fundingUi from '../../forms/funding-application/ui.json' with { type: 'json' };
import fundingWorkflow from '../../forms/funding-application/workflow.json' with { type: 'json' };
import planDe from '../../forms/integration-plan/i18n/de.json' with { type: 'json' };
import planUk from '../../forms/integration-plan/i18n/uk.json' with { type: 'json' };
import planSchemaV1 from '../../forms/integration-plan/schema.v1.json' with { type: 'json' };
import planSchema from '../../forms/integration-plan/schema.v2.json' with { type: 'json' };
import planWorkflow from '../../forms/integration-plan/workflow.json' with { type: 'json' };
import {
  act,
  actOk,
  expectError,
  FUNDING,
  fetchOk,
  fundingData,
  genericData,
  genericFormDefinition,
  ifMatch,
  PLAN,
  pointersOf,
  save,
  signIn,
  start,
  submitFunding,
} from '../helpers/factories.ts';
import { type ApiClient, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

let platform: TestPlatform;
let admin: ApiClient;
let kommune: ApiClient;
let manager: ApiClient;
let coordinator: ApiClient;
let reviewer: ApiClient;

beforeAll(async () => {
  platform = await startTestPlatform();
  [admin, kommune, manager, coordinator, reviewer] = await signIn(
    platform,
    'admin',
    'kirchheim.kommune',
    'kirchheim.im1',
    'kirchheim.koordination',
    'rp.pruefer1',
  );
});
afterAll(async () => platform?.stop());

const publish = (formId: string, definition: Record<string, unknown>, api = () => admin) =>
  api().post(`/api/forms/${formId}/versions`, definition);

const formIds = async (api: ApiClient) => {
  const res = await api.get('/api/forms');
  expect(res.status).toBe(200);
  return (res.body.items as Array<{ id: string }>).map((f) => f.id).sort();
};

/** A schema with a property added at the top level. */
const withProperty = (schema: Record<string, any>, name: string, property: Record<string, unknown>) => ({
  ...schema,
  properties: { ...schema.properties, [name]: property },
});

/** A schema without some top-level properties (and without them in `required`). */
function without(schema: Record<string, any>, ...names: string[]) {
  const properties = { ...schema.properties };
  for (const name of names) delete properties[name];
  return {
    ...schema,
    properties,
    required: (schema.required ?? []).filter((r: string) => !names.includes(r)),
  };
}

const fundingDefinition = (schema: Record<string, unknown>) => ({
  title: { de: 'Förderantrag Integrationsmanagement', en: 'Funding application' },
  schema,
  uiSchema: fundingUi,
  workflow: fundingWorkflow,
});

describe('reading the catalogue', () => {
  it('lists the latest version of each form the caller may use', async () => {
    // Only forms whose workflow involves the role, and never a case form for a role outside the case kind.
    const offered = {
      kommune: await formIds(kommune),
      reviewer: await formIds(reviewer),
      manager: await formIds(manager),
      coordinator: await formIds(coordinator),
      admin: await formIds(admin),
    };
    expect(offered.kommune).toContain(FUNDING);
    expect(offered.kommune).not.toContain(PLAN);
    expect(offered.reviewer).toContain(FUNDING);
    expect(offered.reviewer).not.toContain(PLAN);
    expect(offered.manager).toContain(PLAN);
    expect(offered.manager).not.toContain(FUNDING);
    expect(offered.coordinator).toContain(PLAN);
    expect(offered.coordinator).not.toContain(FUNDING);
    expect(offered.admin).toEqual(expect.arrayContaining([FUNDING, PLAN]));
    const item = (await kommune.get('/api/forms')).body.items.find((f: { id: string }) => f.id === FUNDING);
    expect(item).toMatchObject({
      id: FUNDING,
      version: 1,
      title: { de: fundingDe.title },
      workflow: fundingWorkflow,
    });
  });

  it('returns a form with its schema, UI schema, workflow, configuration and texts', async () => {
    const res = await kommune.get(`/api/forms/${FUNDING}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: FUNDING,
      version: 1,
      title: { de: fundingDe.title, en: fundingEn.title },
      schema: fundingSchema,
      uiSchema: fundingUi,
      workflow: fundingWorkflow,
      config: fundingConfig,
      i18n: { de: fundingDe, en: fundingEn },
    });
    expect((await kommune.get(`/api/forms/${FUNDING}/versions/1`)).body).toEqual(res.body);
    const plan = (await manager.get(`/api/forms/${PLAN}`)).body;
    expect(plan).toMatchObject({ id: PLAN, version: 2, schema: planSchema, workflow: planWorkflow });
    // Every plan language comes with the form, with its review status; older plans keep version 1.
    expect(Object.keys(plan.i18n).sort()).toEqual(['ar', 'de', 'en', 'fa', 'ru', 'tr', 'uk']);
    expect(plan.i18n.de).toEqual(planDe);
    expect(plan.i18n.uk).toEqual(planUk);
    expect((await manager.get(`/api/forms/${PLAN}/versions/1`)).body).toMatchObject({
      version: 1,
      schema: planSchemaV1,
      i18n: { uk: planUk },
    });
  });

  it('answers 404 for an unknown form or version', async () => {
    expectError(await kommune.get('/api/forms/no-such-form'), 404, 'form.not_found');
    expectError(await kommune.get(`/api/forms/${FUNDING}/versions/2`), 404, 'form.not_found');
    expectError(await kommune.get('/api/forms/no-such-form/versions/1'), 404, 'form.not_found');
  });

  it('serves the validator module of a repository form without a token', async () => {
    const res = await fetch(`${platform.url}/validators/${FUNDING}/v1.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${platform.url}/validators/${FUNDING}/v9.js`)).status).toBe(404);
  });
});

describe('publishing is for admins', () => {
  it('refuses every other role with 403 and publishes nothing', async () => {
    for (const api of [kommune, manager, coordinator, reviewer]) {
      expectError(
        await publish('other-form', genericFormDefinition(), () => api),
        403,
        'form.publish_forbidden',
      );
      expectError(
        await publish(FUNDING, fundingDefinition(fundingSchema), () => api),
        403,
        'form.publish_forbidden',
      );
    }
    expectError(await admin.get('/api/forms/other-form'), 404, 'form.not_found');
    expect((await admin.get(`/api/forms/${FUNDING}`)).body.version).toBe(1);
  });
});

describe('what a published schema may not be', () => {
  const unsupported: Array<[keyword: string, schema: Record<string, unknown>, pointer: string]> = [
    [
      'prefixItems',
      {
        type: 'object',
        properties: { pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] } },
      },
      '/schema/properties/pair/prefixItems',
    ],
    [
      'unevaluatedProperties',
      { type: 'object', properties: { a: { type: 'string' } }, unevaluatedProperties: false },
      '/schema/unevaluatedProperties',
    ],
    [
      'unevaluatedItems',
      { type: 'object', properties: { list: { type: 'array', unevaluatedItems: false } } },
      '/schema/properties/list/unevaluatedItems',
    ],
    [
      'contains',
      { type: 'object', properties: { list: { type: 'array', contains: { const: 1 } } } },
      '/schema/properties/list/contains',
    ],
    ['propertyNames', { type: 'object', propertyNames: { maxLength: 5 } }, '/schema/propertyNames'],
    [
      'dependentSchemas',
      { type: 'object', $defs: { x: { type: 'object', dependentSchemas: { a: { required: ['b'] } } } } },
      '/schema/$defs/x/dependentSchemas',
    ],
    [
      '$dynamicRef',
      { type: 'object', properties: { a: { $dynamicRef: '#node' } } },
      '/schema/properties/a/$dynamicRef',
    ],
  ];

  it.each(unsupported)(
    'refuses %s with 400 form.unsupported_keywords naming it',
    async (keyword, schema, pointer) => {
      const res = await publish('unsupported-form', genericFormDefinition({ schema }));
      expectError(res, 400, 'form.unsupported_keywords');
      expect(res.body.error.message).toContain(keyword);
      expect(res.body.error.details).toEqual([
        { pointer, message: expect.stringContaining(keyword), code: keyword },
      ]);
    },
  );

  it('names every unsupported keyword used, and publishes nothing', async () => {
    const schema = {
      type: 'object',
      unevaluatedProperties: false,
      properties: { pair: { type: 'array', prefixItems: [{ type: 'string' }] } },
    };
    const res = await publish('unsupported-form', genericFormDefinition({ schema }));
    expectError(res, 400, 'form.unsupported_keywords');
    expect(res.body.error.message).toContain('prefixItems');
    expect(res.body.error.message).toContain('unevaluatedProperties');
    expect(pointersOf(res)).toEqual(['/schema/properties/pair/prefixItems', '/schema/unevaluatedProperties']);
    expectError(await admin.get('/api/forms/unsupported-form'), 404, 'form.not_found');
  });

  it('accepts properties that are merely named like unsupported keywords', async () => {
    const schema = {
      type: 'object',
      properties: { prefixItems: { type: 'string' }, contains: { type: 'integer' } },
    };
    const res = await publish('keyword-names', genericFormDefinition({ schema }));
    expect(res.status).toBe(201);
    const sub = await start(kommune, 'keyword-names', { prefixItems: 'a', contains: 2 });
    expect(sub.data).toEqual({ prefixItems: 'a', contains: 2 });
  });

  it('refuses a new funding version that drops the fields the rules read (form.kind_fields_missing)', async () => {
    const res = await publish(FUNDING, fundingDefinition(without(fundingSchema, 'positions')));
    expectError(res, 400, 'form.kind_fields_missing');
    expect(pointersOf(res)).toEqual(['/positions']);
    const both = await publish(FUNDING, fundingDefinition(without(fundingSchema, 'positions', 'round')));
    expect(pointersOf(both)).toEqual(['/positions', '/round']);
    expect((await kommune.get(`/api/forms/${FUNDING}`)).body.version).toBe(1);
  });

  it('refuses a new plan version (or a new case form) without the case id or the consent', async () => {
    const header = (planSchema as Record<string, any>).properties.header;
    const headerWithoutCaseId = {
      ...header,
      properties: { ...header.properties },
      required: ['counsellingStart'],
    };
    delete headerWithoutCaseId.properties.caseId;
    const definition = (schema: Record<string, unknown>) => ({
      title: 'Integrationsplan',
      schema,
      workflow: planWorkflow,
    });
    const res = await publish(PLAN, definition(withProperty(planSchema, 'header', headerWithoutCaseId)));
    expectError(res, 400, 'form.kind_fields_missing');
    expect(pointersOf(res)).toEqual(['/header/caseId']);
    const newCaseForm = await publish(
      'short-plan',
      definition({ type: 'object', properties: { header: header } }),
    );
    expectError(newCaseForm, 400, 'form.kind_fields_missing');
    expect(pointersOf(newCaseForm)).toEqual(['/consent']);
    expect((await manager.get(`/api/forms/${PLAN}`)).body.version).toBe(2);
  });

  it("refuses a new version that changes the form's kind (409)", async () => {
    const res = await publish(FUNDING, {
      ...fundingDefinition(fundingSchema),
      workflow: { ...fundingWorkflow, kind: 'generic' },
    });
    expectError(res, 409, 'form.kind_changed');
  });

  it('refuses an incomplete definition with pointers to what is wrong', async () => {
    const res = await publish('broken-form', {
      title: '',
      schema: { type: 'array' },
      workflow: {
        kind: 'other',
        start: [],
        submit: ['nobody'],
        review: ['reviewer'],
        amend: 'yes',
        amendNeedsReview: true,
      },
    });
    expectError(res, 400, 'form.invalid');
    expect(pointersOf(res)).toEqual([
      '/schema',
      '/title',
      '/workflow/amend',
      '/workflow/kind',
      '/workflow/start',
      '/workflow/submit',
    ]);
    expectError(
      await publish('broken-form', { title: 'x', schema: { type: 'object' } }),
      400,
      'request.invalid',
    );
  });
});

describe('texts in further languages', () => {
  const texts = (tag: string, direction: string, title: string) => ({
    meta: {
      language: tag,
      name: title,
      direction,
      reviewStatus: 'draft',
      reviewedBy: null,
      reviewedOn: null,
    },
    title,
    print: { page: tag === 'ar' ? 'الصفحة {n} من {total}' : 'Page {n} of {total}' },
  });
  const german = {
    ...texts('de', 'ltr', 'Veranstaltungsmeldung'),
    meta: {
      ...texts('de', 'ltr', 'Deutsch').meta,
      reviewStatus: 'reviewed',
      reviewedBy: 'Fachredaktion',
      reviewedOn: '2026-11-01',
    },
    print: { page: 'Seite {n} von {total}' },
  };

  it('are published under their BCP 47 tags and served with the form', async () => {
    const i18n = { de: german, en: texts('en', 'ltr', 'Event report'), ar: texts('ar', 'rtl', 'تقرير') };
    const res = await publish('multilingual-form', genericFormDefinition({ i18n }));
    expect(res.status).toBe(201);
    expect((await kommune.get('/api/forms/multilingual-form')).body.i18n).toEqual(i18n);
  });

  it('are refused under a key that is no language tag, or when they do not match the German ones', async () => {
    const res = await publish(
      'multilingual-form',
      genericFormDefinition({
        i18n: {
          de: german,
          Arabisch: {},
          uk: { ...texts('uk', 'ltr', 'Звіт'), print: { page: 'Сторінка {n}' } },
          fa: texts('fa', 'ltr', 'گزارش'),
        },
      }),
    );
    expectError(res, 400, 'form.invalid');
    expect(pointersOf(res)).toEqual(['/i18n/Arabisch', '/i18n/fa/meta/direction', '/i18n/uk/print/page']);
    expect((await kommune.get('/api/forms/multilingual-form')).body.version).toBe(1);
  });
});

describe('a generic draft 2020-12 form, end to end', () => {
  const FORM = 'event-report';
  let published: Record<string, any>;

  beforeAll(async () => {
    const res = await publish(FORM, genericFormDefinition());
    expect(res.status).toBe(201);
    published = res.body;
  });

  it('is published as version 1 with a Location and offered to the roles its workflow names', async () => {
    expect(published).toMatchObject({
      id: FORM,
      version: 1,
      source: 'published',
      schema: genericFormDefinition().schema,
    });
    expect((await admin.get(`/api/forms/${FORM}`)).body).toEqual(published);
    expect((await kommune.get(`/api/forms/${FORM}/versions/1`)).body).toEqual(published);
    expect(await formIds(kommune)).toContain(FORM);
    expect(await formIds(reviewer)).toContain(FORM);
    expect(await formIds(manager)).not.toContain(FORM);
    expect(await formIds(coordinator)).not.toContain(FORM);
  });

  it('serves its validator module without a token, and the module validates as the server does', async () => {
    const res = await fetch(`${platform.url}/validators/${FORM}/v1.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await res.text();
    const mod = await import(
      /* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
    );
    const validate = mod.validators[mod.rootKey];
    expect(validate(genericData())).toBe(true);
    expect(validate({ ...genericData(), sessions: [{ date: 'tomorrow', participants: 3 }] })).toBe(false);
    expect((await fetch(`${platform.url}/validators/${FORM}/v2.js`)).status).toBe(404);
  });

  it('takes drafts that are incomplete or not valid yet but refuses wrong types, then submits only when complete', async () => {
    const sub = await start(kommune, FORM, {});
    expect(sub).toMatchObject({
      formId: FORM,
      formVersion: 1,
      kind: 'generic',
      status: 'draft',
      data: {},
      indexed: {},
    });

    const invalid = await kommune.put(
      `/api/submissions/${sub.id}`,
      {
        data: {
          event: { title: 'Sprachcafé', kind: 'course', courseLevel: 'Z9' },
          organiser: { email: 'not-an-address' },
          sessions: [{ date: '01.03.2018', participants: 'viele' }],
          website: 'kein link',
        },
      },
      ifMatch(sub.version),
    );
    expectError(invalid, 400, 'submission.invalid_data');
    // Wrong types and unknown choices are refused; values not valid yet (an e-mail address, a date, a link
    // being typed) a draft keeps, and only submit refuses them.
    expect(pointersOf(invalid)).toEqual(['/event/courseLevel', '/sessions/0/participants']);

    // Incomplete: the course level (if/then), the organiser (oneOf) and the sessions are missing.
    const partial = await save(kommune, sub, {
      event: { title: 'Sprachcafé', kind: 'course' },
      organiser: {},
      extra: 1,
    });
    expect(partial.data).toEqual({ event: { title: 'Sprachcafé', kind: 'course' }, organiser: {} });
    expect(partial.indexed).toEqual({ eventTitle: 'Sprachcafé' });
    const incomplete = await act(kommune, partial, 'submit');
    expectError(incomplete, 400, 'submission.incomplete');
    expect(pointersOf(incomplete)).toEqual([
      '/event',
      '/event/courseLevel',
      '/organiser',
      '/organiser/email',
      '/organiser/phone',
      '/sessions',
    ]);

    const complete = await save(kommune, partial, { ...genericData(), unknown: { nested: true } });
    expect(complete.data).toEqual(genericData());
    const submitted = await actOk(kommune, complete, 'submit');
    expect(submitted).toMatchObject({ status: 'review', revision: 1, formVersion: 1 });
    expect((await fetchOk(reviewer, sub.id)).data).toEqual(genericData());
    const approved = await actOk(reviewer, submitted, 'approve');
    expect(approved).toMatchObject({ status: 'approved', approvedRevision: 1 });
    const list = await reviewer.get(`/api/submissions?formId=${FORM}`);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([sub.id]);
  });

  it('refuses a oneOf that matches both branches', async () => {
    const sub = await start(kommune, FORM, {});
    const res = await kommune.put(
      `/api/submissions/${sub.id}`,
      { data: { ...genericData(), organiser: { email: 'a@b.example', phone: '07021 5020' } } },
      ifMatch(sub.version),
    );
    expectError(res, 400, 'submission.invalid_data');
    expect(pointersOf(res)).toEqual(['/organiser']);
  });
});

describe('version numbers and pinning', () => {
  it('numbers versions itself, refusing any number sent', async () => {
    const numbered = await publish('numbered-form', { ...genericFormDefinition(), version: 7 });
    expectError(numbered, 400, 'request.invalid');
    expect(pointersOf(numbered)).toEqual(['/version']);
    const first = await publish('numbered-form', genericFormDefinition());
    const second = await publish('numbered-form', genericFormDefinition());
    expect([first.status, first.body.version, second.status, second.body.version]).toEqual([201, 1, 201, 2]);
    expect(second.headers.get('location')).toBe('/api/forms/numbered-form/versions/2');
    expect((await kommune.get('/api/forms/numbered-form')).body.version).toBe(2);
    expect((await kommune.get('/api/forms/numbered-form/versions/1')).body.version).toBe(1);
  });

  it('keeps a submission on the version it was started on while new ones use the newest', async () => {
    const pinned = await start(kommune, FUNDING, fundingData());
    const v2Schema = withProperty(fundingSchema, 'pilotRegion', { type: 'string', maxLength: 100 });
    const res = await publish(FUNDING, fundingDefinition(v2Schema));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: FUNDING, version: 2, schema: v2Schema });
    expect((await kommune.get(`/api/forms/${FUNDING}`)).body.version).toBe(2);
    expect(
      (await kommune.get('/api/forms')).body.items.find((f: { id: string }) => f.id === FUNDING).version,
    ).toBe(2);
    expect((await kommune.get(`/api/forms/${FUNDING}/versions/1`)).body.schema).toEqual(fundingSchema);

    // The pinned submission is validated and pruned by version 1: the new field is unknown there.
    const saved = await save(kommune, pinned, { ...pinned.data, pilotRegion: 'Teck' });
    expect(saved.formVersion).toBe(1);
    expect(saved.data.pilotRegion).toBeUndefined();
    const submitted = await submitFunding(kommune, saved);
    expect(submitted.formVersion).toBe(1);
    expect((await kommune.get(`/api/submissions/${pinned.id}/revisions/1`)).body.formVersion).toBe(1);
    expect((await fetchOk(reviewer, pinned.id)).formVersion).toBe(1);

    const fresh = await start(kommune, FUNDING, { ...fundingData(), pilotRegion: 'Teck' });
    expect(fresh.formVersion).toBe(2);
    expect(fresh.data.pilotRegion).toBe('Teck');
    expectError(
      await kommune.put(`/api/submissions/${fresh.id}`, { data: { pilotRegion: 5 } }, ifMatch(fresh.version)),
      400,
      'submission.invalid_data',
    );
  });
});
