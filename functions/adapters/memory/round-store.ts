import { conflict } from '#core/errors';
import type { RoundExtension, RoundVersion } from '#core/rounds';
import type { RoundStore } from '#ports/round-store';

export class MemoryRoundStore implements RoundStore {
  private readonly versions = new Map<string, RoundVersion>();
  private readonly extensions = new Map<string, RoundExtension>();

  async extension(round: string, org: string) {
    const found = this.extensions.get(`${round}#${org}`);
    return found ? structuredClone(found) : undefined;
  }

  async putExtension(extension: RoundExtension) {
    this.extensions.set(`${extension.round}#${extension.org}`, structuredClone(extension));
  }

  async list() {
    return [...this.versions.values()].map((v) => structuredClone(v));
  }

  async write(version: RoundVersion, mode: 'create' | 'replaceDraft') {
    const key = `${version.id}#${version.version}`;
    const stored = this.versions.get(key);
    if (mode === 'create' ? stored : stored?.status !== 'draft') {
      throw conflict('round.version_exists', `Version ${version.version} of round ${version.id} exists.`);
    }
    this.versions.set(key, structuredClone(version));
  }
}
