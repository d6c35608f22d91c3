import type { UserProfile } from '#core/model';
import type { UserAuditEntry } from '#core/user-admin';

/**
 * The users' profiles as the platform keeps them (the same items the directory reads) together with the
 * audit of every change: a profile is never written without its audit entry.
 */
export interface UserRecords {
  /** Every user of every organisation. */
  listAll(): Promise<UserProfile[]>;
  get(sub: string): Promise<UserProfile | undefined>;
  /** Writes a new profile and its audit entry; 409 `users.exists` if the id is taken. */
  create(profile: UserProfile, entry: UserAuditEntry): Promise<void>;
  /**
   * Replaces `before` by `after` and writes the audit entry; 409 `users.changed` if `before` is not current.
   * With `keeper` (a change that takes an active admin away) the write also holds only while that other user
   * is still an active admin, checked in the same atomic write: 409 `users.last_admin` if not. Of two such
   * changes racing, the later one finds its keeper gone, so the platform keeps an active admin.
   */
  update(before: UserProfile, after: UserProfile, entry: UserAuditEntry, keeper?: string): Promise<void>;
  /** The audit of one user, oldest first. */
  audit(sub: string): Promise<UserAuditEntry[]>;
}
