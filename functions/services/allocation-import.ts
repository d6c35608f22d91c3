import { parse } from 'csv-parse/sync';
import {
  type ImportPreview,
  type ImportProblem,
  type ImportRecord,
  previewImport,
  type RowMapping,
} from '#core/allocation-import';
import { badRequest, forbidden, notFound } from '#core/errors';
import type { Actor } from '#core/model';
import type { AllocationStore } from '#ports/allocation-store';
import type { Directory } from '#ports/directory';
import type { RoundRegistry } from './funding-policy.ts';

export interface ImportResult extends ImportPreview {
  dryRun: boolean;
  written: boolean;
  summary: { new: number; changed: number; unchanged: number };
}

/** The CSV of an upload as records with their line numbers: UTF-8 with or without BOM, comma or semicolon. */
export function readImportCsv(text: string): { columns: string[]; records: ImportRecord[] } | ImportProblem {
  const body = text.replace(/^\uFEFF/, '');
  const header = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  let columns: string[] = [];
  try {
    const rows = parse(body, {
      delimiter,
      columns: (names: string[]) => {
        columns = names.map((n) => n.trim().toLowerCase());
        return columns;
      },
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
    return { columns, records: rows.map((r) => ({ line: r.info.lines, values: r.record })) };
  } catch (error) {
    const line =
      typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 0;
    return { line, code: 'import.malformed', message: (error as Error).message.slice(0, 300) };
  }
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Planning frames by upload (admin): a preview with every problem by line and each row's difference to the
 * stored frames, and the import itself, which writes every row or none and never lowers a frame below what
 * approvals have debited or applications reserved.
 */
export class AllocationImportService {
  constructor(
    private readonly allocations: AllocationStore,
    private readonly directory: Directory,
    private readonly rounds: Pick<RoundRegistry, 'current'>,
  ) {}

  async upload(
    actor: Actor,
    roundId: string,
    csv: string,
    options: { dryRun: boolean; mappings?: readonly RowMapping[] },
  ): Promise<ImportResult> {
    if (!actor.roles.includes('admin'))
      throw forbidden('import.forbidden', 'Only an admin may upload planning frames.');
    if (!(await this.rounds.current(roundId)))
      throw notFound('round.not_found', `There is no published round ${roundId}.`);
    const file = readImportCsv(csv);
    const [organisations, stored] = await Promise.all([
      this.directory.listOrganisations(),
      this.allocations.list(roundId),
    ]);
    const preview: ImportPreview =
      'code' in file
        ? { rows: [], problems: [file], notInFile: [] }
        : previewImport({
            ...file,
            organisations,
            stored,
            ...(options.mappings ? { mappings: options.mappings } : {}),
            newId: slug,
          });
    const count = (change: string) => preview.rows.filter((r) => r.change === change).length;
    const result = (written: boolean): ImportResult => ({
      ...preview,
      dryRun: options.dryRun,
      written,
      summary: { new: count('new'), changed: count('changed'), unchanged: count('unchanged') },
    });
    if (options.dryRun) return result(false);
    if (preview.problems.length > 0) {
      throw badRequest(
        'import.invalid',
        `The file has ${preview.problems.length} problem(s); nothing was saved.`,
        preview.problems.slice(0, 100).map((p) => ({
          pointer: `/lines/${p.line}${p.column ? `/${p.column}` : ''}`,
          message: p.message,
          code: p.code,
        })),
      );
    }
    const known = new Map(organisations.map((o) => [o.id, o]));
    // What this import did to the organisations, to be taken back if the frames cannot be written: a failed
    // import leaves nothing behind, not even an organisation created for one of its rows.
    const created: string[] = [];
    const keyed: { id: string; previous: string | undefined }[] = [];
    try {
      for (const row of preview.rows) {
        const org = known.get(row.org);
        if (row.createsOrganisation) {
          await this.directory.putOrganisation({
            id: row.org,
            name: row.name,
            type: 'municipality',
            ...(row.district ? { district: row.district } : {}),
            ...(row.electoralDistrict ? { electoralDistrict: row.electoralDistrict } : {}),
            ...(row.ags ? { ags: row.ags } : {}),
          });
          created.push(row.org);
        } else if (org && row.ags && org.ags !== row.ags) {
          await this.directory.setAgs(org.id, row.ags);
          keyed.push({ id: org.id, previous: org.ags });
        }
      }
      await this.allocations.importFrames(
        preview.rows.map((row) => ({
          frame: {
            round: roundId,
            org: row.org,
            name: row.name,
            ...(row.district ? { district: row.district } : {}),
            ...(row.electoralDistrict ? { electoralDistrict: row.electoralDistrict } : {}),
            frame: row.frame,
            ...(row.persons !== undefined ? { persons: row.persons } : {}),
            rounded: row.rounded,
            ...(row.source ? { source: row.source } : {}),
          },
          expectedFrame: row.previousFrame ?? null,
        })),
      );
    } catch (error) {
      for (const id of created) await this.directory.deleteOrganisation(id);
      for (const { id, previous } of keyed) await this.directory.setAgs(id, previous);
      throw error;
    }
    return result(true);
  }
}
