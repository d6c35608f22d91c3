import { fileURLToPath } from 'node:url';

/**
 * Configuration, read once at cold start and validated. Local mode differs from AWS only here: the local
 * server sets endpoints (`AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_S3`, read by the SDK itself),
 * credentials and names; no service branches on where it runs.
 */
export interface Config {
  tableName: string;
  attachmentsBucket: string;
  quarantineBucket: string;
  /** Where the repository forms' validator modules are (as files, not bundled). */
  validatorsDir: string;
  /**
   * Where the files built with the API that a function loads on first use are (not bundled): the idempotency
   * module (`IDEMPOTENCY_MODULE_FILE`), the OpenAPI document without forms (`OPENAPI_BASE_FILE`).
   */
  apiFilesDir: string;
  /** Where the repository forms' contents are (`<formId>.form.json`: schemas, UI schema, texts; not bundled). */
  formsDir: string;
  /** Where published validator modules are put to be served as static files (`validators/...`). */
  webBucket: string;
  /** Path-style S3 addressing (the local S3 emulator needs it). */
  s3ForcePathStyle: boolean;
  /**
   * Where the malware verdict comes from: `guardduty` (default; GuardDuty scans the quarantine bucket and
   * its verdict arrives by event) or `eicar` (local: an in-process check for the EICAR test signature).
   */
  malwareScanner: 'guardduty' | 'eicar';
  /**
   * How long one attempt of a database or object-storage call may wait for an answer (ms). 1,200 in AWS,
   * where DynamoDB answers in milliseconds, so that a stalled dependency answers 503 within 3 s; the local
   * platform allows more, for DynamoDB Local on a busy machine.
   */
  dependencyTimeoutMs: number;
  /** Where the documents' font files are: in AWS a folder beside the bundle; unset, their npm packages. */
  fontsDir: string | undefined;
  /** The web app's address, for links in notification mails (`APP_URL`). */
  appUrl: string;
  /**
   * Mail sender and reply-to per authority (organisation id) with a `default` (`MAIL_SENDERS`, JSON):
   * `{"default": {"from": "…", "replyTo": "…"}, "<orgId>": {…}}`.
   */
  mailSenders: Record<string, { from: string; replyTo?: string }> & {
    default: { from: string; replyTo?: string };
  };
  /**
   * Where people sign in, and so what the user administration changes: `cognito` (default; the user pool
   * `USER_POOL_ID`) or `local` (the local platform's sign-in, which reads the profiles in the table).
   */
  userDirectory: { kind: 'cognito'; userPoolId: string } | { kind: 'local' };
  /** The SES configuration set that records bounces and complaints (`SES_CONFIGURATION_SET`), if any. */
  sesConfigurationSet?: string;
}

/**
 * The file of the idempotency module, shipped beside every HTTP function's bundle and loaded on the first
 * write with an Idempotency-Key (see `idempotency-module.ts`); built into `functions/api/generated/`.
 */
export const IDEMPOTENCY_MODULE_FILE = 'idempotency.mjs';
/** The OpenAPI document without the forms, built into `functions/api/generated/`, beside the forms function's bundle. */
export const OPENAPI_BASE_FILE = 'openapi-base.json';

function mailSenders(): Config['mailSenders'] {
  const raw = process.env.MAIL_SENDERS;
  if (!raw) return { default: { from: 'noreply@pakt-integration.invalid' } };
  const parsed = JSON.parse(raw) as Config['mailSenders'];
  if (typeof parsed?.default?.from !== 'string')
    throw new Error('Missing configuration: MAIL_SENDERS needs a default sender {"default": {"from": …}}.');
  return parsed;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing configuration: environment variable ${name} is not set.`);
  return value;
}

const positiveInt = (value: string | undefined) => {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
};

/**
 * The time one attempt of a database or object-storage call may take (ms), read on its own: the SDK clients
 * are built at module scope, also by tools that need no other configuration.
 */
export const dependencyTimeoutMs = () => positiveInt(process.env.DEPENDENCY_TIMEOUT_MS) ?? 1200;

let cached: Config | undefined;

export function config(): Config {
  cached ??= {
    tableName: required('TABLE_NAME'),
    attachmentsBucket: process.env.ATTACHMENTS_BUCKET ?? '',
    quarantineBucket: process.env.QUARANTINE_BUCKET ?? '',
    webBucket: process.env.WEB_BUCKET ?? '',
    // In AWS the deployment puts them in `validators/` beside the bundle (index.mjs); locally: env.
    validatorsDir: process.env.VALIDATORS_DIR ?? fileURLToPath(new URL('./validators/', import.meta.url)),
    // In AWS in `forms/` beside the bundle; locally: env (`forms/generated`).
    formsDir: process.env.FORMS_DIR ?? fileURLToPath(new URL('./forms/', import.meta.url)),
    // In AWS beside the bundle (index.mjs); locally: env (`functions/api/generated`).
    apiFilesDir: process.env.API_FILES_DIR ?? fileURLToPath(new URL('./', import.meta.url)),
    s3ForcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true',
    malwareScanner: process.env.MALWARE_SCANNER === 'eicar' ? 'eicar' : 'guardduty',
    dependencyTimeoutMs: dependencyTimeoutMs(),
    fontsDir: process.env.FONTS_DIR || undefined,
    appUrl: process.env.APP_URL ?? '',
    mailSenders: mailSenders(),
    userDirectory:
      process.env.USER_DIRECTORY === 'local'
        ? { kind: 'local' }
        : // Read only by the users function: the others need no pool id.
          { kind: 'cognito', userPoolId: process.env.USER_POOL_ID ?? '' },
    ...(process.env.SES_CONFIGURATION_SET ? { sesConfigurationSet: process.env.SES_CONFIGURATION_SET } : {}),
  };
  return cached;
}
