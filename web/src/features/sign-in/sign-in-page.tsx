import { useEffect, useState } from 'react';
import { api, itemsOf } from '../../api/client.ts';
import type { DemoUser } from '../../api/types.ts';
import { type AppConfig, loadConfig, setToken, startCognitoSignIn } from '../../auth/auth.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { currentPath } from '../../router.ts';
import { Alert, ErrorAlert, Loading, PageHeading } from '../../ui/primitives.tsx';

export function SignInPage({
  expired,
  signedOut,
  onSignedIn,
}: {
  expired: boolean;
  signedOut: boolean;
  onSignedIn(): void;
}) {
  const { t, locale } = useI18n();
  const [config, setConfig] = useState<AppConfig>();
  const [users, setUsers] = useState<DemoUser[]>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();

  useEffect(() => {
    loadConfig().then(async (cfg) => {
      setConfig(cfg);
      if (cfg.auth.mode === 'local') {
        try {
          setUsers(itemsOf((await api.demoUsers()).data) ?? []);
        } catch (e) {
          setError(e);
        }
      }
    });
  }, []);

  const signInAs = async (username: string) => {
    setBusy(username);
    setError(undefined);
    try {
      const { data } = await api.localLogin(username);
      setToken(data.token);
      onSignedIn();
    } catch (e) {
      setError(e);
      setBusy(undefined);
    }
  };

  return (
    <>
      <PageHeading>{t('signin.title')}</PageHeading>
      {expired && <Alert kind="warning" title={t('signin.expired')} role="alert" />}
      {signedOut && !expired && <Alert kind="success" title={t('signin.signedOut')} role="status" />}
      <p className="kern-body kern-body--large">{t('signin.intro')}</p>
      {error !== undefined && <ErrorAlert error={error} />}
      {!config && <Loading />}
      {config?.auth.mode === 'cognito' && (
        <button
          type="button"
          className="kern-btn kern-btn--primary"
          onClick={() => config.auth.mode === 'cognito' && startCognitoSignIn(config.auth, currentPath())}
        >
          <span className="kern-label">{t('signin.cognito')}</span>
        </button>
      )}
      {config?.auth.mode === 'local' && (
        <>
          <p className="kern-body pakt-muted">{t('signin.localHint')}</p>
          {config.mailViewer && (
            <p className="kern-body">
              <a className="kern-link" href={config.mailViewer} target="_blank" rel="noreferrer">
                {locale === 'en'
                  ? 'Mails the platform sent (local mail viewer)'
                  : 'Versandte E-Mails ansehen (lokale Mail-Ansicht)'}
              </a>
            </p>
          )}
          {users && (
            <div className="kern-table-responsive">
              <table className="kern-table kern-table--striped pakt-table">
                <caption className="kern-sr-only">{t('signin.title')}</caption>
                <thead className="kern-table__header">
                  <tr className="kern-table__row">
                    <th scope="col" className="kern-table__header">
                      {t('signin.name')}
                    </th>
                    <th scope="col" className="kern-table__header">
                      {t('signin.role')}
                    </th>
                    <th scope="col" className="kern-table__header">
                      {t('signin.org')}
                    </th>
                    <th scope="col" className="kern-table__header">
                      <span className="kern-sr-only">{t('signin.action')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {users.map((u) => (
                    <tr className="kern-table__row" key={u.username}>
                      <td className="kern-table__cell">
                        {u.name}
                        <br />
                        <span className="kern-body--small pakt-muted">{u.username}</span>
                      </td>
                      <td className="kern-table__cell">{t(`role.${u.role}` as MessageKey)}</td>
                      <td className="kern-table__cell">{u.orgName ?? u.org}</td>
                      <td className="kern-table__cell kern-table__cell--action">
                        <button
                          type="button"
                          className="kern-btn kern-btn--secondary kern-btn--x-small"
                          data-username={u.username}
                          disabled={busy !== undefined}
                          onClick={() => signInAs(u.username)}
                        >
                          <span className="kern-label">{t('signin.as', { name: u.name })}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
