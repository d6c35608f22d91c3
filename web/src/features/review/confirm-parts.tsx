/**
 * The parts the review's binding steps share: a reasons field (refusal, revocation) and the buttons of a
 * confirmation step (the step itself, then "Zurück").
 */
import { useI18n } from '../../i18n/i18n.tsx';

/** The buttons under a confirmation: the binding step, and back to the form without doing it. */
export function ConfirmButtons({
  label,
  busy,
  onConfirm,
  onBack,
}: {
  label: string;
  busy: boolean;
  onConfirm(): void;
  onBack(): void;
}) {
  const { t } = useI18n();
  return (
    <div className="kern-btn-wrapper pakt-actions">
      <button type="button" className="kern-btn kern-btn--primary" disabled={busy} onClick={onConfirm}>
        <span className="kern-label">{label}</span>
      </button>
      <button type="button" className="kern-btn kern-btn--secondary" disabled={busy} onClick={onBack}>
        <span className="kern-label">{t('dec.back')}</span>
      </button>
    </div>
  );
}

/** The reasons of a refusal or a revocation: a labelled textarea with its hint. */
export function ReasonsField({
  id,
  hint,
  value,
  onChange,
}: {
  id: string;
  hint: string;
  value: string;
  onChange(value: string): void;
}) {
  const { t } = useI18n();
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={id}>
        {t('dec.reasons')}
      </label>
      <div className="kern-hint" id={`${id}-hint`}>
        {hint}
      </div>
      <textarea
        id={id}
        className="kern-form-input__input pakt-textarea"
        rows={3}
        aria-describedby={`${id}-hint`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
