import type { FormVersion } from '#core/forms';

/** Form versions published at run time (the repo's own forms come from `forms/`). */
export interface FormStore {
  /** Latest published version number of each form published at run time. */
  catalogue(): Promise<Record<string, number>>;
  get(formId: string, version: number): Promise<(FormVersion & { validatorCode?: string }) | undefined>;
  /** Stores a new version; throws 409 `form.version_exists` if that number was taken meanwhile. */
  publish(version: FormVersion & { validatorCode: string }): Promise<void>;
}
