import { Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges the cdk-nag `AwsSolutions-IAM5` finding for exactly one wildcard resource (for example
 * `<bucket ARN>/*`), never every wildcard on the role.
 *
 * cdk-nag names the finding after the resource as it appears in the synthesized template. A reference to
 * another stack only becomes an `Fn::ImportValue` once CDK has prepared the app, so the name is computed
 * in a validation hook (which runs after that and before the cdk-nag plugin), not here.
 */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  scope.node.addValidation({
    validate: () => {
      const rendered = flattenCfnReference(Stack.of(scope).resolve(resource));
      Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${rendered}]`, reason });
      return [];
    },
  });
}
