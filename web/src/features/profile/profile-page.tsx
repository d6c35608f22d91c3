/**
 * The organisation's profile ("Stammdaten"): the administration's address, the contact person and the bank
 * account, which the municipality keeps itself and every new funding application starts with. What was typed
 * is sent as typed; a field the server refuses shows its message beside it, and nothing typed is lost when
 * the save fails or someone else saved meanwhile.
 */
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import type { OrgProfile, OrgProfileBody } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useSession } from '../../session/session.tsx';
import { Alert, announce, detailMessage, ErrorAlert, Loading, PageHeading } from '../../ui/primitives.tsx';

/** The parts of the profile, each field as the form shows it: label, autocomplete, hint, width. */
const PARTS = {
  address: {
    legend: 'profile.address',
    fields: [
      {
        key: 'street',
        label: 'profile.street',
        autoComplete: 'address-line1',
        problem: 'profile.problem.required',
      },
      { key: 'houseNumber', label: 'profile.houseNumber', autoComplete: 'off', size: 'short' },
      {
        key: 'postalCode',
        label: 'profile.postalCode',
        autoComplete: 'postal-code',
        hint: 'profile.postalCodeHint',
        inputMode: 'numeric',
        problem: 'profile.problem.postalCode',
        size: 'short',
      },
      {
        key: 'city',
        label: 'profile.city',
        autoComplete: 'address-level2',
        problem: 'profile.problem.required',
      },
    ],
  },
  contact: {
    legend: 'profile.contact',
    fields: [
      {
        key: 'name',
        label: 'profile.contactName',
        autoComplete: 'name',
        problem: 'profile.problem.required',
      },
      { key: 'function', label: 'profile.contactFunction', autoComplete: 'organization-title' },
      {
        key: 'phone',
        label: 'profile.phone',
        autoComplete: 'tel',
        inputMode: 'tel',
        problem: 'profile.problem.phone',
      },
      {
        key: 'email',
        label: 'profile.email',
        autoComplete: 'email',
        inputMode: 'email',
        problem: 'profile.problem.email',
      },
    ],
  },
  bankAccount: {
    legend: 'profile.bank',
    hint: 'profile.bankHint',
    fields: [
      {
        key: 'accountHolder',
        label: 'profile.accountHolder',
        autoComplete: 'off',
        problem: 'profile.problem.required',
      },
      {
        key: 'iban',
        label: 'profile.iban',
        autoComplete: 'off',
        hint: 'profile.ibanHint',
        problem: 'profile.problem.iban',
      },
      {
        key: 'bic',
        label: 'profile.bic',
        autoComplete: 'off',
        size: 'short',
        problem: 'profile.problem.bic',
      },
      { key: 'bankName', label: 'profile.bankName', autoComplete: 'off' },
    ],
  },
} as const satisfies Record<
  string,
  {
    legend: MessageKey;
    hint?: MessageKey;
    fields: readonly {
      key: string;
      label: MessageKey;
      autoComplete: string;
      hint?: MessageKey;
      inputMode?: 'numeric' | 'tel' | 'email';
      /** What the field needs, said when the server refuses it. */
      problem?: MessageKey;
      size?: 'short';
    }[];
  }
>;

type Part = keyof typeof PARTS;
/** What the form holds: every field as typed, empty string for an empty field. */
type Values = Record<Part, Record<string, string>>;

const PART_KEYS = Object.keys(PARTS) as Part[];

/** The stored profile as form values. */
export function valuesOf(profile: OrgProfile | undefined): Values {
  const values = {} as Values;
  for (const part of PART_KEYS) {
    const stored = (profile?.[part] ?? {}) as Record<string, string | undefined>;
    values[part] = Object.fromEntries(PARTS[part].fields.map((f) => [f.key, stored[f.key] ?? '']));
  }
  return values;
}

/**
 * The form values as the request body: a part whose every field is empty is left out (removed), an empty
 * field of a part that is kept is left out; every other value goes as typed.
 */
export function bodyOf(values: Values): OrgProfileBody {
  const body: Record<string, Record<string, string>> = {};
  for (const part of PART_KEYS) {
    const filled = Object.entries(values[part]).filter(([, v]) => v !== '');
    if (filled.length > 0) body[part] = Object.fromEntries(filled);
  }
  return body as OrgProfileBody;
}

const same = (a: Values, b: Values) => JSON.stringify(a) === JSON.stringify(b);

export default function ProfilePage() {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const session = useSession();
  const org = session.me.org;
  const [stored, setStored] = useState<OrgProfile>();
  const [values, setValues] = useState<Values>(() => valuesOf(undefined));
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [saving, setSaving] = useState(false);
  /** Shown after a save until the next edit. */
  const [saved, setSaved] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const { data } = await api.orgProfile(org);
      setStored(data);
      setValues(valuesOf(data));
      setError(undefined);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [org]);
  useEffect(() => {
    void load();
  }, [load]);

  const unsaved = stored !== undefined && !same(values, valuesOf(stored));
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  /** The server's messages by field pointer (`/bankAccount/iban`), in the UI language. */
  const fieldErrors = useMemo(() => {
    const map = new Map<string, string>();
    if (error instanceof ApiError) {
      for (const d of error.details) if (!map.has(d.pointer)) map.set(d.pointer, detailMessage(i18n, d));
    }
    return map;
  }, [error, i18n]);

  // After a refused save, the first refused field takes the focus, so nobody has to search for it.
  useEffect(() => {
    if (fieldErrors.size > 0)
      document.querySelector<HTMLInputElement>('.pakt-profile [aria-invalid="true"]')?.focus();
  }, [fieldErrors]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!stored) return;
    setSaving(true);
    try {
      const { data } = await api.saveOrgProfile(org, stored.version, bodyOf(values));
      setStored(data);
      setValues(valuesOf(data));
      setError(undefined);
      setSaved(true);
      announce(t('profile.saved'));
    } catch (e) {
      // What was typed stays in the form, also when someone else saved meanwhile.
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  if (session.role !== 'municipality')
    return (
      <>
        <PageHeading>{t('profile.title')}</PageHeading>
        <Alert kind="info" title={t('profile.onlyMunicipality')} />
      </>
    );

  const stale = error instanceof ApiError && error.status === 412;
  return (
    <>
      <PageHeading sub={session.me.orgName}>{t('profile.title')}</PageHeading>
      <p className="kern-body">{t('profile.intro')}</p>
      {loading && !stored ? (
        <Loading />
      ) : (
        <form className="pakt-profile" onSubmit={save} noValidate>
          {saved && <Alert kind="success" title={t('profile.saved')} />}
          {error !== undefined && (
            <ErrorAlert error={error} {...(stale || !stored ? { retry: () => void load() } : {})} />
          )}
          <p className="kern-hint">{t('profile.partHint')}</p>
          {PART_KEYS.map((part) => {
            const def = PARTS[part];
            const hint: MessageKey | undefined = 'hint' in def ? def.hint : undefined;
            return (
              <fieldset className="kern-fieldset" key={part}>
                <legend className="kern-label pakt-legend">{t(def.legend)}</legend>
                <div className="kern-fieldset__body">
                  {hint && <p className="kern-hint">{t(hint)}</p>}
                  {def.fields.map((field) => {
                    const id = `profile-${part}-${field.key}`;
                    const refused = fieldErrors.get(`/${part}/${field.key}`);
                    // The field's own words for what it needs, else the server's message.
                    const problem = refused !== undefined && 'problem' in field ? t(field.problem) : refused;
                    const fieldHint: MessageKey | undefined = 'hint' in field ? field.hint : undefined;
                    const described = [fieldHint ? `${id}-hint` : '', problem ? `${id}-error` : '']
                      .filter(Boolean)
                      .join(' ');
                    return (
                      <div className="kern-form-input" key={field.key}>
                        <label className="kern-label" htmlFor={id}>
                          {t(field.label)}
                        </label>
                        {fieldHint && (
                          <div className="kern-hint" id={`${id}-hint`}>
                            {t(fieldHint)}
                          </div>
                        )}
                        {problem && (
                          <p className="kern-error" id={`${id}-error`}>
                            {problem}
                          </p>
                        )}
                        <input
                          id={id}
                          className={`kern-form-input__input${'size' in field ? ' pakt-input--short' : ''}`}
                          autoComplete={field.autoComplete}
                          {...('inputMode' in field ? { inputMode: field.inputMode } : {})}
                          maxLength={field.key === 'email' ? 254 : 200}
                          aria-describedby={described || undefined}
                          aria-invalid={problem ? true : undefined}
                          value={values[part][field.key] ?? ''}
                          onChange={(e) => {
                            const typed = e.target.value;
                            setSaved(false);
                            setValues((v) => ({ ...v, [part]: { ...v[part], [field.key]: typed } }));
                          }}
                        />
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            );
          })}
          <p className="kern-body pakt-profile__changed">
            {stored?.updatedAt
              ? t('profile.lastChanged', { date: dateTime(stored.updatedAt) })
              : t('profile.never')}
          </p>
          <div className="pakt-actions">
            <button type="submit" className="kern-btn kern-btn--primary" disabled={saving || !stored}>
              <span className="kern-label">{t('profile.save')}</span>
            </button>
            {unsaved && (
              <span className="kern-body" role="status">
                {t('profile.unsaved')}
              </span>
            )}
          </div>
        </form>
      )}
    </>
  );
}
