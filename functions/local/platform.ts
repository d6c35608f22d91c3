/**
 * The whole platform on one machine: embedded DynamoDB and S3, the API handlers, the web app and the local
 * sign-in, on one port of 127.0.0.1. Used by `npm start`, the integration and browser tests and the
 * benchmarks. Configuration is passed to the handlers exactly as in AWS: through the environment.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ReconcileReport } from '#services/attachment-service';
import type { HandlerGroup } from '../routes.ts';
import { ensureTable, streamArnOf } from './bootstrap.ts';
import { checkDatabaseFiles, tableMissing } from './data-dir.ts';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type RunningDynamo,
  receivedMails,
  reservePort,
  startDynamo,
  startS3,
  startSes,
} from './emulators.ts';
import { localSigner } from './jwt.ts';
import type { RateLimit } from './rate-limit.ts';
import { createLocalServer, type GroupHandler } from './server.ts';
import { startStreamReader } from './stream-reader.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface PlatformOptions {
  /** 0 or undefined: a free port. */
  port?: number;
  dataDir: string;
  webDir?: string;
  /** Log every handler's structured logs at INFO (default: warnings only). */
  log?: boolean;
  /** Use an already running DynamoDB Local (tests share one per run) instead of starting one. */
  dynamoEndpoint?: string;
  tableName?: string;
  /** Seed organisations, demo users and demo submissions into a new table (default true). */
  seed?: boolean;
  /**
   * With the seed: also the demo grants after their decisions (`demo-grants.ts`: payouts, a change notice, a
   * refusal, a proof of use due); default true. Tests that do not read them leave them out (they take seconds).
   */
  demoGrants?: boolean;
  /**
   * `eicar` (default): the malware verdict is given at once by an in-process EICAR check. `guardduty`:
   * uploads wait in `scanning` for a verdict event, as in AWS (tests send it to the verdict function).
   */
  malwareScanner?: 'eicar' | 'guardduty';
  /** Per-client limits on `/api`, as the web ACL in AWS (`npm start` sets them; tests choose). */
  rateLimit?: RateLimit;
  /** Per-attempt timeout of database and S3 calls (ms); default 4,000, above AWS's 1,200 (see `Config`). */
  dependencyTimeoutMs?: number;
  /** Run the reminder job at start and every five minutes (default true). */
  reminders?: boolean;
}

export interface Platform {
  url: string;
  port: number;
  dynamoEndpoint: string;
  s3Endpoint: string;
  /** The SES v2 emulator (its viewer is at the same address). */
  sesEndpoint: string;
  tableName: string;
  /**
   * Reads the table's stream until it has nothing new and delivers what it read: notifications and the case
   * file's documents (tests wait with it).
   */
  deliverNotifications(): Promise<void>;
  /** What the erasure run on start erased (ids only). */
  erasure: { erased: string[]; failed: Array<{ id: string; errorName: string }> };
  /** Plans the start moved to the latest form version with their language code (ids only). */
  planLanguages: {
    migrated: Array<{ id: string; language?: string }>;
    skipped: Array<{ id: string; reason: string }>;
  };
  /** What the reconciliation of attachment objects and metadata on start did (counts). */
  reconciliation: ReconcileReport;
  stop(): Promise<void>;
}

export const BUCKETS = {
  attachments: 'pakt-attachments',
  quarantine: 'pakt-quarantine',
  web: 'pakt-web',
} as const;

export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  // The platform's own port is held from here until its server listens (seeding takes seconds).
  const reserved = options.port ? undefined : await reservePort();
  const port = options.port || (reserved?.port as number);
  const tableName = options.tableName ?? 'pakt-local';
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    let dynamo: RunningDynamo;
    // A database on disk whose table is gone is unreadable data, never a reason to seed over it.
    let hasDatabase = false;
    if (options.dynamoEndpoint) dynamo = { endpoint: options.dynamoEndpoint, stop: async () => undefined };
    else {
      ({ hasDatabase } = checkDatabaseFiles(dataDir));
      dynamo = await startDynamo({ dbPath: join(dataDir, 'dynamodb') });
      stops.push(dynamo.stop);
    }
    const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
    const s3 = await startS3({
      directory: join(dataDir, 's3'),
      buckets: Object.values(BUCKETS),
      corsOrigins: origins,
    });
    stops.push(s3.stop);
    const ses = await startSes();
    stops.push(ses.stop);

    Object.assign(process.env, {
      TABLE_NAME: tableName,
      ATTACHMENTS_BUCKET: BUCKETS.attachments,
      QUARANTINE_BUCKET: BUCKETS.quarantine,
      WEB_BUCKET: BUCKETS.web,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      APP_URL: `http://127.0.0.1:${port}`,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_REGION: LOCAL_REGION,
      VALIDATORS_DIR: join(root, 'forms', 'generated'),
      FORMS_DIR: join(root, 'forms', 'generated'),
      API_FILES_DIR: join(root, 'functions', 'api', 'generated'),
      S3_FORCE_PATH_STYLE: 'true',
      MALWARE_SCANNER: options.malwareScanner ?? 'eicar',
      // Users invited in the user administration sign in through the local sign-in.
      USER_DIRECTORY: 'local',
      DEPENDENCY_TIMEOUT_MS: String(options.dependencyTimeoutMs ?? 4000),
      POWERTOOLS_SERVICE_NAME: 'pakt-integration-local',
      POWERTOOLS_LOG_LEVEL: options.log ? 'INFO' : 'WARN',
    });

    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const { created, streamArn } = await ensureTable(client, tableName, {
      create: !hasDatabase,
      onMissing: () => tableMissing(tableName, dataDir),
    })
      .then(async (made) => ({ created: made, streamArn: await streamArnOf(client, tableName) }))
      .finally(() => client.destroy());

    // Imported only now: the handlers read their configuration from the environment at load time.
    const { awsTableAdapters, registerRepoValidators } = await import('#lib/aws-adapters');
    const { awsAdapters } = await import('#lib/aws-files');
    const { awsUserAdapters } = await import('#lib/aws-users');
    const { attachmentService, erasureService, formCatalog, guardedSubmissions } = await import(
      '#lib/services'
    );
    // Every handler group runs in this one process; the seed validates like the submissions function.
    registerRepoValidators((await import('#generated/validators')).validatorFiles);
    // Versioned data migrations: wait for indexes an upgrade added, backfill what older data lacks.
    const { runMigrations } = await import('#lib/migrations-context');
    const migrations = await runMigrations();
    if (options.log && migrations.applied.length) console.log('migrations', migrations);
    const { seedDemo, signInUsers } = await import('./seed.ts');
    const tables = awsTableAdapters();
    if (created && options.seed !== false) {
      // The demo's own files (the signed applications) are checked at once by the local EICAR check, also
      // where the platform waits for verdict events as in AWS.
      const { EicarScanner } = await import('#adapters/local/eicar-scanner');
      await seedDemo(
        { ...awsAdapters({ quarantine: true }), scanner: new EicarScanner() },
        { grants: options.demoGrants !== false },
      );
    }
    // Plans stored before the person's language became a code move to the latest form version (a
    // deploy-time job in AWS, see migrate-plan-languages.ts); nothing happens once they all have.
    const { PlanLanguageMigration } = await import('#services/plan-language-migration');
    const planLanguages = await new PlanLanguageMigration({
      submissions: guardedSubmissions(tables),
      forms: formCatalog(tables),
      directory: tables.directory,
      now: tables.now,
    }).run();
    // The erasure job runs daily in AWS; locally on every start (and with `npm run erase-due`).
    const erasure = await erasureService(awsAdapters({ quarantine: true })).eraseDue();
    // And the reconciliation of attachment objects with their metadata, as the daily job does in AWS.
    const reconciliation = await attachmentService(awsAdapters({ quarantine: true })).reconcile();

    // Notifications: the stream of the outbox goes to the same handler as in AWS; the sweeper every minute.
    const notify = await import('../events/notify.ts');
    // The case file's documents: rendered from the same stream after their change committed, as in AWS.
    const issueDocuments = await import('../events/issue-documents.ts');
    const { awsNotificationAdapters } = await import('#lib/aws-notifications');
    const { notificationService, reminderService } = await import('#lib/services');
    const notificationAdapters = awsNotificationAdapters();
    const reader = startStreamReader({
      endpoint: dynamo.endpoint,
      streamArn,
      // In AWS two event source mappings read the stream, each filtered; here one reader hands each batch to both.
      handle: async (event) => {
        await notify.handler(event, localContext('notify'));
        await issueDocuments.handler(event, localContext('issue-documents'));
      },
    });
    stops.push(reader.stop);
    // The reminder job (with the daily digests) runs daily in AWS; locally at start and every five minutes.
    const remind = () =>
      reminderService(notificationAdapters)
        .run()
        .then(() => notificationService(notificationAdapters).sendDigests())
        .catch((error: unknown) => console.error('reminders', (error as Error).name));
    if (options.reminders !== false) await remind();
    const sweeper = setInterval(() => {
      notificationService(notificationAdapters)
        .sweep()
        .catch((error: unknown) => console.error('outbox sweep', (error as Error).name));
    }, 60_000);
    const reminderTimer = options.reminders === false ? undefined : setInterval(remind, 5 * 60_000);
    stops.push(async () => {
      clearInterval(sweeper);
      clearInterval(reminderTimer);
    });

    const groups = new Map<HandlerGroup, Promise<GroupHandler>>();
    const loadGroup = (group: HandlerGroup) => {
      let pending = groups.get(group);
      if (!pending) {
        pending = import(`../http/${group}.ts`).then((m: { handler: GroupHandler }) => m.handler);
        groups.set(group, pending);
      }
      return pending;
    };
    const server: Server = createLocalServer({
      port,
      signer: await localSigner(dataDir),
      users: () => signInUsers(awsTableAdapters(), awsUserAdapters().userRecords),
      loadGroup,
      ...(options.webDir ? { webDir: options.webDir } : {}),
      generatedDir: join(root, 'forms', 'generated'),
      publishedValidator: (formId, version) => formCatalog(awsTableAdapters()).validatorCode(formId, version),
      extraConnectOrigins: [s3.endpoint],
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      mails: () => receivedMails(ses.endpoint),
      mailViewer: ses.endpoint,
    });
    await reserved?.release();
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolveListen());
    });
    stops.push(
      () =>
        new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
    );
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      sesEndpoint: ses.endpoint,
      tableName,
      deliverNotifications: () => reader.drain(),
      erasure,
      planLanguages,
      reconciliation,
      stop: stopAll,
    };
  } catch (error) {
    await reserved?.release().catch(() => undefined);
    await stopAll();
    throw error;
  }
}

/** A Lambda context for the event handlers the local platform calls itself. */
function localContext(name: string): import('aws-lambda').Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `local-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:local-${name}`,
    memoryLimitInMB: '1024',
    awsRequestId: `local-${Date.now().toString(36)}`,
    logGroupName: `/local/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
