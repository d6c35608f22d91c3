import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/**
 * Deployment configuration per stage, read once by `infra/app.ts` and validated here.
 *
 * Nothing account-specific is committed: the account comes from the caller's AWS credentials
 * (`CDK_DEFAULT_ACCOUNT`), and the values that identify an account (certificate ARN, alarm e-mail)
 * are passed as CDK context at deploy time (`-c certificateArn=... -c alarmEmail=...`).
 */
export interface StageConfig {
  /** Stage name, also part of every stack and resource name (`pakt-dev-data`). */
  readonly stage: string;
  /** Deployment region. Must be an EU region: refugees' case data (GDPR Art. 9) stays in the EU. */
  readonly region: string;
  /** Prefix for stack names and named resources. */
  readonly namePrefix: string;
  /** `POWERTOOLS_SERVICE_NAME` of every function. */
  readonly serviceName: string;
  /** `LOG_LEVEL` of every function. */
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  readonly retention: {
    /** Lambda and API access log groups. */
    readonly logs: RetentionDays;
    /** S3 server access logs in the log bucket, in days. */
    readonly accessLogDays: number;
    /** Objects left in the quarantine bucket (never promoted after the malware scan), in days. */
    readonly quarantineDays: number;
    /**
     * Non-current attachment versions. The app deletes every version when an attachment is deleted;
     * this only cleans up versions left by overwrites, in days.
     */
    readonly attachmentNoncurrentDays: number;
  };
  /** Stage-wide API throttling (requests per second, burst). */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Per-client limits of the CloudFront web ACL (AWS WAF rate-based rules, 5-minute windows): per client
   * IP and per `Authorization` header. Above them: 429 with `Retry-After`.
   */
  readonly rateLimits: {
    readonly perIpPer5Minutes: number;
    readonly perClientPer5Minutes: number;
    readonly retryAfterSeconds: number;
  };
  /**
   * Custom domain of the HTTP API (e.g. `api.example.org`), with its ACM certificate in the stage's region
   * (context `apiDomainName`, `apiCertificateArn`). With it, the API's default execute-api endpoint is
   * disabled and CloudFront reaches the API only through this domain, so that no request bypasses the
   * web ACL's limits at the execute-api URL.
   */
  readonly apiDomainName?: string;
  readonly apiCertificateArn?: string;
  /**
   * Custom domain of the web app (CloudFront). Without it the app is served on the CloudFront domain.
   * The ACM certificate (in us-east-1) is passed as context `certificateArn`.
   */
  readonly domainName?: string;
  /**
   * The browser origin allowed by the buckets' CORS rules (presigned uploads). Defaults to
   * `https://<domainName>`. Without a custom domain, set it to the CloudFront URL printed by the first
   * deployment (output `WebUrl`) and deploy again: the stateful stack cannot know that URL up front.
   */
  readonly webOrigin?: string;
  /** Prefix of the Cognito hosted domain (`<prefix>.auth.<region>.amazoncognito.com`); globally unique. */
  readonly authDomainPrefix: string;
  /** Receives the alarm notifications (an operations mailbox, passed as context `alarmEmail`). */
  readonly alarmEmail?: string;
  /** The mail domain verified in SES with DKIM (context `mailDomain`; default: `domainName`). */
  readonly mailDomain?: string;
  /** ACM certificate for `domainName`, in us-east-1 (context `certificateArn`). */
  readonly certificateArn?: string;
}

type StageDefaults = Omit<
  StageConfig,
  'stage' | 'certificateArn' | 'alarmEmail' | 'apiDomainName' | 'apiCertificateArn' | 'mailDomain'
>;

const common = {
  region: 'eu-central-1',
  serviceName: 'pakt-integration',
  logLevel: 'INFO',
  throttle: { rateLimit: 50, burstLimit: 100 },
  // A page load makes about 10 requests; an office behind one IP has many users.
  rateLimits: { perIpPer5Minutes: 3000, perClientPer5Minutes: 1000, retryAfterSeconds: 60 },
} as const;

/** The known stages. Add one here; `-c stage=<name>` selects it (default `dev`). */
export const stages: Record<string, StageDefaults> = {
  dev: {
    ...common,
    namePrefix: 'pakt-dev',
    authDomainPrefix: 'pakt-integration-dev',
    retention: {
      logs: RetentionDays.ONE_MONTH,
      accessLogDays: 90,
      quarantineDays: 1,
      attachmentNoncurrentDays: 7,
    },
  },
  prod: {
    ...common,
    namePrefix: 'pakt-prod',
    authDomainPrefix: 'pakt-integration',
    retention: {
      logs: RetentionDays.SIX_MONTHS,
      accessLogDays: 365,
      quarantineDays: 1,
      attachmentNoncurrentDays: 30,
    },
  },
};

/** EU regions only; `eu-*` covers the AWS regions inside the EU/EEA plus eu-central-2 (Zurich). */
const EU_REGION = /^eu-(central|west|north|south)-\d$/;

/**
 * Builds the configuration of one stage from the defaults and the CDK context overrides.
 * Throws on anything that would deploy outside the EU or leave the web origin undefined in a way that
 * silently opens CORS.
 */
export function loadConfig(stage: string, context: Record<string, string | undefined> = {}): StageConfig {
  const defaults = stages[stage];
  if (!defaults) {
    throw new Error(`Unknown stage "${stage}". Known stages: ${Object.keys(stages).join(', ')}.`);
  }
  const config: StageConfig = {
    ...defaults,
    stage,
    ...(context.region ? { region: context.region } : {}),
    ...(context.domainName ? { domainName: context.domainName } : {}),
    ...(context.webOrigin ? { webOrigin: context.webOrigin } : {}),
    ...(context.certificateArn ? { certificateArn: context.certificateArn } : {}),
    ...(context.alarmEmail ? { alarmEmail: context.alarmEmail } : {}),
    ...(context.apiDomainName ? { apiDomainName: context.apiDomainName } : {}),
    ...(context.apiCertificateArn ? { apiCertificateArn: context.apiCertificateArn } : {}),
    ...(context.mailDomain ? { mailDomain: context.mailDomain } : {}),
  };
  if (!EU_REGION.test(config.region)) {
    throw new Error(`Region "${config.region}" is not an EU region; the data must stay in the EU.`);
  }
  if (config.domainName && !config.certificateArn) {
    throw new Error(
      `domainName "${config.domainName}" needs an ACM certificate in us-east-1 (-c certificateArn=...).`,
    );
  }
  if (Boolean(config.apiDomainName) !== Boolean(config.apiCertificateArn)) {
    throw new Error(
      'apiDomainName and apiCertificateArn go together (an ACM certificate for the API domain in the stage region).',
    );
  }
  if (config.webOrigin && !/^https:\/\/[a-z0-9.-]+$/.test(config.webOrigin)) {
    throw new Error(
      `webOrigin "${config.webOrigin}" must be an https origin without path, e.g. https://d123.cloudfront.net`,
    );
  }
  return config;
}

/** The one browser origin allowed to call the buckets, if known at synth time. */
export function webOriginOf(config: StageConfig): string | undefined {
  return config.webOrigin ?? (config.domainName ? `https://${config.domainName}` : undefined);
}
