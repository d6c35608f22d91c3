/**
 * The language of the person an integration plan is about, as a BCP 47 code (schema v2,
 * `/person/language`), and the move of plans written before it: schema v1 only had the free text
 * "Sprache der Aufklärung" in each consent. Pure: no I/O.
 *
 * Codes: `fa` (Persian, the macrolanguage) stands for Dari and Farsi alike, because the plan's texts are
 * one Persian text written for both; `fa-AF`/`prs` (Dari) and `fa-IR` are read as `fa`. Kurdish is
 * two languages with their own codes (`kmr` Kurmanji, `ckb` Sorani); plain "Kurdisch" says neither and
 * is left for the manager to choose.
 */
import { isObject, type JsonObject } from './model.ts';

/** The languages the plan's texts exist in, German first. */
export const PLAN_LANGUAGES = ['de', 'uk', 'ar', 'fa', 'tr', 'ru', 'en'] as const;
/** Further languages a person may be recorded with; texts in them are to follow. */
export const NEXT_LANGUAGES = ['ps', 'kmr', 'ckb', 'ti', 'sq', 'so', 'fr'] as const;
export const PERSON_LANGUAGES = [...PLAN_LANGUAGES, ...NEXT_LANGUAGES] as const;
export type PersonLanguage = (typeof PERSON_LANGUAGES)[number];

/** Names and codes people write for each language, normalised (lower case, no accents). */
const NAMES: Record<PersonLanguage, readonly string[]> = {
  de: ['deutsch', 'german', 'deutsche', 'allemand'],
  uk: ['ukrainisch', 'ukrainian', 'ukrainien', 'українська', 'украинский'],
  ar: ['arabisch', 'arabic', 'arabe', 'العربية', 'عربي', 'عربية'],
  fa: ['dari', 'farsi', 'persisch', 'persian', 'persan', 'فارسی', 'دری'],
  tr: ['turkisch', 'turkish', 'turkce', 'turc'],
  ru: ['russisch', 'russian', 'russe', 'русский'],
  en: ['englisch', 'english', 'anglais'],
  ps: ['paschtu', 'paschto', 'pashto', 'pushto', 'pashtu', 'پښتو'],
  kmr: ['kurmandschi', 'kurmanci', 'kurmanji', 'nordkurdisch'],
  ckb: ['sorani', 'zentralkurdisch'],
  ti: ['tigrinya', 'tigrinisch', 'tigrigna', 'ትግርኛ'],
  sq: ['albanisch', 'albanian', 'shqip', 'albanais'],
  so: ['somali', 'somalisch', 'soomaali'],
  fr: ['franzosisch', 'french', 'francais'],
};

/** Codes written instead of a name (ISO 639-2/3, regional tags), besides the code itself; matched only as the whole text. */
const CODES: Record<PersonLanguage, readonly string[]> = {
  de: ['deu', 'ger', 'de-de'],
  uk: ['ukr', 'uk-ua'],
  ar: ['ara', 'arb', 'apc', 'acm'],
  fa: ['fas', 'per', 'prs', 'pes', 'fa-af', 'fa-ir'],
  tr: ['tur', 'tr-tr'],
  ru: ['rus', 'ru-ru'],
  en: ['eng', 'en-gb', 'en-us'],
  ps: ['pus', 'pbt'],
  kmr: [],
  ckb: [],
  ti: ['tir'],
  sq: ['sqi', 'alb', 'als'],
  so: ['som'],
  fr: ['fra', 'fre'],
};

const normalise = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .trim();

const BY_CODE = new Map<string, PersonLanguage>(
  Object.entries(CODES).flatMap(([code, aliases]) =>
    [code, ...aliases].map((alias) => [alias, code as PersonLanguage] as const),
  ),
);

const BY_NAME = new Map<string, PersonLanguage>(
  Object.entries(NAMES).flatMap(([code, names]) =>
    names.map((name) => [normalise(name), code as PersonLanguage] as const),
  ),
);

/**
 * The code of the language a free text names (`"Arabisch"`, `"arabic"`, `"ar"`, `"Farsi/Persisch"`,
 * `"Dari mit Dolmetscher"` …), or `undefined` when it names none or cannot be told for sure. Where a
 * text names several languages, the first that is not German: German is the manager's language, the
 * other the person's (`"Deutsch und Arabisch"` → `ar`).
 */
export function languageCode(text: unknown): PersonLanguage | undefined {
  if (typeof text !== 'string') return undefined;
  const whole = normalise(text).replace(/_/g, '-');
  const code = BY_CODE.get(whole);
  if (code) return code;
  const found: PersonLanguage[] = [];
  for (const word of whole.split(/[^\p{L}\p{M}]+/u)) {
    const match = BY_NAME.get(word);
    if (match && !found.includes(match)) found.push(match);
  }
  return found.find((c) => c !== 'de') ?? found[0];
}

/** What the move of one plan's data to schema v2 found. */
export interface PlanLanguageMigration {
  data: JsonObject;
  /** The code set, if one could be told from the consents' free text. */
  language?: PersonLanguage;
  /** The free text it was read from (it stays where it was written). */
  source?: string;
  /** Whether the data changed. */
  changed: boolean;
}

/**
 * The data of a v1 plan as v2 holds it: `/person/language` from the consents' free-text language (the
 * storage consent first, then health, then each sharing consent), `/person/interpreter` from the storage
 * consent's interpreter flag. Nothing is removed: the free text stays in the consent it was written in,
 * also when no code could be told from it. A language or interpreter already recorded is kept.
 */
export function migratePlanLanguage(data: JsonObject): PlanLanguageMigration {
  const consent = isObject(data.consent) ? data.consent : {};
  const records = [
    consent.storage,
    consent.health,
    ...(Array.isArray(consent.sharing) ? consent.sharing : []),
  ].filter(isObject);
  const person = isObject(data.person) ? data.person : undefined;
  const next: JsonObject = { ...(person ?? {}) };
  let language: PersonLanguage | undefined;
  let source: string | undefined;
  if (typeof next.language !== 'string') {
    for (const record of records) {
      const code = languageCode(record.language);
      if (code) {
        language = code;
        source = record.language as string;
        next.language = code;
        break;
      }
    }
  }
  const storage = isObject(consent.storage) ? consent.storage : undefined;
  if (next.interpreter === undefined && typeof storage?.interpreter === 'boolean')
    next.interpreter = storage.interpreter;
  const changed = next.language !== person?.language || next.interpreter !== person?.interpreter;
  if (!changed) return { data, changed: false };
  return {
    data: { ...data, person: next },
    changed: true,
    ...(language ? { language } : {}),
    ...(source ? { source } : {}),
  };
}
