/**
 * The file number ("Aktenzeichen") of an application: human-readable, unique and gap-free per granting
 * authority and round (`RPS-IM-2017-0042`). The number is the next value of a counter per authority and round,
 * moved in the same transaction as the first submit, so a submit that fails leaves no gap. Which authority and
 * which pattern is data: the form's configuration (`config.json`, section `fileNumber`). Pure.
 */
import type { FormConfig } from './forms.ts';
import type { JsonObject } from './model.ts';

export interface FileNumberConfig {
  /** The granting authority's short sign (`RPS`: Regierungspräsidium Stuttgart); upper-case letters and digits. */
  authority: string;
  /**
   * The pattern: `{authority}`, `{round}` (the round's id), `{roundYear}` (the first year in the round's id)
   * and the running number `{n}` or `{n:4}` (zero-padded to at least four digits).
   */
  format: string;
}

const AUTHORITY = /^[A-Z0-9]{1,12}$/;
const TOKEN = /\{(authority|round|roundYear|n(?::([1-9]))?)\}/g;

/** The form's file-number configuration, or undefined if its submissions get none. A malformed one is a programming error. */
export function fileNumberConfig(config: FormConfig): FileNumberConfig | undefined {
  const section = config.fileNumber as JsonObject | undefined;
  if (section === undefined) return undefined;
  const { authority, format } = section;
  if (typeof authority !== 'string' || !AUTHORITY.test(authority))
    throw new Error('fileNumber.authority must be 1–12 upper-case letters or digits');
  if (typeof format !== 'string' || !/\{n(?::[1-9])?\}/.test(format) || format.length > 60)
    throw new Error('fileNumber.format must hold the running number {n} and be at most 60 characters');
  const unknown = format.replace(TOKEN, '').match(/[{}]/);
  if (unknown) throw new Error('fileNumber.format holds an unknown placeholder');
  return { authority, format };
}

/** The round a submission counts in: its `round` field, else the calendar year of its first submit. */
export function fileNumberRound(data: JsonObject, submittedAt: string): string {
  return typeof data.round === 'string' && data.round !== '' ? data.round : submittedAt.slice(0, 4);
}

/** The file number `n` of a round (n ≥ 1). */
export function formatFileNumber(config: FileNumberConfig, round: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new Error('a file number counts from 1');
  const year = /\d{4}/.exec(round)?.[0] ?? round;
  return config.format.replace(TOKEN, (_match, token: string, width?: string) => {
    if (token === 'authority') return config.authority;
    if (token === 'round') return round;
    if (token === 'roundYear') return year;
    return String(n).padStart(width ? Number(width) : 1, '0');
  });
}
