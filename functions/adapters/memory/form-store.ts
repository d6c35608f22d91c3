import { conflict } from '#core/errors';
import type { FormVersion } from '#core/forms';
import type { FormStore } from '#ports/form-store';

type Stored = FormVersion & { validatorCode?: string };

export class MemoryFormStore implements FormStore {
  private readonly versions = new Map<string, Stored>();

  async catalogue() {
    const latest: Record<string, number> = Object.create(null);
    for (const v of this.versions.values()) latest[v.id] = Math.max(latest[v.id] ?? 0, v.version);
    return latest;
  }
  async get(formId: string, version: number) {
    const v = this.versions.get(`${formId}@${version}`);
    return v ? structuredClone(v) : undefined;
  }
  async publish(version: FormVersion & { validatorCode: string }) {
    const key = `${version.id}@${version.version}`;
    if (this.versions.has(key))
      throw conflict('form.version_exists', 'That form version was published meanwhile.');
    this.versions.set(key, structuredClone(version));
  }
}
