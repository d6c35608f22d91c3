import { describe, expect, it } from 'vitest';
import { BOM, toCsv } from '../../functions/core/csv.ts';

/** The CSV without BOM, split into records (the text after the final CRLF is empty). */
const records = (csv: string) => {
  expect(csv.startsWith(BOM)).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice(1, -2).split('\r\n');
};

/** One cell rendered on its own, without BOM and line end. */
const cell = (value: unknown, options = {}) => {
  const csv = toCsv(['x'], [[value]], { ...options, bom: false });
  expect(csv.startsWith('x\r\n') && csv.endsWith('\r\n')).toBe(true);
  return csv.slice(3, -2);
};

describe('toCsv: layout for German Excel', () => {
  it('writes a BOM, a ;-separated header and rows, each ended by CRLF', () => {
    const csv = toCsv(
      ['Kommune', 'Pläne', 'Ziele'],
      [
        ['Notzingen', 12, 30],
        ['Weilheim an der Teck', 7, 19],
      ],
    );
    expect(csv).toBe('\uFEFFKommune;Pläne;Ziele\r\nNotzingen;12;30\r\nWeilheim an der Teck;7;19\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe('\uFEFFa;b\r\n');
  });

  it('leaves the BOM out on request', () => {
    expect(toCsv(['a'], [[1]], { bom: false })).toBe('a\r\n1\r\n');
  });

  it('takes another separator, with . as the default decimal mark for it', () => {
    expect(toCsv(['a', 'b'], [[1.5, 'x,y']], { separator: ',' })).toBe('\uFEFFa,b\r\n1.5,"x,y"\r\n');
    expect(toCsv(['a', 'b'], [[1.5, 'x;y']], { separator: '\t' })).toBe('\uFEFFa\tb\r\n1.5\tx;y\r\n');
  });

  it('rejects separators that cannot work', () => {
    for (const separator of ['', ';;', '"', '\r', '\n']) {
      expect(() => toCsv(['a'], [], { separator })).toThrow(RangeError);
    }
  });

  it('rejects an empty header and rows that do not match the header', () => {
    expect(() => toCsv([], [])).toThrow(RangeError);
    expect(() => toCsv(['a', 'b'], [['1']])).toThrow(/Row 0 has 1 cells, the header 2/);
    expect(() => toCsv(['a'], [['1'], ['1', '2']])).toThrow(/Row 1/);
  });
});

describe('toCsv: quoting per RFC 4180', () => {
  it('quotes fields with the separator, a quote, CR or LF, and doubles quotes', () => {
    expect(cell('a;b')).toBe('"a;b"');
    expect(cell('Kurs "B1"')).toBe('"Kurs ""B1"""');
    expect(cell('Zeile 1\nZeile 2')).toBe('"Zeile 1\nZeile 2"');
    expect(cell('a\r\nb')).toBe('"a\r\nb"');
    expect(cell('a,b')).toBe('a,b');
  });

  it('keeps a quoted line break inside its record', () => {
    const csv = toCsv(['a', 'b'], [['x\r\ny', 'z']]);
    expect(csv).toBe('\uFEFFa;b\r\n"x\r\ny";z\r\n');
  });

  it('keeps spaces and umlauts as they are', () => {
    expect(records(toCsv(['Straße'], [['  Größe  ']]))).toEqual(['Straße', '  Größe  ']);
  });
});

describe('toCsv: values', () => {
  it('writes null and undefined as empty cells', () => {
    expect(records(toCsv(['a', 'b', 'c'], [[null, undefined, '']]))).toEqual(['a;b;c', ';;']);
  });

  it('writes numbers with a decimal comma by default, without grouping', () => {
    expect(cell(1.5)).toBe('1,5');
    expect(cell(213349)).toBe('213349');
    expect(cell(796.08)).toBe('796,08');
    expect(cell(0)).toBe('0');
    expect(cell(-0)).toBe('0');
    expect(cell(1e21)).toBe('1e+21');
  });

  it('writes numbers with a decimal point when asked', () => {
    expect(cell(1.5, { decimalMark: '.' })).toBe('1.5');
    expect(cell(-796.08, { decimalMark: '.' })).toBe('-796.08');
  });

  it('quotes a decimal comma if the separator is a comma too', () => {
    expect(toCsv(['a'], [[1.5]], { separator: ',', decimalMark: ',', bom: false })).toBe('a\r\n"1,5"\r\n');
  });

  it('writes NaN and infinities as empty cells', () => {
    expect(cell(Number.NaN)).toBe('');
    expect(cell(Number.POSITIVE_INFINITY)).toBe('');
    expect(cell(Number.NEGATIVE_INFINITY)).toBe('');
  });

  it('writes strings, and dates given as strings, as given', () => {
    expect(cell('2018-09-30')).toBe('2018-09-30');
    expect(cell('30.09.2018')).toBe('30.09.2018');
    expect(cell('1.5')).toBe('1.5');
  });

  it('writes booleans, bigints, Date objects and other objects in a fixed form', () => {
    expect(cell(true)).toBe('true');
    expect(cell(false)).toBe('false');
    expect(cell(12345678901234567890n)).toBe('12345678901234567890');
    expect(cell(new Date('2025-12-31T23:30:00Z'))).toBe('2025-12-31T23:30:00.000Z');
    expect(cell(new Date('invalid'))).toBe('');
    expect(cell({ a: 1 })).toBe('"{""a"":1}"');
    expect(cell(['x', 'y'])).toBe('"[""x"",""y""]"');
  });
});

describe('toCsv: formula injection', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://example.org";"klick")', `"'=HYPERLINK(""http://example.org"";""klick"")"`],
    ['+49 7021 1234', "'+49 7021 1234"],
    ['-5', "'-5"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['\uFF1D1+1', "'\uFF1D1+1"],
  ])('prefixes %j with an apostrophe', (input, expected) => {
    expect(cell(input)).toBe(expected);
  });

  it('leaves text alone that only contains those characters later on', () => {
    expect(cell('a=b')).toBe('a=b');
    expect(cell('E-Mail')).toBe('E-Mail');
    expect(cell(" '=quoted")).toBe(" '=quoted");
    expect(cell('')).toBe('');
  });

  it('does not alter real numbers, negative ones included', () => {
    expect(cell(-5)).toBe('-5');
    expect(cell(-1.25)).toBe('-1,25');
    expect(cell(-12n)).toBe('-12');
    expect(cell(1e-7)).toBe('1e-7');
  });

  it('neutralises header cells too', () => {
    expect(toCsv(['=cmd', 'ok'], [], { bom: false })).toBe("'=cmd;ok\r\n");
  });

  it('neutralises text made from other values, but not numbers in exponent notation', () => {
    expect(cell(-Number.MAX_VALUE)).toBe('-1,7976931348623157e+308');
    expect(cell(['=1+1'])).toBe('"[""=1+1""]"');
    expect(cell(new Date('-000001-01-01T00:00:00Z'))).toBe("'-000001-01-01T00:00:00.000Z");
  });
});
