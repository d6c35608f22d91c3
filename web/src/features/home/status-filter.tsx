import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { STATUSES } from './statuses.ts';

export function StatusFilter({ value, onChange }: { value: string; onChange(v: string): void }) {
  const i18n = useI18n();
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor="f-status">
        {i18n.t('list.status')}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select
          id="f-status"
          className="kern-form-input__select"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{i18n.t('list.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {i18n.t(`status.${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
