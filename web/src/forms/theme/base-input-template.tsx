import { type BaseInputTemplateProps, getInputProps } from '@rjsf/utils';
import type { ChangeEvent, FocusEvent } from 'react';
import { followText, TranslationFor } from '../translation.tsx';
import { DateInput } from './date-input.tsx';
import { NumberInput } from './number-input.tsx';
import { describedBy } from './shared.tsx';

export function BaseInputTemplate(props: BaseInputTemplateProps) {
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
  // By the schema, not the input type: rjsf hands number fields over as `type="text"` in some paths.
  const isNumber =
    schema.type === 'number' ||
    schema.type === 'integer' ||
    inputProps.type === 'number' ||
    inputProps.type === 'integer';
  // Numbers are typed as text in the UI language's conventions ("17.000", "1.234,56").
  if (isNumber) return <NumberInput {...props} />;
  // Dates are typed and shown in the UI language's conventions ("29.11.2026"), stored ISO.
  if (inputProps.type === 'date' || schema.format === 'date') return <DateInput {...props} />;
  const inputValue = isNumber ? (value || value === 0 ? value : '') : (value ?? '');
  const invalid = Boolean(rawErrors?.length);
  return (
    <>
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
        onChange={(e: ChangeEvent<HTMLInputElement>) => {
          onChange(e.target.value === '' ? options.emptyValue : e.target.value);
          followText(props.registry.formContext, id, e.target.value);
        }}
        onBlur={(e: FocusEvent<HTMLInputElement>) => onBlur(id, e.target.value)}
        onFocus={(e: FocusEvent<HTMLInputElement>) => onFocus(id, e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, schema, uiSchema, rawErrors)}
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
