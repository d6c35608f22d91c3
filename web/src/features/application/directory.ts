/**
 * The directory data the application form chooses from: the organisations (partners of a joint application)
 * and the published funding rounds. Read once per page load and shared by every field that needs them.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { Organisation, RoundList } from '../../api/types.ts';

export type Round = RoundList['items'][number];

let organisations: Promise<Organisation[]> | undefined;
let rounds: Promise<Round[]> | undefined;

/** Every organisation (public facts); a failed read is tried again by the next caller. */
export function loadOrganisations(): Promise<Organisation[]> {
  organisations ??= api.organisations().then(
    ({ data }) => data.items,
    (error: unknown) => {
      organisations = undefined;
      throw error;
    },
  );
  return organisations;
}

/** The published rounds, each with whether it takes applications today. */
export function loadRounds(): Promise<Round[]> {
  rounds ??= api.rounds().then(
    ({ data }) => data.items,
    (error: unknown) => {
      rounds = undefined;
      throw error;
    },
  );
  return rounds;
}

/** The loaded value, undefined while loading; `failed` once the read failed. */
export function useDirectory<T>(load: () => Promise<T>, enabled = true): { data?: T; failed: boolean } {
  const [state, setState] = useState<{ data?: T; failed: boolean }>({ failed: false });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    load().then(
      (data) => live && setState({ data, failed: false }),
      () => live && setState({ failed: true }),
    );
    return () => {
      live = false;
    };
  }, [load, enabled]);
  return state;
}
