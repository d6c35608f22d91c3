/**
 * A copy of what was typed, kept in the tab's session storage until the server has it: typing survives an
 * expired sign-in or a lost connection and is restored (and saved) when the form opens again.
 */
import type { FieldTranslationInput, JsonObject } from '../../api/types.ts';

const draftKey = (id: string) => `pakt.draft.${id}`;

export interface StoredDraft {
  data: JsonObject;
  /** The version of the submission the copy was typed over. */
  version: number;
  /** Text typed into fields that does not parse yet, by JSON pointer. */
  raw?: Record<string, string>;
  /** Translations of free text, by JSON pointer (plans). */
  translations?: Record<string, FieldTranslationInput>;
}

export function readDraft(id: string): StoredDraft | null {
  const raw = sessionStorage.getItem(draftKey(id));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as StoredDraft;
  } catch {
    return null;
  }
}

export const writeDraft = (id: string, draft: StoredDraft) =>
  sessionStorage.setItem(draftKey(id), JSON.stringify(draft));

export const clearDraft = (id: string) => sessionStorage.removeItem(draftKey(id));
