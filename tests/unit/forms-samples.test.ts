/**
 * The two forms shipped in `forms/` checked as data: samples against the full schema, German texts against
 * their English translation, and the UI schema, workflow and config against the schema they belong to.
 *
 * Where the English text for a German one lives (`i18n/en.json` → `fields`, keyed by JSON pointer into the schema):
 * - a schema `title`/`description` under the pointer of the schema node that carries it, `$defs` included;
 * - a UI text (`ui:help`, `ui:enumNames`) under the pointer of the property it is declared on, following
 *   `properties`/`items`; inside an object reached through `$ref` the pointer continues in `$defs`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { computeBudget, parseFundingRound } from '../../functions/core/allocation-rules.ts';
import {
  effectiveRoles,
  type FormConfig,
  type FormTexts,
  type WorkflowDefinition,
} from '../../functions/core/forms.ts';
import { encodeToken, parsePointer, readPointer } from '../../functions/core/json-pointer.ts';
import { isObject, type JsonObject, STATUSES } from '../../functions/core/model.ts';
import { PERSON_LANGUAGES, PLAN_LANGUAGES } from '../../functions/core/plan-language.ts';
import { missingKindFields, unsupportedKeywords } from '../../functions/core/validation.ts';

const FORMS_DIR = join(import.meta.dirname, '..', '..', 'forms');
const FORM_IDS = [
  'funding-application',
  'integration-plan',
  'payment-request',
  'change-notice',
  'proof-of-use',
] as const;

type Schema = JsonObject;
const readJson = <T = JsonObject>(...path: string[]): T =>
  JSON.parse(readFileSync(join(FORMS_DIR, ...path), 'utf8')) as T;

interface LoadedForm {
  id: string;
  /** The latest version's schema: the UI schema and the texts describe it. */
  schema: Schema;
  /** Every version's schema, oldest first. */
  versions: { version: number; schema: Schema }[];
  ui: JsonObject;
  workflow: WorkflowDefinition;
  config: FormConfig;
  de: FormTexts;
  en: FormTexts;
  /** `since`: the first version a sample is meant for (`valid-v2-….json`); unmarked samples hold for every version. */
  samples: { file: string; valid: boolean; since: number; data: JsonObject }[];
}

function load(id: string): LoadedForm {
  const samples = readdirSync(join(FORMS_DIR, id, 'samples'))
    .filter((file) => /^(valid|invalid)-.+\.json$/.test(file))
    .sort()
    .map((file) => ({
      file,
      valid: file.startsWith('valid-'),
      since: Number(/^(?:valid|invalid)-v(\d+)-/.exec(file)?.[1] ?? 1),
      data: readJson(id, 'samples', file),
    }));
  const versions = readdirSync(join(FORMS_DIR, id))
    .flatMap((file) => {
      const match = /^schema\.v(\d+)\.json$/.exec(file);
      return match ? [{ version: Number(match[1]), schema: readJson(id, file) }] : [];
    })
    .sort((a, b) => a.version - b.version);
  return {
    id,
    schema: versions.at(-1)?.schema as Schema,
    versions,
    ui: readJson(id, 'ui.json'),
    workflow: readJson<WorkflowDefinition>(id, 'workflow.json'),
    config: readJson<FormConfig>(id, 'config.json'),
    de: readJson<FormTexts>(id, 'i18n', 'de.json'),
    en: readJson<FormTexts>(id, 'i18n', 'en.json'),
    samples,
  };
}

/** The full validator, as the platform builds it (rjsf's ajv options: `multipleOfPrecision` for FTE steps of 0.05). */
function compile(schema: Schema) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, multipleOfPrecision: 8 });
  addFormats(ajv);
  return ajv.compile(schema);
}

const resolveRef = (node: Schema, root: Schema): { node: Schema; pointer?: string } => {
  const ref = node.$ref;
  if (typeof ref !== 'string') return { node };
  const pointer = ref.slice(1);
  const target = readPointer(root, pointer);
  if (!isObject(target)) throw new Error(`Unresolvable $ref ${ref}`);
  return { node: target, pointer };
};

/** The schema node a data pointer (e.g. `/positions/0/fte` or `/header/caseId`) leads to, following `$ref`. */
function schemaForData(root: Schema, dataPointer: string): Schema | undefined {
  let node: Schema | undefined = root;
  for (const token of parsePointer(dataPointer)) {
    if (!node) return undefined;
    const here: Schema = resolveRef(node, root).node;
    const next: unknown = /^\d+$/.test(token)
      ? here.items
      : isObject(here.properties)
        ? here.properties[token]
        : undefined;
    node = isObject(next) ? next : undefined;
  }
  return node;
}

interface Text {
  pointer: string;
  key: 'title' | 'description' | 'help' | 'enumNames';
  de: string | string[];
}

/** Every German `title`/`description` in the schema, with where it sits. */
function schemaTexts(schema: Schema): Text[] {
  const texts: Text[] = [];
  const walk = (node: unknown, pointer: string) => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => {
        walk(n, `${pointer}/${i}`);
      });
    }
    if (!isObject(node)) return;
    for (const key of ['title', 'description'] as const) {
      const value = node[key];
      if (typeof value === 'string') texts.push({ pointer, key, de: value });
    }
    for (const [key, child] of Object.entries(node)) {
      // Values, not schemas: their strings are data, not texts.
      if (['enum', 'const', 'default', 'examples', '$comment'].includes(key)) continue;
      walk(child, `${pointer}/${encodeToken(key)}`);
    }
  };
  walk(schema, '');
  return texts;
}

/** Every German text of the UI schema, keyed as described at the top; throws on a key the schema does not know. */
function uiTexts(ui: JsonObject, schema: Schema): Text[] {
  const texts: Text[] = [];
  const walk = (uiNode: JsonObject, schemaNode: Schema, pointer: string) => {
    for (const [key, value] of Object.entries(uiNode)) {
      if (key === 'ui:help' && typeof value === 'string') texts.push({ pointer, key: 'help', de: value });
      else if (key === 'ui:enumNames' && Array.isArray(value)) {
        texts.push({ pointer, key: 'enumNames', de: value as string[] });
      } else if (['ui:title', 'ui:description', 'ui:placeholder'].includes(key)) {
        throw new Error(`${pointer}: use the schema's title/description instead of ${key}`);
      } else if (key.startsWith('ui:')) continue;
      else {
        if (!isObject(value)) throw new Error(`${pointer}/${key}: expected an object`);
        const resolved = resolveRef(schemaNode, schema);
        const base = resolved.pointer ?? pointer;
        const next =
          key === 'items' ? resolved.node.items : (resolved.node.properties as JsonObject | undefined)?.[key];
        if (!isObject(next))
          throw new Error(`ui.json names "${key}" at ${pointer}, which the schema does not define`);
        walk(value, next, key === 'items' ? `${base}/items` : `${base}/properties/${encodeToken(key)}`);
      }
    }
  };
  walk(ui, schema, '');
  return texts;
}

/** Every object of the schema that has `properties`, with the UI schema node that belongs to it. */
function uiObjects(
  ui: JsonObject,
  schema: Schema,
): { where: string; schemaNode: Schema; uiNode: JsonObject }[] {
  const out: { where: string; schemaNode: Schema; uiNode: JsonObject }[] = [];
  const walk = (schemaNode: Schema, uiNode: JsonObject, where: string) => {
    const node = resolveRef(schemaNode, schema).node;
    if (isObject(node.properties)) {
      out.push({ where, schemaNode: node, uiNode });
      for (const [key, child] of Object.entries(node.properties)) {
        if (isObject(child)) walk(child, isObject(uiNode[key]) ? uiNode[key] : {}, `${where}/${key}`);
      }
    }
    if (isObject(node.items)) walk(node.items, isObject(uiNode.items) ? uiNode.items : {}, `${where}/items`);
  };
  walk(schema, ui, '');
  return out;
}

const forms = FORM_IDS.map(load);

describe.each(forms)('form $id', (form) => {
  const validators = new Map(form.versions.map((v) => [v.version, compile(v.schema)]));
  const cases = form.versions.flatMap(({ version }) =>
    form.samples.filter((s) => s.since <= version).map((s) => ({ ...s, version })),
  );

  it('has at least three valid and three invalid samples', () => {
    expect(form.samples.filter((s) => s.valid).length).toBeGreaterThanOrEqual(3);
    expect(form.samples.filter((s) => !s.valid).length).toBeGreaterThanOrEqual(3);
    expect(form.versions.map((v) => v.version)).toEqual(form.versions.map((_, i) => i + 1));
  });

  it.each(cases.filter((s) => s.valid))('$file passes the full schema v$version', ({ data, version }) => {
    const validate = validators.get(version)!;
    validate(data);
    expect(validate.errors ?? []).toEqual([]);
  });

  it.each(cases.filter((s) => !s.valid))('$file fails the full schema v$version', ({ data, version }) => {
    expect(validators.get(version)!(data)).toBe(false);
  });

  it('keeps in every new version each field of the version before, with its type', () => {
    const fields = (schema: Schema) => {
      const out = new Map<string, unknown>();
      const walk = (node: Schema, at: string) => {
        const here = resolveRef(node, schema).node;
        out.set(at, here.type);
        for (const [key, child] of Object.entries(isObject(here.properties) ? here.properties : {}))
          if (isObject(child)) walk(child, `${at}/${key}`);
        if (isObject(here.items)) walk(here.items, `${at}/0`);
      };
      walk(schema, '');
      return out;
    };
    for (let i = 1; i < form.versions.length; i++) {
      const before = fields(form.versions[i - 1]!.schema);
      const after = fields(form.versions[i]!.schema);
      for (const [pointer, type] of before) expect(after.get(pointer), `v${i + 1} ${pointer}`).toEqual(type);
    }
  });

  it('has a UI schema whose order covers every property of every older version too', () => {
    for (const { version, schema } of form.versions) {
      for (const { where, schemaNode, uiNode } of uiObjects(form.ui, schema)) {
        const order = uiNode['ui:order'];
        if (!Array.isArray(order) || order.includes('*')) continue;
        for (const key of Object.keys(schemaNode.properties as JsonObject))
          expect(order, `v${version} ui:order at ${where || '/'}`).toContain(key);
      }
    }
  });

  it('is a draft 2020-12 object schema with German title and description, and only renderable keywords', () => {
    expect(form.schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(form.schema.type).toBe('object');
    expect(form.schema.title).toBe(form.de.title);
    expect(form.schema.description).toBe(form.de.description);
    expect(unsupportedKeywords(form.schema)).toEqual([]);
    expect(JSON.stringify(form.schema)).not.toMatch(/"additionalProperties":\s*false/);
  });

  it('gives every property a German title', () => {
    const untitled = uiObjects(form.ui, form.schema).flatMap(({ where, schemaNode }) =>
      Object.entries(schemaNode.properties as JsonObject)
        // A `$ref` property may take its title from the definition it points to.
        .filter(
          ([, child]) => isObject(child) && typeof resolveRef(child, form.schema).node.title !== 'string',
        )
        .map(([key]) => `${where}/${key}`),
    );
    expect(untitled).toEqual([]);
  });

  it('gives array items a read-only id where they are traced item by item', () => {
    const traced: Record<string, string[]> = {
      'funding-application': ['/positions', '/joint/members'],
      'integration-plan': ['/goals', '/goals/0/measures', '/reviews', '/consent/sharing'],
    };
    for (const pointer of traced[form.id] ?? []) {
      const items = schemaForData(form.schema, `${pointer}/0`);
      expect(items?.properties, pointer).toMatchObject({ id: { type: 'string', readOnly: true } });
    }
  });

  it('has a UI schema that names only fields of the schema and orders every object completely', () => {
    expect(() => uiTexts(form.ui, form.schema)).not.toThrow();
    for (const { where, schemaNode, uiNode } of uiObjects(form.ui, form.schema)) {
      const order = uiNode['ui:order'];
      const properties = Object.keys(schemaNode.properties as JsonObject);
      if (!Array.isArray(order) || order.includes('*')) continue;
      expect([...order].sort(), `ui:order at ${where || '/'}`).toEqual([...properties].sort());
    }
  });

  it('has German labels for every enum shown with ui:enumNames, one per value', () => {
    for (const text of uiTexts(form.ui, form.schema).filter((t) => t.key === 'enumNames')) {
      const node = resolveRef(readPointer(form.schema, text.pointer) as Schema, form.schema).node;
      expect(Array.isArray(node.enum), text.pointer).toBe(true);
      expect(text.de, text.pointer).toHaveLength((node.enum as unknown[]).length);
    }
  });

  it('has an English text for every German text of the schema and the UI schema', () => {
    const fields = form.en.fields ?? {};
    const missing: string[] = [];
    for (const text of [...schemaTexts(form.schema), ...uiTexts(form.ui, form.schema)]) {
      if (text.pointer === '') {
        const en = form.en[text.key];
        if (typeof en !== 'string' || en === '') missing.push(`(root) ${text.key}`);
        continue;
      }
      const en = fields[text.pointer]?.[text.key];
      const ok = Array.isArray(text.de)
        ? Array.isArray(en) &&
          en.length === text.de.length &&
          en.every((s) => typeof s === 'string' && s !== '')
        : typeof en === 'string' && en !== '';
      if (!ok) missing.push(`${text.pointer} ${text.key}`);
    }
    expect(missing).toEqual([]);
  });

  it('has no English text for a place the schema does not have or that has no German text', () => {
    const german = new Set(
      [...schemaTexts(form.schema), ...uiTexts(form.ui, form.schema)].map((t) => `${t.pointer} ${t.key}`),
    );
    const stale = Object.entries(form.en.fields ?? {}).flatMap(([pointer, texts]) =>
      Object.keys(texts)
        .filter((key) => !german.has(`${pointer} ${key}`))
        .map((key) => `${pointer} ${key}`),
    );
    expect(stale).toEqual([]);
  });

  it('labels every state in German and English', () => {
    // Plans are never refused, withdrawn or revoked (decisions on applications only).
    const reachable =
      form.workflow.kind === 'case'
        ? STATUSES.filter((s) => !['rejected', 'withdrawn', 'revoked'].includes(s))
        : STATUSES;
    for (const status of reachable) {
      expect(form.de.states?.[status], `de ${status}`).toBeTruthy();
      expect(form.en.states?.[status], `en ${status}`).toBeTruthy();
    }
    expect(form.de.states).toMatchObject({
      draft: 'Entwurf',
      review: 'In Prüfung',
      revised: 'Zur Überarbeitung zurückgegeben',
    });
    expect(form.en.states).toMatchObject({
      draft: 'Draft',
      review: 'In review',
      revised: 'Returned for revision',
    });
    // Follow-up records name their approval in their own words ("Freigegeben" / "Released", "Angenommen").
    expect(Object.keys(form.en.states ?? {}).sort()).toEqual([...reachable].sort());
    expect(JSON.stringify(form.de)).not.toMatch(/Genehmigt/);
  });

  it('has a complete workflow whose roles the form kind allows', () => {
    const { workflow } = form;
    expect(['funding', 'case']).toContain(workflow.kind);
    for (const step of ['start', 'submit', 'review'] as const) {
      expect(workflow[step].length, step).toBeGreaterThan(0);
      expect(effectiveRoles(workflow, step), step).toEqual(workflow[step]);
    }
    expect(typeof workflow.amend).toBe('boolean');
    expect(typeof workflow.amendNeedsReview).toBe('boolean');
    expect(missingKindFields(form.schema, workflow.kind)).toEqual([]);
  });

  it('indexes only fields the schema defines, and only scalar ones', () => {
    for (const [name, pointer] of Object.entries(form.workflow.indexed ?? {})) {
      const node = schemaForData(form.schema, pointer);
      expect(node, `${name} → ${pointer}`).toBeDefined();
      expect(['string', 'number', 'integer', 'boolean'], `${name} → ${pointer}`).toContain(
        resolveRef(node as Schema, form.schema).node.type,
      );
    }
  });

  it('allows a limited set of attachment types and sizes', () => {
    const attachments = form.config.attachments;
    const allowed = [
      'application/pdf',
      'image/png',
      'image/jpeg',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'application/vnd.oasis.opendocument.text',
      'application/vnd.oasis.opendocument.spreadsheet',
      'application/vnd.oasis.opendocument.presentation',
    ];
    expect(attachments?.maxBytes).toBe(10_485_760);
    expect(attachments?.maxFiles).toBe(20);
    expect(attachments?.allowedTypes?.length).toBeGreaterThan(0);
    for (const type of attachments?.allowedTypes ?? []) expect(allowed).toContain(type);
    expect(attachments?.kinds?.length).toBeGreaterThan(0);
    expect(form.config.retention).toBeDefined();
  });
});

describe('funding application', () => {
  const form = forms[0] as LoadedForm;
  const roundsDir = join(FORMS_DIR, 'funding-application', 'rounds');
  const rounds = new Map(
    readdirSync(roundsDir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => {
        const round = parseFundingRound(JSON.parse(readFileSync(join(roundsDir, file), 'utf8')));
        return [round.id, round] as const;
      }),
  );

  it('is a funding workflow of the municipality, reviewed by the state', () => {
    expect(form.workflow).toMatchObject({
      kind: 'funding',
      start: ['municipality'],
      submit: ['municipality'],
      review: ['reviewer'],
      amend: false,
      amendNeedsReview: true,
    });
    expect(form.workflow.indexed).toMatchObject({
      requestedTotal: '/budget/requestedTotal',
      round: '/round',
      applicantName: '/applicant/name',
    });
    expect(form.de.states?.approved).toBe('Bewilligt');
    expect(form.config.retention).toEqual({ afterFundingEndsYears: 5 });
  });

  it('lists as attachment checklist exactly the attachment kinds of the config', () => {
    const provided = schemaForData(form.schema, '/attachments/provided/0');
    expect(provided?.enum).toEqual(form.config.attachments?.kinds);
  });

  it('has a rate in every round for every qualification tier of the schema', () => {
    const tiers = schemaForData(form.schema, '/positions/0/qualification')?.enum as string[];
    expect(rounds.size).toBeGreaterThan(0);
    for (const round of rounds.values()) {
      expect(Object.keys(round.rates).sort(), round.id).toEqual([...tiers].sort());
      expect(round.note, `${round.id} explains its placeholders`).toBeTruthy();
    }
  });

  it('keeps the allocation data beside each round that names it', () => {
    const files = new Set(readdirSync(roundsDir));
    for (const round of rounds.values()) {
      for (const file of [round.allocationsFile, round.electoralDistrictsFile]) {
        if (file !== undefined) expect(files.has(file), file).toBe(true);
      }
    }
  });

  it.each(form.samples.filter((s) => s.valid))(
    '$file names a known round and carries the computed amounts',
    ({ data }) => {
      const round = rounds.get(data.round as string);
      expect(round).toBeDefined();
      if (!round) return;
      const { data: computed } = computeBudget(data, round);
      const positions = (data.positions as JsonObject[]).map((p) => p.requestedAmount);
      if (positions.some((amount) => amount !== undefined)) {
        expect(positions).toEqual((computed.positions as JsonObject[]).map((p) => p.requestedAmount));
      }
      if (isObject(data.budget) && data.budget.requestedTotal !== undefined) {
        expect(data.budget).toEqual(computed.budget);
      }
    },
  );

  it('accepts the FTE steps of 0.05 that binary floating point cannot divide exactly', () => {
    const validate = compile(form.schema);
    const base = form.samples.find((s) => s.file === 'valid-minimal.json')?.data as JsonObject;
    for (const fte of [0.25, 0.3, 0.35, 0.6, 0.7, 0.95, 1]) {
      const data = structuredClone(base);
      (data.positions as JsonObject[])[0] = { ...(data.positions as JsonObject[])[0], fte };
      expect(validate(data), String(fte)).toBe(true);
    }
    for (const fte of [0.2, 0.33, 1.05]) {
      const data = structuredClone(base);
      (data.positions as JsonObject[])[0] = { ...(data.positions as JsonObject[])[0], fte };
      expect(validate(data), String(fte)).toBe(false);
    }
  });
});

describe('integration plan', () => {
  const form = forms[1] as LoadedForm;

  it('is a case workflow of the integration manager, agreed by the coordinator', () => {
    expect(form.workflow).toMatchObject({
      kind: 'case',
      start: ['manager'],
      submit: ['manager'],
      review: ['coordinator'],
      amend: true,
      amendNeedsReview: false,
    });
    expect(form.workflow.indexed).toMatchObject({
      caseId: '/header/caseId',
      nextReviewDate: '/header/nextReviewDate',
    });
    expect(form.de.states?.approved).toBe('Vereinbart');
    expect(form.config.retention).toEqual({ afterClosedOrWithdrawnMonths: 6 });
  });

  it('holds in its German bundle exactly the German texts of the schema and the UI schema', () => {
    // The German bundle is what every translation is measured against; it must say what the form says.
    const expected: Record<string, Record<string, string | string[]>> = {};
    for (const text of [...schemaTexts(form.schema), ...uiTexts(form.ui, form.schema)]) {
      if (text.pointer === '') expect(form.de[text.key], text.key).toEqual(text.de);
      else expected[text.pointer] = { ...expected[text.pointer], [text.key]: text.de };
    }
    expect(form.de.fields).toEqual(expected);
  });

  it("records the person's language from version 2 on as a code of the plan's and the next languages", () => {
    const v1 = form.versions[0]!.schema;
    expect(schemaForData(v1, '/person/language')).toBeUndefined();
    const language = schemaForData(form.schema, '/person/language');
    expect(language?.enum).toEqual([...PERSON_LANGUAGES]);
    expect(((language?.enum ?? []) as string[]).slice(0, PLAN_LANGUAGES.length)).toEqual([...PLAN_LANGUAGES]);
    expect(schemaForData(form.schema, '/person/interpreter')?.type).toBe('boolean');
    const names = ((form.ui.person as JsonObject).language as JsonObject)['ui:enumNames'] as string[];
    expect(names.slice(0, 7)).toEqual([
      'Deutsch',
      'Ukrainisch',
      'Arabisch',
      'Dari/Farsi',
      'Türkisch',
      'Russisch',
      'Englisch',
    ]);
  });

  it('indexes no personal data of the refugee', () => {
    const pointers = Object.values(form.workflow.indexed ?? {});
    expect(pointers.filter((p) => p.startsWith('/person') || p.startsWith('/health'))).toEqual([]);
  });

  it('names health fields that exist in the schema', () => {
    const healthFields = form.config.healthFields as string[];
    expect(healthFields.length).toBeGreaterThan(0);
    for (const pointer of healthFields) expect(schemaForData(form.schema, pointer), pointer).toBeDefined();
  });

  it('uses the areas of action of the programme, in German', () => {
    const areas = schemaForData(form.schema, '/goals/0/area');
    expect(resolveRef(areas as Schema, form.schema).node.enum).toEqual([
      'language',
      'work',
      'recognition',
      'housing',
      'school',
      'health',
      'finances',
      'residence',
      'participation',
      'family',
      'other',
    ]);
    const goalsUi = (form.ui.goals as JsonObject).items as JsonObject;
    const needsUi = (form.ui.needs as JsonObject).items as JsonObject;
    expect((goalsUi.area as JsonObject)['ui:enumNames']).toEqual(
      (needsUi.area as JsonObject)['ui:enumNames'],
    );
    expect((goalsUi.area as JsonObject)['ui:enumNames']).toContain('Schule/Bildung/Kita');
  });
});
