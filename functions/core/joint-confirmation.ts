/**
 * Joint applications ("gemeinsamer Antrag"): every member municipality confirms its participation and its
 * share ("Anteil") before the lead applicant may submit. A confirmation is tied to the share it confirmed:
 * once a save changes that member's share (or drops the member), the confirmation lapses and the member is
 * asked again. Pure: no I/O, no clock.
 */
import { isJointApplication } from './allocation-rules.ts';
import { isObject, type JsonObject, type ShareConfirmation } from './model.ts';

export type { ShareConfirmation };

/** What the confirmation rules read of an application. */
export interface JointSubject {
  data: JsonObject;
  /** The lead applicant's organisation. */
  org: string;
  jointConfirmations?: readonly ShareConfirmation[] | undefined;
}

/** A member as the application names it: organisation, the name the lead typed, share, where it stands. */
export interface MemberShare {
  org: string;
  name: string;
  share: number;
  /** JSON pointer of the member's entry in the data. */
  pointer: string;
}

/**
 * The members whose confirmation the application needs: each distinct organisation named in
 * `/joint/members` other than the lead itself (first entry wins; duplicates are refused by the funding rules).
 */
export function memberShares(data: JsonObject, lead: string): MemberShare[] {
  if (!isJointApplication(data)) return [];
  const joint = isObject(data.joint) ? data.joint : {};
  const entries = Array.isArray(joint.members) ? joint.members : [];
  const seen = new Set<string>([lead]);
  const result: MemberShare[] = [];
  entries.forEach((entry, index) => {
    if (!isObject(entry) || typeof entry.organisationId !== 'string' || !entry.organisationId) return;
    if (seen.has(entry.organisationId)) return;
    seen.add(entry.organisationId);
    result.push({
      org: entry.organisationId,
      name: typeof entry.name === 'string' && entry.name ? entry.name : entry.organisationId,
      share: typeof entry.share === 'number' && Number.isFinite(entry.share) ? entry.share : 0,
      pointer: `/joint/members/${index}`,
    });
  });
  return result;
}

/** The confirmations still valid for `data`: the member is still named, with the very share it confirmed. */
export function keptConfirmations(
  confirmations: readonly ShareConfirmation[] | undefined,
  data: JsonObject,
  lead: string,
): ShareConfirmation[] {
  const shares = new Map(memberShares(data, lead).map((m) => [m.org, m.share]));
  return (confirmations ?? []).filter((c) => shares.get(c.org) === c.share);
}

/** The members that have not confirmed their current share (in the order the application names them). */
export function missingConfirmations(sub: JointSubject): MemberShare[] {
  const kept = keptConfirmations(sub.jointConfirmations, sub.data, sub.org);
  return memberShares(sub.data, sub.org).filter((m) => !kept.some((c) => c.org === m.org));
}

/** Whether `org` is a member whose confirmation of its current share is missing. */
export function awaitsConfirmationOf(sub: JointSubject, org: string): boolean {
  return missingConfirmations(sub).some((m) => m.org === org);
}

/**
 * What a save does to the confirmations: those whose share changed lapse; the members newly named or whose
 * share changed (and that have not confirmed it) are asked. `previous` is undefined for a new application.
 */
export function confirmationsOnSave(
  previous: JsonObject | undefined,
  next: JsonObject,
  lead: string,
  confirmations: readonly ShareConfirmation[] | undefined,
): { confirmations: ShareConfirmation[]; asked: string[] } {
  const kept = keptConfirmations(confirmations, next, lead);
  const before = new Map((previous ? memberShares(previous, lead) : []).map((m) => [m.org, m.share]));
  const asked = memberShares(next, lead)
    .filter((m) => before.get(m.org) !== m.share && !kept.some((c) => c.org === m.org))
    .map((m) => m.org);
  return { confirmations: kept, asked };
}
