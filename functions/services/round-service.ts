import type { ExtensionCommand, SaveRoundCommand } from '#api/schemas/rounds';
import { forbidden, notFound } from '#core/errors';
import type { Actor } from '#core/model';
import {
  checkRoundFields,
  currentRounds,
  isRoundOpen,
  type RoundExtension,
  type RoundFields,
  type RoundVersion,
} from '#core/rounds';
import type { Directory } from '#ports/directory';
import type { RoundStore } from '#ports/round-store';
import type { RoundRegistry } from './funding-policy.ts';

export type ListedRound = RoundVersion & { open: boolean };

/** The registry of funding rounds: everyone reads the published ones, admins draft and publish versions. */
export class RoundService implements RoundRegistry {
  constructor(
    private readonly store: RoundStore,
    readonly now: () => Date,
    /** To check that an extension names an organisation. */
    private readonly directory: Pick<Directory, 'getOrganisation'>,
  ) {}

  extension(roundId: string, org: string): Promise<RoundExtension | undefined> {
    return this.store.extension(roundId, org);
  }

  /**
   * A reviewer (or admin) lets one organisation still start and first submit in a round until a given day;
   * who, when and why are recorded with it.
   */
  async grantExtension(actor: Actor, roundId: string, command: ExtensionCommand): Promise<RoundExtension> {
    if (!actor.roles.some((r) => r === 'reviewer' || r === 'admin'))
      throw forbidden('round.extension_forbidden', 'Only reviewers may extend an application window.');
    if (!(await this.current(roundId)))
      throw notFound('round.not_found', `There is no published round ${roundId}.`);
    if (!(await this.directory.getOrganisation(command.org)))
      throw notFound('organisation.not_found', `There is no organisation ${command.org}.`);
    const extension: RoundExtension = {
      round: roundId,
      org: command.org,
      until: command.until,
      reason: command.reason,
      grantedAt: this.now().toISOString(),
      grantedBy: { sub: actor.sub, name: actor.name },
    };
    await this.store.putExtension(extension);
    return extension;
  }

  /** The latest published version of each round with whether it is open now; admins also see drafts. */
  async list(actor: Actor): Promise<{ items: ListedRound[] }> {
    const { published, drafts } = currentRounds(await this.store.list());
    const now = this.now();
    const items = published.map((r) => ({ ...r, open: isRoundOpen(r, now) }));
    if (actor.roles.includes('admin')) items.push(...drafts.map((r) => ({ ...r, open: false })));
    return { items };
  }

  /** The latest published version of a round, if any (what a new application starts in). */
  async current(roundId: string): Promise<RoundVersion | undefined> {
    return currentRounds(await this.store.list()).published.find((r) => r.id === roundId);
  }

  /** Every stored version of a round, drafts included (a decision reads the published ones). */
  async versions(roundId: string): Promise<RoundVersion[]> {
    return (await this.store.list()).filter((r) => r.id === roundId);
  }

  /**
   * Published versions as read: a published version is never written again (see `RoundStore.write`), so a
   * pinned version is read once per container, not on every save and transition of its applications.
   */
  private readonly published = new Map<string, RoundVersion>();

  /** A given version of a round (what an application pinned). */
  async version(roundId: string, version: number): Promise<RoundVersion | undefined> {
    const key = `${roundId}#${version}`;
    const known = this.published.get(key);
    if (known) return known;
    const found = (await this.store.list()).find((r) => r.id === roundId && r.version === version);
    if (found?.status === 'published') this.published.set(key, found);
    return found;
  }

  /**
   * Saves the round's draft: replaces the open draft, or after a published version starts the next one.
   * With `publish` the saved version is published and immutable from then on.
   */
  async save(actor: Actor, command: SaveRoundCommand): Promise<ListedRound> {
    if (!actor.roles.includes('admin'))
      throw forbidden('round.forbidden', 'Only an admin may create or publish funding rounds.');
    const fields = command.round as RoundFields;
    checkRoundFields(fields);
    const versions = (await this.store.list()).filter((r) => r.id === command.id);
    const latest = versions.reduce<RoundVersion | undefined>(
      (a, v) => (a && a.version > v.version ? a : v),
      undefined,
    );
    const replaceDraft = latest?.status === 'draft';
    const at = this.now();
    const by = { sub: actor.sub, name: actor.name };
    const version: RoundVersion = {
      ...fields,
      id: command.id,
      version: replaceDraft && latest ? latest.version : (latest?.version ?? 0) + 1,
      status: command.publish ? 'published' : 'draft',
      createdAt: replaceDraft && latest ? latest.createdAt : at.toISOString(),
      createdBy: replaceDraft && latest ? latest.createdBy : by,
      ...(command.publish ? { publishedAt: at.toISOString(), publishedBy: by } : {}),
    };
    await this.store.write(version, replaceDraft ? 'replaceDraft' : 'create');
    return { ...version, open: version.status === 'published' && isRoundOpen(version, at) };
  }
}
