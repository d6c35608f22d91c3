/** The sticky bar under the form: what autosave is doing, "save now" and the submit button. */
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { detailMessage, errorText } from '../../ui/primitives.tsx';
import type { SaveState } from './use-autosave.ts';

export function SaveBar({
  state,
  resubmit,
  canSubmit,
  busy,
  onSave,
  onSubmit,
}: {
  state: SaveState;
  resubmit: boolean;
  /** The server's `allowed` includes `submit`: otherwise the bar only saves. */
  canSubmit: boolean;
  busy: boolean;
  onSave(): void;
  onSubmit(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  let text = '';
  if (state.kind === 'saved')
    text = state.at ? t('save.savedAt', { time: i18n.time(state.at) }) : t('save.saved');
  else if (state.kind === 'pending') text = t('save.pending');
  else if (state.kind === 'saving') text = t('save.saving');
  else if (state.kind === 'conflict') text = t('save.conflictTitle');
  else {
    const e = state.error;
    const message =
      e instanceof ApiError && (e.status === 401 || e.status === 0)
        ? t('save.offline')
        : e instanceof ApiError && e.details.length
          ? e.details.map((d) => detailMessage(i18n, d)).join(' ')
          : errorText(i18n, e);
    text = t('save.error', { message });
  }
  return (
    <div className="pakt-submitbar">
      <p className={`pakt-save pakt-save--${state.kind}`} role="status" aria-live="polite" id="save-state">
        {text}
      </p>
      <div className="kern-btn-wrapper">
        <button
          type="button"
          className="kern-btn kern-btn--secondary"
          onClick={onSave}
          disabled={state.kind === 'conflict'}
        >
          <span className="kern-label">{t('save.now')}</span>
        </button>
        {canSubmit && (
          <button
            type="button"
            className="kern-btn kern-btn--primary"
            onClick={onSubmit}
            disabled={busy || state.kind === 'conflict'}
          >
            <span className="kern-label">{resubmit ? t('sub.resubmit') : t('sub.submit')}</span>
            <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
          </button>
        )}
      </div>
    </div>
  );
}
