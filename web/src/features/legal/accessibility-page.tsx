import { useI18n } from '../../i18n/i18n.tsx';
import { PageHeading, useLoad } from '../../ui/primitives.tsx';
import { loadLegalConfig } from './legal-config.ts';

/**
 * "Erklärung zur Barrierefreiheit", required by BITV 2.0 for every public online service: the state of
 * compliance, what is not accessible, when the statement was made, a contact and a feedback route, and the
 * enforcement procedure. Contact, dates and the enforcement body come from the deployment's `legal.json`.
 */
export function AccessibilityPage() {
  const { t, date, locale } = useI18n();
  const load = useLoad(loadLegalConfig, []);
  const config = load.data?.accessibility;
  const subject = encodeURIComponent(t('a11y.feedbackSubject'));
  return (
    <article className="pakt-prose">
      <PageHeading>{t('a11y.title')}</PageHeading>
      <p className="kern-body">{t('a11y.p1')}</p>
      <h2 className="kern-heading-medium">{t('a11y.statusTitle')}</h2>
      <p className="kern-body">{t('a11y.status')}</p>
      <h2 className="kern-heading-medium">{t('a11y.limitsTitle')}</h2>
      <p className="kern-body">{t('a11y.limits')}</p>
      <h2 className="kern-heading-medium">{t('a11y.dateTitle')}</h2>
      <p className="kern-body">
        {config ? t('a11y.preparedOn', { date: date(config.preparedOn) }) : null} {t('a11y.date')}
        {config?.reviewedOn ? ` ${t('a11y.reviewedOn', { date: date(config.reviewedOn) })}` : ''}
      </p>
      <h2 className="kern-heading-medium">{t('a11y.feedbackTitle')}</h2>
      <p className="kern-body">{t('a11y.feedback')}</p>
      {config && (
        <address className="kern-body pakt-address">
          {config.contact.name[locale] ?? config.contact.name.de}
          <br />
          {t('a11y.email')}{' '}
          <a className="kern-link" href={`mailto:${config.contact.email}?subject=${subject}`}>
            {config.contact.email}
          </a>
          {config.contact.phone && (
            <>
              <br />
              {t('a11y.phone')} {config.contact.phone}
            </>
          )}
        </address>
      )}
      {config && (
        <p className="kern-body">
          <a
            className="kern-btn kern-btn--secondary"
            href={`mailto:${config.contact.email}?subject=${subject}`}
          >
            <span className="kern-label">{t('a11y.report')}</span>
          </a>
        </p>
      )}
      <h2 className="kern-heading-medium">{t('a11y.enforcementTitle')}</h2>
      <p className="kern-body">{t('a11y.enforcement')}</p>
      {config && (
        <p className="kern-body">
          <a className="kern-link" href={config.enforcement.url} rel="noopener">
            {config.enforcement.name[locale] ?? config.enforcement.name.de}
          </a>
        </p>
      )}
      <p className="kern-body">
        <a className="kern-link" href="#/">
          {t('app.back')}
        </a>
      </p>
    </article>
  );
}
