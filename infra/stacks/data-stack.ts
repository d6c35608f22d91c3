import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
} from 'aws-cdk-lib/aws-cognito';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import type { EventPattern } from 'aws-cdk-lib/aws-events';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import { Effect, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CorsRule,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { type Role as AppRole, ROLES } from '../../functions/core/model.ts';
import { table as tableDefinition } from '../../functions/table.ts';
import { type StageConfig, webOriginOf } from '../config.ts';
import { acknowledgeWildcardResource } from '../constructs/nag.ts';

export interface DataStackProps extends StackProps {
  readonly config: StageConfig;
}

const GROUP_DESCRIPTIONS: Record<AppRole, string> = {
  municipality: 'Kommune: creates and submits its own funding applications',
  manager: 'Integrationsmanager/in: keeps the integration plans of their caseload',
  coordinator: 'Koordination: reviews integration plans within the municipality',
  reviewer: 'Bewilligungsstelle (Regierungspräsidium): reviews and approves funding applications',
  admin: 'Administration: publishes form versions',
};

/**
 * Everything that holds state: the table, the attachment buckets, the key that encrypts them, and the
 * user pool (accounts and their MFA secrets). Termination-protected, every stateful resource retained:
 * deleting or replacing the stateless stack can never touch data.
 *
 * The GuardDuty verdict wiring (EventBridge rule → function that records it) belongs to the attachments
 * work. It needs only what this stack exposes:
 * ```ts
 * new Rule(this, 'ScanResults', { eventPattern: data.malwareScanResults })
 *   .addTarget(new LambdaFunction(attachments.function, { deadLetterQueue }));
 * attachments.bindBucket(data.quarantineBucket, 'QUARANTINE_BUCKET').bindBucket(data.attachmentsBucket, 'ATTACHMENTS_BUCKET');
 * ```
 */
export class DataStack extends Stack {
  readonly key: Key;
  readonly table: Table;
  /** GSI names from the table definition, for grants that name each index. */
  readonly tableIndexNames: readonly string[] = tableDefinition.indexes.map((index) => index.name);
  readonly logBucket: Bucket;
  readonly attachmentsBucket: Bucket;
  readonly quarantineBucket: Bucket;
  readonly userPool: UserPool;
  /**
   * GuardDuty publishes each scan verdict for the quarantine bucket to the account's default event bus
   * with this shape; an EventBridge rule with this pattern receives them.
   */
  readonly malwareScanResults: EventPattern;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, { ...props, terminationProtection: true });
    const { config } = props;

    this.key = new Key(this, 'DataKey', {
      alias: `alias/${config.namePrefix}-data`,
      description: 'Encrypts the platform table and the attachment buckets (personal data, GDPR Art. 9).',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = this.createTable();
    this.logBucket = this.createLogBucket(config);

    const webOrigin = webOriginOf(config);
    this.attachmentsBucket = this.createDataBucket('Attachments', {
      // Downloads are presigned GETs; fetch() of them needs CORS.
      cors: webOrigin ? [corsRule(webOrigin, [HttpMethods.GET, HttpMethods.HEAD])] : undefined,
      noncurrentDays: config.retention.attachmentNoncurrentDays,
    });
    this.quarantineBucket = this.createDataBucket('Quarantine', {
      // Uploads are presigned POSTs (only those can cap the size) straight from the browser.
      cors: webOrigin ? [corsRule(webOrigin, [HttpMethods.POST, HttpMethods.PUT])] : undefined,
      noncurrentDays: 1,
      // An upload that was never promoted to the attachments bucket (scan failed, form abandoned).
      expirationDays: config.retention.quarantineDays,
    });
    this.createMalwareProtection();
    this.malwareScanResults = {
      source: ['aws.guardduty'],
      detailType: ['GuardDuty Malware Protection Object Scan Result'],
      detail: { s3ObjectDetails: { bucketName: [this.quarantineBucket.bucketName] } },
    };

    this.userPool = this.createUserPool(config);

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'AttachmentsBucketName', { value: this.attachmentsBucket.bucketName });
    new CfnOutput(this, 'QuarantineBucketName', { value: this.quarantineBucket.bucketName });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
  }

  private createTable(): Table {
    const s = (name: string) => ({ name, type: AttributeType.STRING });
    const table = new Table(this, 'Table', {
      partitionKey: s(tableDefinition.partitionKey),
      sortKey: s(tableDefinition.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      timeToLiveAttribute: tableDefinition.ttlAttribute,
      // The notification outbox is read from the stream (new images only).
      stream: StreamViewType[tableDefinition.stream],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableDefinition.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: s(index.partitionKey),
        sortKey: s(index.sortKey),
        // Index items carry the list summary only, never the form data (data minimisation).
        projectionType: ProjectionType.INCLUDE,
        nonKeyAttributes: [...tableDefinition.indexProjection],
      });
    }
    return table;
  }

  private createLogBucket(config: StageConfig): Bucket {
    const bucket = new Bucket(this, 'AccessLogs', {
      // S3 server access logging delivers only to SSE-S3 buckets.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [
        { id: 'expire-access-logs', expiration: Duration.days(config.retention.accessLogDays) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the server-access-log bucket itself; logging it into itself would loop.',
    });
    return bucket;
  }

  private createDataBucket(
    id: string,
    options: { cors: CorsRule[] | undefined; noncurrentDays: number; expirationDays?: number },
  ): Bucket {
    return new Bucket(this, id, {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      cors: options.cors,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: `${id.toLowerCase()}/`,
      lifecycleRules: [
        {
          id: 'housekeeping',
          abortIncompleteMultipartUploadAfter: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(options.noncurrentDays),
          ...(options.expirationDays
            ? { expiration: Duration.days(options.expirationDays) }
            : { expiredObjectDeleteMarker: true }),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * GuardDuty Malware Protection for S3 on the quarantine bucket, tagging each scanned object with
   * `GuardDutyMalwareScanStatus`. The role's policy is the one AWS documents for a protected bucket,
   * narrowed to this bucket and this key.
   */
  private createMalwareProtection(): void {
    const bucket = this.quarantineBucket;
    const managedRules = this.formatArn({
      service: 'events',
      resource: 'rule',
      resourceName: 'DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*',
    });
    const inAccount = { StringEquals: { 'aws:ResourceAccount': this.account } };
    const managedBy = { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' };
    const objects = bucket.arnForObjects('*');

    const policy = new PolicyDocument({
      statements: [
        new PolicyStatement({
          sid: 'AllowManagedRuleToSendS3EventsToGuardDuty',
          actions: ['events:PutRule'],
          resources: [managedRules],
          conditions: {
            StringEquals: managedBy,
            'ForAllValues:StringEquals': {
              'events:source': 'aws.s3',
              'events:detail-type': ['Object Created', 'AWS API Call via CloudTrail'],
            },
            Null: { 'events:source': 'false', 'events:detail-type': 'false' },
          },
        }),
        new PolicyStatement({
          sid: 'AllowUpdateTargetAndDeleteManagedRule',
          actions: ['events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
          resources: [managedRules],
          conditions: { StringEquals: managedBy },
        }),
        new PolicyStatement({
          sid: 'AllowGuardDutyToMonitorEventBridgeManagedRule',
          actions: ['events:DescribeRule', 'events:ListTargetsByRule'],
          resources: [managedRules],
        }),
        new PolicyStatement({
          sid: 'AllowEnableS3EventBridgeEvents',
          actions: ['s3:PutBucketNotification', 's3:GetBucketNotification'],
          resources: [bucket.bucketArn],
          conditions: inAccount,
        }),
        new PolicyStatement({
          sid: 'AllowCheckBucketOwnership',
          actions: ['s3:ListBucket'],
          resources: [bucket.bucketArn],
          conditions: inAccount,
        }),
        new PolicyStatement({
          sid: 'AllowPostScanTag',
          actions: [
            's3:PutObjectTagging',
            's3:GetObjectTagging',
            's3:PutObjectVersionTagging',
            's3:GetObjectVersionTagging',
          ],
          resources: [objects],
          conditions: inAccount,
        }),
        new PolicyStatement({
          sid: 'AllowPutValidationObject',
          actions: ['s3:PutObject'],
          resources: [bucket.arnForObjects('malware-protection-resource-validation-object')],
          conditions: inAccount,
        }),
        new PolicyStatement({
          sid: 'AllowMalwareScan',
          actions: ['s3:GetObject', 's3:GetObjectVersion'],
          resources: [objects],
          conditions: inAccount,
        }),
        new PolicyStatement({
          sid: 'AllowDecryptForMalwareScan',
          effect: Effect.ALLOW,
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [this.key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${this.region}.amazonaws.com` } },
        }),
      ],
    });
    const role = new Role(this, 'MalwareProtectionRole', {
      assumedBy: new ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com'),
      description: 'GuardDuty Malware Protection for S3: scans and tags the objects of the quarantine bucket',
      inlinePolicies: { scan: policy },
    });
    acknowledgeWildcardResource(
      role,
      objects,
      'GuardDuty must read and tag any uploaded object of the quarantine bucket; keys are generated at run time.',
    );
    acknowledgeWildcardResource(
      role,
      managedRules,
      'GuardDuty creates its managed EventBridge rule under this AWS-defined name prefix (documented policy).',
    );

    const plan = new CfnMalwareProtectionPlan(this, 'MalwareProtectionPlan', {
      role: role.roleArn,
      protectedResource: { s3Bucket: { bucketName: bucket.bucketName } },
      actions: { tagging: { status: 'ENABLED' } },
    });
    // The plan validates its role on creation: the policy must exist first.
    plan.node.addDependency(role);
  }

  private createUserPool(config: StageConfig): UserPool {
    const pool = new UserPool(this, 'Users', {
      userPoolName: `${config.namePrefix}-users`,
      // Accounts are created by administrators only (infra/scripts/create-user.ts).
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // A changed e-mail address takes effect only once the user has verified it.
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: true, mutable: true },
      },
      // The organisation decides what a user may see. Mutable so that an administrator can move a
      // user; the app client may read it but never write it (see the client in the web/API stack).
      customAttributes: { org: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      // Cognito enforces MFA per pool, not per group. Required for everybody: reviewers, coordinators
      // and admins must have it, and integration managers hold health data (GDPR Art. 9).
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus tier: compromised-credential checks and adaptive authentication on every sign-in.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Groups are the roles of functions/core/model.ts; the ID token carries them as `cognito:groups`.
    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: pool.userPoolId,
        groupName: role,
        description: GROUP_DESCRIPTIONS[role],
      });
    }
    return pool;
  }
}

function corsRule(origin: string, methods: HttpMethods[]): CorsRule {
  return {
    allowedOrigins: [origin],
    allowedMethods: methods,
    allowedHeaders: ['*'],
    exposedHeaders: ['ETag'],
    maxAge: 3000,
  };
}
