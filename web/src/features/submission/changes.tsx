import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { FormVersion, Submission } from '../../api/types.ts';
import { diffData, type Schema, schemaAt, titleOfPath, translateSchema } from '../../forms/schema-tools.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatValue } from './data-view.tsx';

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
  const [changes, setChanges] = useState<{ path: string[]; before: unknown; after: unknown }[] | null>(null);
  useEffect(() => {
    if (!base) return;
    (async () => {
      const { data } = await api.revision(sub.id, base);
      setChanges(diffData(data.data, sub.data));
    })().catch(() => setChanges(null));
  }, [base, sub.id, sub.data]);
  if (!base || !changes) return null;
  const schema = translateSchema(form.schema as Schema, form.i18n[i18n.locale]?.fields);
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
                return (
                  <tr className="kern-table__row" key={c.path.join('/')}>
                    <th scope="row" className="kern-table__cell">
                      {titleOfPath(schema, c.path, (n) => t('form.item', { n }))}
                    </th>
                    <td className="kern-table__cell pakt-old">
                      {formatValue(i18n, node, undefined, c.before)}
                    </td>
                    <td className="kern-table__cell pakt-new">
                      {formatValue(i18n, node, undefined, c.after)}
                    </td>
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
