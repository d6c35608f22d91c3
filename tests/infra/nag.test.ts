import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synth, synth } from './app.ts';

let s: Synth;
beforeAll(() => {
  // synth() already fails on any unacknowledged cdk-nag error (the app registers the checks).
  s = synth({ context: { webOrigin: 'https://app.example.org' } });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error', () => {
    const report = new AwsSolutionsChecks().validateScope(s.app);
    const errors = report.violations.filter((v) => v.severity === 'error');
    expect(
      errors.map((e) => `${e.ruleName} at ${e.violatingResources.map((r) => r.constructPath).join(', ')}`),
    ).toEqual([]);
  });

  it('reports no unacknowledged warning either', () => {
    const report = new AwsSolutionsChecks().validateScope(s.app);
    const warnings = report.violations.filter((v) => v.severity === 'warning');
    expect(
      warnings.map((w) => `${w.ruleName} at ${w.violatingResources.map((r) => r.constructPath).join(', ')}`),
    ).toEqual([]);
  });

  it('gives every acknowledgement a reason a reviewer can check', () => {
    const acknowledged: [string, string][] = [];
    for (const construct of s.app.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>))
          acknowledged.push([id, reason]);
      }
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) {
      expect(reason.length, id).toBeGreaterThanOrEqual(40);
      expect(reason, id).not.toMatch(/^(todo|n\/a|ok|fine)\b/i);
    }
  });
});
