import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Organisation } from '#core/model';
import type { Allocation } from '#ports/allocation-store';

/** A stable id where no official municipality key (AGS) is known: a slug of the name. */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export interface AllocationRow {
  municipality: string;
  district: string;
  electoral_district: string;
  planning_frame_eur: string;
  amount_is_rounded: string;
  basis_persons: string;
  source: string;
}

export function readAllocationRows(file: string): AllocationRow[] {
  return parse(readFileSync(file, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as AllocationRow[];
}

/**
 * The organisations named in the state's allocation data: every applicant (a municipality, or a district
 * applying for all its municipalities) and every district, plus the granting authority.
 */
export function organisationsFromAllocations(rows: AllocationRow[]): Organisation[] {
  const orgs = new Map<string, Organisation>();
  for (const row of rows) {
    const district = row.district.trim();
    if (district) orgs.set(slug(district), { id: slug(district), name: district, type: 'district' });
    // "Landkreis Biberach (fuer alle 45 Gemeinden)": the district applies for its municipalities.
    const name = row.municipality.replace(/\s*\(.*\)\s*$/, '').trim();
    const isDistrict = /^Landkreis\b/.test(name) || name === district;
    const org: Organisation = isDistrict
      ? { id: slug(name), name, type: 'district' }
      : {
          id: slug(name),
          name,
          type: 'municipality',
          district,
          ...(row.electoral_district ? { electoralDistrict: row.electoral_district } : {}),
        };
    orgs.set(org.id, org);
  }
  orgs.set('rp-stuttgart', {
    id: 'rp-stuttgart',
    name: 'Regierungspräsidium Stuttgart (Bewilligungsstelle)',
    type: 'state',
  });
  return [...orgs.values()];
}

/** The planning frames of a round from the state's allocation data. */
export function allocationsFromRows(
  round: string,
  rows: AllocationRow[],
): Array<Omit<Allocation, 'approved' | 'inReview'>> {
  const orgs = new Map(organisationsFromAllocations(rows).map((o) => [o.name, o]));
  return rows.map((row) => {
    const name = row.municipality.replace(/\s*\(.*\)\s*$/, '').trim();
    const org = orgs.get(name);
    return {
      round,
      org: org?.id ?? slug(name),
      name,
      district: row.district,
      ...(row.electoral_district ? { electoralDistrict: row.electoral_district } : {}),
      frame: Number(row.planning_frame_eur),
      ...(row.basis_persons ? { persons: Number(row.basis_persons) } : {}),
      rounded: row.amount_is_rounded === 'yes',
      ...(row.source ? { source: row.source } : {}),
    };
  });
}
