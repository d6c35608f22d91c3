/**
 * What a new funding application starts with, and the partner names that follow the chosen partners. Pure
 * rules: a value is filled in only where the field is empty, so nothing a person typed is ever replaced.
 */
import type { JsonObject, Me, Organisation } from '../../api/types.ts';

type Profile = NonNullable<Me['orgProfile']>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Empty: absent, null, a blank text, or an object whose every value is empty. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (isObject(value)) return Object.values(value).every(isEmptyValue);
  return false;
}

/**
 * `target` with every empty leaf that `source` has a value for filled in; values present in `target` stay
 * as they are, even where `source` differs. Objects are merged field by field.
 */
export function fillEmpty(target: unknown, source: unknown): unknown {
  if (source === undefined) return target;
  if (isObject(source) && (target === undefined || target === null || isObject(target))) {
    const base: JsonObject = isObject(target) ? { ...target } : {};
    for (const [key, value] of Object.entries(source)) {
      const filled = fillEmpty(base[key], value);
      if (filled !== undefined) base[key] = filled;
    }
    return base;
  }
  return isEmptyValue(target) ? source : target;
}

/** What of the organisation's last application a new one starts with: its applicant's data, not its kind. */
const CARRIED_OVER = ['ags', 'address', 'contact', 'bankAccount', 'signatory'] as const;

/**
 * The applicant's data from the organisation: the name, and the address, contact person and bank account of
 * its profile; then, where still empty, the applicant's data of its last application (the signatory, for
 * example). Each only where the application's field is still empty.
 */
export function prefillApplication(
  data: JsonObject,
  org: { name?: string; profile?: Profile | null },
  lastApplicant?: unknown,
): JsonObject {
  const applicant: JsonObject = {
    ...(org.name ? { name: org.name } : {}),
    ...(org.profile?.address ? { address: { ...org.profile.address } } : {}),
    ...(org.profile?.contact ? { contact: { ...org.profile.contact } } : {}),
    ...(org.profile?.bankAccount ? { bankAccount: { ...org.profile.bankAccount } } : {}),
  };
  const last: JsonObject = {};
  if (isObject(lastApplicant))
    for (const key of CARRIED_OVER) if (lastApplicant[key] !== undefined) last[key] = lastApplicant[key];
  if (Object.keys(applicant).length === 0 && Object.keys(last).length === 0) return data;
  return { ...data, applicant: fillEmpty(fillEmpty(data.applicant, applicant), last) as JsonObject };
}

/**
 * The partners of a joint application are chosen by their organisation: each named as the directory names
 * it, so that a partner's name always belongs to its id. Partners whose id the directory does not know keep
 * their data as it is.
 */
export function withMemberNames(
  data: JsonObject,
  orgs: readonly Pick<Organisation, 'id' | 'name'>[],
): JsonObject {
  const joint = data.joint;
  if (!isObject(joint) || !Array.isArray(joint.members)) return data;
  const byId = new Map(orgs.map((o) => [o.id, o.name]));
  let changed = false;
  const members = joint.members.map((m: unknown) => {
    if (!isObject(m) || typeof m.organisationId !== 'string') return m;
    const name = byId.get(m.organisationId);
    if (name === undefined || m.name === name) return m;
    changed = true;
    return { ...m, name };
  });
  return changed ? { ...data, joint: { ...joint, members } } : data;
}
