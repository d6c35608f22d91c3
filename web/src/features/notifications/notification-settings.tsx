/** The notification settings: mail at once, a daily digest or in the app only, and the mails' language. */
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { DeliveryMode, Preferences } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { announce, ErrorAlert } from '../../ui/primitives.tsx';

const MODES = ['immediate', 'digest', 'in-app'] as const satisfies readonly DeliveryMode[];

export function NotificationSettings({
  prefs,
  onSaved,
}: {
  prefs: Preferences;
  onSaved(p: Preferences): void;
}) {
  const { t } = useI18n();
  const [delivery, setDelivery] = useState<DeliveryMode>(prefs.delivery);
  const [language, setLanguage] = useState(prefs.language);
  const [error, setError] = useState<unknown>();
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const { data } = await api.putPreferences({ delivery, language });
      onSaved({ ...prefs, ...data });
      setError(undefined);
      announce(t('notif.saved'));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form onSubmit={save} className="pakt-notification-settings">
      <h2 className="kern-heading-medium">{t('notif.settings')}</h2>
      {error !== undefined && <ErrorAlert error={error} />}
      <fieldset className="kern-fieldset">
        <legend className="kern-label">{t('notif.delivery')}</legend>
        <div className="kern-fieldset__body">
          {MODES.map((mode) => (
            <div className="kern-form-check" key={mode}>
              <input
                className="kern-form-check__radio"
                type="radio"
                id={`delivery-${mode}`}
                name="delivery"
                checked={delivery === mode}
                onChange={() => setDelivery(mode)}
              />
              <label className="kern-label" htmlFor={`delivery-${mode}`}>
                {t(`notif.delivery.${mode}`)}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="mail-language">
          {t('notif.language')}
        </label>
        <div className="kern-form-input__select-wrapper">
          <select
            className="kern-form-input__select"
            id="mail-language"
            value={language}
            onChange={(e) => setLanguage(e.target.value === 'en' ? 'en' : 'de')}
          >
            <option value="de">{t('notif.language.de')}</option>
            <option value="en">{t('notif.language.en')}</option>
          </select>
        </div>
      </div>
      <button type="submit" className="kern-btn kern-btn--primary">
        <span className="kern-label">{t('notif.save')}</span>
      </button>
    </form>
  );
}
