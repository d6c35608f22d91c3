/**
 * Translation of validation messages. The precompiled validators produce ajv's English messages; the
 * localizer rewrites them from the app's message catalogue by keyword, for both languages, so errors
 * read the same way everywhere.
 */
import { TranslatableString } from '@rjsf/utils';
import type { Translate } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';

interface AjvError {
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'];
const FORMATS = ['date', 'date-time', 'email', 'uri'];

export function validationMessage(t: Translate, error: AjvError, number: (n: number) => string): string {
  const p = error.params;
  const limit = typeof p.limit === 'number' ? number(p.limit) : String(p.limit ?? '');
  switch (error.keyword) {
    case 'required':
      return t('v.required');
    case 'type': {
      const type = String(Array.isArray(p.type) ? p.type[0] : p.type);
      return t('v.type', { type: TYPES.includes(type) ? t(`v.type.${type}` as MessageKey) : type });
    }
    case 'format': {
      const format = String(p.format);
      return FORMATS.includes(format) ? t(`v.format.${format}` as MessageKey) : t('v.format', { format });
    }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
    case 'minItems':
    case 'maxItems':
    case 'maxLength':
      return t(`v.${error.keyword}` as MessageKey, { limit });
    case 'minLength':
      return p.limit === 1 ? t('v.required') : t('v.minLength', { limit });
    case 'multipleOf':
      return t('v.multipleOf', { limit: typeof p.multipleOf === 'number' ? number(p.multipleOf) : '' });
    case 'pattern':
      return t('v.pattern');
    case 'enum':
      return t('v.enum');
    case 'const':
      return p.allowedValue === true ? t('v.constTrue') : t('v.const', { value: String(p.allowedValue) });
    case 'uniqueItems':
      return t('v.uniqueItems');
    default:
      return t('v.other');
  }
}

/** A `Localizer` for `createPrecompiledValidator`: rewrites each error's message in place. */
export function makeLocalizer(t: Translate, number: (n: number) => string) {
  return (errors?: AjvError[] | null) => {
    for (const error of errors ?? []) error.message = validationMessage(t, error, number);
  };
}

/** rjsf's own strings (buttons, fallbacks) from the catalogue; anything not listed keeps rjsf's text. */
export function makeStringTranslator(t: Translate) {
  const table: Partial<Record<TranslatableString, string>> = {
    [TranslatableString.AddButton]: t('form.add', { title: '' }).replace(/:\s*$/, ''),
    [TranslatableString.AddItemButton]: t('form.add', { title: '' }).replace(/:\s*$/, ''),
    [TranslatableString.RemoveButton]: t('form.remove'),
    [TranslatableString.MoveUpButton]: t('form.moveUp'),
    [TranslatableString.MoveDownButton]: t('form.moveDown'),
    [TranslatableString.CopyButton]: t('form.copy'),
    [TranslatableString.YesLabel]: t('form.yes'),
    [TranslatableString.NoLabel]: t('form.no'),
    [TranslatableString.EmptyArray]: t('form.emptyList'),
    [TranslatableString.ErrorsLabel]: t('errors.summaryTitle'),
    [TranslatableString.CloseLabel]: t('form.close'),
  };
  return (key: TranslatableString, params?: string[]) => {
    let text: string = table[key] ?? key;
    params?.forEach((value, i) => {
      text = text.replace(`%${i + 1}`, value);
    });
    return text;
  };
}
