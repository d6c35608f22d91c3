import type { RoundExtension, RoundVersion } from '#core/rounds';

/** The registry of funding rounds: every version of every round (a handful of items). */
export interface RoundStore {
  /** Every version of every round. */
  list(): Promise<RoundVersion[]>;
  /**
   * Writes a version: `create` a new number (conflict `round.version_exists` if taken), or `replaceDraft`
   * (conflict `round.version_exists` unless the stored version is still a draft). A published version is
   * never written again.
   */
  write(version: RoundVersion, mode: 'create' | 'replaceDraft'): Promise<void>;
  /** The extension granted to `org` in `round`, if any. */
  extension(round: string, org: string): Promise<RoundExtension | undefined>;
  /** Records an extension (a later grant replaces an earlier one; each is also in the reviewer's log). */
  putExtension(extension: RoundExtension): Promise<void>;
}
