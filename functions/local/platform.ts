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
import type { HandlerGroup } from '../routes.ts';
import { ensureTable, streamArnOf } from './bootstrap.ts';
import {
  freePort,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type RunningDynamo,
  receivedMails,
  startDynamo,
  startS3,
  startSes,
} from './emulators.ts';
import { localSigner } from './jwt.ts';
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
   * `eicar` (default): the malware verdict is given at once by an in-process EICAR check. `guardduty`:
   * uploads wait in `scanning` for a verdict event, as in AWS (tests send it to the verdict function).
   */
  malwareScanner?: 'eicar' | 'guardduty';
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
  /** Reads the table's stream until it has nothing new and delivers what it read (tests wait with it). */
  deliverNotifications(): Promise<void>;
  /** What the erasure run on start erased (ids only). */
  erasure: { erased: string[]; failed: Array<{ id: string; errorName: string }> };
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
  const port = options.port || (await freePort());
  const tableName = options.tableName ?? 'pakt-local';
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    let dynamo: RunningDynamo;
    if (options.dynamoEndpoint) dynamo = { endpoint: options.dynamoEndpoint, stop: async () => undefined };
    else {
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
      S3_FORCE_PATH_STYLE: 'true',
      MALWARE_SCANNER: options.malwareScanner ?? 'eicar',
      POWERTOOLS_SERVICE_NAME: 'pakt-integration-local',
      POWERTOOLS_LOG_LEVEL: options.log ? 'INFO' : 'WARN',
    });

    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const created = await ensureTable(client, tableName);
    const streamArn = await streamArnOf(client, tableName);
    client.destroy();

    // Imported only now: the handlers read their configuration from the environment at load time.
    const { context, registerRepoValidators } = await import('#lib/context');
    // Every handler group runs in this one process; the seed validates like the submissions function.
    registerRepoValidators((await import('#generated/validators')).validatorFiles);
    const { seedDemo, demoUsers } = await import('./seed.ts');
    if (created && options.seed !== false) await seedDemo(context());
    // The erasure job runs daily in AWS; locally on every start (and with `npm run erase-due`).
    const { erasureService } = await import('#lib/privacy-context');
    const erasure = await erasureService().eraseDue();

    // Notifications: the stream of the outbox goes to the same handler as in AWS; the sweeper every minute.
    const notify = await import('../events/notify.ts');
    const { notificationService } = await import('#lib/notifications-context');
    const reader = startStreamReader({
      endpoint: dynamo.endpoint,
      streamArn,
      handle: (event) => notify.handler(event, localContext('notify')),
    });
    stops.push(reader.stop);
    // The reminder job (with the daily digests) runs daily in AWS; locally at start and every five minutes.
    const { reminderService } = await import('#lib/notifications-context');
    const remind = () =>
      reminderService()
        .run()
        .then(() => notificationService().sendDigests())
        .catch((error: unknown) => console.error('reminders', (error as Error).name));
    if (options.reminders !== false) await remind();
    const sweeper = setInterval(() => {
      notificationService()
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
      users: () => demoUsers(context()),
      loadGroup,
      ...(options.webDir ? { webDir: options.webDir } : {}),
      generatedDir: join(root, 'forms', 'generated'),
      publishedValidator: (formId, version) => context().forms.validatorCode(formId, version),
      extraConnectOrigins: [s3.endpoint],
      mails: () => receivedMails(ses.endpoint),
      mailViewer: ses.endpoint,
    });
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
      stop: stopAll,
    };
  } catch (error) {
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
