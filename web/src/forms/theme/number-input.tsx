/**
 * The input of number and amount fields: a text input that shows the value in the UI language's
 * conventions and reads German or English input (see `number-format.ts`). Input that is not one clear
 * number is kept as typed, is not passed to the form, and says why next to the field.
 */
import type { BaseInputTemplateProps } from '@rjsf/utils';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatNumber, parseNumber } from '../number-format.ts';
import type { RawTextContext } from '../raw-text.ts';
import { describedBy } from './shared.tsx';

const asNumber = (v: unknown): number | undefined =>
  typeof v === 'number'
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : undefined;

export function NumberInput(props: BaseInputTemplateProps) {
  const { id, htmlName, value, readonly, disabled, onBlur, onFocus, onChange, options, schema } = props;
  const { uiSchema, rawErrors, placeholder, required, registry } = props;
  const { t, locale } = useI18n();
  // Text that did not parse is kept as typed beside the draft's data (and shown again on the next visit).
  const rawText = (registry.formContext as RawTextContext | undefined)?.rawText;
  const integer = schema.type === 'integer';
  const shown = (v: unknown) => (typeof v === 'number' ? formatNumber(v, locale) : '');
  // rjsf's number field may hand the value back as the string of the number it was given ("17000").
  const numeric = asNumber(value);
  const problemOf = (input: string): string | undefined => {
    const parsed = parseNumber(input, locale, integer);
    if (parsed.kind === 'number' || parsed.kind === 'empty') return undefined;
    return parsed.kind === 'notInteger'
      ? t('form.number.integer')
      : parsed.kind === 'ambiguous'
        ? t('form.number.ambiguous', { text: input.trim() })
        : t('form.number.invalid', { text: input.trim() });
  };
  const [kept] = useState(() => (numeric === undefined ? rawText?.get(id) : undefined));
  const [text, setText] = useState(() => kept ?? shown(numeric));
  const [problem, setProblem] = useState<string | undefined>(() => (kept ? problemOf(kept) : undefined));
  const emitted = useRef<unknown>(numeric);
  // A value set from outside (a computed total, a reload) replaces what is shown. (The form is mounted
  // anew when the language changes.)
  useEffect(() => {
    if (numeric !== emitted.current) {
      emitted.current = numeric;
      setText(numeric === undefined ? '' : formatNumber(numeric, locale));
      setProblem(undefined);
    }
  }, [numeric, locale]);
  const problemId = `${id}__number`;
  const invalid = Boolean(rawErrors?.length) || problem !== undefined;
  const described = [describedBy(id, schema, uiSchema, rawErrors), problem ? problemId : '']
    .filter(Boolean)
    .join(' ');
  const read = (input: string) => {
    setText(input);
    const parsed = parseNumber(input, locale, integer);
    if (parsed.kind === 'number' || parsed.kind === 'empty') {
      setProblem(undefined);
      rawText?.set(id, undefined);
      const next = parsed.kind === 'number' ? parsed.value : options.emptyValue;
      emitted.current = next;
      onChange(next);
    } else {
      setProblem(problemOf(input));
      // Where the draft keeps raw text, the field holds no number now: the value goes, the text is kept as
      // typed (and saved beside the data). Elsewhere the last clear number stays.
      if (!rawText) return;
      rawText.set(id, input);
      if (emitted.current !== undefined) {
        emitted.current = undefined;
        onChange(options.emptyValue);
      }
    }
  };
  return (
    <>
      <input
        id={id}
        name={htmlName || id}
        type="text"
        inputMode={integer ? 'numeric' : 'decimal'}
        className={`kern-form-input__input pakt-input--number${invalid ? ' kern-form-input__input--error' : ''}`}
        readOnly={readonly}
        disabled={disabled}
        placeholder={placeholder}
        required={required}
        aria-required={required || undefined}
        value={text}
        autoComplete="off"
        onChange={(e) => read(e.target.value)}
        onBlur={(e) => {
          // A clear number is shown tidily once the field is left ("17000" → "17.000").
          if (!problem && typeof emitted.current === 'number') setText(shown(emitted.current));
          onBlur(id, e.target.value);
        }}
        onFocus={(e) => onFocus(id, e.target.value)}
        aria-invalid={invalid || undefined}
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
