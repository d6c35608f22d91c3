import { type FieldTemplateProps, getUiOptions } from '@rjsf/utils';
import { ErrorText, Optional } from './shared.tsx';

export const GROUP_WIDGETS = new Set(['radio', 'checkboxes']);

export function FieldTemplate(props: FieldTemplateProps) {
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
  // A field of a section not shown now (pages that show one section at a time): its hint, help and legend stay
  // with it, or a form of single-field sections shows the other sections' hints under the current one.
  if (props.uiSchema?.['ui:field'] === 'hiddenSection') return null;
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
