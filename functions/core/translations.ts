/**
 * Translations of free text ("Übersetzung"). Free text in a plan stays as written; beside a field's text a
 * translation into German, or into the person's language, may be kept. Like raw text (`raw-text.ts`) the
 * translations live beside the data, as a map JSON pointer of the field → translation, travel with the save
 * and are frozen with a revision. Only fields of free text can carry one (no choices, dates or patterns), and
 * a translation whose field holds no text any more, or another text than the one it translates, is dropped:
 * there are never translations of nothing, and a translation never moves to another text (a list item
 * removed above it shifts the pointers).
 */
import type { ErrorDetail } from './errors.ts';
import { encodeToken, parsePointer, readPointer } from './json-pointer.ts';
import { type FieldTranslation, isObject, type JsonObject, type Translations } from './model.ts';
import { ownValue, setOwn } from './own.ts';
import { expand } from './validation.ts';

/** At most this many translations per plan; a translation is at most as long as its field, or this. */
export const MAX_TRANSLATIONS = 200;
export const MAX_TRANSLATION_LENGTH = 4000;

export type { FieldTranslation, Translations } from './model.ts';

/**
 * A translation as a save sends it; who wrote it and when is the server's to say. `sourceHash` says which text
 * it translates; without one it is taken as a translation of the field's text now.
 */
export interface TranslationInput {
  lang: string;
  text: string;
  sourceHash?: string;
}

/**
 * A short fingerprint of a text (53-bit cyrb53, hex): which text a translation was made of, without keeping
 * that text twice. Not a security measure; the browser computes the same with this function.
 */
export function textFingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

type Schema = Record<string, unknown>;

/** The schemas that describe the value at a data pointer (every composed one); none if the form has no such field. */
export function schemasAt(root: Schema, pointer: string): Schema[] {
  let tokens: string[];
  try {
    tokens = parsePointer(pointer);
  } catch {
    return [];
  }
  let current = expand(root, root);
  for (const token of tokens) {
    const next: Schema[] = [];
    for (const s of current) {
      if (/^(0|[1-9]\d*)$/.test(token) && s.items !== undefined && s.items !== true)
        next.push(...expand(s.items, root));
      const child = isObject(s.properties) ? ownValue(s.properties, token) : undefined;
      if (child !== undefined) next.push(...expand(child, root));
    }
    if (next.length === 0) return [];
    current = next;
  }
  return current;
}

/**
 * The field at a pointer if it holds free text: a string without a list of choices, a format (dates), a
 * pattern (ids, codes) or a value the platform assigns. Its limit is the field's own `maxLength`, else
 * {@link MAX_TRANSLATION_LENGTH}.
 */
export function freeTextField(root: Schema, pointer: string): { maxLength: number } | undefined {
  const schemas = schemasAt(root, pointer);
  if (schemas.length === 0 || pointer === '') return undefined;
  let isString = false;
  let maxLength = MAX_TRANSLATION_LENGTH;
  for (const s of schemas) {
    if (s.type !== undefined) {
      if (s.type !== 'string') return undefined;
      isString = true;
    }
    if (s.enum !== undefined || s.const !== undefined || s.format !== undefined || s.pattern !== undefined)
      return undefined;
    if (s.readOnly === true) return undefined;
    if (typeof s.maxLength === 'number') maxLength = Math.min(maxLength, s.maxLength);
  }
  return isString ? { maxLength } : undefined;
}

/** The languages a plan's free text may be translated into: German, and the language the plan records. */
export function translationLanguages(data: JsonObject): string[] {
  const person = data.person;
  const lang = isObject(person) ? person.language : undefined;
  return typeof lang === 'string' && lang !== 'de' ? ['de', lang] : ['de'];
}

const problemAt = (pointer: string, code: string, message: string): ErrorDetail => ({
  pointer: `/translations/${encodeToken(pointer)}`,
  message,
  code,
});

/** The text at a pointer, if the data holds one there (a translation of it may be kept). */
const textAt = (data: JsonObject, pointer: string): string | undefined => {
  const value = readPointer(data, pointer);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

/**
 * The translations a save keeps, or what is wrong with the ones it sent. A translation is refused (with a
 * detail per entry) if its pointer names no free-text field of the form (`translation.not_free_text`), its
 * language is neither German nor the person's (`translation.bad_language`; one kept unchanged stays valid
 * when the person's language changes) or it is longer than its field
 * allows (`translation.too_long`). An empty text removes a translation; one whose field holds no text, or
 * not the text it names by `sourceHash`, is dropped. A translation sent unchanged keeps who wrote it and when.
 */
export function settleTranslations(input: {
  schema: Schema;
  data: JsonObject;
  sent: Record<string, TranslationInput> | undefined;
  previous: Translations | undefined;
  by: { sub: string; name: string };
  at: string;
}): { translations: Translations; problems: ErrorDetail[] } {
  const { schema, data, sent, previous, by, at } = input;
  const languages = translationLanguages(data);
  const translations: Translations = {};
  const problems: ErrorDetail[] = [];
  for (const [pointer, sentEntry] of Object.entries(sent ?? {})) {
    const field = freeTextField(schema, pointer);
    if (!field) {
      problems.push(problemAt(pointer, 'translation.not_free_text', 'is not a free-text field of the form'));
      continue;
    }
    const { lang, text } = sentEntry;
    const source = textAt(data, pointer);
    if (text.trim() === '' || source === undefined) continue;
    const sourceHash = textFingerprint(source);
    // Made of another text than the field holds now: it does not follow the field to a new text.
    if (sentEntry.sourceHash !== undefined && sentEntry.sourceHash !== sourceHash) continue;
    const before = ownValue(previous, pointer) as FieldTranslation | undefined;
    const unchanged =
      before !== undefined &&
      before.lang === lang &&
      before.text === text &&
      before.sourceHash === sourceHash;
    // A translation kept as it was stays valid when the person's language changes later.
    if (!unchanged && !languages.includes(lang)) {
      problems.push(
        problemAt(pointer, 'translation.bad_language', `must be in ${languages.join(' or ')}, not ${lang}`),
      );
      continue;
    }
    if (text.length > field.maxLength) {
      problems.push(
        problemAt(pointer, 'translation.too_long', `must be at most ${field.maxLength} characters long`),
      );
      continue;
    }
    setOwn(translations, pointer, unchanged ? before : { lang, text, sourceHash, by, at });
  }
  return { translations, problems };
}

/**
 * The translations whose field still holds the text they translate (after a save that sent none, or after
 * data was removed, e.g. health data on a withdrawal).
 */
export function keptTranslations(data: JsonObject, translations: Translations | undefined): Translations {
  const kept: Translations = {};
  for (const [pointer, translation] of Object.entries(translations ?? {})) {
    const source = textAt(data, pointer);
    if (source !== undefined && textFingerprint(source) === translation.sourceHash)
      setOwn(kept, pointer, translation);
  }
  return kept;
}
