/**
 * The error catalogue's texts (`functions/core/error-catalogue.ts`, German and English for every code), loaded
 * with the first error the API answers: a page that meets no error carries none of them. The API client waits
 * for them before it hands an error on, so an error is always shown in words.
 */
type Lookup = (code: string, language: 'de' | 'en') => string | undefined;

let lookup: Lookup | undefined;
let loading: Promise<void> | undefined;

export function loadErrorTexts(): Promise<void> {
  loading ??= import('../../../functions/core/error-catalogue.ts').then(
    (m) => {
      lookup = m.errorMessage;
    },
    () => {
      // Not loaded (offline): errors show the generic text of their status; the next error tries again.
      loading = undefined;
    },
  );
  return loading;
}

/** The catalogue's text of a code, once loaded. */
export const errorTextOf = (code: string, language: 'de' | 'en'): string | undefined =>
  lookup?.(code, language);
