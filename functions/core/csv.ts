/**
 * CSV export for spreadsheet users, chiefly Microsoft Excel with German settings (key figures, lists of
 * applications). Pure: builds a string, writes nothing.
 */

/** Options of {@link toCsv}. */
export interface CsvOptions {
  /**
   * Field separator, one character other than `"`, CR or LF. Default `;`: German Excel uses the list
   * separator of the system locale, which is `;` in Germany because `,` is the decimal mark.
   */
  separator?: string;
  /**
   * Decimal mark of numbers. Default: `,` when the separator is `;` (German Excel reads `1.5` as text or even
   * as the date 1 May, but `1,5` as a number), else `.`.
   */
  decimalMark?: ',' | '.';
  /** Start with a UTF-8 byte order mark, so Excel reads umlauts as UTF-8 rather than Windows-1252. Default true. */
  bom?: boolean;
}

/** UTF-8 byte order mark. */
export const BOM = '\uFEFF';

/**
 * First characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"), plus their
 * full-width forms, which some Excel versions convert to the ASCII ones on input.
 */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/**
 * Renders a table as CSV text for Excel: BOM first, `;`-separated, CRLF after every record (the last one too),
 * fields quoted per RFC 4180 where they hold the separator, a quote, CR or LF (quotes doubled).
 *
 * Cells:
 * - `null` and `undefined` → empty.
 * - numbers (and bigints) → plain digits with the decimal mark of the options, never grouped and never
 *   altered otherwise (so `-3` stays a negative number); `NaN` and infinities → empty.
 * - strings → as given (dates too: pass them formatted as they should appear).
 * - booleans → `true` / `false`; `Date` objects → ISO 8601 (`toISOString`); other objects → JSON.
 * - Formula injection is neutralised: a text cell (including the header) starting with `=`, `+`, `-`, `@`,
 *   TAB or CR gets a leading `'`, so the spreadsheet reads it as text and does not evaluate it (the `'` stays
 *   visible: better a visible mark than a formula run on a reviewer's machine).
 *
 * Throws a RangeError if the header is empty, a row has another number of cells than the header, or the
 * separator is not allowed.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
  options: CsvOptions = {},
): string {
  const separator = options.separator ?? ';';
  if ([...separator].length !== 1 || separator === '"' || separator === '\r' || separator === '\n') {
    throw new RangeError(`Not a CSV separator: ${JSON.stringify(separator)}`);
  }
  const decimalMark = options.decimalMark ?? (separator === ';' ? ',' : '.');
  if (header.length === 0) throw new RangeError('A CSV needs at least one column');

  const field = (value: unknown): string => quote(text(value, decimalMark), separator);
  const lines = [header.map(field).join(separator)];
  rows.forEach((row, i) => {
    if (row.length !== header.length) {
      throw new RangeError(`Row ${i} has ${row.length} cells, the header ${header.length}`);
    }
    lines.push(row.map(field).join(separator));
  });
  return `${options.bom === false ? '' : BOM}${lines.map((line) => `${line}\r\n`).join('')}`;
}

/** The cell's text, before quoting. */
function text(value: unknown, decimalMark: ',' | '.'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    // String() never groups digits; it uses exponent notation only below 1e-6 and from 1e21 on, which
    // spreadsheets read as numbers too.
    return decimalMark === '.' ? String(value) : String(value).replace('.', decimalMark);
  }
  if (typeof value === 'bigint') return String(value);
  let s: string;
  if (typeof value === 'string') s = value;
  else if (typeof value === 'boolean') s = String(value);
  else if (value instanceof Date) s = Number.isNaN(value.getTime()) ? '' : value.toISOString();
  else s = JSON.stringify(value) ?? '';
  return neutralise(s);
}

/** Prefixes text that a spreadsheet would evaluate as a formula with `'`. */
function neutralise(s: string): string {
  const first = s[0];
  return first !== undefined && FORMULA_START.has(first) ? `'${s}` : s;
}

/** Quotes a field per RFC 4180 if it holds the separator, a quote, CR or LF. */
function quote(s: string, separator: string): string {
  return s.includes(separator) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
