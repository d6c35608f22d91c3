import { mayUseForm } from '#core/access';
import { badRequest, notFound } from '#core/errors';
import { awsFormAdapters } from '#lib/aws-adapters';
import { httpGroup } from '#lib/http-handler';
import { formCatalog as catalog } from '#lib/services';

const formCatalog = () => catalog(awsFormAdapters());

const versionNumber = (value: string | undefined) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw badRequest('form.bad_version', 'version must be a positive whole number.');
  return n;
};

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
    const form = await formCatalog().latest(params.formId ?? '');
    if (!mayUseForm(actor, form.workflow)) throw notFound('form.not_found', 'Form not found.');
    return { body: form };
  },
  'GET /api/forms/{formId}/versions/{version}': async ({ actor, params }) => {
    const form = await formCatalog().get(params.formId ?? '', versionNumber(params.version));
    if (!mayUseForm(actor, form.workflow)) throw notFound('form.not_found', 'Form not found.');
    return { body: form };
  },
});
