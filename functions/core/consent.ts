/**
 * Purpose-bound consent in an integration plan, as pure rules: what a withdrawal does to the plan's data,
 * which fields hold health data (GDPR Art. 9), and how they are redacted. No I/O; dates are passed in.
 */
import { badRequest, conflict, type ErrorDetail } from './errors.ts';
import type { FormConfig } from './forms.ts';
import { encodeToken, parsePointer, readPointer } from './json-pointer.ts';
import { CONSENT_PURPOSES, type ConsentPurpose, isObject, type JsonObject } from './model.ts';

/** A withdrawal as requested: `POST /api/submissions/{id}/consent` `{purpose, withdrawnAt, sharingId?}`. */
export interface WithdrawalRequest {
  purpose: ConsentPurpose;
  /** ISO date the person withdrew consent. */
  withdrawnAt: string;
  /** For `sharing`: the id of the sharing consent (`/consent/sharing/<i>/id`). */
  sharingId?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Reads a withdrawal request. `withdrawnAt` defaults to `today` and may not lie after it: a withdrawal is
 * recorded when it happened, never in advance.
 */
export function parseWithdrawal(body: unknown, today: string): WithdrawalRequest {
  const invalid = (pointer: string, message: string) =>
    badRequest(
      'consent.invalid_request',
      'Expected {purpose: storage | health | sharing, withdrawnAt?, sharingId?}.',
      [{ pointer, message }],
    );
  if (!isObject(body)) throw invalid('', 'must be an object');
  const { purpose, withdrawnAt, sharingId } = body;
  if (!(CONSENT_PURPOSES as readonly unknown[]).includes(purpose))
    throw invalid('/purpose', 'unknown purpose');
  const date = withdrawnAt === undefined ? today : withdrawnAt;
  if (typeof date !== 'string' || !isDate(date)) throw invalid('/withdrawnAt', 'an ISO date (YYYY-MM-DD)');
  if (date > today) throw invalid('/withdrawnAt', 'may not lie in the future');
  if (purpose === 'sharing' && (typeof sharingId !== 'string' || sharingId === '')) {
    throw invalid('/sharingId', 'the id of the sharing consent is required');
  }
  if (purpose !== 'sharing' && sharingId !== undefined)
    throw invalid('/sharingId', 'only for purpose sharing');
  return {
    purpose: purpose as ConsentPurpose,
    withdrawnAt: date,
    ...(purpose === 'sharing' ? { sharingId: sharingId as string } : {}),
  };
}

/** True if the consent record says consent is given and not withdrawn. */
export const consentActive = (record: unknown): boolean =>
  isObject(record) &&
  record.given === true &&
  (record.withdrawnAt === undefined || record.withdrawnAt === '');

/** Whether the plan's data holds a valid consent to health data (Art. 9). */
export const healthConsentGiven = (data: JsonObject): boolean =>
  consentActive(isObject(data.consent) ? data.consent.health : undefined);

/**
 * Applies a withdrawal to the plan's consent section: the record keeps its date and language, says
 * `given: false` and carries `withdrawnAt`. For sharing, `body` names the body the consent was given for.
 * Throws 409 `consent.not_given` if there is no active consent for the purpose, 400 for an unknown sharing id.
 */
export function withdrawConsent(
  data: JsonObject,
  request: WithdrawalRequest,
): { data: JsonObject; body?: string } {
  const next = structuredClone(data);
  const consent = isObject(next.consent) ? next.consent : {};
  next.consent = consent;
  const notGiven = () =>
    conflict('consent.not_given', `There is no active consent for "${request.purpose}" to withdraw.`);
  if (request.purpose === 'sharing') {
    const items = Array.isArray(consent.sharing) ? consent.sharing : [];
    const item = items.find((s): s is JsonObject => isObject(s) && s.id === request.sharingId);
    if (!item) {
      throw badRequest('consent.unknown_sharing', 'The plan has no sharing consent with this id.', [
        { pointer: '/sharingId', message: 'unknown sharing consent' },
      ]);
    }
    if (!consentActive(item)) throw notGiven();
    item.given = false;
    item.withdrawnAt = request.withdrawnAt;
    return { data: next, ...(typeof item.body === 'string' ? { body: item.body } : {}) };
  }
  const record = consent[request.purpose];
  if (!consentActive(record)) throw notGiven();
  consent[request.purpose] = { ...(record as JsonObject), given: false, withdrawnAt: request.withdrawnAt };
  return { data: next };
}

/**
 * Where the plan holds health data: the pointers listed in the form's config (`healthFields`), where they
 * have content, plus every need and goal in the area `health` (a goal "see a doctor about …" is health data
 * whatever its wording).
 */
export function healthPointers(config: FormConfig, data: JsonObject): string[] {
  const listed = Array.isArray(config.healthFields)
    ? config.healthFields.filter((p): p is string => typeof p === 'string')
    : [];
  const pointers = listed.filter((p) => hasContent(readPointer(data, p)));
  for (const list of ['needs', 'goals'] as const) {
    const items = data[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item, i) => {
      if (isObject(item) && item.area === 'health') pointers.push(`/${list}/${i}`);
    });
  }
  return pointers;
}

function hasContent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(hasContent);
  if (isObject(value)) return Object.values(value).some(hasContent);
  return true;
}

/**
 * Removes the values at the pointers (object members are deleted, array items taken out). Pointers are read
 * against the data as given: array items are removed from the highest index down, so that earlier removals
 * do not shift later ones.
 */
export function redact(data: JsonObject, pointers: readonly string[]): JsonObject {
  const next = structuredClone(data);
  const ordered = [...pointers].sort((a, b) => compareDescending(parsePointer(a), parsePointer(b)));
  for (const pointer of ordered) {
    const tokens = parsePointer(pointer);
    const last = tokens.pop();
    if (last === undefined) continue;
    const parent = readPointer(
      next,
      tokens
        .map(encodeToken)
        .map((t) => `/${t}`)
        .join(''),
    );
    if (Array.isArray(parent)) {
      const index = Number(last);
      if (Number.isInteger(index) && index >= 0 && index < parent.length) parent.splice(index, 1);
    } else if (isObject(parent)) delete parent[last];
  }
  return next;
}

/** Orders pointers so that, within one array, higher indices come first. */
function compareDescending(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const [x, y] = [Number(a[i]), Number(b[i])];
    if (Number.isInteger(x) && Number.isInteger(y)) return y - x;
    return a[i]! < b[i]! ? -1 : 1;
  }
  return b.length - a.length;
}

/**
 * The server rule on health data: while the plan holds no active consent to health data, its health fields
 * must be empty. One detail per field that is not.
 */
export function healthDataIssues(config: FormConfig, data: JsonObject): ErrorDetail[] {
  if (healthConsentGiven(data)) return [];
  return healthPointers(config, data).map((pointer) => ({
    pointer,
    message: 'Health data needs an active consent to health data (GDPR Art. 9) in /consent/health.',
    code: 'consent.health_required',
  }));
}

/** Every `withdrawnAt` in the consent section, keyed by purpose (sharing: by the sharing consent's id). */
function withdrawalDates(data: JsonObject | undefined): Map<string, { pointer: string; value: unknown }> {
  const dates = new Map<string, { pointer: string; value: unknown }>();
  const consent = data && isObject(data.consent) ? data.consent : {};
  for (const purpose of ['storage', 'health'] as const) {
    const record = consent[purpose];
    if (isObject(record) && record.withdrawnAt !== undefined && record.withdrawnAt !== '') {
      dates.set(purpose, { pointer: `/consent/${purpose}/withdrawnAt`, value: record.withdrawnAt });
    }
  }
  const sharing = Array.isArray(consent.sharing) ? consent.sharing : [];
  sharing.forEach((record, i) => {
    if (isObject(record) && record.withdrawnAt !== undefined && record.withdrawnAt !== '') {
      dates.set(`sharing:${String(record.id ?? i)}`, {
        pointer: `/consent/sharing/${i}/withdrawnAt`,
        value: record.withdrawnAt,
      });
    }
  });
  return dates;
}

/**
 * A withdrawal is its own action, effective at once (it locks or redacts): an ordinary edit may neither
 * record nor change nor undo one. `before` is the stored data (none when the plan is created: then only a
 * withdrawn storage consent is refused, since a plan cannot be kept without it; earlier withdrawals of
 * sharing or health consent may be transcribed from a paper plan).
 */
export function withdrawalEditIssues(before: JsonObject | undefined, after: JsonObject): ErrorDetail[] {
  const was = withdrawalDates(before);
  const now = withdrawalDates(after);
  const issues: ErrorDetail[] = [];
  const message =
    'Consent is withdrawn with its own action (POST /api/submissions/{id}/consent), not by editing.';
  if (before === undefined) {
    const storage = now.get('storage');
    if (storage) issues.push({ pointer: storage.pointer, message, code: 'consent.use_withdrawal_action' });
    return issues;
  }
  for (const [key, entry] of now) {
    if (was.get(key)?.value !== entry.value)
      issues.push({ pointer: entry.pointer, message, code: 'consent.use_withdrawal_action' });
  }
  for (const [key, entry] of was) {
    if (!now.has(key))
      issues.push({ pointer: entry.pointer, message, code: 'consent.use_withdrawal_action' });
  }
  return issues;
}
