/**
 * A joint application's members ("beteiligte Kommunen"): each member's share and whether it has confirmed it.
 * A member municipality reads the lead's working copy and confirms its participation and share here (offered
 * when the server lists `confirmShare`); the lead sees who has still to confirm before it can submit. A
 * confirmation lapses on the server when the lead changes that member's share.
 */
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Submission } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { Alert, errorText } from '../../ui/primitives.tsx';

interface Member {
  org: string;
  name: string;
  share: number;
}

/** The members the application names, other than the lead (as the server counts them). */
function membersOf(sub: Submission): Member[] {
  const joint = (sub.data as { joint?: { isJoint?: boolean; members?: unknown[] } }).joint;
  if (!joint?.isJoint || !Array.isArray(joint.members)) return [];
  const seen = new Set([sub.org]);
  const result: Member[] = [];
  for (const m of joint.members as Array<{ organisationId?: string; name?: string; share?: number }>) {
    if (!m?.organisationId || seen.has(m.organisationId)) continue;
    seen.add(m.organisationId);
    result.push({ org: m.organisationId, name: m.name || m.organisationId, share: m.share ?? 0 });
  }
  return result;
}

/** The members' names by organisation id, as the application names them. */
export const jointMemberNames = (sub: Submission) => new Map(membersOf(sub).map((m) => [m.org, m.name]));

export function JointParticipation({
  sub,
  onDone,
}: {
  sub: Submission;
  onDone: (s: Submission, message: string) => void;
}) {
  const i18n = useI18n();
  const { t, money, dateTime } = i18n;
  const { me } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const members = membersOf(sub);
  if (members.length === 0) return null;
  const confirmation = (m: Member) =>
    sub.jointConfirmations?.find((c) => c.org === m.org && c.share === m.share);
  const mine = members.find((m) => m.org === me.org);
  const canConfirm = sub.allowed.includes('confirmShare') && mine !== undefined;
  const open = members.filter((m) => !confirmation(m));

  const confirm = async () => {
    if (!mine) return;
    setError(null);
    setBusy(true);
    try {
      const { data } = await api.confirmShare(sub.id, mine.share, sub.version);
      onDone(data, t('joint.confirmed', { share: money(mine.share) }));
    } catch (e) {
      setError(errorText(i18n, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="pakt-joint" aria-labelledby="joint-title">
      <h2 className="kern-heading-medium" id="joint-title">
        {t('joint.title')}
      </h2>
      <p className="kern-body">{t('joint.intro')}</p>
      <ul className="pakt-joint__list">
        {members.map((m) => {
          const c = confirmation(m);
          return (
            <li key={m.org} className="kern-body">
              <strong>{m.name}</strong> – {t('joint.share', { share: money(m.share) })}:{' '}
              {c ? (
                <span className="kern-badge kern-badge--success">
                  <span className="kern-label kern-label--small">
                    {t('joint.confirmedAt', { at: dateTime(c.confirmedAt) })}
                  </span>
                </span>
              ) : (
                <span className="kern-badge kern-badge--warning">
                  <span className="kern-label kern-label--small">{t('joint.pending')}</span>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {sub.org === me.org && open.length > 0 && (sub.status === 'draft' || sub.status === 'revised') && (
        <Alert kind="info" title={t('joint.waiting', { names: open.map((m) => m.name).join(', ') })} />
      )}
      {error && <Alert kind="danger" title={error} role="alert" focus />}
      {canConfirm && mine && (
        <div className="pakt-joint__confirm">
          <p className="kern-body">{t('joint.confirmText', { share: money(mine.share) })}</p>
          <button type="button" className="kern-btn kern-btn--primary" onClick={confirm} disabled={busy}>
            <span className="kern-label">{t('joint.confirm', { share: money(mine.share) })}</span>
          </button>
        </div>
      )}
    </section>
  );
}
