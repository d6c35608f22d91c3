import {
  enumOptionsDeselectValue,
  enumOptionsIsSelected,
  enumOptionsSelectValue,
  enumOptionValueEncoder,
  getOptionValueFormat,
  optionId,
  type WidgetProps,
} from '@rjsf/utils';
import { describedBy } from './shared.tsx';

export function CheckboxesWidget(props: WidgetProps) {
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
