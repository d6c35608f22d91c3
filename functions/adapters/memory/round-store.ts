import { conflict } from '#core/errors';
import type { RoundVersion } from '#core/rounds';
import type { RoundStore } from '#ports/round-store';

export class MemoryRoundStore implements RoundStore {
  private readonly versions = new Map<string, RoundVersion>();

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
