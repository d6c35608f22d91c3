/**
 * The Lambda bundles, built as the CDK builds them (`infra/constructs/app-function.ts`): esbuild, bundled with
 * the AWS SDK inside, minified, ESM for Node 24, a linked external source map without sources, and the
 * `require` banner. Besides each handler group's entry, a reference handler built the same way: middy and the
 * SDK clients that group uses, nothing else. Shared by the bundle-size and cold-start figures.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { HANDLER_GROUPS, type HandlerGroup } from '../../functions/routes.ts';
import { ROOT } from './lib.ts';

export interface Bundle {
  name: string;
  /** The built module (`index.mjs`). */
  file: string;
  bytes: number;
  /** Whether the S3 client is inside. */
  usesS3: boolean;
  /** The SDK clients besides DynamoDB that are inside (decide which reference to compare with). */
  clients: Client[];
  /** Bytes in the output by npm package (`(platform)` for the platform's own sources), from esbuild's metafile. */
  byPackage: Record<string, number>;
}

/** The npm package a bundled input comes from, or `(platform)` for the platform's own files. */
function packageOf(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  if (at < 0) return '(platform)';
  const parts = path.slice(at + 'node_modules/'.length).split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? path);
}

export interface Bundles {
  dir: string;
  handlers: Array<Bundle & { group: HandlerGroup }>;
  /** The reference bundles, one per set of SDK clients a handler uses. */
  references: Bundle[];
  /** The reference of a handler: middy and the same SDK clients, nothing else. */
  referenceOf(handler: Bundle): Bundle;
  remove(): void;
}

/** The SDK clients a reference can hold: how to create each and which one command it sends. */
const CLIENTS = {
  '@aws-sdk/client-s3': {
    code: "import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'; const s3 = new S3Client({});",
    call: "await s3.send(new GetObjectCommand({ Bucket: process.env.WEB_BUCKET, Key: 'x' }));",
  },
  '@aws-sdk/client-sesv2': {
    code: "import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2'; const ses = new SESv2Client({});",
    call: 'await ses.send(new SendEmailCommand({}));',
  },
  '@aws-sdk/client-cognito-identity-provider': {
    code: "import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'; const idp = new CognitoIdentityProviderClient({});",
    call: "await idp.send(new AdminGetUserCommand({ UserPoolId: 'x', Username: 'x' }));",
  },
} as const;
type Client = keyof typeof CLIENTS;

const CDK_OPTIONS: BuildOptions = {
  bundle: true,
  minify: true,
  charset: 'utf8',
  platform: 'node',
  format: 'esm',
  target: 'node24',
  sourcemap: 'linked',
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // As the CDK stack does: native modules are installed beside the bundle (AppFunction's `nativeModules`).
  external: ['@myriaddreamin/typst-ts-node-compiler'],
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  absWorkingDir: ROOT,
  logLevel: 'warning',
  metafile: true,
};

/** A minimal API handler: middy, a DynamoDB document client, and the given other SDK clients. */
const referenceSource = (clients: readonly Client[]) => `
import middy from '@middy/core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
${clients.map((c) => CLIENTS[c].code).join('\n')}
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = middy().handler(async (event) => {
  const out = await documents.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: event.rawPath, sk: 'META' } }));
  ${clients.map((c) => CLIENTS[c].call).join('\n  ')}
  return { statusCode: 200, body: JSON.stringify(out.Item ?? null) };
});
`;

async function bundle(name: string, outDir: string, entry: BuildOptions): Promise<Bundle> {
  const file = join(outDir, name, 'index.mjs');
  const result = await build({ ...CDK_OPTIONS, ...entry, outfile: file });
  const inputs = Object.keys(result.metafile?.inputs ?? {});
  const byPackage: Record<string, number> = {};
  for (const output of Object.values(result.metafile?.outputs ?? {})) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const pkg = packageOf(path);
      byPackage[pkg] = (byPackage[pkg] ?? 0) + input.bytesInOutput;
    }
  }
  return {
    name,
    file,
    bytes: statSync(file).size,
    usesS3: inputs.some((path) => path.includes('node_modules/@aws-sdk/client-s3/')),
    clients: (Object.keys(CLIENTS) as Client[]).filter((c) =>
      inputs.some((p) => p.includes(`node_modules/${c}/`)),
    ),
    byPackage,
  };
}

export async function buildBundles(): Promise<Bundles> {
  const dir = mkdtempSync(join(tmpdir(), 'pakt-bench-bundles-'));
  const handlers = [];
  for (const group of HANDLER_GROUPS) {
    const built = await bundle(group, dir, { entryPoints: [join(ROOT, 'functions', 'http', `${group}.ts`)] });
    handlers.push({ ...built, group });
  }
  const references = new Map<string, Bundle>();
  const referenceName = (clients: readonly Client[]) =>
    ['reference-dynamodb', ...clients.map((c) => c.replace('@aws-sdk/client-', ''))].join('-');
  for (const h of handlers) {
    const name = referenceName(h.clients);
    if (references.has(name)) continue;
    references.set(
      name,
      await bundle(name, dir, {
        stdin: {
          contents: referenceSource(h.clients),
          resolveDir: ROOT,
          loader: 'js',
          sourcefile: 'reference.mjs',
        },
      }),
    );
  }
  return {
    dir,
    handlers,
    references: [...references.values()],
    referenceOf: (handler) => references.get(referenceName(handler.clients))!,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
