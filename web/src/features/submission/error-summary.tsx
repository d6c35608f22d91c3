import type { RefObject } from 'react';
import { fieldId, pathOf, type Schema, titleOfPath } from '../../forms/schema-tools.ts';
import { REVEAL_EVENT } from '../../forms/theme/reveal.ts';
import { type I18n, useI18n } from '../../i18n/i18n.tsx';

export interface SummaryItem {
  id: string;
  path: string[];
  label: string;
  message: string;
}

export function summaryFrom(
  i18n: I18n,
  schema: Schema,
  errors: { property?: string; message?: string }[],
): SummaryItem[] {
  const seen = new Set<string>();
  const out: SummaryItem[] = [];
  for (const e of errors) {
    const path = pathOf(e.property ?? '');
    const id = fieldId(path);
    const key = `${id}|${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      id,
      path,
      label: titleOfPath(schema, path, (n) => i18n.t('form.item', { n })),
      message: e.message ?? '',
    });
  }
  return out;
}

/** Moves the focus to a field, opening its section or list item first. */
export function focusField(id: string, path: string[], setSection?: (s: string) => void) {
  if (setSection && path[0]) setSection(path[0]);
  window.dispatchEvent(new CustomEvent(REVEAL_EVENT, { detail: id }));
  let tries = 0;
  const attempt = () => {
    const parts = id.split('_');
    for (let n = parts.length; n > 0; n--) {
      const el = document.getElementById(parts.slice(0, n).join('_'));
      if (!el) continue;
      const target = el.matches('input,select,textarea,button')
        ? el
        : (el.querySelector<HTMLElement>('input,select,textarea,button') ?? el);
      target.focus();
      target.scrollIntoView({ block: 'center' });
      return;
    }
    if (tries++ < 10) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(() => requestAnimationFrame(attempt));
}

export function ErrorSummary({
  items,
  onJump,
  summaryRef,
}: {
  items: SummaryItem[];
  onJump: (item: SummaryItem) => void;
  summaryRef: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useI18n();
  return (
    <div
      className="kern-alert kern-alert--danger pakt-error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
      ref={summaryRef}
    >
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <h2 className="kern-title" id="error-summary-title">
          {t('errors.summaryTitle')}
        </h2>
      </div>
      <div className="kern-alert__body">
        <p className="kern-body">{t('errors.summaryIntro', { count: items.length })}</p>
        <ul className="kern-list pakt-error-list">
          {items.slice(0, 50).map((item) => (
            <li key={`${item.id}|${item.message}`}>
              <a
                className="kern-link"
                href={`#${item.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  onJump(item);
                }}
              >
                {item.label}: {item.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
