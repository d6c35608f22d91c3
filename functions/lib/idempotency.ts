import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { dynamoClient } from '#adapters/dynamodb/client';
import { AppError, badRequest, conflict, dependencyUnavailable, isAppError } from '#core/errors';
import { table } from '../table.ts';
import { config, IDEMPOTENCY_MODULE_FILE } from './config.ts';
import { logger } from './logger.ts';
import type { ApiRequest, ApiResponse, Operation } from './middleware/types.ts';

/** A retried write is recognised for a day; then the key may be used again. */
const EXPIRES_AFTER_SECONDS = 24 * 60 * 60;
/** Printable ASCII, as the IETF draft "The Idempotency-Key HTTP Header Field" suggests (e.g. a UUID). */
const KEY_PATTERN = /^[\x21-\x7e]{8,128}$/;
const WRITES = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

/**
 * What identifies a write and what must match when it is repeated: the key is caller + route + the
 * client's `Idempotency-Key`; the path, query, `If-Match` and body must be the same as the first time.
 */
interface IdempotentCall {
  caller: string;
  route: string;
  key: string;
  request: {
    params: Record<string, unknown>;
    query: Record<string, unknown>;
    ifMatch: string;
    body: unknown;
  };
}

type Runner = (call: IdempotentCall, operation: Operation, req: ApiRequest) => Promise<ApiResponse>;
type IdempotencyModule = typeof import('./idempotency-module.ts');
let loaded:
  | Promise<{
      powertools: IdempotencyModule;
      idempotencyConfig: InstanceType<IdempotencyModule['IdempotencyConfig']>;
      run: Runner;
    }>
  | undefined;

/**
 * Powertools idempotency on the platform's table (pk `IDEMPOTENCY`, sk the hashed key, removed by the
 * table's TTL attribute). One partition: fine for the write rates of this platform (a partition takes
 * 1,000 writes a second). Loaded on the first write with a key from its module beside the bundle (see
 * `idempotency-module.ts`), so that no cold start pays for it; the module sends with this function's client
 * and SDK classes. A kept answer may carry a plan's data: only its own caller can replay it, and only
 * within the day.
 */
function load() {
  loaded ??= (async () => {
    const powertools = (await import(
      /* @vite-ignore */ pathToFileURL(join(config().apiFilesDir, IDEMPOTENCY_MODULE_FILE)).href
    )) as IdempotencyModule;
    powertools.provideSdk({
      ConditionalCheckFailedException,
      DeleteItemCommand,
      DynamoDBClient,
      GetItemCommand,
      PutItemCommand,
      UpdateItemCommand,
    });
    const { DynamoDBPersistenceLayer } = powertools;
    const idempotencyConfig = new powertools.IdempotencyConfig({
      eventKeyJmesPath: '[caller, route, key]',
      payloadValidationJmesPath: 'request',
      expiresAfterSeconds: EXPIRES_AFTER_SECONDS,
      throwOnNoIdempotencyKey: true,
      // A replayed answer says so.
      responseHook: (response) => {
        const answer = response as ApiResponse;
        const replayed = { ...answer, headers: { ...answer.headers, 'idempotency-replayed': 'true' } };
        return replayed as unknown as typeof response;
      },
    });
    const persistenceStore = new DynamoDBPersistenceLayer({
      tableName: config().tableName,
      keyAttr: table.partitionKey,
      sortKeyAttr: table.sortKey,
      staticPkValue: 'IDEMPOTENCY',
      expiryAttr: table.ttlAttribute,
      awsSdkV3Client: dynamoClient,
    });
    const run: Runner = powertools.makeIdempotent(
      (_call: IdempotentCall, operation: Operation, req: ApiRequest) => operation(req),
      { persistenceStore, config: idempotencyConfig, keyPrefix: 'http' },
    );
    return { powertools, idempotencyConfig, run };
  })();
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}

/**
 * Runs a write at most once per `Idempotency-Key`: a client that never got the answer may send the same
 * request again and gets the first answer (with `Idempotency-Replayed: true`) instead of a second write.
 * The same key with another request answers 422; while the first is still running, 409. Failed writes are
 * not kept (the next try runs again). Without the header, or for reads, the operation just runs.
 */
export async function idempotent(
  routeKey: string,
  operation: Operation,
  req: ApiRequest,
  context: Context,
): Promise<ApiResponse> {
  const key = req.headers['idempotency-key'];
  const method = routeKey.split(' ')[0] ?? '';
  if (key === undefined || !WRITES.has(method)) return operation(req);
  if (!KEY_PATTERN.test(key)) {
    throw badRequest('idempotency.bad_key', 'Idempotency-Key: 8 to 128 printable ASCII characters.');
  }
  const call: IdempotentCall = {
    caller: req.actor.sub,
    route: routeKey,
    key,
    request: {
      params: req.params,
      query: req.query,
      ifMatch: req.headers['if-match'] ?? '',
      body: req.body ?? null,
    },
  };
  const { powertools, idempotencyConfig, run: execute } = await load();
  const { IdempotencyAlreadyInProgressError, IdempotencyPersistenceLayerError, IdempotencyValidationError } =
    powertools;
  // The remaining time bounds how long a crashed attempt blocks the key as "in progress".
  idempotencyConfig.registerLambdaContext(context);
  let produced: ApiResponse | undefined;
  try {
    return await execute(call, async (r) => (produced = await operation(r)), req);
  } catch (error) {
    if (error instanceof IdempotencyValidationError) {
      throw new AppError(
        422,
        'idempotency.key_reused',
        'This Idempotency-Key was used for a different request; use a new key.',
      );
    }
    if (error instanceof IdempotencyAlreadyInProgressError) {
      throw conflict(
        'idempotency.in_progress',
        'The first request with this Idempotency-Key is still running.',
      );
    }
    if (error instanceof IdempotencyPersistenceLayerError) {
      // The write succeeded but its answer could not be kept (e.g. too large): answer it all the same.
      if (produced) {
        logger.warn('idempotency record not kept', { causeName: (error.cause as Error)?.name });
        return produced;
      }
      const cause = error.cause;
      throw isAppError(cause) ? cause : dependencyUnavailable(error);
    }
    throw error;
  }
}
