import { useI18n } from '../../i18n/i18n.tsx';
import { PageHeading } from '../../ui/primitives.tsx';

/** "Erklärung zur Barrierefreiheit", required by BITV 2.0 for every public online service. */
export function AccessibilityPage() {
  const { t } = useI18n();
  return (
    <article className="pakt-prose">
      <PageHeading>{t('a11y.title')}</PageHeading>
      <p className="kern-body">{t('a11y.p1')}</p>
      <h2 className="kern-heading-medium">{t('a11y.statusTitle')}</h2>
      <p className="kern-body">{t('a11y.status')}</p>
      <h2 className="kern-heading-medium">{t('a11y.limitsTitle')}</h2>
      <p className="kern-body">{t('a11y.limits')}</p>
      <h2 className="kern-heading-medium">{t('a11y.dateTitle')}</h2>
      <p className="kern-body">{t('a11y.date')}</p>
      <h2 className="kern-heading-medium">{t('a11y.feedbackTitle')}</h2>
      <p className="kern-body">{t('a11y.feedback')}</p>
      <h2 className="kern-heading-medium">{t('a11y.enforcementTitle')}</h2>
      <p className="kern-body">{t('a11y.enforcement')}</p>
      <p className="kern-body">
        <a className="kern-link" href="#/">
          {t('app.back')}
        </a>
      </p>
    </article>
  );
}
