/** Small KERN building blocks shared by the pages. */
import { type DependencyList, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { FormTexts, Status } from '../api/types.ts';
import { type I18n, useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { errorTextOf } from './error-texts.ts';

let firstHeading = true;

/** The page's one h1. It takes the focus after a navigation so screen readers start at the new page. */
export function PageHeading({ children, sub }: { children: ReactNode; sub?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  useEffect(() => {
    if (ref.current) document.title = `${ref.current.textContent ?? ''} – ${t('app.title')}`;
  });
  // Only when the page is new: a page that re-renders (a filter typed into, a year chosen) keeps the focus
  // where the user is.
  useEffect(() => {
    if (firstHeading) firstHeading = false;
    else ref.current?.focus();
  }, []);
  return (
    <div className="kern-hgroup pakt-page-heading">
      <h1 className="kern-heading-large" ref={ref} tabIndex={-1}>
        {children}
      </h1>
      {sub && <p className="kern-preline">{sub}</p>}
    </div>
  );
}

type AlertKind = 'info' | 'success' | 'warning' | 'danger';

export function Alert({
  kind,
  title,
  children,
  role,
  id,
  focus,
}: {
  kind: AlertKind;
  title: ReactNode;
  children?: ReactNode;
  role?: 'alert' | 'status';
  id?: string;
  focus?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div
      className={`kern-alert kern-alert--${kind}`}
      role={role}
      id={id}
      ref={ref}
      tabIndex={focus ? -1 : undefined}
    >
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${kind}`} aria-hidden="true" />
        <span className="kern-title">{title}</span>
      </div>
      {children && <div className="kern-alert__body">{children}</div>}
    </div>
  );
}

const STATUS_BADGE: Record<Status, string> = {
  draft: 'info',
  review: 'warning',
  revised: 'danger',
  approved: 'success',
  rejected: 'danger',
  withdrawn: 'info',
  revoked: 'danger',
};

/** A state's name: the form's own label when it has one (a plan is "vereinbart", a grant "bewilligt"). */
/**
 * The name of a state as this kind of form calls it: a plan is "Vereinbart" (agreed), not "Bewilligt"
 * (granted), and an agreed plan being continued is "In Fortschreibung", not "Entwurf". The form's own
 * texts name its states; the catalogue's names per kind stand in where a form has none.
 */
export function statusLabel(
  i18n: I18n,
  status: Status,
  texts?: Partial<Record<'de' | 'en', FormTexts>>,
  of?: { kind?: string; amending?: boolean },
): string {
  if (of?.amending && status === 'draft') return i18n.t('status.amending');
  if (of?.kind === 'case' && status === 'approved') return i18n.t('status.case.approved');
  return texts?.[i18n.locale]?.states?.[status] ?? i18n.t(`status.${status}` as MessageKey);
}

export function StatusBadge({ status, label }: { status: Status; label?: string }) {
  const i18n = useI18n();
  return (
    <span className={`kern-badge kern-badge--${STATUS_BADGE[status]} pakt-status`}>
      <span className="kern-label kern-label--small">{label ?? statusLabel(i18n, status)}</span>
    </span>
  );
}

/**
 * A server error detail in the current language: the catalogue's text for its code, else the server's German
 * text beside the English one; a German page never shows the English text.
 */
export function detailMessage(i18n: I18n, d: { message: string; messageDe?: string; code?: string }): string {
  const known = d.code ? errorTextOf(d.code, i18n.locale) : undefined;
  if (known) return known;
  if (i18n.locale === 'de') return d.messageDe ?? i18n.t('errors.validation');
  return d.message;
}

/**
 * An error in the UI language, by its code from the one error catalogue (`functions/core/error-catalogue.ts`);
 * field details of a refused request are listed instead; a code the catalogue does not know gets the generic
 * text of its status. The server's own (English) message is never shown.
 */
export function errorText(i18n: I18n, error: unknown): string {
  if (!(error instanceof ApiError)) return i18n.t('app.error');
  if (error.status === 0) return i18n.t('errors.network');
  if (error.status === 400 && error.details.length)
    return error.details.map((d) => detailMessage(i18n, d)).join(' ');
  return codeText(i18n, error);
}

/** The catalogue's text for the error's code, or the generic text of its status (never the server's message). */
export function codeText(i18n: I18n, error: unknown): string {
  if (!(error instanceof ApiError)) return i18n.t('app.error');
  if (error.status === 0) return i18n.t('errors.network');
  const known = errorTextOf(error.code, i18n.locale);
  if (known) return known;
  const generic = GENERIC_BY_STATUS[error.status];
  return generic ? i18n.t(generic) : i18n.t('app.error');
}

const GENERIC_BY_STATUS: Record<number, MessageKey> = {
  400: 'errors.validation',
  403: 'errors.forbidden',
  404: 'errors.notFound',
  409: 'errors.conflict',
  413: 'errors.tooLarge',
  415: 'errors.type',
};

export function ErrorAlert({ error, retry }: { error: unknown; retry?: () => void }) {
  const i18n = useI18n();
  return (
    <Alert kind="danger" title={i18n.t('app.error')} role="alert">
      <p className="kern-body">{errorText(i18n, error)}</p>
      {retry && (
        <button type="button" className="kern-btn kern-btn--secondary" onClick={retry}>
          <span className="kern-label">{i18n.t('app.retry')}</span>
        </button>
      )}
    </Alert>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="kern-body pakt-loading" role="status">
      {t('app.loading')}
    </p>
  );
}

/** Loads data for a page; `reload` runs it again. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const run = useCallback(async () => {
    setState((s) => ({ ...s, loading: true }));
    try {
      setState({ data: await load(), loading: false });
    } catch (error) {
      setState({ error, loading: false });
    }
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what the loader depends on
  }, deps);
  useEffect(() => {
    run();
  }, [run]);
  return { ...state, reload: run };
}

let announceTimer: ReturnType<typeof setTimeout> | undefined;

/** Says something to screen readers through the app's one polite live region. */
export function announce(message: string) {
  const region = document.getElementById('pakt-live');
  if (!region) return;
  region.textContent = '';
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    region.textContent = message;
  }, 50);
}

export function LiveRegion() {
  return <div id="pakt-live" className="kern-sr-only" aria-live="polite" aria-atomic="true" />;
}

/** A KERN card: a titled section (its heading labels it), e.g. the figures beside a page's main content. */
export function Card({
  id,
  title,
  className,
  children,
}: {
  id: string;
  title: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section className={`kern-card pakt-card${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <div className="kern-card__container">
        <div className="kern-card__header">
          <h2 className="kern-heading-small" id={id}>
            {title}
          </h2>
        </div>
        <div className="kern-card__body">{children}</div>
      </div>
    </section>
  );
}

/** A description list of label/value pairs in KERN markup. */
export function Facts({ items }: { items: [ReactNode, ReactNode][] }) {
  return (
    <dl className="kern-description-list">
      {items.map(([key, value], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static list
        <div className="kern-description-list-item" key={i}>
          <dt className="kern-description-list-item__key">{key}</dt>
          <dd className="kern-description-list-item__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
