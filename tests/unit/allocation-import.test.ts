/** The preview of an allocation upload: matching, problems by line, German amounts, totals, differences. */
import { describe, expect, it } from 'vitest';
import { type ImportRecord, parseEuros, previewImport } from '../../functions/core/allocation-import.ts';

const COLUMNS = ['municipality', 'district', 'electoral_district', 'planning_frame_eur', 'ags'];
const row = (
  line: number,
  municipality: string,
  amount: string,
  extra: Record<string, string> = {},
): ImportRecord => ({
  line,
  values: { municipality, planning_frame_eur: amount, electoral_district: 'Kirchheim unter Teck', ...extra },
});
const organisations = [
  { id: 'kirchheim-unter-teck', name: 'Kirchheim unter Teck', ags: '08116033' },
  { id: 'weilheim-an-der-teck', name: 'Weilheim an der Teck' },
  { id: 'notzingen', name: 'Notzingen' },
];
const preview = (records: ImportRecord[], more: Partial<Parameters<typeof previewImport>[0]> = {}) =>
  previewImport({
    columns: COLUMNS,
    records,
    organisations,
    stored: [],
    newId: (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    ...more,
  });

describe('parseEuros', () => {
  it('reads whole euros with or without German thousands separators', () => {
    expect(parseEuros('213349')).toEqual({ value: 213_349 });
    expect(parseEuros('213.349')).toEqual({ value: 213_349 });
    expect(parseEuros('1.213.349')).toEqual({ value: 1_213_349 });
    expect(parseEuros(' 213 349 ')).toEqual({ value: 213_349 });
  });
  it('refuses cents and what is no amount', () => {
    expect(parseEuros('213349,50')).toEqual({ problem: 'not_whole' });
    expect(parseEuros('213.349,50')).toEqual({ problem: 'not_whole' });
    expect(parseEuros('2133.5')).toEqual({ problem: 'not_whole' });
    expect(parseEuros('21.33')).toEqual({ problem: 'not_whole' });
    expect(parseEuros('-5')).toEqual({ problem: 'invalid' });
    expect(parseEuros('')).toEqual({ problem: 'invalid' });
    expect(parseEuros('zwölf')).toEqual({ problem: 'invalid' });
  });
});

describe('previewImport', () => {
  it('matches by key, then by exact name, and lists every problem by line', () => {
    const result = preview([
      row(2, 'Kirchheim (Teck)', '213.349', { ags: '08116033' }),
      row(3, 'Weilheim an der Teck', '67667,5'),
      row(4, 'Weilheim a. d. Teck', '67667'),
      row(5, 'Notzingen', '20000'),
      row(6, 'Notzingen', '20000'),
    ]);
    expect(result.rows.map((r) => [r.line, r.org, r.frame, r.change])).toEqual([
      [2, 'kirchheim-unter-teck', 213_349, 'new'],
      [5, 'notzingen', 20_000, 'new'],
    ]);
    expect(result.problems.map((p) => [p.line, p.code])).toEqual([
      [3, 'import.amount_not_whole_euros'],
      [4, 'import.unknown_organisation'],
      [6, 'import.duplicate_organisation'],
    ]);
    // An unmatched row names itself, for the admin to map it in the preview.
    expect(result.problems[1]).toMatchObject({ name: 'Weilheim a. d. Teck' });
    expect(result.problems[1]).not.toHaveProperty('ags');
  });

  it('applies the admin’s mappings: to an existing organisation or a new one', () => {
    const result = preview([row(2, 'Weilheim a. d. Teck', '67667'), row(3, 'Neustadt', '1000')], {
      mappings: [
        { line: 2, org: 'weilheim-an-der-teck' },
        { line: 3, create: true },
      ],
    });
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => [r.org, r.createsOrganisation ?? false])).toEqual([
      ['weilheim-an-der-teck', false],
      ['neustadt', true],
    ]);
    const wrong = preview([row(2, 'Neustadt', '1000')], { mappings: [{ line: 2, org: 'nowhere' }] });
    expect(wrong.problems.map((p) => p.code)).toEqual(['import.mapping_invalid']);
  });

  it('checks stated totals only where they are complete', () => {
    const records = [row(2, 'Kirchheim unter Teck', '213349'), row(3, 'Notzingen', '20000')];
    const totals = (complete: boolean) => [
      { electoralDistrict: 'Kirchheim unter Teck', total: 768_216, complete },
    ];
    expect(preview(records, { totals: totals(false) }).problems).toEqual([]);
    expect(preview(records, { totals: totals(true) }).problems.map((p) => p.code)).toEqual([
      'import.total_mismatch',
    ]);
    expect(
      preview(records, {
        totals: [{ electoralDistrict: 'Kirchheim unter Teck', total: 233_349, complete: true }],
      }).problems,
    ).toEqual([]);
  });

  it('shows the differences of a re-import and refuses a frame below what is already debited', () => {
    const stored = [
      { org: 'kirchheim-unter-teck', frame: 213_349, approved: 100_000, inReview: 50_000 },
      { org: 'notzingen', frame: 20_000, approved: 0, inReview: 0 },
      { org: 'weilheim-an-der-teck', frame: 67_667, approved: 0, inReview: 0 },
    ];
    const result = preview([row(2, 'Kirchheim unter Teck', '140.000'), row(3, 'Notzingen', '20000')], {
      stored,
    });
    expect(result.rows.map((r) => [r.org, r.change, r.previousFrame])).toEqual([
      ['kirchheim-unter-teck', 'changed', 213_349],
      ['notzingen', 'unchanged', 20_000],
    ]);
    expect(result.problems.map((p) => [p.line, p.code])).toEqual([[2, 'import.below_debited']]);
    expect(result.notInFile).toEqual(['weilheim-an-der-teck']);
  });

  it('names missing columns and an empty file', () => {
    expect(
      previewImport({ columns: ['municipality'], records: [], organisations, stored: [], newId: String })
        .problems,
    ).toEqual([
      expect.objectContaining({ line: 1, column: 'planning_frame_eur', code: 'import.missing_column' }),
    ]);
    expect(preview([]).problems.map((p) => p.code)).toEqual(['import.no_rows']);
  });
});
