/**
 * The preview of an allocation upload (planning frames of a round, one row per applicant): every problem by
 * line, the organisation each row is matched to, and the differences to the frames stored so far. Pure: the
 * CSV is parsed elsewhere (the service), the stored organisations and frames are passed in. Nothing is
 * written unless the preview has no problem.
 */

/** One data row of the file as parsed, with its line number in the file (the header is line 1). */
export interface ImportRecord {
  line: number;
  values: Record<string, string>;
}

/** An organisation a row may be matched to: by its municipality key (`ags`) or its exact name. */
export interface KnownOrganisation {
  id: string;
  name: string;
  ags?: string;
}

/** What is stored for an organisation in the round: its frame and what approvals have debited from it. */
export interface StoredFrame {
  org: string;
  frame: number;
  approved: number;
  inReview: number;
}

/** A total a source states for a group (an electoral district); checked only where it is complete. */
export interface StatedTotal {
  electoralDistrict: string;
  total: number;
  complete: boolean;
}

/** How the admin maps a row that matches no organisation: to an existing one, or to a new one. */
export type RowMapping = { line: number; org: string } | { line: number; create: true };

export const IMPORT_PROBLEMS = [
  'import.malformed',
  'import.missing_column',
  'import.no_rows',
  'import.unknown_organisation',
  'import.duplicate_organisation',
  'import.amount_invalid',
  'import.amount_not_whole_euros',
  'import.total_mismatch',
  'import.below_debited',
  'import.mapping_invalid',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEMS)[number];

export interface ImportProblem {
  /** The file's line (1 is the header); 0 for the file as a whole. */
  line: number;
  column?: string;
  code: ImportProblemCode;
  message: string;
  /** A row that matches no organisation: its name and key as the file states them (to map it in the preview). */
  name?: string;
  ags?: string;
}

export interface PreviewRow {
  line: number;
  /** The matched (or mapped) organisation id; for a row to be created, the id it will get. */
  org: string;
  name: string;
  ags?: string;
  district?: string;
  electoralDistrict?: string;
  frame: number;
  persons?: number;
  rounded: boolean;
  source?: string;
  /** `new`: no frame yet in the round; `changed`: a different amount than stored; `unchanged`. */
  change: 'new' | 'changed' | 'unchanged';
  previousFrame?: number;
  /** The row creates its organisation (mapped so by the admin). */
  createsOrganisation?: true;
}

export interface ImportPreview {
  rows: PreviewRow[];
  problems: ImportProblem[];
  /** Frames stored in the round that the file no longer names (kept, never removed silently). */
  notInFile: string[];
}

export const REQUIRED_COLUMNS = ['municipality', 'planning_frame_eur'] as const;

/**
 * Reads a whole-euro amount: digits, optionally with German thousands dots ("213.349") or spaces. Decimal
 * commas or points that are not thousands separators are refused.
 */
export function parseEuros(text: string): { value: number } | { problem: 'invalid' | 'not_whole' } {
  const t = text.trim().replace(/\s/g, '');
  if (/^\d{1,3}(\.\d{3})+$/.test(t)) return { value: Number(t.replace(/\./g, '')) };
  if (/^\d+$/.test(t)) return { value: Number(t) };
  if (/^\d+([.,]\d+)?$/.test(t) || /^\d{1,3}(\.\d{3})*,\d+$/.test(t)) return { problem: 'not_whole' };
  return { problem: 'invalid' };
}

/** A row's name without a note in brackets: "Landkreis Biberach (für alle 45 Gemeinden)". */
const nameOf = (municipality: string) => municipality.replace(/\s*\(.*\)\s*$/, '').trim();

/**
 * The preview of an upload: each row matched to an organisation (key, then exact name, then the admin's
 * mapping), every problem by line, and each row's change against the stored frames.
 */
export function previewImport(input: {
  columns: readonly string[];
  records: readonly ImportRecord[];
  organisations: readonly KnownOrganisation[];
  stored: readonly StoredFrame[];
  totals?: readonly StatedTotal[];
  mappings?: readonly RowMapping[];
  /** The id a created organisation gets (a slug of its name). */
  newId: (name: string) => string;
}): ImportPreview {
  const problems: ImportProblem[] = [];
  for (const column of REQUIRED_COLUMNS) {
    if (!input.columns.includes(column)) {
      problems.push({
        line: 1,
        column,
        code: 'import.missing_column',
        message: `The column ${column} is missing.`,
      });
    }
  }
  if (problems.length) return { rows: [], problems, notInFile: [] };
  if (input.records.length === 0) {
    return {
      rows: [],
      problems: [{ line: 0, code: 'import.no_rows', message: 'The file has no rows.' }],
      notInFile: [],
    };
  }
  const byAgs = new Map(input.organisations.filter((o) => o.ags).map((o) => [o.ags as string, o]));
  const byName = new Map(input.organisations.map((o) => [o.name, o]));
  const byId = new Map(input.organisations.map((o) => [o.id, o]));
  const mappings = new Map((input.mappings ?? []).map((m) => [m.line, m]));
  const stored = new Map(input.stored.map((s) => [s.org, s]));
  const seen = new Map<string, number>();
  const rows: PreviewRow[] = [];

  for (const { line, values } of input.records) {
    const name = nameOf(values.municipality ?? '');
    const ags = values.ags?.trim() || undefined;
    let org = (ags ? byAgs.get(ags) : undefined)?.id ?? byName.get(name)?.id;
    let creates = false;
    const mapping = mappings.get(line);
    if (!org && mapping) {
      if ('create' in mapping) {
        org = input.newId(name);
        creates = true;
        if (byId.has(org)) {
          problems.push({
            line,
            code: 'import.mapping_invalid',
            message: `An organisation with the id ${org} exists already: map the row to it instead.`,
          });
        }
      } else if (byId.has(mapping.org)) org = mapping.org;
      else {
        problems.push({
          line,
          code: 'import.mapping_invalid',
          message: `The row is mapped to ${mapping.org}, which is no organisation.`,
        });
      }
    }
    if (!org) {
      if (!mapping) {
        problems.push({
          line,
          column: 'municipality',
          code: 'import.unknown_organisation',
          message: `No organisation is called "${name}"${ags ? ` or has the key ${ags}` : ''}: map it to one or create it.`,
          name,
          ...(ags ? { ags } : {}),
        });
      }
      continue;
    }
    const first = seen.get(org);
    if (first !== undefined) {
      problems.push({
        line,
        column: 'municipality',
        code: 'import.duplicate_organisation',
        message: `The organisation ${org} is named in line ${first} already.`,
      });
      continue;
    }
    seen.set(org, line);
    const amount = parseEuros(values.planning_frame_eur ?? '');
    if ('problem' in amount) {
      problems.push({
        line,
        column: 'planning_frame_eur',
        code: amount.problem === 'not_whole' ? 'import.amount_not_whole_euros' : 'import.amount_invalid',
        message:
          amount.problem === 'not_whole'
            ? `"${values.planning_frame_eur}" is not an amount in whole euros.`
            : `"${values.planning_frame_eur}" is not an amount.`,
      });
      continue;
    }
    const before = stored.get(org);
    if (before && amount.value < before.approved + before.inReview) {
      problems.push({
        line,
        column: 'planning_frame_eur',
        code: 'import.below_debited',
        message: `${amount.value} EUR is less than the ${before.approved + before.inReview} EUR already approved or in review.`,
      });
    }
    const persons = parseEuros(values.basis_persons ?? '');
    rows.push({
      line,
      org,
      name,
      ...(ags ? { ags } : {}),
      ...(values.district?.trim() ? { district: values.district.trim() } : {}),
      ...(values.electoral_district?.trim() ? { electoralDistrict: values.electoral_district.trim() } : {}),
      frame: amount.value,
      ...('value' in persons ? { persons: persons.value } : {}),
      rounded: ['yes', 'ja', 'true', '1'].includes((values.amount_is_rounded ?? '').trim().toLowerCase()),
      ...(values.source?.trim() ? { source: values.source.trim() } : {}),
      change: !before ? 'new' : before.frame === amount.value ? 'unchanged' : 'changed',
      ...(before ? { previousFrame: before.frame } : {}),
      ...(creates ? { createsOrganisation: true as const } : {}),
    });
  }

  for (const total of input.totals ?? []) {
    if (!total.complete) continue;
    const sum = rows
      .filter((r) => r.electoralDistrict === total.electoralDistrict)
      .reduce((s, r) => s + r.frame, 0);
    if (sum !== total.total) {
      problems.push({
        line: 0,
        code: 'import.total_mismatch',
        message: `The rows of ${total.electoralDistrict} add up to ${sum} EUR; the source states ${total.total} EUR as complete.`,
      });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  const inFile = new Set(rows.map((r) => r.org));
  return { rows, problems, notInFile: input.stored.map((s) => s.org).filter((o) => !inFile.has(o)) };
}
