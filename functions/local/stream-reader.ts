/**
 * Locally, what the event source mapping does in AWS: reads the table's stream from DynamoDB Local
 * (DynamoDB Streams API) and hands the records to the same stream handler, in order, shard by shard.
 */
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { sdkTimeouts } from '../adapters/sdk-resilience.ts';
import { config } from '../lib/config.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './emulators.ts';

export interface StreamReader {
  /** Reads until the stream has nothing new (tests wait for delivery with it). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export function startStreamReader(options: {
  endpoint: string;
  streamArn: string;
  handle: (event: DynamoDBStreamEvent) => Promise<unknown>;
  intervalMs?: number;
}): StreamReader {
  // The timeouts of every SDK client (DynamoDB Local's allowance, see `Config.dependencyTimeoutMs`).
  const client = new DynamoDBStreamsClient({
    ...sdkTimeouts(config().dependencyTimeoutMs),
    endpoint: options.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const iterators = new Map<string, string | undefined>();
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  async function poll() {
    const described = await client.send(new DescribeStreamCommand({ StreamArn: options.streamArn }));
    for (const shard of described.StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId!;
      if (!iterators.has(shardId)) {
        const it = await client.send(
          new GetShardIteratorCommand({
            StreamArn: options.streamArn,
            ShardId: shardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        );
        iterators.set(shardId, it.ShardIterator);
      }
      let iterator = iterators.get(shardId);
      while (iterator && !stopped) {
        const out = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
        const records = out.Records ?? [];
        if (records.length) await options.handle({ Records: records.map(asLambdaRecord) });
        iterator = out.NextShardIterator;
        iterators.set(shardId, iterator);
        if (!records.length) break;
      }
    }
  }

  const tick = () => {
    running = running.then(poll).catch((error: unknown) => {
      console.error('stream reader', (error as Error).name, (error as Error).message);
    });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void tick();
  }, options.intervalMs ?? 1000);
  void tick();

  return {
    drain: () => tick(),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      client.destroy();
    },
  };
}

/** The record in the shape Lambda hands it over (the SDK returns dates and typed attribute values). */
function asLambdaRecord(record: _Record): DynamoDBStreamEvent['Records'][number] {
  const { ApproximateCreationDateTime, ...dynamodb } = record.dynamodb ?? {};
  return {
    ...(record.eventID ? { eventID: record.eventID } : {}),
    ...(record.eventName ? { eventName: record.eventName } : {}),
    eventSource: 'aws:dynamodb',
    awsRegion: LOCAL_REGION,
    dynamodb: {
      ...(dynamodb as NonNullable<DynamoDBStreamEvent['Records'][number]['dynamodb']>),
      ...(ApproximateCreationDateTime
        ? { ApproximateCreationDateTime: ApproximateCreationDateTime.getTime() / 1000 }
        : {}),
    },
  };
}
