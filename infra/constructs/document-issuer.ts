import { basename, dirname, join } from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEPLOYED_FONTS_DIR, FONT_FILES } from '../../functions/adapters/pdf/fonts.ts';
import { entities } from '../../functions/table.ts';
import type { StageConfig } from '../config.ts';
import { AppFunction } from './app-function.ts';

export interface DocumentIssuerProps {
  readonly config: StageConfig;
  /** The one table, with a stream of new images (see `functions/table.ts`). */
  readonly table: ITable;
  readonly tableIndexNames: readonly string[];
  /** Where the issued documents' PDFs are stored (under their submission). */
  readonly attachmentsBucket: IBucket;
  readonly projectRoot: string;
}

/**
 * The case file's documents in AWS: the table's stream feeds the renderer (only new document items, filtered
 * by the event source mapping), which renders each after its change committed, stores the PDF and marks the
 * document ready. Failed batches are bisected, retried and end in a dead-letter queue.
 */
export class DocumentIssuer extends Construct {
  readonly fn: AppFunction;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: DocumentIssuerProps) {
    super(scope, id);
    const { config } = props;
    this.fn = new AppFunction(this, 'Render', {
      entry: join(props.projectRoot, 'functions', 'events', 'issue-documents.ts'),
      projectRoot: props.projectRoot,
      description: 'Pakt für Integration: renders the documents of the case file',
      serviceName: config.serviceName,
      logLevel: config.logLevel,
      logRetention: config.retention.logs,
      timeout: Duration.seconds(60),
      // The PDF renderer, as in the documents routes' function (see docs/pdf.md).
      memorySize: 1024,
      nativeModules: ['@myriaddreamin/typst-ts-node-compiler'],
      files: FONT_FILES.map((file) => ({
        from: `node_modules/${dirname(file)}`,
        pattern: basename(file),
        to: DEPLOYED_FONTS_DIR,
      })),
    });
    this.fn.function.addEnvironment('FONTS_DIR', `/var/task/${DEPLOYED_FONTS_DIR}`);
    this.fn.bindTable(props.table, { indexNames: props.tableIndexNames });
    this.fn.bindBucket(props.attachmentsBucket, 'ATTACHMENTS_BUCKET');
    this.deadLetters = new Queue(this, 'RenderDlq', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the failure destination of the stream event source mapping, not a source queue.',
    });
    this.fn.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(24),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetters),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { entity: { S: FilterRule.isEqual(entities.document.tag) } } },
          }),
        ],
      }),
    );
    Validations.of(this.fn.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams (added with the stream grant) supports no resource other than "*"; reading is granted on the table stream only.',
    });
  }
}
