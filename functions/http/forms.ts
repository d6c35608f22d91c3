import { mayUseForm } from '#core/access';
import { notFound } from '#core/errors';
import { formCatalog } from '#lib/forms-context';
import { httpGroup } from '#lib/http-handler';

/** Reading forms: the list of usable forms, a form's latest version, a given version. */
export const handler = httpGroup({
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
