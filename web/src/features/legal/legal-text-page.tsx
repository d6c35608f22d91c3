import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorAlert, Loading, PageHeading, useLoad } from '../../ui/primitives.tsx';
import { loadLegalConfig } from './legal-config.ts';

/** The Impressum or the privacy notice, as the deployment's `legal.json` words them. */
export function LegalTextPage({ which }: { which: 'imprint' | 'privacy' }) {
  const { t, locale } = useI18n();
  const load = useLoad(loadLegalConfig, []);
  if (load.loading && !load.data) return <Loading />;
  if (load.error || !load.data) return <ErrorAlert error={load.error} retry={load.reload} />;
  const text = load.data[which][locale] ?? load.data[which].de;
  return (
    <article className="pakt-prose">
      <PageHeading>{text.title}</PageHeading>
      {text.sections.map((section) => (
        <section key={section.heading}>
          <h2 className="kern-heading-medium">{section.heading}</h2>
          {section.paragraphs.map((p) => (
            <p className="kern-body" key={p}>
              {p}
            </p>
          ))}
        </section>
      ))}
      <p className="kern-body">
        <a className="kern-link" href="#/">
          {t('app.back')}
        </a>
      </p>
    </article>
  );
}
