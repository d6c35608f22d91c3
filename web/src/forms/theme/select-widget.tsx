import {
  enumOptionSelectedValue,
  enumOptionValueDecoder,
  enumOptionValueEncoder,
  getOptionValueFormat,
  type WidgetProps,
} from '@rjsf/utils';
import { useI18n } from '../../i18n/i18n.tsx';
import { CheckboxesWidget } from './checkboxes-widget.tsx';
import { describedBy } from './shared.tsx';

export function SelectWidget(props: WidgetProps) {
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
