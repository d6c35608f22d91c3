/**
 * The print model of a document (`core/documents/model.ts`) as JSON, for the browser's print view: the same
 * blocks the PDF is rendered from, so the page printed from the browser follows the same rules.
 */
import type { FromSchema } from 'json-schema-to-ts';

const text = { type: 'string', maxLength: 20_000 } as const;
const direction = { type: 'string', enum: ['ltr', 'rtl'] } as const;
/** One text per column (German first, then the person's language). */
const cells = { type: 'array', maxItems: 8, items: text } as const;
const asWritten = {
  type: 'object',
  additionalProperties: false,
  required: ['text', 'dir'],
  properties: { text, dir: direction },
} as const;

/** A translation of a text as written, printed beneath it. */
const translated = {
  type: 'object',
  additionalProperties: false,
  required: ['label', 'text', 'lang', 'dir'],
  properties: { label: cells, text, lang: { type: 'string', maxLength: 35 }, dir: direction },
} as const;

const block = {
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'level', 'text'],
      properties: { kind: { const: 'heading' }, level: { type: 'integer', enum: [1, 2, 3] }, text: cells },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'text'],
      properties: { kind: { const: 'paragraph' }, text: cells, tone: { const: 'notice' } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'label', 'value'],
      properties: {
        kind: { const: 'field' },
        label: cells,
        value: { oneOf: [cells, asWritten] },
        translation: translated,
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'header', 'rows'],
      properties: {
        kind: { const: 'table' },
        header: { type: 'array', maxItems: 20, items: cells },
        rows: { type: 'array', maxItems: 10_000, items: { type: 'array', maxItems: 20, items: cells } },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'title', 'lines', 'placeDate'],
      properties: {
        kind: { const: 'signatures' },
        title: cells,
        lines: { type: 'array', maxItems: 10, items: cells },
        placeDate: cells,
      },
    },
  ],
} as const;

export const printModel = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'lang', 'columns', 'running', 'pageLabel', 'blocks'],
  properties: {
    title: text,
    lang: { type: 'string', maxLength: 35 },
    columns: {
      type: 'array',
      minItems: 1,
      maxItems: 8,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['lang', 'dir', 'digits'],
        properties: {
          lang: { type: 'string', maxLength: 35 },
          dir: direction,
          digits: { type: 'string', maxLength: 40 },
        },
      },
    },
    running: cells,
    pageLabel: cells,
    blocks: { type: 'array', maxItems: 20_000, items: block },
  },
} as const;
export type PrintModel = FromSchema<typeof printModel>;
