import { Duration, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './nag.ts';

export interface AppFunctionProps {
  /** Absolute path of the handler module (exports `handler`). */
  readonly entry: string;
  /** Directory holding package.json and package-lock.json (esbuild resolves `#imports` from there). */
  readonly projectRoot: string;
  readonly description: string;
  /** `POWERTOOLS_SERVICE_NAME`. */
  readonly serviceName: string;
  /** `LOG_LEVEL`. */
  readonly logLevel: string;
  readonly logRetention: RetentionDays;
  /** @default 512 MB (more memory also means more CPU for JSON-schema validation). */
  readonly memorySize?: number;
  /** @default 10 s (API Gateway gives up after 30 s anyway). */
  readonly timeout?: Duration;
  /**
   * Files shipped beside the bundle instead of inside it (loaded at run time when needed), e.g. the forms'
   * precompiled validator modules: `from` a directory of the project, the files matching `pattern`, `to` a
   * directory of the function's package.
   */
  readonly files?: FileCopy | readonly FileCopy[];
  /**
   * Packages with native code, installed beside the bundle (never bundled) for the function's platform
   * (Linux on arm64), whatever machine bundles it.
   */
  readonly nativeModules?: readonly string[];
}

/** Files of the project copied beside the bundle. */
export interface FileCopy {
  from: string;
  pattern: string;
  to: string;
}

/** What a function may do with a bound table or bucket. */
export type Access = 'read' | 'readwrite';
/** Buckets also know `write`: put objects, nothing else (e.g. publishing static files). */
export type BucketAccess = Access | 'write';

const TABLE_ACTIONS: Record<Access, string[]> = {
  // No Scan: every list is a Query on an index partition (see functions/table.ts).
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
  readwrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
};

const OBJECT_ACTIONS: Record<BucketAccess, string[]> = {
  read: ['s3:GetObject'],
  write: ['s3:PutObject'],
  // DeleteObjectVersion: on a versioned bucket, deleting an attachment must remove every version,
  // not just hide it behind a delete marker (GDPR erasure).
  readwrite: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'],
};

const BUCKET_ACTIONS: Record<BucketAccess, string[]> = {
  // ListBucket turns a missing key into 404 instead of 403; ListBucketVersions finds the versions to delete.
  read: ['s3:ListBucket'],
  write: [],
  readwrite: ['s3:ListBucket', 's3:ListBucketVersions'],
};

/**
 * One Lambda function of the platform with the house defaults: Node.js 24 on arm64, an ESM bundle
 * built by the local esbuild (no Docker) with the AWS SDK inside, minified, with source maps, a log
 * group with retention, and a role that can only write to that log group until a `bind*()` call adds
 * exactly what the function needs.
 *
 * `bindTable()` / `bindBucket()` set the environment variable and the grant in one call, so a function
 * never knows a resource it may not use, nor may use one it does not know.
 */
export class AppFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });

    // Own role instead of the default one: the default attaches the AWS managed
    // AWSLambdaBasicExecutionRole, which may write to every log group in the account.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description} (least privilege, see AppFunction)`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        LOG_LEVEL: props.logLevel,
        // The logger must never print the event: it carries the caller's token claims (name, e-mail)
        // and request bodies with personal data.
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        platform: 'node',
        minify: true,
        // The forms' texts in Ukrainian, Arabic, Persian, Russian … stay as UTF-8 instead of \uXXXX escapes
        // (six bytes a letter): about 40 % less for the texts in every bundle that carries the catalogue.
        charset: Charset.UTF8,
        sourceMap: true,
        // Stack traces need line mapping only; leaving the sources out keeps the bundle small.
        sourcesContent: false,
        mainFields: ['module', 'main'],
        // Bundle the AWS SDK v3 (nothing external): a pinned, tree-shaken SDK instead of the runtime's.
        externalModules: [],
        // Some CommonJS dependencies call require() for Node built-ins; give the ESM bundle one.
        banner:
          "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        ...(props.files ? { commandHooks: copyFilesHook([props.files].flat()) } : {}),
        ...(props.nativeModules?.length
          ? {
              nodeModules: [...props.nativeModules],
              // npm then installs the optional per-platform package of the Lambda's platform.
              environment: { npm_config_os: 'linux', npm_config_cpu: 'arm64', npm_config_libc: 'glibc' },
            }
          : {}),
      },
    });
  }

  /**
   * Lets the function use the table through its primary key and the named indexes, and sets
   * `envVar` (default `TABLE_NAME`). The grant names each index instead of `index/*`.
   */
  bindTable(
    table: ITable,
    options: { indexNames: readonly string[]; access?: Access; envVar?: string },
  ): this {
    const access = options.access ?? 'readwrite';
    this.function.addEnvironment(options.envVar ?? 'TABLE_NAME', table.tableName);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: TABLE_ACTIONS[access],
        resources: [table.tableArn, ...options.indexNames.map((name) => `${table.tableArn}/index/${name}`)],
      }),
    );
    if (table.encryptionKey) this.grantKeyVia(table.encryptionKey, 'dynamodb', access);
    return this;
  }

  /**
   * Lets the function use the bucket's objects and sets `envVar` to the bucket name. `readwrite` includes
   * deleting every version of an object.
   */
  bindBucket(bucket: IBucket, envVar: string, access: BucketAccess = 'readwrite'): this {
    this.function.addEnvironment(envVar, bucket.bucketName);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: OBJECT_ACTIONS[access],
        resources: [bucket.arnForObjects('*')],
      }),
    );
    if (BUCKET_ACTIONS[access].length > 0) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: BUCKET_ACTIONS[access],
          resources: [bucket.bucketArn],
        }),
      );
    }
    if (bucket.encryptionKey) this.grantKeyVia(bucket.encryptionKey, 's3', access);
    // The object keys are ids created at run time: "<bucket>/*" is the narrowest resource that can say
    // "the objects of this bucket".
    acknowledgeWildcardResource(
      this.role,
      bucket.arnForObjects('*'),
      `Object actions (${OBJECT_ACTIONS[access].join(', ')}) on the objects of this one bucket only; object keys are generated at run time.`,
    );
    return this;
  }

  /** Key use restricted to calls that DynamoDB or S3 make on the function's behalf. */
  private grantKeyVia(key: IKey, service: 'dynamodb' | 's3', access: BucketAccess): void {
    const actions =
      access === 'read'
        ? ['kms:Decrypt', 'kms:DescribeKey']
        : ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey'];
    const region = Stack.of(this).region;
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions,
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `${service}.${region}.amazonaws.com` } },
      }),
    );
  }
}

/** Bundling hook that copies files into the function's package after esbuild ran. */
function copyFilesHook(copies: readonly FileCopy[]) {
  const quote = (path: string) => `'${path.replace(/'/g, "'\\''")}'`;
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) =>
      copies.flatMap((files) => [
        `mkdir -p ${quote(`${outputDir}/${files.to}`)}`,
        `cp ${quote(`${inputDir}/${files.from}`)}/${files.pattern} ${quote(`${outputDir}/${files.to}/`)}`,
      ]),
  };
}
