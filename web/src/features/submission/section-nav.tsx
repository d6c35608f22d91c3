/** Step navigation over a form's top-level sections: one section is shown at a time. */
import { useI18n } from '../../i18n/i18n.tsx';

export function SectionNav({
  keys,
  current,
  title,
  errors,
  onSelect,
}: {
  keys: string[];
  current: string;
  title(key: string): string;
  errors: Map<string, number>;
  onSelect(key: string): void;
}) {
  const { t } = useI18n();
  return (
    <nav className="pakt-sidenav" aria-label={t('sub.sections')}>
      <ol>
        {keys.map((key, i) => (
          <li key={key}>
            <button
              type="button"
              className={`pakt-sidenav__link${key === current ? ' is-current' : ''}`}
              aria-current={key === current ? 'step' : undefined}
              onClick={() => onSelect(key)}
            >
              <span className="pakt-sidenav__num">{i + 1}</span>
              <span>{title(key)}</span>
              {(errors.get(key) ?? 0) > 0 && (
                <span className="kern-badge kern-badge--danger kern-badge--small">
                  <span className="kern-label kern-label--small">{errors.get(key)}</span>
                </span>
              )}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** "Back to …" and "Next: …" under the section shown. */
export function SectionSteps({
  keys,
  current,
  title,
  onSelect,
}: {
  keys: string[];
  current: string;
  title(key: string): string;
  onSelect(key: string): void;
}) {
  const { t } = useI18n();
  const index = keys.indexOf(current);
  const prev = keys[index - 1];
  const next = keys[index + 1];
  return (
    <div className="kern-btn-wrapper pakt-section-nav">
      {prev !== undefined && (
        <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => onSelect(prev)}>
          <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
          <span className="kern-label">{t('sub.prev', { title: title(prev) })}</span>
        </button>
      )}
      {next !== undefined && (
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => onSelect(next)}>
          <span className="kern-label">{t('sub.next', { title: title(next) })}</span>
          <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
        </button>
      )}
    </div>
  );
}
