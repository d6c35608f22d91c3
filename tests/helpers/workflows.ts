import fundingWorkflow from '../../forms/funding-application/workflow.json' with { type: 'json' };
import planWorkflow from '../../forms/integration-plan/workflow.json' with { type: 'json' };
import type { WorkflowDefinition } from '../../functions/core/forms.ts';

/** The repository's own workflow files, so that the rule tests run on what the platform ships. */
export const funding = fundingWorkflow as WorkflowDefinition;
export const plan = planWorkflow as WorkflowDefinition;
