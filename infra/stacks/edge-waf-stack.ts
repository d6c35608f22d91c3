import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';

export interface EdgeWafStackProps extends StackProps {
  readonly config: StageConfig;
}

/** Rate-limited requests answer as the API's own error model does: 429, `Retry-After`, a JSON body. */
const RATE_LIMITED_BODY = 'rateLimited';

/**
 * The web ACL of the CloudFront distribution: per-client rate limits, so that one client cannot starve
 * everyone under the API's one stage-wide throttle. A CloudFront web ACL must live in us-east-1, hence a
 * stack of its own there, which holds nothing else: no data, no logging configuration (WAF logs would
 * hold every visitor's IP address), sampled requests off for the same reason; only the counts go to
 * CloudWatch metrics.
 *
 * Two rate-based rules over a 5-minute window: by client IP (also covers requests without a token, e.g.
 * the sign-in pages), and by the `Authorization` header (one signed-in user, whatever its IPs; requests
 * without the header are not counted by this rule).
 */
export class EdgeWafStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeWafStackProps) {
    super(scope, id, props);
    const { config } = props;
    const metrics = (name: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName: `${config.namePrefix}-${name}`,
      sampledRequestsEnabled: false,
    });
    const block = {
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: RATE_LIMITED_BODY,
          responseHeaders: [{ name: 'retry-after', value: String(config.rateLimits.retryAfterSeconds) }],
        },
      },
    };
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${config.namePrefix}-web`,
      description: 'Per-client rate limits in front of the web app and /api',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: metrics('web'),
      customResponseBodies: {
        [RATE_LIMITED_BODY]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            error: { code: 'request.rate_limited', message: 'Too many requests; try again shortly.' },
          }),
        },
      },
      rules: [
        {
          name: 'rate-per-ip',
          priority: 0,
          action: block,
          visibilityConfig: metrics('rate-per-ip'),
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: config.rateLimits.perIpPer5Minutes,
              evaluationWindowSec: 300,
            },
          },
        },
        {
          name: 'rate-per-authorization',
          priority: 1,
          action: block,
          visibilityConfig: metrics('rate-per-authorization'),
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'CUSTOM_KEYS',
              customKeys: [
                {
                  header: {
                    name: 'authorization',
                    textTransformations: [{ priority: 0, type: 'NONE' }],
                  },
                },
              ],
              limit: config.rateLimits.perClientPer5Minutes,
              evaluationWindowSec: 300,
            },
          },
        },
      ],
    });
  }
}
