import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { FormVersion, JsonObject, Submission } from '../../api/types.ts';
import {
  diffData,
  overlayUiSchema,
  type Schema,
  schemaAt,
  translateSchema,
  type UiSchema,
} from '../../forms/schema-tools.ts';
import type { I18n } from '../../i18n/i18n.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatValue } from './data-view.tsx';

/** The UI schema of a data path (list items share their list's `items`). */
function uiAt(ui: UiSchema | undefined, path: string[]): UiSchema | undefined {
  let node = ui;
  for (const segment of path)
    node = (/^\d+$/.test(segment) ? node?.items : node?.[segment]) as UiSchema | undefined;
  return node;
}

const valueAt = (data: unknown, path: string[]): unknown =>
  path.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as JsonObject)[k] : undefined),
    data,
  );

/**
 * A change's field, readable: field titles, and a list item by its own title ("Ziel „Deutschkurs B1“")
 * rather than its position, where the item has one.
 */
export function changeLabel(i18n: I18n, schema: Schema, path: string[], datas: unknown[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] ?? '';
    if (/^\d+$/.test(segment)) {
      const prefix = path.slice(0, i + 1);
      const item = datas.map((d) => valueAt(d, prefix)).find((v) => v !== null && typeof v === 'object');
      const itemSchema = schemaAt(schema, prefix);
      const titleKey = Object.entries(itemSchema?.properties ?? {}).find(
        ([, p]) => p.type === 'string' && !p.format && !p.enum && !p.oneOf,
      )?.[0];
      const title = titleKey ? (item as JsonObject | undefined)?.[titleKey] : undefined;
      parts.push(
        typeof title === 'string' && title.trim()
          ? `„${title.trim()}“`
          : i18n.t('form.item', { n: Number(segment) + 1 }),
      );
      continue;
    }
    parts.push(schemaAt(schema, path.slice(0, i + 1))?.title ?? segment);
  }
  return parts.join(' › ');
}

/** What changed since the agreed (or previously submitted) revision. */
export function Changes({ sub, form }: { sub: Submission; form: FormVersion }) {
  const i18n = useI18n();
  const { t } = i18n;
  const base = sub.amending
    ? sub.approvedRevision
    : sub.status === 'review' && sub.revision > 1
      ? sub.revision - 1
      : sub.status === 'revised' && sub.revision > 0
        ? sub.revision
        : null;
  const [before, setBefore] = useState<JsonObject>();
  const [changes, setChanges] = useState<{ path: string[]; before: unknown; after: unknown }[] | null>(null);
  useEffect(() => {
    if (!base) return;
    (async () => {
      const { data } = await api.revision(sub.id, base);
      setBefore(data.data);
      setChanges(diffData(data.data, sub.data));
    })().catch(() => setChanges(null));
  }, [base, sub.id, sub.data]);
  if (!base || !changes) return null;
  const fields = form.i18n[i18n.locale]?.fields;
  const schema = translateSchema(form.schema as Schema, fields);
  const ui = overlayUiSchema(form.schema as Schema, form.uiSchema as UiSchema, fields);
  return (
    <section className="pakt-changes" aria-labelledby="changes-title">
      <h2 className="kern-heading-medium" id="changes-title">
        {t('sub.changes', { n: base })}
      </h2>
      {changes.length === 0 ? (
        <p className="kern-body">{t('sub.noChanges', { n: base })}</p>
      ) : (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small pakt-table">
            <caption className="kern-sr-only">{t('sub.changes', { n: base })}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t('sub.changeField')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('sub.changeOld')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('sub.changeNew')}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {changes.slice(0, 100).map((c) => {
                const node = schemaAt(schema, c.path);
                const nodeUi = uiAt(ui, c.path);
                return (
                  <tr className="kern-table__row" key={c.path.join('/')}>
                    <th scope="row" className="kern-table__cell">
                      {changeLabel(i18n, schema, c.path, [sub.data, before])}
                    </th>
                    <td className="kern-table__cell pakt-old">{formatValue(i18n, node, nodeUi, c.before)}</td>
                    <td className="kern-table__cell pakt-new">{formatValue(i18n, node, nodeUi, c.after)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
