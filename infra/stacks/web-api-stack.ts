import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  Annotations,
  CfnOutput,
  CustomResource,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  TimeZone,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  DomainName,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import {
  ClientAttributes,
  type IUserPool,
  OAuthScope,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Provider } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { VALIDATOR_COMPILER_FILE } from '../../forms/types.ts';
import { DEPLOYED_FONTS_DIR, FONT_FILES } from '../../functions/adapters/pdf/fonts.ts';
import { IDEMPOTENCY_MODULE_FILE, OPENAPI_BASE_FILE } from '../../functions/lib/config.ts';
import { HANDLER_GROUPS, type HandlerGroup, type Route, routes } from '../../functions/routes.ts';
import { LATEST_SCHEMA_VERSION } from '../../functions/services/migrations.ts';
import type { StageConfig } from '../config.ts';
import { AppFunction, type FileCopy } from '../constructs/app-function.ts';
import { DocumentIssuer } from '../constructs/document-issuer.ts';
import { acknowledgeWildcardResource } from '../constructs/nag.ts';
import { Notifications } from '../constructs/notifications.ts';
import { contentSecurityPolicy } from '../csp.ts';
import type { DataStack } from './data-stack.ts';

export interface WebApiStackProps extends StackProps {
  readonly config: StageConfig;
  readonly data: DataStack;
  /** Absolute path of each handler group's entry module (`functions/http/<group>.ts`). */
  readonly entries: Record<HandlerGroup, string>;
  /** Directory with package.json and package-lock.json. */
  readonly projectRoot: string;
  /** The built web app (`web/dist`). Deployed only if the directory exists at synth time. */
  readonly webDistPath: string;
  /** The CloudFront web ACL with the per-client rate limits (`EdgeWafStack`, us-east-1). */
  readonly webAclArn?: string;
}

/** What the users function may do in the user pool (functions/adapters/cognito/user-directory.ts). */
export const USER_ADMIN_ACTIONS = [
  'AdminCreateUser',
  'AdminAddUserToGroup',
  'AdminRemoveUserFromGroup',
  'AdminUpdateUserAttributes',
  'AdminDisableUser',
  'AdminEnableUser',
  'AdminUserGlobalSignOut',
  'AdminSetUserMFAPreference',
  'AdminDeleteUser',
] as const;

/** What the notifications function may do in the user pool: record a confirmed e-mail address. */
export const EMAIL_RECORD_ACTIONS = ['AdminUpdateUserAttributes'] as const;

/**
 * The repository forms' schemas, UI schemas and texts (`forms/generated/<formId>.form.json`): shipped beside
 * every bundle that reads forms and read on first use (`FORMS_DIR`, default `forms/` beside the bundle), so
 * that no function carries the texts of every language in its code.
 */
const FORM_CONTENT: FileCopy = { from: 'forms/generated', pattern: '*.form.json', to: 'forms' };
/** Groups that never read a form (their bundles hold no form catalogue). */
const FORMLESS_GROUPS: readonly string[] = ['directory', 'notifications'];

/** Groups that handle attachments and therefore get both buckets. */
const BUCKET_GROUPS: readonly string[] = ['attachments'];
/** Groups that publish static files (form validators) into the web bucket. */
const STATIC_PUBLISHING_GROUPS: readonly string[] = ['admin'];

/** The files a handler group's function ships beside its bundle, loaded at run time when needed. */
export function functionFiles(group: HandlerGroup): FileCopy[] {
  return [
    // Idempotency (Powertools), loaded on the first write with an Idempotency-Key (functions/lib/idempotency.ts).
    { from: 'functions/api/generated', pattern: IDEMPOTENCY_MODULE_FILE, to: '.' },
    // The OpenAPI document without the forms, which it serves with the published forms added.
    ...(group === 'forms' ? [{ from: 'functions/api/generated', pattern: OPENAPI_BASE_FILE, to: '.' }] : []),
    ...(FORMLESS_GROUPS.includes(group) ? [] : [FORM_CONTENT]),
    // Publishing compiles validators with ajv, loaded on the first publish from beside the bundle.
    ...(STATIC_PUBLISHING_GROUPS.includes(group)
      ? [{ from: 'forms/generated', pattern: VALIDATOR_COMPILER_FILE, to: 'forms' }]
      : []),
    // The forms' validators are loaded on first use from files beside the bundle (see
    // `registerRepoValidators` in functions/lib/aws-adapters.ts).
    ...(group === 'submissions' ? [{ from: 'forms/generated', pattern: '*.v*.js', to: 'validators' }] : []),
    // The PDF renderer's fonts beside the bundle (see docs/pdf.md).
    ...(group === 'documents'
      ? FONT_FILES.map((file) => ({
          from: `node_modules/${dirname(file)}`,
          pattern: basename(file),
          to: DEPLOYED_FONTS_DIR,
        }))
      : []),
  ];
}

/**
 * The stateless half: functions, HTTP API, the Cognito app client, the web distribution, alarms.
 *
 * API and web are one stack on purpose. The app client's OAuth callback URL is the distribution's
 * domain, the API's JWT authorizer needs the app client's id as audience, and the distribution needs
 * the API as its `/api/*` origin. Split into two stacks that is a reference cycle; in one stack it is a
 * plain dependency chain. Everything here can be destroyed and redeployed without losing data.
 */
export class WebApiStack extends Stack {
  readonly functions: Record<HandlerGroup, AppFunction>;
  /** Records GuardDuty's malware verdicts on uploads (EventBridge rule → function, failures → DLQ). */
  readonly malwareVerdict: { fn: AppFunction; deadLetters: Queue };
  /** The daily erasure job (retention and withdrawn consent), see `functions/events/erase-due.ts`. */
  readonly eraseDue: AppFunction;
  readonly api: HttpApi;
  readonly distribution: Distribution;
  readonly alarmTopic: Topic;
  /** Notification delivery (table stream), sweeper, SES identity and configuration set. */
  readonly notifications: Notifications;
  /** Renders the case file's documents from the table stream (see `functions/events/issue-documents.ts`). */
  readonly documentIssuer: DocumentIssuer;

  constructor(scope: Construct, id: string, props: WebApiStackProps) {
    super(scope, id, props);
    const { config, data } = props;

    // --- Functions and the web distribution (before the app client: its domain is the callback) ------
    const webBucket = this.createWebBucket();
    this.functions = this.createFunctions(props, webBucket);
    this.malwareVerdict = this.createMalwareVerdict(props);
    this.eraseDue = this.createEraseDue(props);
    this.documentIssuer = new DocumentIssuer(this, 'DocumentIssuer', {
      config,
      table: data.table,
      tableIndexNames: data.tableIndexNames,
      attachmentsBucket: data.attachmentsBucket,
      projectRoot: props.projectRoot,
    });
    this.createMigrations(props);
    const securityHeaders = this.createSecurityHeaders();
    // With an API domain of its own, the default execute-api endpoint is disabled: nothing reaches the API
    // but through CloudFront and its web ACL. CloudFront needs a host name to forward /api/* to, and
    // without a custom domain that can only be the execute-api one, which then stays enabled (see the
    // README, "Deploy to AWS": apiDomainName and apiCertificateArn).
    const apiDomain =
      config.apiDomainName && config.apiCertificateArn
        ? new DomainName(this, 'ApiDomain', {
            domainName: config.apiDomainName,
            certificate: Certificate.fromCertificateArn(this, 'ApiCertificate', config.apiCertificateArn),
          })
        : undefined;
    this.api = new HttpApi(this, 'Api', {
      apiName: `${config.namePrefix}-api`,
      description: 'Pakt für Integration: HTTP API behind the web distribution (/api/*)',
      createDefaultStage: false,
      disableExecuteApiEndpoint: apiDomain !== undefined,
    });
    this.distribution = this.createDistribution(config, webBucket, securityHeaders, props.webAclArn);
    const webOrigin = config.domainName
      ? `https://${config.domainName}`
      : `https://${this.distribution.distributionDomainName}`;

    // --- Sign-in -------------------------------------------------------------------------------------
    const authDomain = new UserPoolDomain(this, 'AuthDomain', {
      userPool: data.userPool,
      cognitoDomain: { domainPrefix: config.authDomainPrefix },
    });
    const client = new UserPoolClient(this, 'WebClient', {
      userPool: data.userPool,
      userPoolClientName: `${config.namePrefix}-web`,
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${webOrigin}/`],
        logoutUrls: [`${webOrigin}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.minutes(60),
      accessTokenValidity: Duration.minutes(60),
      // A working day; afterwards sign in again (with MFA).
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('org'),
      // Never `custom:org`: nobody may move themselves to another municipality. Only administrators
      // change it (AdminUpdateUserAttributes). The required attributes must stay writable.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });

    // --- API -------------------------------------------------------------------------------------------
    // ID tokens: their `aud` is the app client, and they carry `cognito:groups`, `custom:org`, `name`.
    const authorizer = new HttpUserPoolAuthorizer('Cognito', data.userPool, {
      authorizerName: 'cognito-id-token',
      userPoolClients: [client],
      identitySource: ['$request.header.Authorization'],
    });
    this.createStage(config, apiDomain);
    const integrations = Object.fromEntries(
      HANDLER_GROUPS.map((group) => [
        group,
        new HttpLambdaIntegration(`${group}-integration`, this.functions[group].function),
      ]),
    ) as Record<HandlerGroup, HttpLambdaIntegration>;
    // Exactly the route table, nothing else: local-only routes (`/local/*`) are not in it.
    // Every route is behind the JWT authorizer, except those the table marks public (the API's own
    // description, which holds no data).
    for (const route of routes as readonly Route[]) {
      const added = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrations[route.group],
        ...(route.public ? {} : { authorizer }),
      });
      if (route.public) {
        for (const r of added) {
          Validations.of(r).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: `${route.method} ${route.path} is public by design: it serves the OpenAPI description of the routes and the published form schemas, no data of any person or organisation.`,
          });
        }
      }
    }

    // /config.json as web/src/auth/auth.ts reads it (AppConfig): Cognito hosted UI, code flow + PKCE.
    this.deployWebAssets(props.webDistPath, webBucket, {
      auth: {
        mode: 'cognito',
        domain: authDomain.baseUrl(),
        clientId: client.userPoolClientId,
        redirectUri: `${webOrigin}/`,
        logoutUri: `${webOrigin}/`,
      },
    });

    this.notifications = new Notifications(this, 'Notifications', {
      config,
      table: data.table,
      tableIndexNames: data.tableIndexNames,
      projectRoot: props.projectRoot,
      webOrigin,
    });
    this.alarmTopic = this.createAlarms(config);

    new CfnOutput(this, 'WebUrl', { value: webOrigin });
    if (!apiDomain) new CfnOutput(this, 'ApiEndpoint', { value: this.api.apiEndpoint });
    else {
      // Point a DNS record (CNAME or alias) of apiDomainName at this name.
      new CfnOutput(this, 'ApiDomainTarget', { value: apiDomain.regionalDomainName });
    }
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    new CfnOutput(this, 'AuthDomainUrl', { value: authDomain.baseUrl() });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
  }

  private createFunctions(props: WebApiStackProps, webBucket: Bucket): Record<HandlerGroup, AppFunction> {
    const { config, data } = props;
    const functions = {} as Record<HandlerGroup, AppFunction>;
    for (const group of HANDLER_GROUPS) {
      const files = functionFiles(group);
      const fn = new AppFunction(this, `Fn-${group}`, {
        entry: props.entries[group],
        projectRoot: props.projectRoot,
        description: `Pakt für Integration: ${group} routes`,
        serviceName: config.serviceName,
        logLevel: config.logLevel,
        logRetention: config.retention.logs,
        files,
        // The PDF renderer: Typst's native module beside the bundle; the compiler holds the fonts, and more
        // memory gives the first render more CPU.
        ...(group === 'documents'
          ? { memorySize: 1024, nativeModules: ['@myriaddreamin/typst-ts-node-compiler'] }
          : {}),
      });
      if (group === 'documents') fn.function.addEnvironment('FONTS_DIR', `/var/task/${DEPLOYED_FONTS_DIR}`);
      // Every group reads and writes the table (publishing a form version writes it too).
      fn.bindTable(data.table, { indexNames: data.tableIndexNames });
      if (BUCKET_GROUPS.includes(group)) {
        fn.bindBucket(data.attachmentsBucket, 'ATTACHMENTS_BUCKET');
        fn.bindBucket(data.quarantineBucket, 'QUARANTINE_BUCKET');
      }
      if (group === 'documents') {
        // The case file's downloads read the issued documents' PDFs: read only.
        fn.bindBucket(data.attachmentsBucket, 'ATTACHMENTS_BUCKET', 'read');
      }
      if (group === 'privacy') {
        // The subject-access export presigns download links of the plan's attachments: read only.
        fn.bindBucket(data.attachmentsBucket, 'ATTACHMENTS_BUCKET', 'read');
      }
      if (STATIC_PUBLISHING_GROUPS.includes(group)) {
        // Publishing a form version puts its compiled validator at /validators/<formId>/v<N>.js.
        fn.bindBucket(webBucket, 'WEB_BUCKET', 'write');
      }
      if (group === 'users') this.grantUserAdministration(fn, data.userPool);
      if (group === 'notifications') this.grantEmailRecord(fn, data.userPool);
      functions[group] = fn;
    }
    return functions;
  }

  /**
   * The user administration invites, changes, deactivates and reactivates users of this pool only, and
   * resets their second factor: exactly these admin actions, nothing that reads passwords or tokens.
   */
  private grantUserAdministration(fn: AppFunction, pool: IUserPool) {
    fn.function.addEnvironment('USER_POOL_ID', pool.userPoolId);
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: USER_ADMIN_ACTIONS.map((a) => `cognito-idp:${a}`),
        resources: [pool.userPoolArn],
      }),
    );
  }

  /**
   * A user's e-mail address, once confirmed by the code mailed to it (`POST /api/me/email/confirm`), is
   * recorded on the sign-in too: this one admin action, on this pool only.
   */
  private grantEmailRecord(fn: AppFunction, pool: IUserPool) {
    fn.function.addEnvironment('USER_POOL_ID', pool.userPoolId);
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: EMAIL_RECORD_ACTIONS.map((a) => `cognito-idp:${a}`),
        resources: [pool.userPoolArn],
      }),
    );
  }

  /**
   * GuardDuty Malware Protection scans each upload in the quarantine bucket and publishes its verdict to
   * the default event bus; this function records it (promotes a clean object, deletes any other).
   */
  private createMalwareVerdict(props: WebApiStackProps): { fn: AppFunction; deadLetters: Queue } {
    const { config, data } = props;
    const fn = new AppFunction(this, 'MalwareVerdict', {
      entry: join(props.projectRoot, 'functions', 'events', 'malware-verdict.ts'),
      projectRoot: props.projectRoot,
      files: FORM_CONTENT,
      description: 'Pakt für Integration: records malware verdicts on uploaded attachments',
      serviceName: config.serviceName,
      logLevel: config.logLevel,
      logRetention: config.retention.logs,
      // It reads a checked file (up to the forms' size limit) once more and copies it out of quarantine.
      memorySize: 1024,
      timeout: Duration.seconds(60),
    });
    fn.bindTable(data.table, { indexNames: data.tableIndexNames });
    fn.bindBucket(data.attachmentsBucket, 'ATTACHMENTS_BUCKET');
    fn.bindBucket(data.quarantineBucket, 'QUARANTINE_BUCKET');
    const deadLetters = new Queue(this, 'MalwareVerdictDlq', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the dead-letter queue of the malware-verdict rule target (EventBridge DLQs are not redrive policies).',
    });
    new Rule(this, 'MalwareScanResults', {
      description:
        'GuardDuty Malware Protection verdicts on the quarantine bucket → malware-verdict function',
      eventPattern: data.malwareScanResults,
    }).addTarget(
      new LambdaFunction(fn.function, {
        deadLetterQueue: deadLetters,
        retryAttempts: 8,
        maxEventAge: Duration.hours(6),
      }),
    );
    return { fn, deadLetters };
  }

  /**
   * The erasure job: every night (Europe/Berlin) it erases what is due, with every object version in both
   * attachment buckets. DynamoDB's TTL is not used for this: it lags up to two days and would leave the
   * objects behind; reads hide what is due in the meantime.
   */
  /**
   * The deploy-time data migrations (`functions/events/migrate.ts`): a custom resource whose property is
   * the latest schema version, so that CloudFormation runs it whenever a deployment brings a new migration,
   * before the deployment completes. It waits for new indexes to become ACTIVE, hence the long timeout.
   */
  private createMigrations(props: WebApiStackProps): void {
    const { config, data } = props;
    const fn = new AppFunction(this, 'Migrate', {
      entry: join(props.projectRoot, 'functions', 'events', 'migrate.ts'),
      projectRoot: props.projectRoot,
      files: FORM_CONTENT,
      description: 'Pakt für Integration: versioned data migrations at deploy time',
      serviceName: config.serviceName,
      logLevel: config.logLevel,
      logRetention: config.retention.logs,
      timeout: Duration.minutes(14),
    });
    fn.bindTable(data.table, { indexNames: data.tableIndexNames });
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [data.table.tableArn] }),
    );
    const provider = new Provider(this, 'MigrateProvider', {
      onEventHandler: fn.function,
      logGroup: new LogGroup(this, 'MigrateProviderLogs', { retention: config.retention.logs }),
    });
    new CustomResource(this, 'DataMigrations', {
      serviceToken: provider.serviceToken,
      properties: { schemaVersion: LATEST_SCHEMA_VERSION },
    });
    const reason = (what: string) => `CDK custom-resource provider framework (deploy time only): ${what}`;
    Validations.of(provider).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason: reason('its runtime is pinned by aws-cdk-lib and updated with it, not by this app.'),
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: reason('the managed policy only lets it write its own CloudWatch logs.'),
      },
      {
        id: 'AwsSolutions-IAM5[Resource::<MigrateFunctionE2483A46.Arn>:*]',
        reason: reason('invokes the versions of the one migration function, as CDK grants it.'),
      },
    );
  }

  private createEraseDue(props: WebApiStackProps): AppFunction {
    const { config, data } = props;
    const fn = new AppFunction(this, 'EraseDue', {
      entry: join(props.projectRoot, 'functions', 'events', 'erase-due.ts'),
      projectRoot: props.projectRoot,
      files: FORM_CONTENT,
      description:
        'Pakt für Integration: erases submissions whose retention period ended; reconciles attachments',
      serviceName: config.serviceName,
      logLevel: config.logLevel,
      logRetention: config.retention.logs,
      timeout: Duration.minutes(10),
    });
    fn.bindTable(data.table, { indexNames: data.tableIndexNames });
    fn.bindBucket(data.attachmentsBucket, 'ATTACHMENTS_BUCKET');
    fn.bindBucket(data.quarantineBucket, 'QUARANTINE_BUCKET');
    // Its own role, assumable by EventBridge Scheduler of this account only.
    const role = new Role(this, 'EraseDueSchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      description: 'Lets EventBridge Scheduler invoke the erasure job, nothing else',
    });
    new Schedule(this, 'EraseDueDaily', {
      description: 'Daily erasure of submissions due for erasure (retention, withdrawn consent)',
      schedule: ScheduleExpression.cron({ hour: '3', minute: '15', timeZone: TimeZone.EUROPE_BERLIN }),
      target: new LambdaInvoke(fn.function, { role, retryAttempts: 2 }),
    });
    acknowledgeWildcardResource(
      role,
      `${fn.function.functionArn}:*`,
      'lambda:InvokeFunction on the versions and aliases of the one erasure function (CDK grants "<arn>:*" with the function).',
    );
    return fn;
  }

  private createStage(config: StageConfig, domain?: DomainName): HttpStage {
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: config.retention.logs });
    return new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      ...(domain ? { domainMapping: { domainName: domain } } : {}),
      throttle: config.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No client IP, user agent or token claims other than the pseudonymous `sub` (who accessed
        // what is needed for the GDPR access log; names and e-mail addresses are not).
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTimeEpoch',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });
  }

  private createWebBucket(): Bucket {
    const logs = new Bucket(this, 'WebAccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(90) }],
      // Kept when the stack is destroyed (a bucket with objects cannot be deleted); expires by itself.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the server-access-log bucket of the web bucket; logging it into itself would loop.',
    });
    return new Bucket(this, 'WebAssets', {
      // Public static files only (no personal data); CloudFront reads them through OAC.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'web/',
      // Rebuilt from web/dist on every deployment; the deployment empties it on delete.
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }

  private createSecurityHeaders(): ResponseHeadersPolicy {
    return new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'CSP (infra/csp.ts), HSTS, no framing, no MIME sniffing, strict referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(this.region), override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            header: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=()',
            override: true,
          },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });
  }

  private createDistribution(
    config: StageConfig,
    webBucket: Bucket,
    headers: ResponseHeadersPolicy,
    webAclArn: string | undefined,
  ): Distribution {
    // Client-side routes (/submissions/123) are served by index.html; files (with a dot) as they are.
    // A function instead of custom error responses, which would also turn the API's 403/404 into 200.
    const spaRouting = new CloudFrontFunction(this, 'SpaRouting', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serve index.html for client-side routes',
      code: FunctionCode.fromInline(
        "function handler(event) { var r = event.request; if (r.uri.indexOf('.') === -1) { r.uri = '/index.html'; } return r; }",
      ),
    });
    const apiHost = config.apiDomainName ?? `${this.api.apiId}.execute-api.${this.region}.amazonaws.com`;
    const apiOrigin = new HttpOrigin(apiHost, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    const distribution = new Distribution(this, 'Web', {
      comment: `${config.namePrefix} web app and /api`,
      defaultRootObject: 'index.html',
      ...(webAclArn ? { webAclId: webAclArn } : {}),
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Edge locations in Europe and North America; the users are in Baden-Württemberg.
      priceClass: PriceClass.PRICE_CLASS_100,
      // The viewer TLS policy can only be set with an own certificate (custom domain).
      ...(config.domainName && config.certificateArn
        ? {
            domainNames: [config.domainName],
            certificate: Certificate.fromCertificateArn(this, 'WebCertificate', config.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(webBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      additionalBehaviors: {
        // Same origin as the app: no CORS, and the CSP's connect-src 'self' covers the API.
        '/api/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // All viewer headers (Authorization included) but Host, which must be the API's own.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
          compress: true,
        },
      },
    });
    Validations.of(distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'CloudFront standard logs record full client IP addresses and user agents of every visitor (personal data); ' +
          'the API access log (without IPs) and the S3 access logs cover request tracing.',
      },
      ...(config.domainName
        ? []
        : [
            {
              id: 'AwsSolutions-CFR4',
              reason:
                'Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose ' +
                'minimum TLS version CloudFront does not let us set; stages with domainName use TLSv1.2_2021.',
            },
          ]),
      {
        id: 'AwsSolutions-CFR1',
        reason: 'No geo restriction: municipal staff may work from abroad; every request is authenticated.',
      },
      ...(webAclArn
        ? []
        : [
            {
              id: 'AwsSolutions-CFR2',
              reason: 'Built without the edge stack (tests of this stack alone); the app always attaches it.',
            },
          ]),
    );
    return distribution;
  }

  private deployWebAssets(webDistPath: string, bucket: Bucket, runtimeConfig: Record<string, unknown>): void {
    if (!existsSync(webDistPath)) {
      Annotations.of(this).addWarningV2(
        'pakt:web-dist-missing',
        `${webDistPath} does not exist: the web app is not deployed. Run \`npm run build\` first.`,
      );
      return;
    }
    const deployment = new BucketDeployment(this, 'WebDeployment', {
      sources: [Source.asset(webDistPath), Source.jsonData('config.json', runtimeConfig)],
      destinationBucket: bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      // No pruning: validators of form versions published at run time live in the same bucket
      // (validators/), and old hashed assets keep serving pages that are still open in a browser.
      prune: false,
      retainOnDelete: false,
      memoryLimit: 512,
    });
    // The deployment's handler is CDK's own singleton function (runs at deploy time only, never
    // serves requests); its role and runtime are CDK's.
    const role = deployment.handlerRole;
    const handler = role.node.scope ?? role;
    const reason = (what: string) => `CDK BucketDeployment handler (deploy time only): ${what}`;
    Validations.of(handler).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason: reason('its runtime is pinned by aws-cdk-lib and updated with it, not by this app.'),
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: reason('the managed policy only lets it write its own CloudWatch logs.'),
      },
      ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: reason(
          'copies the built app from the CDK asset bucket into the web bucket, pruning old files.',
        ),
      })),
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${this.region}/*]`,
        reason: reason('reads the zipped web app from the CDK bootstrap asset bucket.'),
      },
    );
    acknowledgeWildcardResource(
      role,
      bucket.arnForObjects('*'),
      reason('writes the files of the web bucket.'),
    );
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: reason(
        'cloudfront:CreateInvalidation/GetInvalidation, which CDK grants on "*" for this handler.',
      ),
    });
  }

  private createAlarms(config: StageConfig): Topic {
    // SNS with a customer-managed key: CloudWatch cannot publish to a topic encrypted with aws/sns.
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    const topic = new Topic(this, 'Alarms', {
      displayName: `${config.namePrefix} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (config.alarmEmail) topic.addSubscription(new EmailSubscription(config.alarmEmail));
    const action = new SnsAction(topic);
    const period = Duration.minutes(5);

    const serverErrorRate = new MathExpression({
      label: '5xx rate (%)',
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: {
        errors: this.api.metricServerError({ period, statistic: 'Sum' }),
        requests: this.api.metricCount({ period, statistic: 'Sum' }),
      },
      period,
    });
    const alarms = [
      new Alarm(this, 'Api5xxRate', {
        alarmName: `${config.namePrefix}-api-5xx-rate`,
        alarmDescription: 'More than 5 % of API requests answered 5xx in 2 of 3 five-minute periods.',
        metric: serverErrorRate,
        threshold: 5,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    ];
    for (const group of HANDLER_GROUPS) {
      const fn = this.functions[group].function;
      alarms.push(
        new Alarm(this, `Errors-${group}`, {
          alarmName: `${config.namePrefix}-${group}-errors`,
          alarmDescription: `The ${group} function failed (unhandled error or timeout).`,
          metric: fn.metricErrors({ period, statistic: 'Sum' }),
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
        new Alarm(this, `Throttles-${group}`, {
          alarmName: `${config.namePrefix}-${group}-throttles`,
          alarmDescription: `Invocations of the ${group} function were throttled (account concurrency exhausted).`,
          metric: fn.metricThrottles({ period, statistic: 'Sum' }),
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    alarms.push(
      new Alarm(this, 'Errors-erase-due', {
        alarmName: `${config.namePrefix}-erase-due-errors`,
        alarmDescription: 'The erasure job failed for some submission; the next run retries, but check why.',
        metric: this.eraseDue.function.metricErrors({ period: Duration.hours(1), statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    // The one asynchronous path: a verdict that failed after EventBridge's retries waits in the DLQ, and
    // its upload stays `scanning` until someone replays it.
    alarms.push(
      new Alarm(this, 'Errors-malware-verdict', {
        alarmName: `${config.namePrefix}-malware-verdict-errors`,
        alarmDescription: 'Recording a malware verdict failed (it is retried; see the DLQ alarm).',
        metric: this.malwareVerdict.fn.function.metricErrors({ period, statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      new Alarm(this, 'MalwareVerdictDeadLetters', {
        alarmName: `${config.namePrefix}-malware-verdict-dlq`,
        alarmDescription:
          'Malware verdicts could not be recorded: uploads stay in scanning. Replay from the DLQ.',
        metric: this.malwareVerdict.deadLetters.metricApproximateNumberOfMessagesVisible({
          period,
          statistic: 'Maximum',
        }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    alarms.push(...this.notifications.alarms);
    for (const alarm of alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
    return topic;
  }
}
