/**
 * The address notifications go to, and changing it: a code goes to the new address, and only once it is
 * typed here does the address change (until then mails keep going to the old one).
 */
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { PendingEmail, Preferences } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { announce, ErrorAlert } from '../../ui/primitives.tsx';

export function EmailAddress({ prefs, onChanged }: { prefs: Preferences; onChanged(p: Preferences): void }) {
  const { t, dateTime } = useI18n();
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [pending, setPending] = useState<PendingEmail | undefined>(prefs.pendingEmail);
  const [error, setError] = useState<unknown>();

  const request = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const { data } = await api.requestEmailChange(email);
      setPending(data);
      setError(undefined);
      announce(t('notif.email.sent', { email: data.email, until: dateTime(data.expiresAt) }));
    } catch (e) {
      setError(e);
    }
  };
  const confirm = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const { data } = await api.confirmEmailChange(code);
      const { pendingEmail: _gone, addressProblem: _fixed, ...rest } = prefs;
      onChanged({ ...rest, email: data.email });
      setPending(undefined);
      setEmail('');
      setCode('');
      setError(undefined);
      announce(t('notif.email.changed'));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="pakt-email-address" aria-labelledby="email-heading" id="email-adresse">
      <h2 className="kern-heading-medium" id="email-heading">
        {t('notif.email.title')}
      </h2>
      <p className="kern-body">
        {prefs.email ? (
          <>
            {t('notif.email.current')} <strong>{prefs.email}</strong>
          </>
        ) : (
          t('notif.email.none')
        )}
      </p>
      {error !== undefined && <ErrorAlert error={error} />}
      {pending ? (
        <form onSubmit={confirm}>
          <p className="kern-body" role="status">
            {t('notif.email.sent', { email: pending.email, until: dateTime(pending.expiresAt) })}
          </p>
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="email-code">
              {t('notif.email.code')}
            </label>
            <input
              className="kern-form-input__input"
              id="email-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={20}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              required
            />
          </div>
          <div className="pakt-actions">
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('notif.email.confirm')}</span>
            </button>
            <button
              type="button"
              className="kern-btn kern-btn--tertiary"
              onClick={() => setPending(undefined)}
            >
              <span className="kern-label">{t('notif.email.again')}</span>
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={request}>
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="email-new">
              {t('notif.email.new')}
            </label>
            <input
              className="kern-form-input__input"
              id="email-new"
              type="email"
              autoComplete="email"
              maxLength={254}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
            />
          </div>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t('notif.email.request')}</span>
          </button>
        </form>
      )}
    </section>
  );
}
