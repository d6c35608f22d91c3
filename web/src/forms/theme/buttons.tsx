import type { IconButtonProps, SubmitButtonProps } from '@rjsf/utils';
import { useI18n } from '../../i18n/i18n.tsx';

export function TextButton({
  label,
  icon,
  className,
  uiSchema: _ui,
  registry: _r,
  iconType: _t,
  ...rest
}: IconButtonProps & { label: string }) {
  return (
    <button
      type="button"
      className={`kern-btn kern-btn--tertiary kern-btn--x-small ${className ?? ''}`}
      {...rest}
    >
      {icon && <span className={`kern-icon kern-icon--${icon} kern-icon--small`} aria-hidden="true" />}
      <span className="kern-label">{label}</span>
    </button>
  );
}

export function useButtonLabel(key: 'form.remove' | 'form.moveUp' | 'form.moveDown' | 'form.copy') {
  return useI18n().t(key);
}

export const RemoveButton = (p: IconButtonProps) => (
  <TextButton {...p} icon="delete" label={useButtonLabel('form.remove')} />
);

export const MoveUpButton = (p: IconButtonProps) => (
  <TextButton {...p} icon="arrow-up" label={useButtonLabel('form.moveUp')} />
);

export const MoveDownButton = (p: IconButtonProps) => (
  <TextButton {...p} icon="arrow-down" label={useButtonLabel('form.moveDown')} />
);

export const CopyButton = (p: IconButtonProps) => (
  <TextButton {...p} icon="content-copy" label={useButtonLabel('form.copy')} />
);

export function AddButton(p: IconButtonProps) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="kern-btn kern-btn--secondary"
      id={p.id}
      onClick={p.onClick}
      disabled={p.disabled}
    >
      <span className="kern-icon kern-icon--add" aria-hidden="true" />
      <span className="kern-label">{t('form.add', { title: '' }).replace(/:\s*$/, '')}</span>
    </button>
  );
}

/** Submitting goes through the page's own workflow buttons, not a form submit. */
export const SubmitButton = (_: SubmitButtonProps) => null;
