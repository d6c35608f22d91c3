/** Names of consent purposes, shared by the plan's privacy panel and the history (which the print view shows). */
import type { ConsentPurpose } from '../../api/types.ts';
import type { Translate } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

/** "Gesundheitsdaten (Art. 9 DSGVO)", "Weitergabe an Jobcenter …". */
export const purposeLabel = (t: Translate, purpose: ConsentPurpose, body?: string): string =>
  purpose === 'sharing'
    ? body
      ? t('consent.purpose.sharing', { body })
      : t('consent.purpose.sharingAny')
    : t(`consent.purpose.${purpose}` as MessageKey);
