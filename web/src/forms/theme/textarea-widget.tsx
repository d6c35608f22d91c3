import type { WidgetProps } from '@rjsf/utils';
import { followText, TranslationFor } from '../translation.tsx';
import { describedBy } from './shared.tsx';

export function TextareaWidget(props: WidgetProps) {
  const { id, htmlName, value, readonly, disabled, onBlur, onFocus, onChange, options, schema, uiSchema } =
    props;
  const invalid = Boolean(props.rawErrors?.length);
  return (
    <>
      <textarea
        id={id}
        name={htmlName || id}
        className={`kern-form-input__input pakt-textarea${invalid ? ' kern-form-input__input--error' : ''}`}
        rows={(options.rows as number | undefined) ?? 4}
        readOnly={readonly}
        disabled={disabled}
        required={props.required}
        value={value ?? ''}
        onChange={(e) => {
          onChange(e.target.value === '' ? options.emptyValue : e.target.value);
          followText(props.registry.formContext, id, e.target.value);
        }}
        onBlur={(e) => onBlur(id, e.target.value)}
        onFocus={(e) => onFocus(id, e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, schema, uiSchema, props.rawErrors)}
      />
      <TranslationFor
        id={id}
        schema={schema}
        uiSchema={uiSchema}
        value={value}
        formContext={props.registry.formContext}
        disabled={disabled || readonly}
      />
    </>
  );
}
