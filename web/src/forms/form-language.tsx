/**
 * The language of a form's labels, apart from the app's own language: an integration manager who works in
 * German switches the plan's labels to the person's language while sitting with them. Only labels change
 * (titles, help, list options, taken from the form's own texts); what was entered stays as written. Each
 * language shows whether a certified translator has checked it. Arabic and Dari/Farsi run right to left.
 */
import { PERSON_LANGUAGES } from '../../../functions/core/plan-language.ts';
import type { FormTexts } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';

export interface FormLanguage {
  tag: string;
  name: string;
  direction: 'ltr' | 'rtl';
  reviewed: boolean;
}

const rank = (tag: string) => {
  const i = (PERSON_LANGUAGES as readonly string[]).indexOf(tag);
  return i < 0 ? PERSON_LANGUAGES.length : i;
};

/** The languages a form's texts exist in (those that say so in `meta`), in the order of the plan languages. */
export function formLanguages(texts: Partial<Record<string, FormTexts>>): FormLanguage[] {
  return Object.entries(texts)
    .flatMap(([tag, bundle]) =>
      bundle?.meta
        ? [
            {
              tag,
              name: bundle.meta.name,
              direction: bundle.meta.direction,
              reviewed: bundle.meta.reviewStatus === 'reviewed',
            },
          ]
        : [],
    )
    .sort((a, b) => rank(a.tag) - rank(b.tag) || a.tag.localeCompare(b.tag));
}

/** The writing direction of a form's labels in a language (left to right where the texts do not say). */
export const formDirection = (texts: Partial<Record<string, FormTexts>>, tag: string) =>
  texts[tag]?.meta?.direction ?? 'ltr';

export function FormLanguageSwitch({
  texts,
  value,
  onChange,
}: {
  texts: Partial<Record<string, FormTexts>>;
  value: string;
  onChange(tag: string): void;
}) {
  const { t } = useI18n();
  const languages = formLanguages(texts);
  // German and English alone: the app's own language switch already shows them.
  if (languages.length <= 2) return null;
  const status = (l: FormLanguage) => (l.reviewed ? t('formLang.reviewed') : t('formLang.draft'));
  const current = languages.find((l) => l.tag === value);
  return (
    <div className="kern-form-input pakt-noprint pakt-form-language">
      <label className="kern-label" htmlFor="form-language">
        {t('formLang.label')}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select
          id="form-language"
          className="kern-form-input__select"
          value={value}
          aria-describedby="form-language-hint"
          onChange={(e) => onChange(e.target.value)}
        >
          {languages.map((l) => (
            <option key={l.tag} value={l.tag}>
              {`${l.name} – ${status(l)}`}
            </option>
          ))}
        </select>
      </div>
      <p className="kern-hint" id="form-language-hint">
        {current && !current.reviewed && (
          <strong className="pakt-form-language__status">{t('formLang.draftLong')} </strong>
        )}
        {t('formLang.hint')}
      </p>
    </div>
  );
}
