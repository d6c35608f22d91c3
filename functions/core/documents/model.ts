/**
 * A small document model for everything the platform prints: pure data, built by pure code and turned into
 * PDF by a renderer adapter. Documents may show several languages side by side ("columns"): every text that
 * exists per language is a `Cells` array with one entry per column, in the order of `DocumentModel.columns`.
 * Free text stays as written and spans all columns.
 */

export type Direction = 'ltr' | 'rtl';

/** One language shown in the document; the first column is the authoritative one. */
export interface Column {
  /** BCP 47 code (`de`, `ar`, `uk`, `fa-AF`). */
  lang: string;
  dir: Direction;
  /** The ten digits of the reader's numbering system (`0123456789`, `٠١٢٣٤٥٦٧٨٩`), for page numbers. */
  digits: string;
}

/** One text per column. */
export type Cells = string[];

/** A value written by a person, printed as written in the direction of its own script. */
export interface AsWritten {
  text: string;
  dir: Direction;
}

/** A translation of a text as written ("Übersetzung"), printed beneath it in its own language and direction. */
export interface Translated {
  /** "Übersetzung (Arabisch)" per column. */
  label: Cells;
  text: string;
  /** BCP 47 code of the translation. */
  lang: string;
  dir: Direction;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: Cells }
  | { kind: 'paragraph'; text: Cells; tone?: 'notice' }
  /** A labelled value: the label per column; the value per column (options, dates, yes/no) or as written. */
  | { kind: 'field'; label: Cells; value: Cells | AsWritten; translation?: Translated }
  /**
   * A table (one row per item), for lists such as a history or an access log. Each cell holds one text per
   * column, or a single text printed once as written (names, checksums).
   */
  | { kind: 'table'; header: Cells[]; rows: Cells[][] }
  /** Lines to sign on, under their heading: per line, who signs; each has a place-and-date line beside it. */
  | { kind: 'signatures'; title: Cells; lines: Cells[]; placeDate: Cells };

export interface DocumentModel {
  /** The title in the document's metadata (all columns' titles, joined). */
  title: string;
  /** The document's main language (the first column's). */
  lang: string;
  columns: Column[];
  /** Printed at the top of every page (e.g. the draft marker), per column; empty for none. */
  running: Cells;
  /** The page footer per column, with `{n}` and `{total}` placeholders. */
  pageLabel: Cells;
  blocks: Block[];
}

export const isAsWritten = (value: Cells | AsWritten): value is AsWritten =>
  !Array.isArray(value) && typeof value === 'object';

/** Strong right-to-left characters: Arabic, Hebrew, Syriac, Thaana, N'Ko and their presentation forms. */
const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const STRONG_CHAR = /[\p{L}]/u;

/** The direction of a written text: that of its first strong (letter) character. */
export function directionOf(text: string): Direction {
  for (const ch of text) {
    if (RTL_CHAR.test(ch)) return 'rtl';
    if (STRONG_CHAR.test(ch)) return 'ltr';
  }
  return 'ltr';
}
