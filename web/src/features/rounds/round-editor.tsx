/**
 * The round editor: every field of a round as its own input (dates as the UI language writes them, amounts
 * as German or English numbers), rows for rates, conditions and letter texts; then a preview that compares
 * the draft field by field with the published version before a confirmed publication. The server's
 * refusals are shown at the fields they point to. A JSON view stays for experts.
 */
import { type ReactNode, useState } from 'react';
import { type Change, diffData } from '../../../../functions/core/diff.ts';
import type { RoundFields } from '../../../../functions/core/rounds.ts';
import { ApiError, api } from '../../api/client.ts';
import type { RoundList } from '../../api/types.ts';
import { formatNumber } from '../../forms/number-format.ts';
import { type I18n, useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { DateField } from '../../ui/date-field.tsx';
import { NumberField } from '../../ui/number-field.tsx';
import { Alert, announce, codeText, detailMessage, Facts } from '../../ui/primitives.tsx';
import { fieldOfPointer, fieldsOf, formOf, type RoundForm } from './round-form.ts';

type Round = RoundList['items'][number];

/** What the editor was opened for: a new round (id editable), a correction or the open draft of a round. */
export interface EditorStart {
  mode: 'new' | 'correct' | 'draft';
  form: RoundForm;
}

/** The round's own fields, without the registry's bookkeeping (id, version, state, who and when). */
export function roundFieldsOf(round: Round): RoundFields {
  const { id, version, status, createdAt, createdBy, publishedAt, publishedBy, open, ...fields } = round;
  return fields;
}

const fieldId = (name: string) => `round-${name.replaceAll('/', '-')}`;

/** Labels of the pointer segments the compare shows (and the error summary); other segments show as they are. */
const SEGMENTS: Record<string, MessageKey> = {
  title: 'roundsAdmin.f.title',
  referenceDate: 'roundsAdmin.f.referenceDate',
  fundingPeriod: 'roundsAdmin.period',
  start: 'roundsAdmin.f.start',
  maxMonths: 'roundsAdmin.f.maxMonths',
  rates: 'roundsAdmin.rates',
  placeholders: 'roundsAdmin.f.placeholders',
  illustrative: 'roundsAdmin.f.illustrative',
  note: 'roundsAdmin.f.note',
  minimumEntitlement: 'roundsAdmin.f.minimumEntitlement',
  minimumFte: 'roundsAdmin.f.minimumFte',
  applicationWindow: 'roundsAdmin.window',
  opens: 'roundsAdmin.f.opens',
  closes: 'roundsAdmin.f.closes',
  reportingDates: 'roundsAdmin.f.reporting',
  keyFigures: 'roundsAdmin.f.keyFigures',
  proofOfUse: 'roundsAdmin.f.proofOfUse',
  legalBasis: 'roundsAdmin.f.legalBasis',
  conditions: 'roundsAdmin.f.conditions',
  code: 'roundsAdmin.f.code',
  de: 'roundsAdmin.f.de',
  en: 'roundsAdmin.f.en',
  interestRule: 'roundsAdmin.f.interest',
  percentagePointsAboveBase: 'roundsAdmin.f.interestPoints',
  decisionTexts: 'roundsAdmin.f.texts',
  secondary: 'roundsAdmin.tier.secondary',
  bachelor: 'roundsAdmin.tier.bachelor',
  master: 'roundsAdmin.tier.master',
  id: 'roundsAdmin.id',
  round: 'roundsAdmin.editor',
};

/** A JSON pointer into a round as readable words: `/conditions/0/de` → "Nebenbestimmungen › Nr. 1 › Deutsch". */
export function pointerLabel(i18n: I18n, pointer: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .filter((p, i) => !(i === 0 && p === 'round'));
  return parts
    .map((p) => {
      if (/^\d+$/.test(p)) return i18n.t('roundsAdmin.f.item', { n: String(Number(p) + 1) });
      const key = Object.hasOwn(SEGMENTS, p) ? SEGMENTS[p] : undefined;
      return key ? i18n.t(key) : p;
    })
    .join(' › ');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A value of the compare in the UI language's words. */
export function showValue(i18n: I18n, value: unknown): string {
  if (value === undefined || value === null) return '–';
  if (typeof value === 'string') return ISO_DATE.test(value) ? i18n.date(value) : value;
  if (typeof value === 'number') return formatNumber(value, i18n.locale);
  if (typeof value === 'boolean') return i18n.t(value ? 'roundsAdmin.yes' : 'roundsAdmin.no');
  if (Array.isArray(value)) return value.map((v) => showValue(i18n, v)).join('; ');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${pointerLabel(i18n, `/${k}`)}: ${showValue(i18n, v)}`)
    .join('; ');
}

interface Control {
  id: string;
  className: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

export function RoundEditor({
  start,
  published,
  taken,
  onSaved,
}: {
  start: EditorStart;
  /** The published version of a round by id, to compare with. */
  published(id: string): Round | undefined;
  /** Ids of the rounds that exist (a new round must not take one). */
  taken: ReadonlySet<string>;
  onSaved(): void;
}) {
  const i18n = useI18n();
  const { t, date } = i18n;
  const [form, setForm] = useState<RoundForm>(start.form);
  // Once saved, a new round is a round like any other: its id stays, the next save is its next version.
  const [mode, setMode] = useState(start.mode);
  const [step, setStep] = useState<'edit' | 'preview'>('edit');
  const [errors, setErrors] = useState<Map<string, string[]>>(new Map());
  const [result, setResult] = useState<{ ok?: string; error?: unknown }>({});
  const [busy, setBusy] = useState(false);
  const [json, setJson] = useState<{ text: string; problem?: string } | null>(null);

  /** An edited field's error goes: it named what was there before. */
  const clear = (...names: string[]) =>
    setErrors((e) => (names.some((n) => e.has(n)) ? new Map([...e].filter(([k]) => !names.includes(k))) : e));
  const set = <K extends keyof RoundForm>(key: K, value: RoundForm[K]) => {
    clear(key);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const setRow = <K extends 'rates' | 'conditions' | 'texts'>(
    key: K,
    index: number,
    patch: Partial<RoundForm[K][number]>,
  ) => {
    clear(...Object.keys(patch).map((p) => `${key}/${index}/${p}`));
    setForm((f) => ({
      ...f,
      [key]: (f[key] as Array<RoundForm[K][number]>).map((r, i) => (i === index ? { ...r, ...patch } : r)),
    }));
  };
  const removeRow = (key: 'rates' | 'conditions' | 'texts' | 'keyFigures', index: number) =>
    setForm((f) => ({ ...f, [key]: (f[key] as unknown[]).filter((_, i) => i !== index) }));

  const id = form.id.trim();
  const previous = published(id);
  const fields = fieldsOf(form);
  const changes: Change[] = step === 'preview' && previous ? diffData(roundFieldsOf(previous), fields) : [];

  /** The checks the editor can make itself: an id, and a new round's id not taken. */
  const localProblems = (): Map<string, string[]> => {
    const found = new Map<string, string[]>();
    if (!id) found.set('id', [t('roundsAdmin.e.required')]);
    else if (mode === 'new' && taken.has(id)) found.set('id', [t('roundsAdmin.e.taken')]);
    if (!form.title.trim()) found.set('title', [t('roundsAdmin.e.required')]);
    return found;
  };

  const focusFirst = (found: Map<string, string[]>) => {
    const first = [...found.keys()][0];
    if (first !== undefined) requestAnimationFrame(() => document.getElementById(fieldId(first))?.focus());
  };

  const save = async (publish: boolean) => {
    const found = localProblems();
    setErrors(found);
    if (found.size > 0) return focusFirst(found);
    setBusy(true);
    setResult({});
    try {
      const { data } = await api.saveRound({ id, round: fields, publish });
      const message = publish
        ? t('roundsAdmin.publishedOk', { id: data.id, version: String(data.version) })
        : t('roundsAdmin.saved', { id: data.id, version: String(data.version) });
      setResult({ ok: message });
      setMode(publish ? 'correct' : 'draft');
      announce(message);
      setStep('edit');
      onSaved();
    } catch (error) {
      setResult({ error });
      setStep('edit');
      if (error instanceof ApiError) {
        const at = new Map<string, string[]>();
        for (const d of error.details) {
          const field = fieldOfPointer(d.pointer, form);
          if (field) at.set(field, [...(at.get(field) ?? []), detailMessage(i18n, d)]);
        }
        setErrors(at);
        focusFirst(at);
      }
    } finally {
      setBusy(false);
    }
  };

  const preview = () => {
    const found = localProblems();
    setErrors(found);
    if (found.size > 0) return focusFirst(found);
    setResult({});
    setStep('preview');
    requestAnimationFrame(() => document.getElementById('round-preview-heading')?.focus());
  };

  /** One labelled input with its hint and the server's or the editor's errors. */
  const field = (
    name: string,
    label: string,
    input: (control: Control) => ReactNode,
    options: { hint?: string; optional?: boolean } = {},
  ) => {
    const own = errors.get(name) ?? [];
    const cid = fieldId(name);
    const described = [options.hint ? `${cid}-hint` : '', own.length ? `${cid}-error` : '']
      .filter(Boolean)
      .join(' ');
    return (
      <div className={`kern-form-input${own.length ? ' kern-form-input--error' : ''}`}>
        <label className="kern-label" htmlFor={cid}>
          {label}
          {options.optional && <span className="kern-label__optional"> {t('form.optional')}</span>}
        </label>
        {options.hint && (
          <div className="kern-hint" id={`${cid}-hint`}>
            {options.hint}
          </div>
        )}
        {input({
          id: cid,
          className: `kern-form-input__input${own.length ? ' kern-form-input__input--error' : ''}`,
          ...(described ? { 'aria-describedby': described } : {}),
          ...(own.length ? { 'aria-invalid': true as const } : {}),
        })}
        {own.length > 0 && (
          <p className="kern-error" id={`${cid}-error`}>
            <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
            <span className="kern-body">{own.join(' ')}</span>
          </p>
        )}
      </div>
    );
  };
  const text = (name: string, label: string, value: string, onValue: (v: string) => void, optional = false) =>
    field(
      name,
      label,
      (c) => <input {...c} value={value} onChange={(e) => onValue(e.target.value)} autoComplete="off" />,
      { optional },
    );
  const area = (name: string, label: string, value: string, onValue: (v: string) => void, optional = false) =>
    field(
      name,
      label,
      (c) => (
        <textarea
          {...c}
          className={`${c.className} pakt-textarea`}
          rows={3}
          value={value}
          onChange={(e) => onValue(e.target.value)}
        />
      ),
      { optional },
    );
  const day = (name: string, label: string, value: string, onValue: (v: string) => void, optional = false) =>
    field(name, label, (c) => <DateField {...c} value={value} onValue={onValue} />, { optional });
  const number = (
    name: string,
    label: string,
    value: number | undefined,
    onValue: (v: number | undefined) => void,
    options: { integer?: boolean; optional?: boolean; hint?: string } = {},
  ) =>
    field(
      name,
      label,
      (c) => <NumberField {...c} value={value} onValue={onValue} integer={options.integer ?? false} />,
      options,
    );
  const removeButton = (label: string, onClick: () => void) => (
    <button type="button" className="kern-btn kern-btn--tertiary kern-btn--small" onClick={onClick}>
      <span className="kern-label">{label}</span>
    </button>
  );
  const addButton = (label: string, onClick: () => void) => (
    <button type="button" className="kern-btn kern-btn--secondary kern-btn--small" onClick={onClick}>
      <span className="kern-label">{label}</span>
    </button>
  );
  const group = (legend: string, body: ReactNode, name?: string) => {
    const own = name ? (errors.get(name) ?? []) : [];
    return (
      // A group a server error points to as a whole (no rates, a condition code twice) can take the focus.
      <fieldset
        className="kern-fieldset pakt-section"
        id={name ? fieldId(name) : undefined}
        tabIndex={name ? -1 : undefined}
      >
        <legend className="kern-label pakt-legend">{legend}</legend>
        <div className="kern-fieldset__body">
          {own.length > 0 && (
            <p className="kern-error">
              <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
              <span className="kern-body">{own.join(' ')}</span>
            </p>
          )}
          {body}
        </div>
      </fieldset>
    );
  };
  const tierLabel = (tier: string) => {
    const key = `roundsAdmin.tier.${tier}`;
    return Object.hasOwn(SEGMENTS, tier)
      ? `${t(key as MessageKey)} (${tier})`
      : tier || t('roundsAdmin.f.newTier');
  };

  const editor = (
    <div className="pakt-round-editor">
      {group(
        t('roundsAdmin.g.round'),
        <>
          {field(
            'id',
            t('roundsAdmin.id'),
            (c) => (
              <input
                {...c}
                value={form.id}
                readOnly={mode !== 'new'}
                onChange={(e) => set('id', e.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
            ),
            { hint: mode === 'new' ? t('roundsAdmin.idHint') : t('roundsAdmin.idFixed') },
          )}
          {text('title', t('roundsAdmin.f.title'), form.title, (v) => set('title', v))}
          {day(
            'referenceDate',
            t('roundsAdmin.f.referenceDate'),
            form.referenceDate,
            (v) => set('referenceDate', v),
            true,
          )}
          {area('note', t('roundsAdmin.f.note'), form.note, (v) => set('note', v), true)}
          <div className="kern-form-check">
            <input
              id={fieldId('illustrative')}
              type="checkbox"
              className="kern-form-check__checkbox"
              checked={form.illustrative}
              onChange={(e) => set('illustrative', e.target.checked)}
            />
            <label className="kern-label" htmlFor={fieldId('illustrative')}>
              {t('roundsAdmin.f.illustrative')}
            </label>
          </div>
        </>,
      )}
      {group(
        t('roundsAdmin.period'),
        <>
          {day('start', t('roundsAdmin.f.start'), form.start, (v) => set('start', v))}
          {number('maxMonths', t('roundsAdmin.f.maxMonths'), form.maxMonths, (v) => set('maxMonths', v), {
            integer: true,
          })}
        </>,
      )}
      {group(
        t('roundsAdmin.rates'),
        <>
          {form.rates.map((r, i) => (
            // Rows have no id of their own; their place is their identity while the editor is open.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <fieldset className="kern-fieldset pakt-card" key={i}>
              <legend className="kern-label">{tierLabel(r.tier.trim())}</legend>
              <div className="kern-fieldset__body">
                {text(`rates/${i}/tier`, t('roundsAdmin.f.tier'), r.tier, (v) =>
                  setRow('rates', i, { tier: v }),
                )}
                {number(
                  `rates/${i}/amount`,
                  t('roundsAdmin.f.rate'),
                  r.amount,
                  (v) => setRow('rates', i, { amount: v }),
                  { integer: true },
                )}
                <div className="kern-form-check">
                  <input
                    id={fieldId(`rates/${i}/placeholder`)}
                    type="checkbox"
                    className="kern-form-check__checkbox"
                    checked={r.placeholder}
                    onChange={(e) => setRow('rates', i, { placeholder: e.target.checked })}
                  />
                  <label className="kern-label" htmlFor={fieldId(`rates/${i}/placeholder`)}>
                    {t('roundsAdmin.f.placeholder')}
                  </label>
                </div>
                {removeButton(t('roundsAdmin.removeNamed', { name: tierLabel(r.tier.trim()) }), () =>
                  removeRow('rates', i),
                )}
              </div>
            </fieldset>
          ))}
          {addButton(t('roundsAdmin.addTier'), () =>
            set('rates', [...form.rates, { tier: '', amount: undefined, placeholder: false }]),
          )}
        </>,
        'rates',
      )}
      {group(
        t('roundsAdmin.minimum'),
        <>
          {number(
            'minimumEntitlement',
            t('roundsAdmin.f.minimumEntitlement'),
            form.minimumEntitlement,
            (v) => set('minimumEntitlement', v),
            { integer: true },
          )}
          {number('minimumFte', t('roundsAdmin.f.minimumFte'), form.minimumFte, (v) => set('minimumFte', v), {
            hint: t('roundsAdmin.f.minimumFteHint'),
          })}
        </>,
      )}
      {group(
        t('roundsAdmin.window'),
        <>
          <p className="kern-hint">{t('roundsAdmin.windowHint')}</p>
          {day('opens', t('roundsAdmin.f.opens'), form.opens, (v) => set('opens', v), true)}
          {day('closes', t('roundsAdmin.f.closes'), form.closes, (v) => set('closes', v), true)}
        </>,
      )}
      {group(
        t('roundsAdmin.f.reporting'),
        <>
          {form.keyFigures.map((d, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the dates' place is their identity
            <div key={i} className="pakt-round-editor__row">
              {day(`keyFigures/${i}`, t('roundsAdmin.f.keyFigure', { n: String(i + 1) }), d, (v) => {
                clear(`keyFigures/${i}`);
                set(
                  'keyFigures',
                  form.keyFigures.map((x, j) => (j === i ? v : x)),
                );
              })}
              {removeButton(
                t('roundsAdmin.removeNamed', { name: t('roundsAdmin.f.keyFigure', { n: String(i + 1) }) }),
                () => removeRow('keyFigures', i),
              )}
            </div>
          ))}
          {addButton(t('roundsAdmin.addKeyFigure'), () => set('keyFigures', [...form.keyFigures, '']))}
          {day(
            'proofOfUse',
            t('roundsAdmin.f.proofOfUse'),
            form.proofOfUse,
            (v) => set('proofOfUse', v),
            true,
          )}
        </>,
      )}
      {group(
        t('roundsAdmin.f.legalBasis'),
        area(
          'legalBasis',
          t('roundsAdmin.f.legalBasisText'),
          form.legalBasis,
          (v) => set('legalBasis', v),
          true,
        ),
      )}
      {group(
        t('roundsAdmin.f.conditions'),
        <>
          {form.conditions.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own
            <fieldset className="kern-fieldset pakt-card" key={i}>
              <legend className="kern-label">{t('roundsAdmin.f.condition', { n: String(i + 1) })}</legend>
              <div className="kern-fieldset__body">
                {text(`conditions/${i}/code`, t('roundsAdmin.f.code'), c.code, (v) =>
                  setRow('conditions', i, { code: v }),
                )}
                {area(`conditions/${i}/de`, t('roundsAdmin.f.de'), c.de, (v) =>
                  setRow('conditions', i, { de: v }),
                )}
                {area(
                  `conditions/${i}/en`,
                  t('roundsAdmin.f.en'),
                  c.en,
                  (v) => setRow('conditions', i, { en: v }),
                  true,
                )}
                {removeButton(
                  t('roundsAdmin.removeNamed', { name: t('roundsAdmin.f.condition', { n: String(i + 1) }) }),
                  () => removeRow('conditions', i),
                )}
              </div>
            </fieldset>
          ))}
          {addButton(t('roundsAdmin.addCondition'), () =>
            set('conditions', [...form.conditions, { code: '', de: '', en: '' }]),
          )}
        </>,
        'conditions',
      )}
      {group(
        t('roundsAdmin.f.interest'),
        <>
          {number(
            'interestPoints',
            t('roundsAdmin.f.interestPoints'),
            form.interestPoints,
            (v) => set('interestPoints', v),
            { optional: true },
          )}
          {text(
            'interestDe',
            t('roundsAdmin.f.interestDe'),
            form.interestDe,
            (v) => set('interestDe', v),
            true,
          )}
          {text(
            'interestEn',
            t('roundsAdmin.f.interestEn'),
            form.interestEn,
            (v) => set('interestEn', v),
            true,
          )}
        </>,
      )}
      {group(
        t('roundsAdmin.f.texts'),
        <>
          <p className="kern-hint">{t('roundsAdmin.textsHint')}</p>
          {form.texts.map((x, i) => {
            const invalid = [`texts/${i}/de`, `texts/${i}/en`, `texts/${i}/key`].some((k) => errors.has(k));
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own
              <details className="pakt-card" key={i} open={invalid || x.key === ''}>
                <summary className="kern-body">
                  <code>{x.key || t('roundsAdmin.f.newText')}</code>
                </summary>
                {text(`texts/${i}/key`, t('roundsAdmin.f.textKey'), x.key, (v) =>
                  setRow('texts', i, { key: v }),
                )}
                {area(`texts/${i}/de`, t('roundsAdmin.f.de'), x.de, (v) => setRow('texts', i, { de: v }))}
                {area(
                  `texts/${i}/en`,
                  t('roundsAdmin.f.en'),
                  x.en,
                  (v) => setRow('texts', i, { en: v }),
                  true,
                )}
                {removeButton(
                  t('roundsAdmin.removeNamed', { name: x.key || t('roundsAdmin.f.newText') }),
                  () => removeRow('texts', i),
                )}
              </details>
            );
          })}
          {addButton(t('roundsAdmin.addText'), () =>
            set('texts', [...form.texts, { key: '', de: '', en: '' }]),
          )}
        </>,
        'texts',
      )}
      <details className="pakt-section">
        <summary className="kern-body">{t('roundsAdmin.expert')}</summary>
        {json === null ? (
          <button
            type="button"
            className="kern-btn kern-btn--secondary kern-btn--small"
            onClick={() => setJson({ text: JSON.stringify(fields, null, 2) })}
          >
            <span className="kern-label">{t('roundsAdmin.expertOpen')}</span>
          </button>
        ) : (
          <>
            <div className={`kern-form-input${json.problem ? ' kern-form-input--error' : ''}`}>
              <label className="kern-label" htmlFor="round-json">
                {t('roundsAdmin.fields')}
              </label>
              <textarea
                className="kern-form-input__input pakt-code"
                id="round-json"
                rows={14}
                value={json.text}
                spellCheck={false}
                aria-describedby={json.problem ? 'round-json-error' : undefined}
                onChange={(e) => setJson({ text: e.target.value })}
              />
              {json.problem && (
                <p className="kern-error" id="round-json-error">
                  <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
                  <span className="kern-body">{json.problem}</span>
                </p>
              )}
            </div>
            <button
              type="button"
              className="kern-btn kern-btn--secondary kern-btn--small"
              onClick={() => {
                try {
                  const value = JSON.parse(json.text) as unknown;
                  if (!value || typeof value !== 'object' || Array.isArray(value))
                    return setJson({ ...json, problem: t('roundsAdmin.notJson') });
                  setForm(formOf(form.id, value as Partial<RoundFields>));
                  setJson(null);
                } catch (e) {
                  setJson({ ...json, problem: `${t('roundsAdmin.notJson')} ${(e as Error).message}` });
                }
              }}
            >
              <span className="kern-label">{t('roundsAdmin.expertApply')}</span>
            </button>
          </>
        )}
      </details>
      <div className="pakt-actions">
        <button
          type="button"
          className="kern-btn kern-btn--secondary"
          disabled={busy}
          onClick={() => void save(false)}
        >
          <span className="kern-label">{t('roundsAdmin.saveDraft')}</span>
        </button>
        <button type="button" className="kern-btn kern-btn--primary" disabled={busy} onClick={preview}>
          <span className="kern-label">{t('roundsAdmin.preview')}</span>
        </button>
      </div>
    </div>
  );

  const rates = Object.entries((fields.rates as Record<string, number | undefined>) ?? {})
    .map(([tier, amount]) => `${tierLabel(tier)}: ${showValue(i18n, amount)} EUR`)
    .join('; ');

  const previewCard = (
    <div className="pakt-card pakt-section">
      <h3 className="kern-heading-small" id="round-preview-heading" tabIndex={-1}>
        {t('roundsAdmin.previewTitle', { title: form.title.trim() })}
      </h3>
      <Facts
        items={[
          [t('roundsAdmin.id'), <code key="id">{id}</code>],
          [
            t('roundsAdmin.period'),
            t('roundsAdmin.periodValue', {
              date: form.start ? date(form.start) : '–',
              months: showValue(i18n, form.maxMonths),
            }),
          ],
          [t('roundsAdmin.rates'), rates || '–'],
          [
            t('roundsAdmin.minimum'),
            `${showValue(i18n, form.minimumEntitlement)} EUR / ${showValue(i18n, form.minimumFte)}`,
          ],
          [
            t('roundsAdmin.window'),
            form.opens || form.closes
              ? t('roundsAdmin.windowValue', {
                  opens: form.opens ? date(form.opens) : '–',
                  closes: form.closes ? date(form.closes) : '–',
                })
              : t('roundsAdmin.noWindow'),
          ],
        ]}
      />
      <h4 className="kern-heading-small">
        {previous
          ? t('roundsAdmin.compare', { version: String(previous.version) })
          : t('roundsAdmin.firstVersion')}
      </h4>
      {previous &&
        (changes.length === 0 ? (
          <p className="kern-body">{t('roundsAdmin.noChanges')}</p>
        ) : (
          <div className="kern-table-responsive">
            <table className="kern-table pakt-table">
              <caption className="kern-sr-only">
                {t('roundsAdmin.compare', { version: String(previous.version) })}
              </caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th className="kern-table__header" scope="col">
                    {t('roundsAdmin.field')}
                  </th>
                  <th className="kern-table__header" scope="col">
                    {t('roundsAdmin.before')}
                  </th>
                  <th className="kern-table__header" scope="col">
                    {t('roundsAdmin.after')}
                  </th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {changes.map((c) => (
                  <tr className="kern-table__row" key={`${c.op}${c.pointer}`}>
                    <th className="kern-table__cell" scope="row">
                      {pointerLabel(i18n, c.pointer)}
                    </th>
                    <td className="kern-table__cell">{showValue(i18n, c.before)}</td>
                    <td className="kern-table__cell">{showValue(i18n, c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <Alert kind="warning" title={t('roundsAdmin.confirmHint')}>
        <div className="pakt-actions">
          <button
            type="button"
            className="kern-btn kern-btn--primary"
            disabled={busy}
            onClick={() => void save(true)}
          >
            <span className="kern-label">{t('roundsAdmin.confirmPublish')}</span>
          </button>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setStep('edit')}>
            <span className="kern-label">{t('roundsAdmin.back')}</span>
          </button>
        </div>
      </Alert>
    </div>
  );

  return (
    <>
      <p className="kern-body">
        {mode === 'new'
          ? t('roundsAdmin.modeNew')
          : mode === 'correct'
            ? t('roundsAdmin.modeCorrect', { id: form.id })
            : t('roundsAdmin.modeDraft', { id: form.id })}
      </p>
      {step === 'edit' ? editor : previewCard}
      <div aria-live="polite">
        {result.error !== undefined && (
          <Alert kind="danger" title={t('roundsAdmin.refused')} role="alert">
            <p className="kern-body">{codeText(i18n, result.error)}</p>
            {result.error instanceof ApiError && result.error.details.length > 0 && (
              <ul className="kern-list">
                {result.error.details.map((d) => {
                  const at = fieldOfPointer(d.pointer, form);
                  return (
                    <li key={`${d.pointer}${d.message}`}>
                      {at ? (
                        <button
                          type="button"
                          className="kern-link pakt-linkbutton"
                          onClick={() => document.getElementById(fieldId(at))?.focus()}
                        >
                          {pointerLabel(i18n, d.pointer)}
                        </button>
                      ) : (
                        pointerLabel(i18n, d.pointer) || t('roundsAdmin.editor')
                      )}
                      : {detailMessage(i18n, d)}
                    </li>
                  );
                })}
              </ul>
            )}
          </Alert>
        )}
        {result.ok && <Alert kind="success" title={result.ok} role="status" />}
      </div>
    </>
  );
}
