/**
 * The user administration: the people admins (all) or coordinators and municipality leads (their own
 * organisation) manage, an invitation, and one person's changes with their change log. What may be done to
 * whom comes from the server (`allowed`, `grantable`); this page keeps no copy of the rules.
 */
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { api } from '../../api/client.ts';
import type { Organisation, Role, UserAuditEntry, UserItem } from '../../api/types.ts';
import { type I18n, useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useSession } from '../../session/session.tsx';
import {
  Alert,
  announce,
  codeText,
  ErrorAlert,
  Loading,
  PageHeading,
  useLoad,
} from '../../ui/primitives.tsx';

const ROLES: Role[] = ['municipality', 'manager', 'coordinator', 'reviewer', 'admin'];
const roleName = (i18n: I18n, role: Role) => i18n.t(`role.${role}` as MessageKey);

type OrgNames = Map<string, string>;

export default function UsersPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const isAdmin = me.roles.includes('admin');
  const orgs = useLoad(
    async () => (isAdmin ? (await api.organisations()).data.items : ([] as Organisation[])),
    [isAdmin],
  );
  const orgNames: OrgNames = new Map((orgs.data ?? []).map((o) => [o.id, o.name]));
  orgNames.set(me.org, me.orgName);

  const [filter, setFilter] = useState<{ org: string; role: string }>({ org: '', role: '' });
  const [shown, setShown] = useState(filter);
  const [page, setPage] = useState<{
    items: UserItem[];
    next?: string;
    grantable: Role[];
    loading: boolean;
    error?: unknown;
  }>({ items: [], grantable: [], loading: true });
  const [selected, setSelected] = useState<string | null>(null);

  const load = useCallback(
    async (cursor?: string) => {
      setPage((p) => ({ ...p, loading: true, error: undefined }));
      try {
        const { data } = await api.userList({
          ...(shown.org ? { org: shown.org } : {}),
          ...(shown.role ? { role: shown.role as Role } : {}),
          ...(cursor ? { cursor } : {}),
        });
        setPage((p) => ({
          items: cursor ? [...p.items, ...data.items] : data.items,
          ...(data.nextCursor ? { next: data.nextCursor } : {}),
          grantable: (data.grantable ?? []) as Role[],
          loading: false,
        }));
      } catch (error) {
        setPage((p) => ({ ...p, loading: false, error }));
      }
    },
    [shown],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const replace = (user: UserItem) =>
    setPage((p) => ({ ...p, items: p.items.map((u) => (u.sub === user.sub ? user : u)) }));
  const current = page.items.find((u) => u.sub === selected);

  return (
    <>
      <PageHeading sub={me.orgName}>{t('users.title')}</PageHeading>
      <p className="kern-body">{isAdmin ? t('users.intro') : t('users.introOrg', { org: me.orgName })}</p>

      <form
        className="pakt-filters"
        aria-label={t('users.filter')}
        onSubmit={(e) => {
          e.preventDefault();
          setShown(filter);
        }}
      >
        {isAdmin && (
          <OrgSelect
            id="u-filter-org"
            label={t('users.org')}
            value={filter.org}
            orgs={orgs.data ?? []}
            empty={t('users.allOrgs')}
            onChange={(org) => setFilter((f) => ({ ...f, org }))}
          />
        )}
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="u-filter-role">
            {t('users.role')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id="u-filter-role"
              className="kern-form-input__select"
              value={filter.role}
              onChange={(e) => setFilter((f) => ({ ...f, role: e.target.value }))}
            >
              <option value="">{t('users.allRoles')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {roleName(i18n, r)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" className="kern-btn kern-btn--secondary">
          <span className="kern-label">{t('users.showFilter')}</span>
        </button>
      </form>

      <h2 className="kern-heading-medium">{t('users.list')}</h2>
      {page.error !== undefined && <ErrorAlert error={page.error} retry={() => void load()} />}
      {page.loading && page.items.length === 0 ? (
        <Loading />
      ) : page.items.length === 0 && page.error === undefined ? (
        <p className="kern-body">{t('users.none')}</p>
      ) : (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--striped pakt-table">
            <caption className="kern-sr-only">{t('users.list')}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th className="kern-table__header" scope="col">
                  {t('users.name')}
                </th>
                <th className="kern-table__header" scope="col">
                  {t('users.role')}
                </th>
                <th className="kern-table__header" scope="col">
                  {t('users.org')}
                </th>
                <th className="kern-table__header" scope="col">
                  {t('users.state')}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {page.items.map((u) => (
                <tr className="kern-table__row" key={u.sub}>
                  <th className="kern-table__cell" scope="row">
                    {(u.allowed?.length ?? 0) > 0 ? (
                      // The name opens the person's editor: no extra column, also on a phone.
                      <button
                        type="button"
                        className="kern-link pakt-linkbutton"
                        aria-expanded={selected === u.sub}
                        aria-controls="user-editor"
                        aria-label={t('users.editOf', { name: u.name })}
                        onClick={() => setSelected(selected === u.sub ? null : u.sub)}
                      >
                        {u.name}
                      </button>
                    ) : (
                      u.name
                    )}
                    {u.email && (
                      <>
                        <br />
                        <span className="kern-body--small pakt-muted">{u.email}</span>
                      </>
                    )}
                  </th>
                  <td className="kern-table__cell">{roleName(i18n, u.role)}</td>
                  <td className="kern-table__cell">{orgNames.get(u.org ?? '') ?? u.org}</td>
                  <td className="kern-table__cell">
                    <span className={`kern-badge kern-badge--${u.active === false ? 'danger' : 'success'}`}>
                      <span className="kern-label kern-label--small">
                        {u.active === false ? t('users.inactive') : t('users.active')}
                      </span>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.next && (
        <button
          type="button"
          className="kern-btn kern-btn--secondary"
          disabled={page.loading}
          onClick={() => void load(page.next)}
        >
          <span className="kern-label">{t('users.more')}</span>
        </button>
      )}

      {current && (
        <UserEditor
          key={current.sub}
          user={current}
          grantable={page.grantable}
          orgs={orgs.data ?? []}
          orgNames={orgNames}
          showAudit={isAdmin}
          onChanged={replace}
          onClose={() => setSelected(null)}
        />
      )}

      {page.grantable.length > 0 && (
        <InviteForm
          grantable={page.grantable}
          orgs={isAdmin ? (orgs.data ?? []) : []}
          ownOrg={{ id: me.org, name: me.orgName }}
          onInvited={() => void load()}
        />
      )}
    </>
  );
}

function OrgSelect({
  id,
  label,
  value,
  orgs,
  empty,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  orgs: Organisation[];
  empty?: string;
  onChange(org: string): void;
}) {
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select
          id={id}
          className="kern-form-input__select"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        >
          {empty !== undefined && <option value="">{empty}</option>}
          {orgs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function InviteForm({
  grantable,
  orgs,
  ownOrg,
  onInvited,
}: {
  grantable: Role[];
  /** Admins choose among all organisations; the others invite into their own. */
  orgs: Organisation[];
  ownOrg: { id: string; name: string };
  onInvited(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [form, setForm] = useState({
    name: '',
    email: '',
    username: '',
    role: grantable[0] ?? ('manager' as Role),
    org: ownOrg.id,
  });
  const [result, setResult] = useState<{ ok?: string; error?: unknown }>({});
  const [busy, setBusy] = useState(false);
  const hint = useId();
  const usernameHint = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setResult({});
    try {
      const { data } = await api.inviteUser({
        name: form.name.trim(),
        email: form.email.trim(),
        role: form.role,
        org: form.org,
        ...(form.username.trim() ? { username: form.username.trim() } : {}),
      });
      setResult({ ok: data.name });
      announce(t('users.invited', { name: data.name }));
      setForm((f) => ({ ...f, name: '', email: '', username: '' }));
      onInvited();
    } catch (error) {
      setResult({ error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="invite-heading" className="pakt-section">
      <h2 className="kern-heading-medium" id="invite-heading">
        {t('users.invite')}
      </h2>
      <p className="kern-body" id={hint}>
        {t('users.inviteHint')}
      </p>
      <form onSubmit={(e) => void submit(e)} aria-describedby={hint}>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="invite-name">
            {t('users.name')}
          </label>
          <input
            id="invite-name"
            className="kern-form-input__input"
            required
            maxLength={200}
            autoComplete="off"
            value={form.name}
            onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
          />
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="invite-email">
            {t('users.email')}
          </label>
          <input
            id="invite-email"
            type="email"
            className="kern-form-input__input"
            required
            maxLength={254}
            autoComplete="off"
            value={form.email}
            onChange={(e) => setForm((f) => ({ ...f, email: e.target.value }))}
          />
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="invite-role">
            {t('users.role')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id="invite-role"
              className="kern-form-input__select"
              value={form.role}
              onChange={(e) => setForm((f) => ({ ...f, role: e.target.value as Role }))}
            >
              {grantable.map((r) => (
                <option key={r} value={r}>
                  {roleName(i18n, r)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {orgs.length > 0 ? (
          <OrgSelect
            id="invite-org"
            label={t('users.org')}
            value={form.org}
            orgs={orgs}
            onChange={(org) => setForm((f) => ({ ...f, org }))}
          />
        ) : (
          <p className="kern-body">
            {t('users.org')}: {ownOrg.name}
          </p>
        )}
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="invite-username">
            {t('users.username')}
          </label>
          <div className="kern-hint" id={usernameHint}>
            {t('users.usernameHint')}
          </div>
          <input
            id="invite-username"
            className="kern-form-input__input"
            maxLength={128}
            pattern="[A-Za-z0-9._@+\-]{2,128}"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={usernameHint}
            value={form.username}
            onChange={(e) => setForm((f) => ({ ...f, username: e.target.value }))}
          />
        </div>
        <div aria-live="polite">
          {result.error !== undefined && (
            <Alert kind="danger" title={t('users.refused')} role="alert">
              <p className="kern-body">{codeText(i18n, result.error)}</p>
            </Alert>
          )}
          {result.ok && (
            <Alert kind="success" title={t('users.invited', { name: result.ok })} role="status" />
          )}
        </div>
        <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
          <span className="kern-label">{t('users.inviteButton')}</span>
        </button>
      </form>
    </section>
  );
}

function UserEditor({
  user,
  grantable,
  orgs,
  orgNames,
  showAudit,
  onChanged,
  onClose,
}: {
  user: UserItem;
  grantable: Role[];
  orgs: Organisation[];
  orgNames: OrgNames;
  showAudit: boolean;
  onChanged(user: UserItem): void;
  onClose(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const allowed = user.allowed ?? [];
  const [role, setRole] = useState<Role>(user.role);
  const [org, setOrg] = useState(user.org ?? '');
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<{ ok?: boolean; error?: unknown }>({});
  const [busy, setBusy] = useState(false);
  const [auditVersion, setAuditVersion] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from the list above: the editor takes the focus (and so comes into view).
  useEffect(() => heading.current?.focus(), []);
  const audit = useLoad(
    async () => (showAudit ? (await api.userAudit(user.sub)).data.items : []),
    [user.sub, showAudit, auditVersion],
  );

  const change = async (body: Parameters<typeof api.changeUser>[1]) => {
    setBusy(true);
    setResult({});
    try {
      const { data } = await api.changeUser(user.sub, body);
      onChanged(data);
      setResult({ ok: true });
      announce(t('users.saved', { name: data.name }));
      setAuditVersion((v) => v + 1);
    } catch (error) {
      setResult({ error });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const roleChoices = grantable.includes(user.role) ? grantable : [user.role, ...grantable];
  const changed = {
    ...(role !== user.role ? { role } : {}),
    ...(org && org !== user.org ? { org } : {}),
  };

  return (
    <section id="user-editor" aria-labelledby="user-editor-heading" className="pakt-section pakt-card">
      <h2 className="kern-heading-medium" id="user-editor-heading" tabIndex={-1} ref={heading}>
        {t('users.editOf', { name: user.name })}
      </h2>
      <p className="kern-body pakt-muted">
        {user.username && user.username !== user.email?.toLowerCase()
          ? `${user.username} · ${user.email}`
          : user.email}
      </p>
      {allowed.length === 0 && <p className="kern-body">{t('users.noActions')}</p>}
      {(allowed.includes('changeRole') || allowed.includes('changeOrg')) && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (Object.keys(changed).length) void change(changed);
          }}
        >
          {allowed.includes('changeRole') && (
            <div className="kern-form-input">
              <label className="kern-label" htmlFor="edit-role">
                {t('users.changeRole')}
              </label>
              <div className="kern-form-input__select-wrapper">
                <select
                  id="edit-role"
                  className="kern-form-input__select"
                  value={role}
                  onChange={(e) => setRole(e.target.value as Role)}
                >
                  {roleChoices.map((r) => (
                    <option key={r} value={r}>
                      {roleName(i18n, r)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          )}
          {allowed.includes('changeOrg') && orgs.length > 0 && (
            <OrgSelect id="edit-org" label={t('users.changeOrg')} value={org} orgs={orgs} onChange={setOrg} />
          )}
          <button
            type="submit"
            className="kern-btn kern-btn--primary"
            disabled={busy || Object.keys(changed).length === 0}
          >
            <span className="kern-label">{t('users.save')}</span>
          </button>
        </form>
      )}
      <div className="kern-btn-wrapper pakt-actions">
        {allowed.includes('deactivate') && !confirming && (
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            disabled={busy}
            onClick={() => setConfirming(true)}
          >
            <span className="kern-label">{t('users.deactivate')}</span>
          </button>
        )}
        {allowed.includes('activate') && (
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            disabled={busy}
            onClick={() => void change({ active: true })}
          >
            <span className="kern-label">{t('users.activate')}</span>
          </button>
        )}
        {allowed.includes('resetSecondFactor') && (
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            disabled={busy}
            title={t('users.resetHint')}
            onClick={() => void change({ resetSecondFactor: true })}
          >
            <span className="kern-label">{t('users.resetSecondFactor')}</span>
          </button>
        )}
        <button type="button" className="kern-btn kern-btn--tertiary" onClick={onClose}>
          <span className="kern-label">{t('users.close')}</span>
        </button>
      </div>
      {confirming && (
        <Alert kind="warning" title={t('users.confirmDeactivate', { name: user.name })} role="alert" focus>
          <div className="kern-btn-wrapper">
            <button
              type="button"
              className="kern-btn kern-btn--primary"
              disabled={busy}
              onClick={() => void change({ active: false })}
            >
              <span className="kern-label">{t('users.confirm')}</span>
            </button>
            <button
              type="button"
              className="kern-btn kern-btn--secondary"
              onClick={() => setConfirming(false)}
            >
              <span className="kern-label">{t('users.cancel')}</span>
            </button>
          </div>
        </Alert>
      )}
      <div aria-live="polite">
        {result.error !== undefined && (
          <Alert kind="danger" title={t('users.refused')} role="alert">
            <p className="kern-body">{codeText(i18n, result.error)}</p>
          </Alert>
        )}
        {result.ok && <Alert kind="success" title={t('users.saved', { name: user.name })} role="status" />}
      </div>
      {showAudit && (
        <>
          <h3 className="kern-heading-small">{t('users.audit')}</h3>
          {audit.loading && !audit.data ? (
            <Loading />
          ) : audit.error ? (
            <ErrorAlert error={audit.error} retry={audit.reload} />
          ) : (audit.data ?? []).length === 0 ? (
            <p className="kern-body">{t('users.auditEmpty')}</p>
          ) : (
            <div className="kern-table-responsive">
              <table className="kern-table pakt-table">
                <caption className="kern-sr-only">{t('users.audit')}</caption>
                <thead className="kern-table__head">
                  <tr className="kern-table__row">
                    <th className="kern-table__header" scope="col">
                      {t('users.auditAt')}
                    </th>
                    <th className="kern-table__header" scope="col">
                      {t('users.auditBy')}
                    </th>
                    <th className="kern-table__header" scope="col">
                      {t('users.auditWhat')}
                    </th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {(audit.data ?? []).map((entry) => (
                    <tr className="kern-table__row" key={entry.id}>
                      <td className="kern-table__cell">{i18n.dateTime(entry.at)}</td>
                      <td className="kern-table__cell">{entry.by.name}</td>
                      <td className="kern-table__cell">
                        {describe(i18n, entry, orgNames).map((line) => (
                          <div key={line}>{line}</div>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** What one audit entry changed, in words. */
function describe(i18n: I18n, entry: UserAuditEntry, orgNames: OrgNames): string[] {
  const { t } = i18n;
  const orgName = (id: string) => orgNames.get(id) ?? id;
  const { before, after } = entry;
  if (!before)
    return [t('users.audit.invite', { role: roleName(i18n, after.role), org: orgName(after.org) })];
  const lines: string[] = [];
  if (before.role !== after.role)
    lines.push(t('users.audit.role', { from: roleName(i18n, before.role), to: roleName(i18n, after.role) }));
  if (before.org !== after.org)
    lines.push(t('users.audit.org', { from: orgName(before.org), to: orgName(after.org) }));
  if (before.active !== after.active)
    lines.push(after.active ? t('users.audit.activated') : t('users.audit.deactivated'));
  if (entry.secondFactorReset) lines.push(t('users.audit.reset'));
  return lines;
}
