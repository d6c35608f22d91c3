import type { ErrorListProps } from '@rjsf/utils';
import { useI18n } from '../../i18n/i18n.tsx';

export function ErrorListTemplate({ errors }: ErrorListProps) {
  const { t } = useI18n();
  return (
    <div className="kern-alert kern-alert--danger" role="alert">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <span className="kern-title">{t('errors.summaryTitle')}</span>
      </div>
      <div className="kern-alert__body">
        <ul className="kern-list">
          {errors.map((e) => (
            <li key={`${e.property}-${e.message}`}>{e.stack}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
