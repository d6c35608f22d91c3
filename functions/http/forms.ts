import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withForms } from '#api/openapi-forms';
import { routeEdges } from '#api-generated/route-edges.forms';
import { mayUseForm } from '#core/access';
import { notFound } from '#core/errors';
import { awsFormAdapters } from '#lib/aws-adapters';
import { config, OPENAPI_BASE_FILE } from '#lib/config';
import { httpGroup } from '#lib/http-handler';
import { formCatalog as catalog } from '#lib/services';

const formCatalog = () => catalog(awsFormAdapters());

/**
 * The OpenAPI document, rebuilt only when the set of published versions changed: the document built with the
 * API (from the route table, read from its file beside the bundle on first use) with the published forms.
 */
let base: Promise<Record<string, unknown>> | undefined;
let cached: { key: string; document: unknown } | undefined;
async function apiDocument() {
  const forms = formCatalog();
  const latest = await forms.latestVersions();
  const key = JSON.stringify(latest);
  if (cached?.key !== key) {
    base ??= readFile(join(config().apiFilesDir, OPENAPI_BASE_FILE), 'utf8').then(JSON.parse);
    base.catch(() => {
      base = undefined;
    });
    const versions = await Promise.all(Object.entries(latest).map(([id, v]) => forms.get(id, v)));
    cached = { key, document: withForms(await base, versions) };
  }
  return cached.document;
}

/**
 * Reading forms: the list of usable forms, a form's latest version, a given version; and the API's own
 * description (public: it holds no data, only the routes and the published forms' schemas).
 */
export const handler = httpGroup(routeEdges, {
  'GET /api/openapi.json': async () => ({
    body: await apiDocument(),
    headers: { 'cache-control': 'public, max-age=60' },
  }),
  'GET /api/forms': async ({ actor }) => {
    const forms = formCatalog();
    const latest = await forms.latestVersions();
    const versions = await Promise.all(Object.entries(latest).map(([id, v]) => forms.get(id, v)));
    const items = versions
      .filter((f) => mayUseForm(actor, f.workflow))
      .map((f) => ({
        id: f.id,
        version: f.version,
        title: f.title,
        kind: f.workflow.kind,
        workflow: f.workflow,
      }));
    return { body: { items } };
  },
  'GET /api/forms/{formId}': async ({ actor, params }) => {
    const form = await formCatalog().latest(String(params.formId));
    if (!mayUseForm(actor, form.workflow)) throw notFound('form.not_found', 'Form not found.');
    return { body: form };
  },
  'GET /api/forms/{formId}/versions/{version}': async ({ actor, params }) => {
    const form = await formCatalog().get(String(params.formId), Number(params.version));
    if (!mayUseForm(actor, form.workflow)) throw notFound('form.not_found', 'Form not found.');
    return { body: form };
  },
});
