/**
 * Read-only rendering of a submission's data from its schema: headings for groups, description lists
 * for values, enum labels, German dates and money. Used for reviewers, read-only states and printing.
 */
import type { ReactNode } from 'react';
import type { FieldTranslationInput, JsonObject } from '../../api/types.ts';
import { deref, enumLabel, type Schema, type UiSchema } from '../../forms/schema-tools.ts';
import { translationDirection } from '../../forms/translation.tsx';
import { type I18n, useI18n } from '../../i18n/i18n.tsx';

const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

const uiTitle = (ui: UiSchema | undefined, schema: Schema | undefined, fallback: string) =>
  (ui?.['ui:title'] as string | undefined) ?? schema?.title ?? fallback;

export function formatValue(
  i18n: I18n,
  schema: Schema | undefined,
  ui: UiSchema | undefined,
  value: unknown,
): string {
  if (isEmpty(value)) return i18n.t('sub.empty');
  if (typeof value === 'boolean') return value ? i18n.t('sub.yes') : i18n.t('sub.no');
  if (schema && (schema.enum || schema.oneOf)) return enumLabel(schema, value, ui?.['ui:enumNames']);
  if (Array.isArray(value)) {
    const items = schema?.items;
    return value.map((v) => formatValue(i18n, items, ui?.items as UiSchema | undefined, v)).join(', ');
  }
  if (typeof value === 'number') {
    return /EUR|€/.test(String(uiTitle(ui, schema, ''))) ? i18n.money(value) : i18n.number(value);
  }
  if (typeof value === 'string' && schema?.format === 'date') return i18n.date(value);
  if (typeof value === 'string' && schema?.format === 'date-time') return i18n.dateTime(value);
  // A whole group (a list item added or removed): its filled fields by title, never raw JSON.
  if (typeof value === 'object' && value !== null)
    return Object.entries(value as JsonObject)
      .filter(([, v]) => !isEmpty(v))
      .map(([k, v]) => {
        const prop = schema?.properties?.[k];
        return `${uiTitle(ui?.[k] as UiSchema | undefined, prop, k)}: ${formatValue(i18n, prop, ui?.[k] as UiSchema | undefined, v)}`;
      })
      .join('; ');
  return String(value);
}

function Heading({ level, children }: { level: number; children: ReactNode }) {
  const l = Math.min(level, 6);
  const cls = l <= 2 ? 'kern-heading-medium' : 'kern-heading-small';
  if (l === 2) return <h2 className={cls}>{children}</h2>;
  if (l === 3) return <h3 className={cls}>{children}</h3>;
  if (l === 4) return <h4 className={cls}>{children}</h4>;
  return <h5 className={cls}>{children}</h5>;
}

/** Translations of free text beside the data (plans), by JSON pointer, with the names of their languages. */
interface TranslationMap {
  byPointer: Record<string, FieldTranslationInput>;
  languageName(tag: string): string;
}
const token = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** A free text's translation beneath it, in its own language and direction. */
function TranslationNote({
  translation,
  languageName,
}: {
  translation: FieldTranslationInput;
  languageName(tag: string): string;
}) {
  const { t } = useI18n();
  return (
    <span className="pakt-view-translation">
      <span className="pakt-view-translation__label">
        {t('translation.present', { language: languageName(translation.lang) })}
      </span>
      <span lang={translation.lang} dir={translationDirection(translation.lang)}>
        {translation.text}
      </span>
    </span>
  );
}

function ObjectView({
  root,
  schema,
  ui,
  data,
  level,
  path,
  translations,
}: {
  root: Schema;
  schema: Schema;
  ui: UiSchema | undefined;
  data: JsonObject;
  level: number;
  path: string;
  translations?: TranslationMap;
}) {
  const i18n = useI18n();
  const order = (ui?.['ui:order'] as string[] | undefined) ?? [];
  const keys = Object.keys(schema.properties ?? {}).sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib);
  });
  const leaves: [string, string, FieldTranslationInput | undefined][] = [];
  const groups: ReactNode[] = [];
  for (const key of keys) {
    const childUi = ui?.[key] as UiSchema | undefined;
    if (childUi?.['ui:widget'] === 'hidden') continue;
    const child = deref(root, schema.properties?.[key], '').node;
    const value = data[key];
    const title = uiTitle(childUi, child, key);
    if (child?.type === 'object' && child.properties) {
      if (isEmpty(value)) continue;
      groups.push(
        <section key={key} className="pakt-view-group">
          <Heading level={level}>{title}</Heading>
          <ObjectView
            root={root}
            schema={child}
            ui={childUi}
            data={(value ?? {}) as JsonObject}
            level={level + 1}
            path={`${path}/${token(key)}`}
            {...(translations ? { translations } : {})}
          />
        </section>,
      );
    } else if (child?.type === 'array' && deref(root, child.items, '').node?.type === 'object') {
      const items = Array.isArray(value) ? value : [];
      const itemSchema = deref(root, child.items, '').node as Schema;
      groups.push(
        <section key={key} className="pakt-view-group">
          <Heading level={level}>
            {title} ({items.length})
          </Heading>
          {items.length === 0 && <p className="kern-body">{i18n.t('sub.empty')}</p>}
          <ol className="pakt-view-list">
            {items.map((item, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: items have no stable key in a read-only view
              <li key={i}>
                <Heading level={level + 1}>
                  {`${uiTitle(childUi?.items as UiSchema, itemSchema, '')} ${i + 1}`.trim()}
                </Heading>
                <ObjectView
                  root={root}
                  schema={itemSchema}
                  ui={childUi?.items as UiSchema | undefined}
                  data={(item ?? {}) as JsonObject}
                  level={level + 2}
                  path={`${path}/${token(key)}/${i}`}
                  {...(translations ? { translations } : {})}
                />
              </li>
            ))}
          </ol>
        </section>,
      );
    } else {
      const pointer = `${path}/${token(key)}`;
      const translation =
        translations &&
        Object.hasOwn(translations.byPointer, pointer) &&
        typeof value === 'string' &&
        value !== ''
          ? translations.byPointer[pointer]
          : undefined;
      leaves.push([title, formatValue(i18n, child, childUi, value), translation]);
    }
  }
  return (
    <>
      {leaves.length > 0 && (
        <dl className="kern-description-list pakt-view-facts">
          {leaves.map(([k, v, translation]) => (
            <div className="kern-description-list-item" key={k}>
              <dt className="kern-description-list-item__key">{k}</dt>
              <dd className="kern-description-list-item__value">
                {v}
                {translation && translations && (
                  <TranslationNote translation={translation} languageName={translations.languageName} />
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {groups}
    </>
  );
}

export function SubmissionDataView({
  schema,
  uiSchema,
  data,
  level = 3,
  translations,
}: {
  schema: Schema;
  uiSchema: UiSchema;
  data: JsonObject;
  level?: number;
  /** Translations of free text (plans), shown beneath their text. */
  translations?: TranslationMap;
}) {
  const root = deref(schema, schema, '').node ?? schema;
  return (
    <div className="pakt-view">
      <ObjectView
        root={schema}
        schema={root}
        ui={uiSchema}
        data={data}
        level={level}
        path=""
        {...(translations ? { translations } : {})}
      />
    </div>
  );
}
