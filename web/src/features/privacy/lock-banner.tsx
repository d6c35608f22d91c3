import type { Submission } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/primitives.tsx';

/**
 * The banner of a locked plan (consent to storage withdrawn) with the day it will be erased; shown on the
 * plan page and in its print view.
 */
export function LockBanner({ sub }: { sub: Pick<Submission, 'locked' | 'erasureDueAt'> }) {
  const { t, date } = useI18n();
  if (!sub.locked) return null;
  return (
    <div id="plan-locked">
      <Alert kind="warning" title={t('privacy.locked', { date: date(sub.erasureDueAt) || '–' })}>
        <p className="kern-body">{t('privacy.lockedBody')}</p>
      </Alert>
    </div>
  );
}
