/**
 * The API reference for administrators and integrators: the OpenAPI document the server serves
 * (`GET /api/openapi.json`, no sign-in), rendered as a list of operations by tag with their roles,
 * parameters, request bodies, answers and error codes. Loaded only on this page. Rendered here rather than
 * with a reference library: those inject inline styles, which the platform's CSP (`style-src 'self'`)
 * refuses.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { PageHeading } from '../../ui/primitives.tsx';

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  'x-roles': string[];
  security: unknown[];
  parameters: Array<{ name: string; in: string; required: boolean; schema: Json }>;
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Json }> }>;
}
interface ApiDocument {
  info: { title: string; version: string; description: string };
  tags: Array<{ name: string; description: string }>;
  paths: Record<string, Record<string, Operation>>;
}

const schemaText = (schema: unknown) => JSON.stringify(schema, null, 2);

function OperationView({
  method,
  path,
  op,
  de,
}: {
  method: string;
  path: string;
  op: Operation;
  de: boolean;
}) {
  return (
    <section className="kern-card" id={op.operationId} aria-labelledby={`${op.operationId}-h`}>
      <div className="kern-card__container">
        <h3 className="kern-heading-small" id={`${op.operationId}-h`}>
          <code>
            {method.toUpperCase()} {path}
          </code>
        </h3>
        <p className="kern-body">{op.summary}</p>
        <p className="kern-body">
          {de ? 'Rollen' : 'Roles'}:{' '}
          {op.security.length === 0 ? (de ? 'ohne Anmeldung' : 'no sign-in') : op['x-roles'].join(', ')}
        </p>
        {op.parameters.length > 0 && (
          <ul className="kern-list">
            {op.parameters.map((p) => (
              <li key={`${p.in}-${p.name}`}>
                <code>{p.name}</code> ({p.in}
                {p.required ? (de ? ', Pflicht' : ', required') : ''}):{' '}
                <code>{JSON.stringify(p.schema)}</code>
              </li>
            ))}
          </ul>
        )}
        {op.requestBody && (
          <details>
            <summary className="kern-body">{de ? 'Inhalt der Anfrage' : 'Request body'}</summary>
            <pre>{schemaText(op.requestBody.content['application/json']?.schema)}</pre>
          </details>
        )}
        <details>
          <summary className="kern-body">
            {de ? 'Antworten und Fehlercodes' : 'Answers and error codes'}
          </summary>
          <dl>
            {Object.entries(op.responses).map(([status, r]) => (
              <div key={status}>
                <dt>
                  <strong>{status}</strong>
                </dt>
                <dd>
                  <pre>{r.description}</pre>
                </dd>
              </div>
            ))}
          </dl>
        </details>
      </div>
    </section>
  );
}

/** `#/api-referenz`: every operation of the API, grouped by tag. */
export default function ApiReferencePage() {
  const { locale } = useI18n();
  const de = locale !== 'en';
  const [document, setDocument] = useState<ApiDocument | 'failed' | undefined>();
  useEffect(() => {
    fetch('/api/openapi.json', { headers: { Accept: 'application/json' } })
      .then(
        async (res): Promise<ApiDocument | 'failed'> =>
          res.ok ? ((await res.json()) as ApiDocument) : 'failed',
      )
      .then(setDocument, () => setDocument('failed'));
  }, []);
  const heading = de ? 'Schnittstelle (API-Referenz)' : 'API reference';
  if (document === undefined) return <PageHeading>{heading}</PageHeading>;
  if (document === 'failed')
    return (
      <>
        <PageHeading>{heading}</PageHeading>
        <p className="kern-body">
          {de ? 'Die Beschreibung konnte nicht geladen werden.' : 'The description could not be loaded.'}
        </p>
      </>
    );
  return (
    <article className="pakt-prose">
      <PageHeading sub={`OpenAPI 3.1 · ${document.info.version}`}>{heading}</PageHeading>
      <p className="kern-body">{document.info.description}</p>
      <p className="kern-body">
        <a className="kern-link" href="/api/openapi.json" download="openapi.json">
          openapi.json
        </a>
      </p>
      {document.tags.map((tag) => (
        <section key={tag.name} aria-labelledby={`tag-${tag.name}`}>
          <h2 className="kern-heading-medium" id={`tag-${tag.name}`}>
            {tag.name}
          </h2>
          <p className="kern-body">{tag.description}</p>
          {Object.entries(document.paths).flatMap(([path, ops]) =>
            Object.entries(ops)
              .filter(([, op]) => op.tags.includes(tag.name))
              .map(([method, op]) => (
                <OperationView key={op.operationId} method={method} path={path} op={op} de={de} />
              )),
          )}
        </section>
      ))}
    </article>
  );
}
