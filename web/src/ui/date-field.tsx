/**
 * A date field outside the forms (decisions, payouts, filters, consent withdrawals): a text input that shows
 * the date as the UI language writes it (`29.11.2026`, `29 Nov 2026`) and hands the caller ISO
 * (`2026-11-29`). A browser's own date input would show the browser's language, not the app's. What is typed
 * stays as typed; while it is no date the caller gets '' and the field says why.
 */
import { type InputHTMLAttributes, type Ref, useEffect, useRef, useState } from 'react';
import { dateInputPattern, formatDate, parseDate } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

type Passed = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'id'>;

export function DateField({
  id,
  value,
  onValue,
  className = 'kern-form-input__input',
  ref,
  ...rest
}: Passed & { id: string; value: string; onValue(iso: string): void; ref?: Ref<HTMLInputElement> }) {
  const { t, locale } = useI18n();
  const [text, setText] = useState(() => (ISO.test(value) ? formatDate(value, locale) : value));
  const [problem, setProblem] = useState<string>();
  const emitted = useRef(value);
  // A value set from outside (a reset, a proposal) replaces what is shown.
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(ISO.test(value) ? formatDate(value, locale) : value);
      setProblem(undefined);
    }
  }, [value, locale]);
  const hintId = `${id}__date`;
  const read = (input: string) => {
    setText(input);
    const parsed = parseDate(input);
    const next = parsed.kind === 'date' ? parsed.iso : '';
    setProblem(
      parsed.kind === 'invalid' ? t('form.date.invalid', { pattern: dateInputPattern(locale) }) : undefined,
    );
    emitted.current = next;
    onValue(next);
  };
  const described = [rest['aria-describedby'], hintId].filter(Boolean).join(' ');
  return (
    <>
      <input
        {...rest}
        ref={ref}
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        className={`${className} pakt-input--date${problem ? ' kern-form-input__input--error' : ''}`}
        value={text}
        onChange={(e) => read(e.target.value)}
        onBlur={(e) => {
          if (!problem && ISO.test(emitted.current)) setText(formatDate(emitted.current, locale));
          rest.onBlur?.(e);
        }}
        aria-invalid={problem ? true : rest['aria-invalid']}
        aria-describedby={described}
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
