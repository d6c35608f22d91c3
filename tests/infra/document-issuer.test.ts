import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synth, synth } from './app.ts';

let s: Synth;
beforeAll(() => {
  s = synth();
});

const renderer = () => {
  const found = Object.entries(s.webApi.findResources('AWS::Lambda::Function')).filter(([id]) =>
    id.startsWith('DocumentIssuerRenderFunction'),
  );
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe("the case file's documents in AWS", () => {
  it('are rendered from the stream: only new document items, failed batches bisected into a DLQ', () => {
    const [id] = renderer();
    s.webApi.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: id },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { NewImage: { entity: { S: ['document'] } } },
            }),
          },
        ],
      },
    });
  });

  it('by a function with the renderer, its fonts and the attachments bucket', () => {
    const [, fn] = renderer();
    expect(fn.Properties.MemorySize).toBe(1024);
    expect(fn.Properties.Environment.Variables).toMatchObject({
      FONTS_DIR: expect.stringContaining('/var/task/'),
      ATTACHMENTS_BUCKET: { 'Fn::ImportValue': expect.stringContaining('Attachments') },
      TABLE_NAME: { 'Fn::ImportValue': expect.stringContaining('Table') },
    });
  });
});
