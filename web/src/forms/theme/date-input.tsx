/**
 * The input of date fields: a text input that shows the date in the UI language's conventions
 * (`29.11.2026`, `29 Nov 2026`) and reads them back, storing ISO (`2026-11-29`) as the form's value. A
 * browser's own date input would show the browser's language, not the app's. Text that is no date yet is
 * passed on as typed (a draft keeps it; only submit refuses it) and says why next to the field.
 */
import type { BaseInputTemplateProps } from '@rjsf/utils';
import { useEffect, useRef, useState } from 'react';
import { dateInputPattern, formatDate, parseDate } from '../../i18n/date-format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { describedBy } from './shared.tsx';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function DateInput(props: BaseInputTemplateProps) {
  const { id, htmlName, value, readonly, disabled, onBlur, onFocus, onChange, options, schema } = props;
  const { uiSchema, rawErrors, required } = props;
  const { t, locale } = useI18n();
  const shown = (v: unknown) => (typeof v === 'string' ? (ISO.test(v) ? formatDate(v, locale) : v) : '');
  const [text, setText] = useState(() => shown(value));
  const emitted = useRef<unknown>(value);
  const problemOf = (input: string) =>
    parseDate(input).kind === 'invalid'
      ? t('form.date.invalid', { pattern: dateInputPattern(locale) })
      : undefined;
  const [problem, setProblem] = useState<string | undefined>(() =>
    typeof value === 'string' && !ISO.test(value) ? problemOf(value) : undefined,
  );
  // A value set from outside (a reload, a prefill) replaces what is shown. (The form is mounted anew when
  // the language changes.)
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(typeof value === 'string' ? (ISO.test(value) ? formatDate(value, locale) : value) : '');
      setProblem(undefined);
    }
  }, [value, locale]);
  const hintId = `${id}__date`;
  const invalid = Boolean(rawErrors?.length) || problem !== undefined;
  const described = [describedBy(id, schema, uiSchema, rawErrors), hintId].filter(Boolean).join(' ');
  const read = (input: string) => {
    setText(input);
    const parsed = parseDate(input);
    const next = parsed.kind === 'date' ? parsed.iso : parsed.kind === 'empty' ? options.emptyValue : input;
    setProblem(problemOf(input));
    emitted.current = next;
    onChange(next);
  };
  return (
    <>
      <input
        id={id}
        name={htmlName || id}
        type="text"
        inputMode="numeric"
        className={`kern-form-input__input pakt-input--date${invalid ? ' kern-form-input__input--error' : ''}`}
        readOnly={readonly}
        disabled={disabled}
        required={required}
        aria-required={required || undefined}
        value={text}
        autoComplete="off"
        onChange={(e) => read(e.target.value)}
        onBlur={(e) => {
          // A clear date is shown in the UI language's form once the field is left ("1.2.2026" → "01.02.2026").
          if (!problem && typeof emitted.current === 'string' && ISO.test(emitted.current))
            setText(formatDate(emitted.current, locale));
          onBlur(id, e.target.value);
        }}
        onFocus={(e) => onFocus(id, e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={described || undefined}
      />
      {problem ? (
        <p className="kern-error pakt-date-problem" id={hintId}>
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span className="kern-body">{problem}</span>
        </p>
      ) : (
        <p className="kern-hint pakt-date-hint" id={hintId}>
          {t('form.date.hint', { pattern: dateInputPattern(locale) })}
        </p>
      )}
    </>
  );
}
