import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../i18n/i18n.tsx';
import { en as english } from '../../i18n/messages.en.ts';
import { pointerLabel, showValue } from './round-editor.tsx';

describe('the round compare in words', () => {
  const de = makeI18n('de', () => {});
  const en = makeI18n('en', () => {}, english);

  it('names a changed field by its labels, German first', () => {
    expect(pointerLabel(de, '/rates/secondary')).toBe('Sätze je VZÄ-Jahr › Mittlerer Bildungsabschluss');
    expect(pointerLabel(de, '/conditions/0/de')).toBe('Nebenbestimmungen › Nr. 1 › Deutsch');
    expect(pointerLabel(de, '/round/applicationWindow/closes')).toBe('Antragsfrist › Anträge bis');
    expect(pointerLabel(de, '/decisionTexts/remedy/en')).toBe('Bescheidtexte › remedy › Englisch');
    expect(pointerLabel(en, '/reportingDates/keyFigures/1')).toBe('Reporting dates › Key figures › No. 2');
  });

  it('writes values as the UI language does', () => {
    expect(showValue(de, 48500)).toBe('48.500');
    expect(showValue(de, 0.25)).toBe('0,25');
    expect(showValue(en, 48500)).toBe('48,500');
    expect(showValue(de, '2027-12-31')).toBe('31.12.2027');
    expect(showValue(de, undefined)).toBe('–');
    expect(showValue(de, { code: 'anbest-k', de: 'Text' })).toBe('Kürzel: anbest-k; Deutsch: Text');
  });
});
