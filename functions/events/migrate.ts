import middy from '@middy/core';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { injectLambdaContext, logger } from '#lib/logger';
import { runMigrations } from '#lib/migrations-context';

/**
 * The deploy-time migration job: the custom resource's handler (CDK `Provider` framework), run on every
 * deployment whose migration list changed. Migrates on create and update; a delete leaves the data
 * alone. A failure fails the deployment, which CloudFormation rolls back; the next deploy runs it again.
 */
export const handler = middy<CloudFormationCustomResourceEvent, { PhysicalResourceId: string }>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    if (event.RequestType !== 'Delete') {
      const report = await runMigrations();
      logger.info('migrations', { ...report });
    }
    return { PhysicalResourceId: 'data-migrations' };
  });
