import { useI18n } from '../../i18n/i18n.tsx';
import { statusLabel } from '../../ui/primitives.tsx';
import { DECISION_STATUSES, STATUSES } from './statuses.ts';

export function StatusFilter({
  value,
  onChange,
  kind,
}: {
  value: string;
  onChange(v: string): void;
  /** The kind of form listed: the states are named as that kind names them. */
  kind: 'funding' | 'case';
}) {
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
          {(kind === 'funding' ? [...STATUSES, ...DECISION_STATUSES] : STATUSES).map((s) => (
            <option key={s} value={s}>
              {statusLabel(i18n, s, undefined, { kind })}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
