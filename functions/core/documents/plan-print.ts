import type { FormTexts } from '../forms.ts';
import { encodeToken } from '../json-pointer.ts';
import { isObject, type JsonObject } from '../model.ts';
import type { Translations } from '../translations.ts';
import { column, directionOfLanguage, fill, formatDate, formatInteger } from './locale.ts';
import { type Block, type Cells, type DocumentModel, directionOf, type Translated } from './model.ts';

/**
 * The integration plan as a document for the person to read and sign (issue "the plan in the person's own
 * language"): German, which is authoritative, beside the person's language, section by section. Labels and
 * option names come from the form's texts (`fields`, keyed by JSON pointer into the schema); the print's own
 * words from their `print` section; whatever a language lacks is taken from German. Free text is printed as
 * written. No technical data: no internal ids, no form version, no save history; empty fields are left out.
 */

/** The print's own words (the `print` section of a language file). */
export const PRINT_KEYS = [
  'title',
  'draftMarker',
  'translationUnchecked',
  'translationOf',
  'authoritative',
  'revision',
  'agreedOn',
  'hash',
  'signatures',
  'signaturePerson',
  'signatureManager',
  'signatureInterpreter',
  'placeDate',
  'page',
  'consentStorage',
  'consentHealth',
  'consentSharing',
  'yes',
  'no',
  'exportTitle',
  'exportRevisions',
  'exportHistory',
  'exportAccessLog',
  'exportState',
  'exportStatus',
  'exportWhen',
  'exportWho',
  'exportWhat',
  'exportRevision',
  'exportCreated',
  'exportSaved',
  'exportAssigned',
  'exportConsent',
  'exportMigrated',
  'exportSubmit',
  'exportApprove',
  'exportReturn',
  'exportAmend',
  'exportView',
  'exportHistoryRead',
  'exportRevisionRead',
  'exportDiff',
  'exportAttachment',
  'exportExport',
  'exportPrint',
  'exportNone',
] as const;
export type PrintKey = (typeof PRINT_KEYS)[number];

/** A language file of the plan: the form texts plus the print's words and the file's review status. */
export type PlanTexts = Pick<FormTexts, 'title' | 'description' | 'states' | 'fields'> & {
  print?: Partial<Record<PrintKey, string>>;
  meta?: { reviewStatus?: string; direction?: string };
};

/** Which state of the plan is printed. */
export type PlanSource =
  | { kind: 'revision'; n: number; sha256: string; agreedOn: string | null }
  | { kind: 'working' };

export interface PlanPrintInput {
  schema: JsonObject;
  uiSchema: JsonObject;
  german: PlanTexts;
  /** The person's language beside German; none for a German-only print. */
  other?: { lang: string; texts: PlanTexts };
  data: JsonObject;
  /** Translations of free text beside the data, by the field's JSON pointer; printed beneath their text. */
  translations?: Translations;
  source: PlanSource;
}

/** Schema nodes never printed: ids the platform assigns and references to them are not for the person. */
const OMITTED_POINTERS = new Set(['/properties/reviews/items/properties/changedGoals']);

/** Consents get names of their own on paper: "Einwilligung" three times would not say what was agreed. */
const CONSENT_TITLES: Record<string, PrintKey> = {
  '/consent/storage': 'consentStorage',
  '/consent/health': 'consentHealth',
};
const SHARING_ITEM = /^\/consent\/sharing\/\d+$/;
/** Where the plan's schema lists the languages a person may speak (with their names in every language file). */
const PERSON_LANGUAGE_POINTER = '/properties/person/properties/language';

type Schema = JsonObject & {
  $ref?: string;
  title?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  readOnly?: boolean;
  properties?: Record<string, Schema>;
  items?: Schema;
};
type Ui = Record<string, unknown>;

/** True if a value has anything to print. */
function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.some(present);
  if (isObject(value)) return Object.values(value).some(present);
  return true;
}

/** What every print of a plan starts from: the form, its texts and the data. */
export type PlanContent = Omit<PlanPrintInput, 'source'>;

/**
 * The machinery shared by the plan's documents: the language columns, the print's words per column, and the
 * plan's data as blocks, section by section.
 */
export function planPrinter(input: PlanContent) {
  const { schema, uiSchema, german, other, data, translations } = input;
  const langs: Array<{ lang: string; texts: PlanTexts }> = [{ lang: 'de', texts: german }];
  if (other && other.lang !== 'de') langs.push(other);
  const columns = langs.map(({ lang, texts }) => column(lang, lang === 'de' ? 'ltr' : texts.meta?.direction));

  const word = (key: PrintKey): Cells =>
    langs.map(({ texts }) => texts.print?.[key] ?? german.print?.[key] ?? key);
  const each = (f: (lang: string, i: number) => string): Cells => langs.map(({ lang }, i) => f(lang, i));

  /** Resolves a local `$ref`, keeping the referring node's own title; returns the pointer its children hang on. */
  const resolve = (node: Schema, pointer: string): { node: Schema; base: string } => {
    if (typeof node.$ref !== 'string' || !node.$ref.startsWith('#/')) return { node, base: pointer };
    const base = node.$ref.slice(1);
    let target: unknown = schema;
    for (const token of base.slice(1).split('/')) target = isObject(target) ? target[token] : undefined;
    if (!isObject(target)) return { node, base: pointer };
    return { node: { ...(target as Schema), ...(node.title ? { title: node.title } : {}) }, base };
  };

  const fieldTexts = (texts: PlanTexts, pointers: string[]) => {
    for (const p of pointers) {
      const t = texts.fields?.[p];
      if (t) return t;
    }
    return undefined;
  };

  /** The label of a schema node per column: the language's text, else German's, else the schema's title. */
  const label = (node: Schema, pointers: string[], fallback: string): Cells =>
    langs.map(
      ({ texts }) =>
        fieldTexts(texts, pointers)?.title ?? fieldTexts(german, pointers)?.title ?? node.title ?? fallback,
    );

  const optionLabel = (node: Schema, pointers: string[], ui: Ui, value: unknown): Cells => {
    const index = node.enum?.indexOf(value) ?? -1;
    const uiNames = Array.isArray(ui['ui:enumNames']) ? (ui['ui:enumNames'] as unknown[]) : undefined;
    return langs.map(({ texts }) => {
      const names =
        fieldTexts(texts, pointers)?.enumNames ?? fieldTexts(german, pointers)?.enumNames ?? uiNames;
      const name = index >= 0 ? names?.[index] : undefined;
      return typeof name === 'string' && name !== '' ? name : String(value);
    });
  };

  const blocks: Block[] = [];

  /** Prints one value; returns false when there was nothing to print. */
  const emit = (
    rawNode: Schema,
    pointer: string,
    dataPath: string,
    ui: Ui,
    value: unknown,
    key: string,
    level: number,
  ): boolean => {
    if (!present(value) || OMITTED_POINTERS.has(pointer) || rawNode.readOnly) return false;
    const { node, base } = resolve(rawNode, pointer);
    if (node.readOnly) return false;
    const pointers = base === pointer ? [pointer] : [pointer, base];
    const title = label(node, pointers, key);

    if (isObject(value)) {
      const start = blocks.length;
      blocks.push({ kind: 'heading', level: headingLevel(level), text: headingText(dataPath, title) });
      const printed = emitProperties(node, base, dataPath, ui, value, level + 1);
      if (!printed) blocks.length = start;
      return printed;
    }

    if (Array.isArray(value)) {
      const items = resolve(node.items ?? {}, `${base}/items`);
      const itemUi = isObject(ui.items) ? (ui.items as Ui) : {};
      const itemPointers = [`${base}/items`, items.base];
      if (isObject(items.node.properties) || value.some(isObject)) {
        const start = blocks.length;
        blocks.push({ kind: 'heading', level: headingLevel(level), text: title });
        const itemTitle = label(items.node, itemPointers, key);
        let printed = false;
        value.forEach((item, i) => {
          if (!isObject(item) || !present(item)) return;
          const itemPath = `${dataPath}/${i}`;
          const heading = SHARING_ITEM.test(itemPath)
            ? word('consentSharing')
            : each((lang, c) => `${itemTitle[c]} ${formatInteger(lang, i + 1)}`);
          const itemStart = blocks.length;
          blocks.push({ kind: 'heading', level: headingLevel(level + 1), text: heading });
          if (emitProperties(items.node, items.base, itemPath, itemUi, item, level + 2)) printed = true;
          else blocks.length = itemStart;
        });
        if (!printed) blocks.length = start;
        return printed;
      }
      const shown = value.filter(present);
      if (items.node.enum) {
        const names = shown.map((v) => optionLabel(items.node, itemPointers, itemUi, v));
        blocks.push({
          kind: 'field',
          label: title,
          value: each((_, c) => names.map((n) => n[c]).join(', ')),
        });
      } else {
        const text = shown.map(String).join(', ');
        blocks.push({ kind: 'field', label: title, value: { text, dir: directionOf(text) } });
      }
      return true;
    }

    const shown = scalar(node, pointers, ui, value);
    const translation = Array.isArray(shown) ? undefined : translationAt(dataPath);
    blocks.push({ kind: 'field', label: title, value: shown, ...(translation ? { translation } : {}) });
    return true;
  };

  /**
   * A language's name per column: as the plan's own list of languages names it (`Dari/Farsi`, `دری / فارسی`),
   * else as the reader's locale does.
   */
  const languageNames = (code: string): Cells => {
    const person = (schema as Schema).properties?.person;
    const node = person?.properties?.language;
    const ui =
      isObject(uiSchema.person) && isObject(uiSchema.person.language) ? uiSchema.person.language : {};
    if (node?.enum?.includes(code)) return optionLabel(node, [PERSON_LANGUAGE_POINTER], ui as Ui, code);
    return each((lang) => languageName(lang, code));
  };

  /** The translation of the text at a data pointer, labelled "Übersetzung (<language>)" in every column. */
  const translationAt = (dataPath: string): Translated | undefined => {
    const t = translations && Object.hasOwn(translations, dataPath) ? translations[dataPath] : undefined;
    if (!t || t.text.trim() === '') return undefined;
    const template = word('translationOf');
    const names = languageNames(t.lang);
    return {
      label: each((_, c) => fill(template[c] ?? '', { language: names[c] ?? t.lang })),
      text: t.text,
      lang: t.lang,
      dir: directionOfLanguage(t.lang),
    };
  };

  const scalar = (node: Schema, pointers: string[], ui: Ui, value: unknown) => {
    if (node.enum) return optionLabel(node, pointers, ui, value);
    if (typeof value === 'boolean') return word(value ? 'yes' : 'no');
    if (typeof value === 'number')
      return each((lang) =>
        Number.isInteger(value) ? formatInteger(lang, value) : new Intl.NumberFormat(lang).format(value),
      );
    const text = String(value);
    if (node.format === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(text))
      return each((lang) => formatDate(lang, text));
    return { text, dir: directionOf(text) };
  };

  const headingText = (dataPath: string, title: Cells): Cells => {
    const key = CONSENT_TITLES[dataPath];
    return key ? word(key) : title;
  };

  const emitProperties = (
    node: Schema,
    base: string,
    dataPath: string,
    ui: Ui,
    value: JsonObject,
    level: number,
  ): boolean => {
    let printed = false;
    for (const key of orderOf(node, ui)) {
      const child = node.properties?.[key];
      if (!child) continue;
      const childUi = isObject(ui[key]) ? (ui[key] as Ui) : {};
      const pointer = `${base}/properties/${encodeToken(key)}`;
      if (emit(child, pointer, `${dataPath}/${encodeToken(key)}`, childUi, value[key], key, level))
        printed = true;
    }
    return printed;
  };

  /** The plan's data, section by section (level-2 headings), empty sections left out. */
  const sections = (): Block[] => {
    blocks.length = 0;
    const rootUi = uiSchema as Ui;
    for (const key of orderOf(schema as Schema, rootUi)) {
      const child = (schema as Schema).properties?.[key];
      if (!child) continue;
      const childUi = isObject(rootUi[key]) ? (rootUi[key] as Ui) : {};
      emit(child, `/properties/${encodeToken(key)}`, `/${encodeToken(key)}`, childUi, data[key], key, 2);
    }
    return [...blocks];
  };

  const title = (key: PrintKey): Cells =>
    langs.map(({ texts }) => texts.print?.[key] ?? german.print?.[key] ?? texts.title ?? german.title ?? key);

  return { langs, columns, word, each, title, sections };
}

/** The plan for the person to read and sign. */
export function buildPlanDocument(input: PlanPrintInput): DocumentModel {
  const { source, data } = input;
  const { langs, columns, word, each, title, sections } = planPrinter(input);
  const blocks: Block[] = [];

  // Title, which state is printed, and what is authoritative.
  blocks.push({ kind: 'heading', level: 1, text: title('title') });
  if (source.kind === 'working' || source.agreedOn === null) {
    blocks.push({ kind: 'paragraph', tone: 'notice', text: word('draftMarker') });
  }
  if (source.kind === 'revision') {
    const revision = word('revision');
    const agreed = word('agreedOn');
    blocks.push({
      kind: 'paragraph',
      text: each((lang, c) => {
        const n = fill(revision[c] ?? '', { n: formatInteger(lang, source.n) });
        return source.agreedOn
          ? `${n} · ${fill(agreed[c] ?? '', { date: formatDate(lang, source.agreedOn) })}`
          : n;
      }),
    });
    blocks.push({
      kind: 'field',
      label: word('hash'),
      value: { text: `SHA-256 ${source.sha256}`, dir: 'ltr' },
    });
  }
  if (langs.length > 1) {
    blocks.push({ kind: 'paragraph', text: word('authoritative') });
    if (langs.slice(1).some(({ texts }) => texts.meta?.reviewStatus !== 'reviewed'))
      blocks.push({ kind: 'paragraph', tone: 'notice', text: word('translationUnchecked') });
  }

  blocks.push(...sections());

  const lines: Cells[] = [word('signaturePerson'), word('signatureManager')];
  if (interpreterTookPart(data)) lines.push(word('signatureInterpreter'));
  blocks.push({ kind: 'signatures', title: word('signatures'), lines, placeDate: word('placeDate') });

  const titles = blocks[0]?.kind === 'heading' ? blocks[0].text : [];
  return {
    title: [...new Set(titles)].join(' / '),
    lang: 'de',
    columns,
    running: source.kind === 'working' || source.agreedOn === null ? word('draftMarker') : [],
    pageLabel: word('page'),
    blocks,
  };
}

/** A language's name as a reader of `reader` writes it ("Arabisch", "العربية"), else its code. */
function languageName(reader: string, code: string): string {
  try {
    return new Intl.DisplayNames([reader], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const headingLevel = (level: number): 1 | 2 | 3 => (level <= 1 ? 1 : level === 2 ? 2 : 3);

/** The order of an object's properties: the UI schema's `ui:order` (with `*`), then the schema's. */
function orderOf(node: Schema, ui: Ui): string[] {
  const keys = Object.keys(node.properties ?? {});
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as string[]) : [];
  const listed = order.filter((k) => k !== '*' && keys.includes(k));
  return [...listed, ...keys.filter((k) => !listed.includes(k))];
}

/** Whether an interpreter or language mediator took part in any of the plan's consents. */
export function interpreterTookPart(data: JsonObject): boolean {
  const consent = isObject(data.consent) ? data.consent : {};
  const records = [
    consent.storage,
    consent.health,
    ...(Array.isArray(consent.sharing) ? consent.sharing : []),
  ];
  return records.some((r) => isObject(r) && r.interpreter === true);
}
