/**
 * A number or amount field outside the forms (the round editor): the same reading as the forms' number input
 * (`forms/number-format.ts`: "47.000", "0,25" in German, "47,000", "0.25" in English; anything that could mean
 * two numbers is refused). What is typed stays as typed; while it is no clear number the caller gets
 * `undefined` and the field says why.
 */
import { type InputHTMLAttributes, useEffect, useRef, useState } from 'react';
import { formatNumber, parseNumber } from '../forms/number-format.ts';
import { useI18n } from '../i18n/i18n.tsx';

type Passed = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'id'>;

export function NumberField({
  id,
  value,
  onValue,
  integer = false,
  className = 'kern-form-input__input',
  ...rest
}: Passed & {
  id: string;
  value: number | undefined;
  onValue(value: number | undefined): void;
  integer?: boolean;
}) {
  const { t, locale } = useI18n();
  const shown = (v: number | undefined) => (v === undefined ? '' : formatNumber(v, locale));
  const [text, setText] = useState(() => shown(value));
  const [problem, setProblem] = useState<string>();
  const emitted = useRef(value);
  // A value set from outside (another round loaded into the editor) replaces what is shown.
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(value === undefined ? '' : formatNumber(value, locale));
      setProblem(undefined);
    }
  }, [value, locale]);
  const problemId = `${id}__number`;
  const read = (input: string) => {
    setText(input);
    const parsed = parseNumber(input, locale, integer);
    const next = parsed.kind === 'number' ? parsed.value : undefined;
    setProblem(
      parsed.kind === 'notInteger'
        ? t('form.number.integer')
        : parsed.kind === 'ambiguous'
          ? t('form.number.ambiguous', { text: input.trim() })
          : parsed.kind === 'invalid'
            ? t('form.number.invalid', { text: input.trim() })
            : undefined,
    );
    emitted.current = next;
    onValue(next);
  };
  const described = [rest['aria-describedby'], problem ? problemId : ''].filter(Boolean).join(' ');
  return (
    <>
      <input
        {...rest}
        id={id}
        type="text"
        inputMode={integer ? 'numeric' : 'decimal'}
        autoComplete="off"
        className={`${className} pakt-input--number${problem ? ' kern-form-input__input--error' : ''}`}
        value={text}
        onChange={(e) => read(e.target.value)}
        onBlur={(e) => {
          // A clear number is shown tidily once the field is left ("47000" → "47.000").
          if (!problem && emitted.current !== undefined) setText(shown(emitted.current));
          rest.onBlur?.(e);
        }}
        aria-invalid={problem ? true : rest['aria-invalid']}
        aria-describedby={described || undefined}
      />
      {problem && (
        <p className="kern-error pakt-number-problem" id={problemId}>
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span className="kern-body">{problem}</span>
        </p>
      )}
    </>
  );
}
