import { type AccessKind, accessEntry, isLoggedRead } from '#core/access-log';
import type { Actor, Submission } from '#core/model';
import type { AccessLogStore } from '#ports/access-log';

/**
 * Records reads of plans in their access log, before the data is handed out: if the entry cannot be
 * written, the read fails (an unlogged read of case data must not happen).
 */
export class AccessRecorder {
  constructor(
    private readonly log: AccessLogStore,
    private readonly now: () => Date,
    private readonly newId: () => string,
  ) {}

  async read(
    actor: Actor,
    sub: Pick<Submission, 'id' | 'kind'>,
    what: AccessKind,
    detail?: string,
  ): Promise<void> {
    if (!isLoggedRead(sub)) return;
    await this.log.append(accessEntry(actor, sub, what, this.now().toISOString(), this.newId(), detail));
  }
}
