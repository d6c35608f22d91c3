/**
 * Checks of a form's text bundles (`forms/<formId>/i18n/<lang>.json`), pure. The German bundle is the
 * reference: every other language must carry exactly its keys, no empty text, and the same placeholders
 * (`{n}`, `{date}`, …) in each text. Each bundle says in `meta` which language it is, how it is written
 * and whether a certified translator has checked it; translations are data, never made up at run time.
 */
import {
  type FormTexts,
  REVIEW_STATUSES,
  type ReviewStatus,
  TEXT_DIRECTIONS,
  type TextDirection,
  type TextsMeta,
} from './forms.ts';

export { REVIEW_STATUSES, type ReviewStatus, TEXT_DIRECTIONS, type TextDirection, type TextsMeta };

import { encodeToken } from './json-pointer.ts';
import { isObject } from './model.ts';

export interface TextIssue {
  pointer: string;
  message: string;
}

/**
 * A BCP 47 tag of the shape the platform uses: a 2–3 letter language, optionally a script and a region
 * (`de`, `fa`, `fa-AF`, `ckb`, `sr-Latn-RS`). Private-use and extension subtags are not needed here.
 */
export const BCP47_TAG = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$/;

/** Languages written from right to left, among those the platform knows (primary subtag). */
export const RTL_LANGUAGES: readonly string[] = ['ar', 'fa', 'prs', 'ps', 'ckb', 'he', 'ur', 'yi', 'dv'];

export const directionOf = (tag: string): TextDirection =>
  RTL_LANGUAGES.includes(tag.split('-')[0] ?? '') ? 'rtl' : 'ltr';

/** Every text of a bundle (meta left out), keyed by its JSON pointer (`/fields/~1properties~1x/enumNames/2`). */
export function flattenTexts(texts: FormTexts): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (node: unknown, pointer: string) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, `${pointer}/${i}`);
      });
    } else if (isObject(node)) {
      for (const [key, child] of Object.entries(node)) walk(child, `${pointer}/${encodeToken(key)}`);
    } else out.set(pointer, node);
  };
  for (const [key, value] of Object.entries(texts)) if (key !== 'meta') walk(value, `/${encodeToken(key)}`);
  return out;
}

/** The placeholders of a text, sorted (`"Seite {n} von {total}"` → `['n', 'total']`). */
export const placeholdersOf = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

/** Problems of a bundle's `meta`, for the bundle of language `tag`. */
export function metaIssues(meta: unknown, tag: string): TextIssue[] {
  if (!isObject(meta)) return [{ pointer: '/meta', message: 'meta is required' }];
  const issues: TextIssue[] = [];
  const issue = (key: string, message: string) => issues.push({ pointer: `/meta/${key}`, message });
  if (meta.language !== tag) issue('language', `must be "${tag}", the bundle's language`);
  if (!BCP47_TAG.test(tag)) issue('language', 'must be a BCP 47 tag');
  if (typeof meta.name !== 'string' || meta.name.trim() === '') issue('name', 'the language’s own name');
  if (meta.direction !== directionOf(tag)) issue('direction', `must be "${directionOf(tag)}"`);
  if (!(REVIEW_STATUSES as readonly unknown[]).includes(meta.reviewStatus))
    issue('reviewStatus', `one of ${REVIEW_STATUSES.join(', ')}`);
  if (meta.reviewStatus === 'reviewed') {
    if (typeof meta.reviewedBy !== 'string' || meta.reviewedBy.trim() === '')
      issue('reviewedBy', 'a reviewed text names who checked it');
    if (typeof meta.reviewedOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(meta.reviewedOn))
      issue('reviewedOn', 'a reviewed text gives the date of the check (YYYY-MM-DD)');
  } else if (meta.reviewedBy !== null || meta.reviewedOn !== null) {
    issue('reviewedBy', 'a draft has reviewedBy and reviewedOn null');
  }
  if (meta.note !== undefined && (typeof meta.note !== 'string' || meta.note.trim() === ''))
    issue('note', 'must be a text');
  return issues;
}

/**
 * Problems of one language's bundle measured against the reference (German) bundle: keys missing or
 * extra, texts empty or not strings, placeholders that differ, and its meta.
 */
export function bundleIssues(reference: FormTexts, bundle: FormTexts, tag: string): TextIssue[] {
  const issues = metaIssues(bundle.meta, tag);
  const want = flattenTexts(reference);
  const have = flattenTexts(bundle);
  for (const [key, german] of want) {
    const text = have.get(key);
    if (!have.has(key)) issues.push({ pointer: key, message: 'missing' });
    else if (typeof text !== 'string' || text.trim() === '') issues.push({ pointer: key, message: 'empty' });
    else if (typeof german === 'string' && placeholdersOf(german).join() !== placeholdersOf(text).join())
      issues.push({ pointer: key, message: `placeholders must be ${placeholdersOf(german).join(', ')}` });
  }
  for (const key of have.keys()) if (!want.has(key)) issues.push({ pointer: key, message: 'not in German' });
  return issues;
}

/**
 * Problems of a form's texts in all its languages (`{de: …, en: …, uk: …}`), with pointers under
 * `/i18n/<tag>`. Keys must be BCP 47 tags and values objects. A bundle that carries `meta` is checked in
 * full: its meta, and, when the German bundle carries meta too, every key against the German one.
 * Bundles without meta (German and English of older forms, whose German lives in the schema) pass as they are.
 */
export function textsIssues(i18n: Record<string, unknown>): TextIssue[] {
  const issues: TextIssue[] = [];
  const de = isObject(i18n.de) ? (i18n.de as FormTexts) : undefined;
  for (const [tag, bundle] of Object.entries(i18n)) {
    const at = `/i18n/${tag}`;
    if (!BCP47_TAG.test(tag)) issues.push({ pointer: at, message: 'the key must be a BCP 47 language tag' });
    else if (!isObject(bundle)) issues.push({ pointer: at, message: 'must be an object' });
    else if (bundle.meta !== undefined) {
      const found =
        tag === 'de' || !de?.meta ? metaIssues(bundle.meta, tag) : bundleIssues(de, bundle as FormTexts, tag);
      issues.push(...found.map((i) => ({ ...i, pointer: `${at}${i.pointer}` })));
    }
  }
  return issues;
}
