/**
 * Autosave of a draft: a user's edit is kept in the tab at once and sent to the server after a pause
 * (debounced); changes that nobody typed (rjsf filling in defaults when the form opens) are never saved on
 * their own. Saves go one after another with the version the last answer gave (`If-Match`); a 412 means
 * someone else saved in between: autosave stops and the typed copy stays in the tab until the user reloads.
 * While anything is unsaved, leaving the page asks first.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import type { FieldTranslationInput, JsonObject, Submission } from '../../api/types.ts';
import { clearDraft, readDraft, writeDraft } from './draft-store.ts';

export type SaveState =
  | { kind: 'saved'; at?: Date }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'error'; error: unknown }
  | { kind: 'conflict' };

export interface AutosaveOptions {
  id: string;
  /** The data and version as the server gave them. */
  data: JsonObject;
  version: number;
  /** Text typed into fields that does not parse yet, by JSON pointer, as the server kept it. */
  raw?: Record<string, string>;
  /** Translations of free text (plans), by JSON pointer, as the server kept them. */
  translations?: Record<string, FieldTranslationInput>;
  save(
    id: string,
    data: JsonObject,
    version: number,
    raw: Record<string, string>,
    translations?: Record<string, FieldTranslationInput>,
  ): Promise<{ data: Submission; etag?: string }>;
  onSaved?(sub: Submission): void;
  /** Pause after the last edit before saving, in ms. */
  delay?: number;
}

export interface Autosave {
  data: JsonObject;
  state: SaveState;
  /** The latest data, also between renders. */
  latest(): JsonObject;
  /** The version the next save or transition must name. */
  version(): number;
  /** Takes the form's new data; only `byUser` changes are saved. */
  change(next: JsonObject, byUser: boolean): void;
  /** The unparsed text kept for fields, by JSON pointer. */
  raw(): Record<string, string>;
  /** Keeps a field's text as typed (a user's edit, saved like one), or forgets it once it parses. */
  setRaw(pointer: string, text: string | undefined): void;
  /** The translations of free text, by JSON pointer. */
  translations(): Record<string, FieldTranslationInput>;
  /** Sets a field's translation (a user's edit, saved like one), or removes it (undefined). */
  setTranslation(pointer: string, translation: FieldTranslationInput | undefined): void;
  /** Saves the latest data now; resolves true when the server has it. */
  saveNow(): Promise<boolean>;
  /** True when the form opened with a copy from an earlier session that the server did not have yet. */
  restored: boolean;
  /** Forgets the copy in the tab (after a submit or before a reload). */
  discard(): void;
  /** Someone else saved in between (a 412 outside autosave, e.g. on submit): stop saving. */
  conflicted(): void;
}

const UNSAVED: SaveState['kind'][] = ['pending', 'saving', 'error', 'conflict'];

export function useAutosave({
  id,
  data: initial,
  version: initialVersion,
  raw: initialRaw,
  translations: initialTranslations,
  save,
  onSaved,
  delay = 1200,
}: AutosaveOptions): Autosave {
  const [start] = useState(() => {
    const stored = readDraft(id);
    const restore =
      stored !== null &&
      (JSON.stringify(stored.data) !== JSON.stringify(initial) ||
        JSON.stringify(stored.raw ?? {}) !== JSON.stringify(initialRaw ?? {}) ||
        JSON.stringify(stored.translations ?? initialTranslations ?? {}) !==
          JSON.stringify(initialTranslations ?? {}));
    return {
      raw: restore ? (stored.raw ?? {}) : (initialRaw ?? {}),
      translations: restore ? (stored.translations ?? initialTranslations) : initialTranslations,
      data: restore ? stored.data : initial,
      restored: restore && stored.version === initialVersion,
      conflict: restore && stored.version !== initialVersion,
    };
  });
  const [data, setData] = useState<JsonObject>(start.data);
  const [state, setState] = useState<SaveState>(start.conflict ? { kind: 'conflict' } : { kind: 'saved' });
  const current = useRef(start.data);
  const raw = useRef<Record<string, string>>(start.raw);
  // Undefined for a form without translations: its saves send none (and keep what the server has).
  const translations = useRef<Record<string, FieldTranslationInput> | undefined>(start.translations);
  const version = useRef(initialVersion);
  const conflict = useRef(start.conflict);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const callbacks = useRef({ save, onSaved });
  callbacks.current = { save, onSaved };

  const keep = useCallback(
    () =>
      writeDraft(id, {
        data: current.current,
        version: version.current,
        raw: raw.current,
        ...(translations.current ? { translations: translations.current } : {}),
      }),
    [id],
  );

  const saveNow = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    if (conflict.current) return false;
    if (inFlight.current) await inFlight.current;
    const sending = current.current;
    const sendingRaw = raw.current;
    const sendingTranslations = translations.current;
    keep();
    setState({ kind: 'saving' });
    const run = (async () => {
      try {
        // Translations go along only for forms that have them (plans).
        const { data: saved, etag } = await callbacks.current.save(
          id,
          sending,
          version.current,
          sendingRaw,
          ...(sendingTranslations ? [sendingTranslations] : []),
        );
        version.current = etag ? Number(etag) : saved.version;
        callbacks.current.onSaved?.({ ...saved, version: version.current });
        // "Saved" only when the server has both the data and every field's unparsed text as typed.
        const untouched =
          current.current === sending &&
          raw.current === sendingRaw &&
          translations.current === sendingTranslations;
        // The server drops translations whose text is gone or replaced: take its map if nothing changed since.
        if (sendingTranslations && translations.current === sendingTranslations)
          translations.current = saved.translations ?? {};
        if (untouched) {
          clearDraft(id);
          setState({ kind: 'saved', at: new Date() });
        } else setState({ kind: 'pending' });
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 412) {
          conflict.current = true;
          setState({ kind: 'conflict' });
        } else setState({ kind: 'error', error: e });
        return false;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [id, keep]);

  /**
   * A user's edit: the save follows after the delay. The copy in the tab is written when the save starts (not
   * on every keystroke: a plan with 50 goals is large); after a conflict nothing is sent, so it is written at once.
   */
  const schedule = useCallback(() => {
    if (conflict.current) {
      keep();
      return;
    }
    setState({ kind: 'pending' });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), delay);
  }, [keep, saveNow, delay]);

  const change = useCallback(
    (next: JsonObject, byUser: boolean) => {
      current.current = next;
      setData(next);
      if (!byUser) return;
      schedule();
    },
    [schedule],
  );

  const setRaw = useCallback(
    (pointer: string, text: string | undefined) => {
      const { [pointer]: before, ...others } = raw.current;
      if (before === text) return;
      raw.current = text === undefined ? others : { ...others, [pointer]: text };
      schedule();
    },
    [schedule],
  );

  const setTranslation = useCallback(
    (pointer: string, translation: FieldTranslationInput | undefined) => {
      const { [pointer]: before, ...others } = translations.current ?? {};
      if (JSON.stringify(before) === JSON.stringify(translation)) return;
      translations.current = translation === undefined ? others : { ...others, [pointer]: translation };
      schedule();
    },
    [schedule],
  );

  // Input restored from an earlier session (e.g. before a sign-in expired) is saved at once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on mount
  useEffect(() => {
    if (start.restored) void saveNow();
    return () => clearTimeout(timer.current);
  }, []);

  const unsaved = UNSAVED.includes(state.kind);
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when a return value is set.
      e.returnValue = '';
    };
    // If the page goes anyway, what was typed stays in the tab for the next visit.
    window.addEventListener('beforeunload', warn);
    window.addEventListener('pagehide', keep);
    return () => {
      window.removeEventListener('beforeunload', warn);
      window.removeEventListener('pagehide', keep);
    };
  }, [unsaved, keep]);

  return {
    data,
    state,
    latest: () => current.current,
    version: () => version.current,
    change,
    raw: () => raw.current,
    setRaw,
    translations: () => translations.current ?? {},
    setTranslation,
    saveNow,
    restored: start.restored,
    discard: () => {
      clearTimeout(timer.current);
      clearDraft(id);
    },
    conflicted: () => {
      clearTimeout(timer.current);
      conflict.current = true;
      keep();
      setState({ kind: 'conflict' });
    },
  };
}

/**
 * Tells whether a form change comes from the person at the keyboard: input, change and click events inside
 * the form mark the next change as theirs for a moment; rjsf's own changes (defaults) arrive without one.
 */
export function useUserEditMarker(windowMs = 300) {
  const marked = useRef(0);
  const mark = useCallback(() => {
    marked.current = Date.now();
  }, []);
  const byUser = useCallback(() => Date.now() - marked.current <= windowMs, [windowMs]);
  return { mark, byUser };
}
