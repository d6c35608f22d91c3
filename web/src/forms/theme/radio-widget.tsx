import {
  enumOptionsIsSelected,
  enumOptionValueDecoder,
  enumOptionValueEncoder,
  getOptionValueFormat,
  optionId,
  type WidgetProps,
} from '@rjsf/utils';
import { describedBy } from './shared.tsx';

export function RadioWidget(props: WidgetProps) {
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
