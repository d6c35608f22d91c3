import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../../functions/core/error-catalogue.ts';
import { ApiError } from '../api/client.ts';
import { makeI18n } from '../i18n/i18n.tsx';
import { en as english } from '../i18n/messages.en.ts';
import { loadErrorTexts } from './error-texts.ts';
import { codeText, detailMessage, errorText } from './primitives.tsx';

const de = makeI18n('de', () => undefined);
const en = makeI18n('en', () => undefined, english);

// The API client loads the catalogue's texts with the first error it meets; so do these tests.
beforeAll(loadErrorTexts);

describe('error texts come from the one catalogue, in the UI language', () => {
  it('a known code reads as the catalogue says, never as the server put it', () => {
    const error = new ApiError(403, 'submission.forbidden', 'Your role may not edit this submission.');
    expect(errorText(de, error)).toBe(ERROR_CATALOGUE['submission.forbidden'].de);
    expect(errorText(en, error)).toBe(ERROR_CATALOGUE['submission.forbidden'].en);
    expect(errorText(de, error)).not.toContain('Your role');
  });

  it('an unknown code gets the generic text of its status, or the generic error', () => {
    const conflict = new ApiError(409, 'something.new', 'Something new happened on the server.');
    expect(errorText(de, conflict)).toBe(de.t('errors.conflict'));
    expect(errorText(en, conflict)).toBe(en.t('errors.conflict'));
    const teapot = new ApiError(418, 'tea.pot', 'I am a teapot.');
    expect(errorText(de, teapot)).toBe(de.t('app.error'));
    expect(errorText(en, teapot)).toBe(en.t('app.error'));
    expect(codeText(de, new Error('boom'))).toBe(de.t('app.error'));
  });

  it('field details: by code, else the German text beside the English one, never English on a German page', () => {
    const byCode = { pointer: '/a', message: 'consent needed', code: 'consent.health_required' };
    expect(detailMessage(de, byCode)).toBe(ERROR_CATALOGUE['consent.health_required'].de);
    const withGerman = { pointer: '/a', message: 'must be number', messageDe: 'muss eine Zahl sein' };
    expect(detailMessage(de, withGerman)).toBe('muss eine Zahl sein');
    expect(detailMessage(en, withGerman)).toBe('must be number');
    const english = { pointer: '/a', message: 'must be number' };
    expect(detailMessage(de, english)).toBe(de.t('errors.validation'));
    const refused = new ApiError(400, 'submission.invalid', 'Invalid', [withGerman]);
    expect(errorText(de, refused)).toBe('muss eine Zahl sein');
  });
});
