/**
 * A translation beside a free-text field of a plan ("Übersetzung hinzufügen"): the text stays as written; a
 * translation into German or into the person's language may be added beneath it, saved with the autosave
 * and printed beneath the text. Widgets reach the draft's translations through rjsf's `formContext`.
 */
import type { StrictRJSFSchema, UiSchema } from '@rjsf/utils';
import { useId, useState } from 'react';
import { directionOfLanguage } from '../../../functions/core/documents/locale.ts';
import { textFingerprint } from '../../../functions/core/translations.ts';
import type { FieldTranslationInput, FormVersion } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** How a widget reaches the draft's translations (plans only). */
export interface TranslationContext {
  translation?: {
    /** The languages a translation may be in now: German and the person's. */
    languages(): string[];
    /** A language's name in the app's language, as the form's list of languages names it. */
    name(tag: string): string;
    get(fieldId: string): FieldTranslationInput | undefined;
    /** Sets the field's translation, or removes it (undefined). */
    set(fieldId: string, translation: FieldTranslationInput | undefined): void;
  };
}

/**
 * A person edits a translated field's text: its translation stays with the field (now naming the new text).
 * Only a person's edit does this; a text that moved to another field (a list item removed above it) leaves
 * its translation behind, and the server drops it.
 */
export function followText(formContext: unknown, fieldId: string, text: unknown): void {
  const context = (formContext as TranslationContext | undefined)?.translation;
  const kept = context?.get(fieldId);
  if (!context || !kept || typeof text !== 'string' || text.trim() === '') return;
  context.set(fieldId, { lang: kept.lang, text: kept.text, sourceHash: textFingerprint(text) });
}

/**
 * Whether a field is free text worth a translation: a string without choices, format or pattern, typed into a
 * text area or allowed to be longer than a name (short fields such as names and places are not translated).
 */
export function isTranslatable(schema: StrictRJSFSchema, uiSchema: UiSchema | undefined): boolean {
  if (schema.type !== 'string' || schema.enum || schema.const !== undefined) return false;
  if (schema.format || schema.pattern || schema.readOnly) return false;
  if (uiSchema?.['ui:widget'] === 'textarea') return true;
  return typeof schema.maxLength === 'number' && schema.maxLength > 200;
}

/** Where a plan lists the languages a person may speak. */
const LANGUAGE_FIELD = '/properties/person/properties/language';

/**
 * A language's name in the app's language as the form's own list names it ("Dari/Farsi"), else as the
 * browser's locale data does.
 */
export function languageName(form: FormVersion | undefined, locale: string, tag: string): string {
  const person = (
    form?.schema.properties as Record<string, { properties?: Record<string, unknown> }> | undefined
  )?.person;
  const field = person?.properties?.language as { enum?: unknown[] } | undefined;
  const index = field?.enum?.indexOf(tag) ?? -1;
  const names =
    form?.i18n[locale]?.fields?.[LANGUAGE_FIELD]?.enumNames ??
    form?.i18n.de?.fields?.[LANGUAGE_FIELD]?.enumNames;
  const name = index >= 0 ? names?.[index] : undefined;
  return name || localeLanguageName(locale, tag);
}

/** Scripts written right to left among the languages of refugees (where the browser cannot say). */
const RTL = new Set(['ar', 'fa', 'prs', 'ps', 'ckb', 'ur', 'he']);
export const translationDirection = (tag: string) =>
  RTL.has(tag.split('-')[0] ?? tag) ? 'rtl' : directionOfLanguage(tag);

/** A language's name in the app's language ("Arabisch", "Arabic"). */
function localeLanguageName(locale: string, tag: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

export function TranslationDisclosure({
  fieldId,
  context,
  source,
  maxLength,
}: {
  fieldId: string;
  context: NonNullable<TranslationContext['translation']>;
  /** The field's text, which the translation translates. */
  source: string;
  maxLength?: number;
}) {
  const { t } = useI18n();
  const uid = useId();
  const [kept] = useState(() => context.get(fieldId));
  const [text, setText] = useState(kept?.text ?? '');
  const targets = context.languages();
  const [lang, setLang] = useState(() => kept?.lang ?? targets[targets.length - 1] ?? 'de');
  const choices = targets.includes(lang) ? targets : [...targets, lang];
  const name = (tag: string) => context.name(tag);
  const save = (nextLang: string, nextText: string) =>
    context.set(
      fieldId,
      nextText.trim() === ''
        ? undefined
        : { lang: nextLang, text: nextText, sourceHash: textFingerprint(source) },
    );
  const textId = `${fieldId}__translation`;
  const hintId = `${uid}-hint`;
  return (
    <details className="pakt-details pakt-translation" open={kept !== undefined}>
      <summary className="kern-body">
        {text.trim() ? t('translation.present', { language: name(lang) }) : t('translation.add')}
      </summary>
      <p className="kern-hint" id={hintId}>
        {t('translation.hint')}
      </p>
      {choices.length > 1 && (
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={`${fieldId}__translation-language`}>
            {t('translation.language')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id={`${fieldId}__translation-language`}
              className="kern-form-input__select"
              value={lang}
              onChange={(e) => {
                setLang(e.target.value);
                save(e.target.value, text);
              }}
            >
              {choices.map((tag) => (
                <option key={tag} value={tag}>
                  {name(tag)}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      <div className="kern-form-input">
        <label className="kern-label" htmlFor={textId}>
          {t('translation.text', { language: name(lang) })}
        </label>
        <textarea
          id={textId}
          className="kern-form-input__input pakt-textarea"
          rows={3}
          lang={lang}
          dir={translationDirection(lang)}
          maxLength={maxLength}
          aria-describedby={hintId}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            save(lang, e.target.value);
          }}
        />
      </div>
    </details>
  );
}

/** The disclosure for a widget's field, if the form offers translations and the field holds free text. */
export function TranslationFor({
  id,
  schema,
  uiSchema,
  value,
  formContext,
  disabled,
}: {
  id: string;
  schema: StrictRJSFSchema;
  uiSchema: UiSchema | undefined;
  value: unknown;
  formContext: unknown;
  disabled?: boolean;
}) {
  const context = (formContext as TranslationContext | undefined)?.translation;
  if (!context || disabled || !isTranslatable(schema, uiSchema)) return null;
  // Only a text can be translated; the disclosure appears once the field holds one.
  if (typeof value !== 'string' || value.trim() === '') return null;
  return (
    <TranslationDisclosure
      fieldId={id}
      context={context}
      source={value}
      maxLength={typeof schema.maxLength === 'number' ? schema.maxLength : 4000}
    />
  );
}
