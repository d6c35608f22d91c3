import type { WidgetProps } from '@rjsf/utils';
import { describedBy, Optional } from './shared.tsx';

export function CheckboxWidget(props: WidgetProps) {
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
