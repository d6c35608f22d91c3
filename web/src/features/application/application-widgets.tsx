/**
 * Widgets of the funding application: the round chosen from the published open rounds, and a partner of a
 * joint application chosen by name or municipality key from the directory (the field stores the id). Named
 * in the form's UI schema (`ui:widget`), handed to the form renderer by the edit page.
 */
import type { WidgetProps } from '@rjsf/utils';
import { useMemo, useState } from 'react';
import type { Organisation } from '../../api/types.ts';
import { describedBy } from '../../forms/theme/shared.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { loadOrganisations, loadRounds, type Round, useDirectory } from './directory.ts';

/** The rounds to offer: the open ones, and the value already chosen even if its window has closed since. */
export function roundChoices(rounds: readonly Round[], value: unknown): Array<{ id: string; round?: Round }> {
  const open = rounds.filter((r) => r.open).map((round) => ({ id: round.id, round }));
  if (typeof value === 'string' && value && !open.some((c) => c.id === value)) {
    return [{ id: value, round: rounds.find((r) => r.id === value) }, ...open];
  }
  return open;
}

export function RoundSelectWidget(props: WidgetProps) {
  const { id, htmlName, value, readonly, disabled, onBlur, onFocus, onChange, schema, uiSchema, rawErrors } =
    props;
  const { t, date } = useI18n();
  const rounds = useDirectory(loadRounds);
  const choices = roundChoices(rounds.data ?? [], value);
  const invalid = Boolean(rawErrors?.length);
  const label = ({ id: roundId, round }: { id: string; round?: Round }) => {
    const title = round?.title ?? roundId;
    if (round && !round.open) return t('app.round.closed', { title });
    return round?.applicationWindow
      ? t('app.round.until', { title, date: date(round.applicationWindow.closes) })
      : title;
  };
  return (
    <div className="kern-form-input__select-wrapper">
      <select
        id={id}
        name={htmlName || id}
        className={`kern-form-input__select${invalid ? ' kern-form-input__select--error' : ''}`}
        value={typeof value === 'string' ? value : ''}
        required={props.required}
        disabled={disabled || readonly}
        onChange={(e) => onChange(e.target.value || undefined)}
        onBlur={(e) => onBlur(id, e.target.value)}
        onFocus={(e) => onFocus(id, e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, schema, uiSchema, rawErrors)}
      >
        <option value="">{rounds.data || rounds.failed ? t('form.choose') : t('app.loading')}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {label(c)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** How a municipality is offered: its name, with the district (names repeat across the state). */
export const organisationLabel = (o: Pick<Organisation, 'name' | 'district'>) =>
  o.district ? `${o.name} (${o.district})` : o.name;

/** The organisation a typed text means: its label, its id or key, or a name only one municipality has. */
export function matchOrganisation<T extends Pick<Organisation, 'id' | 'name' | 'district' | 'ags'>>(
  orgs: readonly T[],
  text: string,
): T | undefined {
  const typed = text.trim().toLocaleLowerCase('de');
  if (!typed) return undefined;
  const exact = orgs.find(
    (o) =>
      organisationLabel(o).toLocaleLowerCase('de') === typed ||
      o.id.toLocaleLowerCase('de') === typed ||
      o.ags === typed,
  );
  if (exact) return exact;
  const byName = orgs.filter((o) => o.name.toLocaleLowerCase('de') === typed);
  return byName.length === 1 ? byName[0] : undefined;
}

export function MunicipalityWidget(props: WidgetProps) {
  const { id, htmlName, value, readonly, disabled, onBlur, onFocus, onChange, schema, uiSchema, rawErrors } =
    props;
  const { t } = useI18n();
  const { me } = useSession();
  const orgs = useDirectory(loadOrganisations);
  // Partners are other municipalities; the applicant itself is not one of them.
  const choices = useMemo(
    () => (orgs.data ?? []).filter((o) => o.type === 'municipality' && o.id !== me.org),
    [orgs.data, me.org],
  );
  const current = typeof value === 'string' ? choices.find((o) => o.id === value) : undefined;
  // What is typed while it names no municipality yet; the chosen one's label otherwise.
  const [typing, setTyping] = useState<string>();
  const shown = typing ?? (current ? organisationLabel(current) : typeof value === 'string' ? value : '');
  const unmatched = typing !== undefined && typing.trim() !== '' && !matchOrganisation(choices, typing);
  const invalid = Boolean(rawErrors?.length) || unmatched;
  const listId = `${id}__choices`;
  const hintId = `${id}__pick`;
  const described = [describedBy(id, schema, uiSchema, rawErrors), hintId].filter(Boolean).join(' ');
  return (
    <>
      <input
        id={id}
        name={htmlName || id}
        type="text"
        className={`kern-form-input__input${invalid ? ' kern-form-input__input--error' : ''}`}
        list={listId}
        autoComplete="off"
        value={shown}
        readOnly={readonly}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={described}
        onChange={(e) => {
          const text = e.target.value;
          const hit = matchOrganisation(choices, text);
          setTyping(hit ? undefined : text);
          onChange(hit ? hit.id : undefined);
        }}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      />
      <datalist id={listId}>
        {choices.map((o) => (
          <option key={o.id} value={organisationLabel(o)} />
        ))}
      </datalist>
      <p className={unmatched ? 'kern-error' : 'kern-hint'} id={hintId}>
        {orgs.failed
          ? t('app.partner.failed')
          : unmatched
            ? t('app.partner.unmatched')
            : t('app.partner.hint')}
      </p>
    </>
  );
}

/** The widgets the funding application's UI schema names. */
export const applicationWidgets = {
  roundSelect: RoundSelectWidget,
  municipality: MunicipalityWidget,
};
