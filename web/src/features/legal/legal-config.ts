/**
 * The legal texts of a deployment (`/legal.json`, shipped beside the app and replaced per deployment):
 * Impressum, privacy notice and the accessibility statement's contact. Read once per page load.
 */
import type { Locale } from '../../i18n/messages.ts';

export interface LegalText {
  title: string;
  sections: { heading: string; paragraphs: string[] }[];
}

export interface LegalConfig {
  imprint: Record<Locale, LegalText>;
  privacy: Record<Locale, LegalText>;
  accessibility: {
    /** ISO dates: when the statement was prepared and last reviewed. */
    preparedOn: string;
    reviewedOn?: string;
    contact: { name: Record<Locale, string>; email: string; phone?: string };
    enforcement: { name: Record<Locale, string>; url: string };
  };
}

let cached: Promise<LegalConfig> | undefined;

export function loadLegalConfig(): Promise<LegalConfig> {
  cached ??= fetch('/legal.json', { headers: { Accept: 'application/json' } }).then((r) => {
    if (!r.ok) throw new Error(`legal.json: ${r.status}`);
    return r.json() as Promise<LegalConfig>;
  });
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
