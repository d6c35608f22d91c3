/**
 * What the published forms add to the OpenAPI document (see `openapi.ts`): their ids as examples of every
 * `formId` parameter, their data schemas as components. Apart from the route table, so that the function that
 * serves the document adds them to the document built with the API (`openapi-base.json`).
 */
import type { FormVersion } from '../core/forms.ts';

type Json = Record<string, unknown>;

/** What the document needs of a form version. */
export type DocumentForm = Pick<FormVersion, 'id' | 'version' | 'schema'>;

const componentName = (form: Pick<FormVersion, 'id' | 'version'>) =>
  `FormData_${form.id.replace(/[^A-Za-z0-9]/g, '_')}_v${form.version}`;

/**
 * A form's data schema as a component: its own `$id`/`$schema` dropped and its local references
 * (`#/$defs/…`) pointed at where the component now lives.
 */
function formComponent(form: DocumentForm): Json {
  const { $id: _id, $schema: _schema, ...schema } = form.schema as Json;
  const prefix = `#/components/schemas/${componentName(form)}`;
  return JSON.parse(JSON.stringify(schema).replace(/"#\//g, `"${prefix}/`).replace(/"#"/g, `"${prefix}"`));
}

/** The document with the forms: `base` (a document built without forms) is not changed. */
export function withForms(base: Json, forms: readonly DocumentForm[]): Json {
  const formIds = [...new Set(forms.map((f) => f.id))].sort();
  const paths = Object.fromEntries(
    Object.entries(base.paths as Record<string, Record<string, Json>>).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, operation]) => [
          method,
          {
            ...operation,
            parameters: (operation.parameters as Json[]).map((p) =>
              p.name === 'formId' && formIds.length
                ? { ...p, schema: { ...(p.schema as Json), examples: [...formIds] } }
                : p,
            ),
          },
        ]),
      ),
    ]),
  );
  const components = base.components as Json;
  return {
    ...base,
    paths,
    components: {
      ...components,
      schemas: {
        ...(components.schemas as Json),
        ...Object.fromEntries(forms.map((f) => [componentName(f), formComponent(f)])),
      },
    },
  };
}
