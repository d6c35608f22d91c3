import { type ArrayFieldTemplateProps, getUiOptions, type RJSFSchema } from '@rjsf/utils';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { enumLabel, type Schema } from '../schema-tools.ts';
import { REVEAL_EVENT } from './reveal.ts';
import { ErrorText, type Ui } from './shared.tsx';

/**
 * What to show for a collapsed list item: its first text value and the labels of its choice fields. A
 * field whose UI schema says `"ui:options": {"summary": false}` (an id, say) is left out.
 */
export function itemSummary(
  item: unknown,
  schema: Schema | undefined,
  itemUi: Ui,
): { title: string; chips: string[] } {
  const props = schema?.properties ?? {};
  const data = (item ?? {}) as Record<string, unknown>;
  let title = '';
  const chips: string[] = [];
  for (const [key, prop] of Object.entries(props)) {
    const v = data[key];
    if (prop.readOnly || v === undefined || v === null || v === '') continue;
    const options = (itemUi?.[key] as Ui)?.['ui:options'] as { summary?: boolean } | undefined;
    if (options?.summary === false) continue;
    const isChoice = Boolean(prop.enum || prop.oneOf);
    if (isChoice && chips.length < 3) {
      chips.push(enumLabel(prop, v, (itemUi?.[key] as Ui)?.['ui:enumNames']));
    } else if (!title && prop.type === 'string' && !prop.format && typeof v === 'string') {
      title = v;
    } else if (prop.format === 'date' && typeof v === 'string' && chips.length < 3) {
      chips.push(v);
    }
  }
  return { title, chips };
}

/**
 * Lists of objects are shown as a list of summaries with one item open at a time: only the open item's
 * fields are mounted, which keeps typing instant in long lists (a plan with 50 goals).
 */
export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const {
    items,
    canAdd,
    onAddClick,
    fieldPathId,
    schema,
    uiSchema,
    formData,
    registry,
    rawErrors = [],
  } = props;
  const { t, date } = useI18n();
  const title = (getUiOptions(uiSchema).title as string | undefined) ?? props.title;
  const description = (getUiOptions(uiSchema).description as string | undefined) ?? schema.description;
  const itemSchema =
    schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)
      ? (registry.schemaUtils.retrieveSchema(schema.items as RJSFSchema) as Schema)
      : undefined;
  const collapsible = itemSchema?.type === 'object';
  const [open, setOpen] = useState<number | null>(null);
  const count = useRef(items.length);
  const id = fieldPathId.$id;
  const list = Array.isArray(formData) ? formData : [];
  const errorSchema = (props.errorSchema ?? {}) as Record<string, unknown>;

  useEffect(() => {
    // A newly added item opens at once.
    if (items.length > count.current) setOpen(items.length - 1);
    if (open !== null && open >= items.length) setOpen(null);
    count.current = items.length;
  }, [items.length, open]);

  useEffect(() => {
    const reveal = (e: Event) => {
      const target = (e as CustomEvent<string>).detail;
      const match = new RegExp(`^${id}_(\\d+)(_|$)`).exec(target);
      if (match) setOpen(Number(match[1]));
    };
    window.addEventListener(REVEAL_EVENT, reveal);
    return () => window.removeEventListener(REVEAL_EVENT, reveal);
  }, [id]);

  const itemUi = uiSchema?.items as Ui;
  return (
    <fieldset
      className={`kern-fieldset pakt-array${rawErrors.length ? ' kern-fieldset--error' : ''}`}
      id={id}
    >
      <legend className="kern-label pakt-legend">
        {title} <span className="pakt-count">({items.length})</span>
      </legend>
      {description && (
        <div className="kern-hint" id={`${id}__description`}>
          {description}
        </div>
      )}
      <ErrorText id={`${id}__error`} errors={rawErrors} />
      {items.length === 0 && <p className="kern-body pakt-muted">{t('form.emptyList')}</p>}
      <ol className="pakt-array__items">
        {items.map((element, i) => {
          if (!collapsible || open === i) {
            return (
              <li key={element.key ?? i} className="pakt-array__item pakt-array__item--open">
                {collapsible && (
                  <div className="pakt-array__item-head">
                    <span className="kern-title kern-title--small">
                      {itemSummary(list[i], itemSchema, itemUi).title || t('form.item', { n: i + 1 })}
                    </span>
                    <button
                      type="button"
                      className="kern-btn kern-btn--tertiary kern-btn--x-small"
                      onClick={() => setOpen(null)}
                      aria-expanded="true"
                      aria-controls={`${id}_${i}`}
                    >
                      <span className="kern-label">{t('form.close')}</span>
                    </button>
                  </div>
                )}
                {element}
              </li>
            );
          }
          const summary = itemSummary(list[i], itemSchema, itemUi);
          const label = summary.title || t('form.item', { n: i + 1 });
          const hasErrors = Boolean(errorSchema[i]);
          return (
            <li
              key={element.key ?? i}
              className={`pakt-array__item${hasErrors ? ' pakt-array__item--error' : ''}`}
            >
              <span className="pakt-array__num" aria-hidden="true">
                {i + 1}
              </span>
              <span className="pakt-array__title">{label}</span>
              <span className="pakt-array__chips">
                {summary.chips.map((chip) => (
                  <span key={chip} className="kern-badge kern-badge--info kern-badge--small">
                    <span className="kern-label kern-label--small">
                      {/^\d{4}-\d{2}-\d{2}$/.test(chip) ? date(chip) : chip}
                    </span>
                  </span>
                ))}
                {hasErrors && (
                  <span className="kern-badge kern-badge--danger kern-badge--small">
                    <span className="kern-label kern-label--small">{t('errors.field')}</span>
                  </span>
                )}
              </span>
              <button
                type="button"
                className="kern-btn kern-btn--secondary kern-btn--x-small"
                aria-expanded="false"
                onClick={() => setOpen(i)}
              >
                <span className="kern-label">
                  {t('form.edit')}
                  <span className="kern-sr-only">: {label}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      {canAdd && (
        <button
          type="button"
          className="kern-btn kern-btn--secondary pakt-add"
          id={`${id}__add`}
          onClick={onAddClick}
          disabled={props.disabled || props.readonly}
        >
          <span className="kern-icon kern-icon--add" aria-hidden="true" />
          <span className="kern-label">{t('form.add', { title: title ?? '' })}</span>
        </button>
      )}
    </fieldset>
  );
}
