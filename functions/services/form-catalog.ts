import { AppError, badRequest, conflict, forbidden, notFound } from '#core/errors';
import { textsIssues } from '#core/form-texts';
import type { FormConfig, FormI18n, FormVersion, WorkflowDefinition } from '#core/forms';
import { type Actor, FORM_KINDS, isObject, type JsonObject, ROLES, type Role } from '#core/model';
import { schemaProblems } from '#core/schema-policy';
import { missingKindFields, unsupportedKeywords } from '#core/validation';
import type {
  RepoForm,
  RepoFormContent,
  RepoFormContentLoader,
  ValidateFn,
  ValidatorModule,
} from '#forms/types';
import type { FormStore } from '#ports/form-store';

/** Compiles a schema into a validator module's code (heavy: loaded only where forms are published). */
export type ValidatorCompiler = (schema: JsonObject) => Promise<string>;
/** Loads a validator module from its code (for versions published at run time). */
export type ValidatorLoader = (code: string) => Promise<ValidatorModule>;
/** Where a published version's validator module is put for browsers to load as a static same-origin file. */
export interface StaticAssets {
  put(key: string, body: string, contentType: string): Promise<void>;
}

export interface PublishInput {
  title: unknown;
  schema: unknown;
  uiSchema?: unknown;
  workflow: unknown;
  config?: unknown;
  i18n?: unknown;
}

const FORM_ID = /^[a-z][a-z0-9-]{1,62}$/;
const CATALOGUE_TTL_MS = 30_000;
const VALIDATOR_TYPE = 'text/javascript; charset=utf-8';
/** Where a published version's validator module is served from (`/validators/<formId>/v<N>.js`). */
export const validatorAssetKey = (formId: string, version: number) => `validators/${formId}/v${version}.js`;
const ownValue = <T>(record: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

function repoVersion(form: RepoForm, content: RepoFormContent, version: number): FormVersion | undefined {
  const schema = content.schemas[version];
  if (!schema) return undefined;
  return {
    id: form.id,
    version,
    title: form.title,
    schema,
    uiSchema: content.uiSchema,
    workflow: form.workflow,
    config: form.config,
    i18n: content.i18n,
    publishedAt: '2017-04-27T00:00:00.000Z',
    source: 'repo',
    ...(Object.keys(form.rounds ?? {}).length ? { rounds: form.rounds } : {}),
  };
}

/**
 * All form versions: the repository's own (built into the code) and those an admin published at run time.
 * Versions are immutable, so each is loaded once per container and kept.
 */
export class FormCatalog {
  private readonly published = new Map<
    string,
    Promise<(FormVersion & { validatorCode?: string }) | undefined>
  >();
  private readonly validators = new Map<string, Promise<ValidateFn>>();
  private catalogueCache: { at: number; value: Promise<Record<string, number>> } | undefined;
  private readonly contents = new Map<string, Promise<RepoFormContent>>();

  constructor(
    private readonly repo: readonly RepoForm[],
    private readonly repoValidators: Record<string, () => Promise<ValidatorModule>>,
    private readonly store: FormStore,
    private readonly loadValidator: ValidatorLoader,
    private readonly repoContent: RepoFormContentLoader,
  ) {}

  /** A repository form's schemas, UI schema and texts: read on first use, then kept. */
  private content(formId: string): Promise<RepoFormContent> {
    let pending = this.contents.get(formId);
    if (!pending) {
      pending = this.repoContent(formId);
      pending.catch(() => this.contents.delete(formId));
      this.contents.set(formId, pending);
    }
    return pending;
  }

  private repoForm(formId: string) {
    return this.repo.find((f) => f.id === formId);
  }

  private repoLatest(formId: string): number {
    const form = this.repoForm(formId);
    return form ? Math.max(0, ...form.versions) : 0;
  }

  /** Latest version number of every form. */
  /**
   * The latest published number of each form, read at most every 30 s per container (every start of a
   * submission and every filtered list needs it). Publishing here refreshes it at once; a version
   * published by another container is picked up within 30 s.
   */
  private publishedCatalogue(): Promise<Record<string, number>> {
    const now = Date.now();
    if (!this.catalogueCache || now - this.catalogueCache.at > CATALOGUE_TTL_MS) {
      const value = this.store.catalogue();
      this.catalogueCache = { at: now, value };
      value.catch(() => {
        if (this.catalogueCache?.value === value) this.catalogueCache = undefined;
      });
    }
    return this.catalogueCache.value;
  }

  async latestVersions(): Promise<Record<string, number>> {
    // No prototype: a form may be called anything the id pattern allows (e.g. "constructor").
    const latest: Record<string, number> = Object.create(null);
    for (const form of this.repo) latest[form.id] = this.repoLatest(form.id);
    for (const [id, v] of Object.entries(await this.publishedCatalogue()))
      latest[id] = Math.max(latest[id] ?? 0, v);
    return latest;
  }

  async latest(formId: string): Promise<FormVersion> {
    const latest = ownValue(await this.latestVersions(), formId);
    if (!latest) throw notFound('form.not_found', `Form "${formId}" not found.`);
    return this.get(formId, latest);
  }

  async get(formId: string, version: number): Promise<FormVersion> {
    const form = this.repoForm(formId);
    const fromRepo =
      form?.versions.includes(version) === true
        ? repoVersion(form, await this.content(formId), version)
        : undefined;
    if (fromRepo) return fromRepo;
    const key = `${formId}@${version}`;
    let pending = this.published.get(key);
    if (!pending) {
      pending = this.store.get(formId, version);
      this.published.set(key, pending);
      pending.then((v) => v ?? this.published.delete(key)).catch(() => this.published.delete(key));
    }
    const found = await pending;
    if (!found) throw notFound('form.not_found', `Form "${formId}" version ${version} not found.`);
    const { validatorCode: _code, ...version_ } = found;
    // A version published at run time keeps the funding rounds of the repository's form of that id.
    return form && Object.keys(form.rounds ?? {}).length ? { ...version_, rounds: form.rounds } : version_;
  }

  /** The root validator of a form version (precompiled; nothing is compiled here). */
  validator(formId: string, version: number): Promise<ValidateFn> {
    const key = `${formId}@${version}`;
    let pending = this.validators.get(key);
    if (!pending) {
      pending = (async () => {
        const repoLoader = this.repoValidators[key];
        let mod: ValidatorModule;
        if (repoLoader) mod = await repoLoader();
        else if (this.repoForm(formId)?.versions.includes(version)) {
          throw new Error(
            `The validators of the repository's forms are not registered in this function (${key}).`,
          );
        } else {
          const stored = await this.store.get(formId, version);
          if (!stored?.validatorCode)
            throw notFound('form.not_found', `Form "${formId}" version ${version} not found.`);
          mod = await this.loadValidator(stored.validatorCode);
        }
        const fn = mod.validators[mod.rootKey];
        if (!fn) throw new Error(`validator module of ${key} has no root validator`);
        return fn;
      })();
      pending.catch(() => this.validators.delete(key));
      this.validators.set(key, pending);
    }
    return pending;
  }

  /** The code of a version's validator module (for serving it as a static file). */
  async validatorCode(formId: string, version: number): Promise<string | undefined> {
    return (await this.store.get(formId, version))?.validatorCode;
  }

  /**
   * Publishes a new version of a form (or a new form) from the same format as the repository's files.
   * The server assigns the next number; a published version is never changed.
   */
  async publish(
    actor: Actor,
    formId: string,
    input: PublishInput,
    deps: { compile: ValidatorCompiler; assets?: StaticAssets; now: Date },
  ): Promise<FormVersion> {
    if (!actor.roles.includes('admin'))
      throw forbidden('form.publish_forbidden', 'Only an admin may publish form versions.');
    if (!FORM_ID.test(formId))
      throw badRequest('form.bad_id', 'A form id is 2–63 lower-case letters, digits or dashes.');
    const details = [];
    if (!isObject(input))
      throw badRequest(
        'form.invalid',
        'The body must be an object {title, schema, uiSchema, workflow, config?, i18n?}.',
      );
    const title = typeof input.title === 'string' ? { de: input.title } : input.title;
    if (!isObject(title) || typeof title.de !== 'string' || title.de.trim() === '') {
      details.push({ pointer: '/title', message: 'A title (string or {de, en}) is required.' });
    }
    if (!isObject(input.schema) || (input.schema.type !== undefined && input.schema.type !== 'object')) {
      details.push({
        pointer: '/schema',
        message: 'The schema must be a JSON Schema object describing an object.',
      });
    }
    if (input.uiSchema !== undefined && !isObject(input.uiSchema))
      details.push({ pointer: '/uiSchema', message: 'must be an object' });
    if (input.config !== undefined && !isObject(input.config))
      details.push({ pointer: '/config', message: 'must be an object' });
    if (input.i18n !== undefined && !isObject(input.i18n))
      details.push({ pointer: '/i18n', message: 'must be an object' });
    // Any number of languages, each under its BCP 47 tag; bundles with meta must match the German one.
    else if (input.i18n !== undefined) details.push(...textsIssues(input.i18n));
    const workflow = validateWorkflow(input.workflow, details);
    if (details.length) throw badRequest('form.invalid', 'The form definition is invalid.', details);
    const schema = input.schema as JsonObject;
    const unsupported = unsupportedKeywords(schema);
    if (unsupported.length) {
      throw badRequest(
        'form.unsupported_keywords',
        `The schema uses keywords the form renderer cannot show: ${[...new Set(unsupported.map((u) => u.code))].join(', ')}.`,
        unsupported.map((u) => ({ ...u, pointer: `/schema${u.pointer}` })),
      );
    }
    const refused = schemaProblems(schema);
    if (refused.length) {
      throw badRequest(
        'form.schema_invalid',
        `The schema cannot be published: ${refused[0]!.message}${refused.length > 1 ? ` (and ${refused.length - 1} more)` : ''}`,
        refused,
      );
    }
    const missing = missingKindFields(schema, workflow!.kind);
    if (missing.length)
      throw badRequest(
        'form.kind_fields_missing',
        'The schema lacks fields the platform reads for this kind of form.',
        missing,
      );

    const latest = ownValue(await this.latestVersions(), formId) ?? 0;
    if (latest > 0) {
      const previous = await this.get(formId, latest);
      if (previous.workflow.kind !== workflow!.kind) {
        throw conflict(
          'form.kind_changed',
          `A new version cannot change the form's kind (${previous.workflow.kind}).`,
        );
      }
    }
    let validatorCode: string;
    try {
      validatorCode = await deps.compile(schema);
    } catch (error) {
      throw badRequest('form.schema_invalid', `The schema does not compile: ${(error as Error).message}`, [
        { pointer: '/schema', message: (error as Error).message },
      ]);
    }
    const version: FormVersion = {
      id: formId,
      version: latest + 1,
      title: title as FormVersion['title'],
      schema,
      uiSchema: (input.uiSchema as JsonObject | undefined) ?? {},
      workflow: workflow!,
      config: (input.config as FormConfig | undefined) ?? {},
      i18n: (input.i18n as FormI18n | undefined) ?? {},
      publishedAt: deps.now.toISOString(),
      source: 'published',
    };
    // The validator file first: the version becomes visible (stored) only once browsers can load its
    // file. Should storing fail, the file is one nobody asks for, and the next publish overwrites it.
    const assetKey = validatorAssetKey(formId, version.version);
    await deps.assets?.put(assetKey, validatorCode, VALIDATOR_TYPE);
    try {
      await this.store.publish({ ...version, validatorCode });
    } catch (error) {
      // Another publisher took the number meanwhile, and this one may have overwritten its file: put the
      // winner's back.
      if (deps.assets && error instanceof AppError && error.code === 'form.version_exists') {
        const winner = await this.store.get(formId, version.version);
        if (winner?.validatorCode) await deps.assets.put(assetKey, winner.validatorCode, VALIDATOR_TYPE);
      }
      throw error;
    } finally {
      // Published, or taken meanwhile by another publisher: either way the cached numbers are stale.
      this.catalogueCache = undefined;
    }
    return version;
  }
}

function validateWorkflow(
  value: unknown,
  details: { pointer: string; message: string }[],
): WorkflowDefinition | undefined {
  if (!isObject(value)) {
    details.push({ pointer: '/workflow', message: 'A workflow object is required.' });
    return undefined;
  }
  const before = details.length;
  if (!(FORM_KINDS as readonly unknown[]).includes(value.kind))
    details.push({ pointer: '/workflow/kind', message: `kind must be one of ${FORM_KINDS.join(', ')}` });
  for (const step of ['start', 'submit', 'review'] as const) {
    const roles = value[step];
    if (
      !Array.isArray(roles) ||
      roles.length === 0 ||
      !roles.every((r) => (ROLES as readonly unknown[]).includes(r))
    ) {
      details.push({
        pointer: `/workflow/${step}`,
        message: `a non-empty list of roles (${ROLES.join(', ')})`,
      });
    }
  }
  for (const flag of ['amend', 'amendNeedsReview'] as const) {
    if (typeof value[flag] !== 'boolean')
      details.push({ pointer: `/workflow/${flag}`, message: 'must be true or false' });
  }
  if (value.fourEyes !== undefined && typeof value.fourEyes !== 'boolean')
    details.push({ pointer: '/workflow/fourEyes', message: 'must be true or false' });
  if (
    value.indexed !== undefined &&
    (!isObject(value.indexed) ||
      !Object.values(value.indexed).every((p) => typeof p === 'string' && p.startsWith('/')))
  ) {
    details.push({ pointer: '/workflow/indexed', message: 'must map names to JSON pointers' });
  }
  if (details.length > before) return undefined;
  return {
    kind: value.kind as WorkflowDefinition['kind'],
    start: value.start as Role[],
    submit: value.submit as Role[],
    review: value.review as Role[],
    amend: value.amend as boolean,
    amendNeedsReview: value.amendNeedsReview as boolean,
    ...(value.indexed ? { indexed: value.indexed as Record<string, string> } : {}),
    ...(value.fourEyes === true ? { fourEyes: true } : {}),
  };
}
