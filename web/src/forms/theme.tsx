/**
 * The react-jsonschema-form theme on KERN UX: templates and widgets that render KERN markup and classes
 * (`kern-form-input`, `kern-label`, `kern-hint`, `kern-error`, `kern-fieldset`, `kern-form-check`, `kern-btn`).
 * It serves every form and knows none of them. Accessibility: every input has a label, hints and errors
 * are tied in with `aria-describedby`, invalid inputs carry `aria-invalid`, groups use fieldset/legend.
 */
import type { ThemeProps } from '@rjsf/core';
import {
  type ArrayFieldItemTemplateProps,
  type ArrayFieldTemplateProps,
  type BaseInputTemplateProps,
  type DescriptionFieldProps,
  type ErrorListProps,
  enumOptionSelectedValue,
  enumOptionsDeselectValue,
  enumOptionsIsSelected,
  enumOptionsSelectValue,
  enumOptionValueDecoder,
  enumOptionValueEncoder,
  type FieldErrorProps,
  type FieldHelpProps,
  type FieldProps,
  type FieldTemplateProps,
  getInputProps,
  getOptionValueFormat,
  getUiOptions,
  type IconButtonProps,
  type ObjectFieldTemplateProps,
  optionId,
  type RJSFSchema,
  type SubmitButtonProps,
  type TitleFieldProps,
  type WidgetProps,
} from '@rjsf/utils';
import { type ChangeEvent, type FocusEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { enumLabel, type Schema } from './schema-tools.ts';

/** Fired (on window) to make a field visible before focusing it: collapsed list items open themselves. */
export const REVEAL_EVENT = 'pakt:reveal';

type Ui = Record<string, unknown> | undefined;

const hasDescription = (schema: RJSFSchema, uiSchema: Ui) =>
  Boolean((uiSchema?.['ui:description'] as string | undefined) ?? schema.description);
const hasHelp = (uiSchema: Ui) => Boolean(uiSchema?.['ui:help']);

/** `aria-describedby` listing only the hint, help and error elements that are actually rendered. */
function describedBy(id: string, schema: RJSFSchema, uiSchema: Ui, rawErrors?: string[]): string | undefined {
  const ids = [
    hasDescription(schema, uiSchema) ? `${id}__description` : '',
    rawErrors?.length ? `${id}__error` : '',
    hasHelp(uiSchema) ? `${id}__help` : '',
  ].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function ErrorText({ id, errors }: { id: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <p className="kern-error" id={id}>
      <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span className="kern-body">{[...new Set(errors)].join(' ')}</span>
    </p>
  );
}

function Optional({ required }: { required?: boolean }) {
  const { t } = useI18n();
  return required ? null : <span className="kern-label__optional"> {t('form.optional')}</span>;
}

const GROUP_WIDGETS = new Set(['radio', 'checkboxes']);

function FieldTemplate(props: FieldTemplateProps) {
  const {
    id,
    label,
    children,
    rawErrors = [],
    rawDescription,
    rawHelp,
    hidden,
    required,
    displayLabel,
    schema,
  } = props;
  const uiOptions = getUiOptions(props.uiSchema);
  if (hidden) return <div hidden>{children}</div>;
  const type = schema.type;
  const widget = String(uiOptions.widget ?? '');
  const isContainer = (type === 'object' || type === 'array') && !displayLabel;
  if (isContainer) return <div className={props.classNames}>{children}</div>;
  const errors = <ErrorText id={`${id}__error`} errors={rawErrors} />;
  const help = rawHelp ? (
    <div className="kern-hint" id={`${id}__help`}>
      {rawHelp}
    </div>
  ) : null;
  const hint = rawDescription ? (
    <div className="kern-hint" id={`${id}__description`}>
      {rawDescription}
    </div>
  ) : null;
  if (GROUP_WIDGETS.has(widget) || type === 'array') {
    return (
      <fieldset
        className={`kern-fieldset${rawErrors.length ? ' kern-fieldset--error' : ''} pakt-field`}
        id={`${id}__group`}
      >
        <legend className="kern-label">
          {label}
          <Optional required={required} />
        </legend>
        {hint}
        {errors}
        <div className="kern-fieldset__body">{children}</div>
        {help}
      </fieldset>
    );
  }
  if (type === 'boolean' && widget !== 'select') {
    // The checkbox widget renders its own label next to the box.
    return (
      <div className={`pakt-field pakt-field--check${rawErrors.length ? ' pakt-field--error' : ''}`}>
        {hint}
        {errors}
        {children}
        {help}
      </div>
    );
  }
  return (
    <div className={`kern-form-input pakt-field${rawErrors.length ? ' kern-form-input--error' : ''}`}>
      {displayLabel && (
        <label className="kern-label" htmlFor={id}>
          {label}
          <Optional required={required} />
        </label>
      )}
      {hint}
      {errors}
      {children}
      {help}
    </div>
  );
}

function BaseInputTemplate(props: BaseInputTemplateProps) {
  const {
    id,
    htmlName,
    value,
    readonly,
    disabled,
    autofocus,
    onBlur,
    onFocus,
    onChange,
    options,
    schema,
    type,
  } = props;
  const { uiSchema, rawErrors, placeholder, required } = props;
  const inputProps = getInputProps(schema, type, options);
  const isNumber = inputProps.type === 'number' || inputProps.type === 'integer';
  const inputValue = isNumber ? (value || value === 0 ? value : '') : (value ?? '');
  const invalid = Boolean(rawErrors?.length);
  return (
    <input
      id={id}
      name={htmlName || id}
      className={`kern-form-input__input${invalid ? ' kern-form-input__input--error' : ''}${isNumber ? ' pakt-input--number' : ''}`}
      readOnly={readonly}
      disabled={disabled}
      // biome-ignore lint/a11y/noAutofocus: only when the form author asked for it in the uiSchema
      autoFocus={autofocus}
      placeholder={placeholder}
      required={required}
      aria-required={required || undefined}
      value={inputValue}
      {...inputProps}
      inputMode={isNumber ? 'decimal' : undefined}
      autoComplete={(options.autocomplete as string | undefined) ?? 'off'}
      onChange={(e: ChangeEvent<HTMLInputElement>) =>
        onChange(e.target.value === '' ? options.emptyValue : e.target.value)
      }
      onBlur={(e: FocusEvent<HTMLInputElement>) => onBlur(id, e.target.value)}
      onFocus={(e: FocusEvent<HTMLInputElement>) => onFocus(id, e.target.value)}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy(id, schema, uiSchema, rawErrors)}
    />
  );
}

function TextareaWidget(props: WidgetProps) {
  const { id, htmlName, value, readonly, disabled, onBlur, onFocus, onChange, options, schema, uiSchema } =
    props;
  const invalid = Boolean(props.rawErrors?.length);
  return (
    <textarea
      id={id}
      name={htmlName || id}
      className={`kern-form-input__input pakt-textarea${invalid ? ' kern-form-input__input--error' : ''}`}
      rows={(options.rows as number | undefined) ?? 4}
      readOnly={readonly}
      disabled={disabled}
      required={props.required}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? options.emptyValue : e.target.value)}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy(id, schema, uiSchema, props.rawErrors)}
    />
  );
}

function SelectWidget(props: WidgetProps) {
  const {
    id,
    htmlName,
    value,
    readonly,
    disabled,
    onBlur,
    onFocus,
    onChange,
    options,
    schema,
    uiSchema,
    multiple,
  } = props;
  const { t } = useI18n();
  if (multiple) return <CheckboxesWidget {...props} />;
  const { enumOptions = [], enumDisabled, emptyValue } = options;
  const format = getOptionValueFormat(options);
  const decode = (v: string) => enumOptionValueDecoder(v, enumOptions, format, emptyValue);
  const selected = enumOptionSelectedValue(value, enumOptions, false, format, '');
  const invalid = Boolean(props.rawErrors?.length);
  return (
    <div className="kern-form-input__select-wrapper">
      <select
        id={id}
        name={htmlName || id}
        className={`kern-form-input__select${invalid ? ' kern-form-input__select--error' : ''}`}
        value={selected as string}
        required={props.required}
        disabled={disabled || readonly}
        onChange={(e) => onChange(decode(e.target.value))}
        onBlur={(e) => onBlur(id, decode(e.target.value))}
        onFocus={(e) => onFocus(id, decode(e.target.value))}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, schema, uiSchema, props.rawErrors)}
      >
        {schema.default === undefined && <option value="">{props.placeholder || t('form.choose')}</option>}
        {enumOptions.map(({ value: v, label }, i) => (
          <option
            key={String(v)}
            value={enumOptionValueEncoder(v, i, format)}
            disabled={enumDisabled?.includes(v)}
          >
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

function CheckboxWidget(props: WidgetProps) {
  const {
    id,
    htmlName,
    value,
    readonly,
    disabled,
    onBlur,
    onFocus,
    onChange,
    label,
    required,
    schema,
    uiSchema,
  } = props;
  const invalid = Boolean(props.rawErrors?.length);
  return (
    <div className="kern-form-check">
      <input
        type="checkbox"
        id={id}
        name={htmlName || id}
        className={`kern-form-check__checkbox${invalid ? ' kern-form-check__checkbox--error' : ''}`}
        checked={value === true}
        disabled={disabled || readonly}
        onChange={(e) => onChange(e.target.checked)}
        onBlur={(e) => onBlur(id, e.target.checked)}
        onFocus={(e) => onFocus(id, e.target.checked)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, schema, uiSchema, props.rawErrors)}
      />
      <label className="kern-label" htmlFor={id}>
        {label}
        <Optional required={required || schema.const === true} />
      </label>
    </div>
  );
}

function RadioWidget(props: WidgetProps) {
  const { id, htmlName, value, readonly, disabled, onBlur, onFocus, onChange, options, schema, uiSchema } =
    props;
  const { enumOptions = [], enumDisabled, emptyValue } = options;
  const format = getOptionValueFormat(options);
  const invalid = Boolean(props.rawErrors?.length);
  return (
    <div className="pakt-choices" id={id}>
      {enumOptions.map((option, i) => (
        <div className="kern-form-check" key={String(option.value)}>
          <input
            type="radio"
            id={optionId(id, i)}
            name={htmlName || id}
            className={`kern-form-check__radio${invalid ? ' kern-form-check__radio--error' : ''}`}
            checked={enumOptionsIsSelected(option.value, value)}
            value={enumOptionValueEncoder(option.value, i, format)}
            disabled={disabled || readonly || enumDisabled?.includes(option.value)}
            onChange={() => onChange(option.value)}
            onBlur={(e) =>
              onBlur(id, enumOptionValueDecoder(e.target.value, enumOptions, format, emptyValue))
            }
            onFocus={(e) =>
              onFocus(id, enumOptionValueDecoder(e.target.value, enumOptions, format, emptyValue))
            }
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy(id, schema, uiSchema, props.rawErrors)}
          />
          <label className="kern-label" htmlFor={optionId(id, i)}>
            {option.label}
          </label>
        </div>
      ))}
    </div>
  );
}

function CheckboxesWidget(props: WidgetProps) {
  const { id, htmlName, value, readonly, disabled, onChange, options, schema, uiSchema } = props;
  const { enumOptions = [], enumDisabled } = options;
  const format = getOptionValueFormat(options);
  const values = Array.isArray(value) ? value : [];
  const invalid = Boolean(props.rawErrors?.length);
  return (
    <div className="pakt-choices" id={id}>
      {enumOptions.map((option, i) => (
        <div className="kern-form-check" key={String(option.value)}>
          <input
            type="checkbox"
            id={optionId(id, i)}
            name={htmlName || id}
            className={`kern-form-check__checkbox${invalid ? ' kern-form-check__checkbox--error' : ''}`}
            checked={enumOptionsIsSelected(option.value, values)}
            value={enumOptionValueEncoder(option.value, i, format)}
            disabled={disabled || readonly || enumDisabled?.includes(option.value)}
            onChange={(e) =>
              onChange(
                e.target.checked
                  ? enumOptionsSelectValue(i, values, enumOptions)
                  : enumOptionsDeselectValue(i, values, enumOptions),
              )
            }
            aria-describedby={describedBy(id, schema, uiSchema, props.rawErrors)}
          />
          <label className="kern-label" htmlFor={optionId(id, i)}>
            {option.label}
          </label>
        </div>
      ))}
    </div>
  );
}

function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { title, description, properties, fieldPathId, required, uiSchema } = props;
  const depth = fieldPathId.path.length;
  const visible = properties.filter((p) => !p.hidden).map((p) => p.content);
  const hidden = properties.filter((p) => p.hidden).map((p) => p.content);
  const uiTitle = (getUiOptions(uiSchema).title as string | undefined) ?? title;
  if (depth === 0) {
    return (
      <div className="pakt-object pakt-object--root" id={fieldPathId.$id}>
        {visible}
        {hidden}
      </div>
    );
  }
  return (
    <fieldset className={`kern-fieldset pakt-group pakt-group--${Math.min(depth, 3)}`} id={fieldPathId.$id}>
      {uiTitle && (
        <legend className="kern-label pakt-legend">
          {uiTitle}
          <Optional required={required || depth === 1} />
        </legend>
      )}
      {description && (
        <div className="kern-hint" id={`${fieldPathId.$id}__description`}>
          {description}
        </div>
      )}
      <div className="kern-fieldset__body pakt-group__body">{visible}</div>
      {hidden}
    </fieldset>
  );
}

/** What to show for a collapsed list item: its first text value and the labels of its choice fields. */
function itemSummary(
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
function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
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

function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, hasToolbar, registry, uiSchema } = props;
  const { ArrayFieldItemButtonsTemplate } = registry.templates;
  return (
    <div className="pakt-array__item-body">
      {children}
      {hasToolbar && (
        <div className="kern-btn-wrapper pakt-array__toolbar">
          <ArrayFieldItemButtonsTemplate {...buttonsProps} uiSchema={uiSchema} registry={registry} />
        </div>
      )}
    </div>
  );
}

function TextButton({
  label,
  icon,
  className,
  uiSchema: _ui,
  registry: _r,
  iconType: _t,
  ...rest
}: IconButtonProps & { label: string }) {
  return (
    <button
      type="button"
      className={`kern-btn kern-btn--tertiary kern-btn--x-small ${className ?? ''}`}
      {...rest}
    >
      {icon && <span className={`kern-icon kern-icon--${icon} kern-icon--small`} aria-hidden="true" />}
      <span className="kern-label">{label}</span>
    </button>
  );
}

function useButtonLabel(key: 'form.remove' | 'form.moveUp' | 'form.moveDown' | 'form.copy') {
  return useI18n().t(key);
}

const RemoveButton = (p: IconButtonProps) => (
  <TextButton {...p} icon="delete" label={useButtonLabel('form.remove')} />
);
const MoveUpButton = (p: IconButtonProps) => (
  <TextButton {...p} icon="arrow-up" label={useButtonLabel('form.moveUp')} />
);
const MoveDownButton = (p: IconButtonProps) => (
  <TextButton {...p} icon="arrow-down" label={useButtonLabel('form.moveDown')} />
);
const CopyButton = (p: IconButtonProps) => (
  <TextButton {...p} icon="content-copy" label={useButtonLabel('form.copy')} />
);
function AddButton(p: IconButtonProps) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="kern-btn kern-btn--secondary"
      id={p.id}
      onClick={p.onClick}
      disabled={p.disabled}
    >
      <span className="kern-icon kern-icon--add" aria-hidden="true" />
      <span className="kern-label">{t('form.add', { title: '' }).replace(/:\s*$/, '')}</span>
    </button>
  );
}
/** Submitting goes through the page's own workflow buttons, not a form submit. */
const SubmitButton = (_: SubmitButtonProps) => null;

function ErrorListTemplate({ errors }: ErrorListProps) {
  const { t } = useI18n();
  return (
    <div className="kern-alert kern-alert--danger" role="alert">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <span className="kern-title">{t('errors.summaryTitle')}</span>
      </div>
      <div className="kern-alert__body">
        <ul className="kern-list">
          {errors.map((e) => (
            <li key={`${e.property}-${e.message}`}>{e.stack}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

const FieldErrorTemplate = ({ errors = [], fieldPathId }: FieldErrorProps) => (
  <ErrorText
    id={`${fieldPathId.$id}__error`}
    errors={errors.filter((e): e is string => typeof e === 'string')}
  />
);
const FieldHelpTemplate = ({ help, fieldPathId }: FieldHelpProps) =>
  help ? (
    <div className="kern-hint" id={`${fieldPathId.$id}__help`}>
      {help as ReactNode}
    </div>
  ) : null;
const DescriptionFieldTemplate = ({ id, description }: DescriptionFieldProps) =>
  description ? (
    <div className="kern-hint" id={id}>
      {description}
    </div>
  ) : null;
const TitleFieldTemplate = ({ id, title }: TitleFieldProps) => (
  <p className="kern-title" id={id}>
    {title}
  </p>
);

/** Renders nothing: used by pages that show one top-level section at a time. */
const HiddenSectionField = (_: FieldProps) => null;

export const kernTheme: ThemeProps = {
  templates: {
    FieldTemplate,
    ObjectFieldTemplate,
    ArrayFieldTemplate,
    ArrayFieldItemTemplate,
    BaseInputTemplate,
    ErrorListTemplate,
    FieldErrorTemplate,
    FieldHelpTemplate,
    DescriptionFieldTemplate,
    TitleFieldTemplate,
    ButtonTemplates: { AddButton, RemoveButton, MoveUpButton, MoveDownButton, CopyButton, SubmitButton },
  },
  widgets: {
    TextareaWidget,
    SelectWidget,
    CheckboxWidget,
    RadioWidget,
    CheckboxesWidget,
  },
  fields: { hiddenSection: HiddenSectionField },
};
