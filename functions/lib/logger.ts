import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';

/**
 * The one structured logger: one JSON object per line, with the fields and level names of the Powertools
 * logger (`level`, `message`, `timestamp`, `service`, `cold_start`, `function_name`, `function_request_id`,
 * `xray_trace_id`, …), so log queries and metric filters read the same. Written for the few things the
 * platform does with a logger (about 1 kB instead of the 17 kB that Powertools puts into every bundle and
 * every cold start): levels, request context, keys per request.
 *
 * Never log request bodies, form data or names: log ids, codes, statuses and durations only.
 */

const LEVELS = { TRACE: 6, DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, CRITICAL: 24, SILENT: 28 } as const;
type LevelName = keyof typeof LEVELS;
type Fields = Record<string, unknown>;

const levelOf = (name: string | undefined): number =>
  LEVELS[(name ?? '').toUpperCase() as LevelName] ?? LEVELS.INFO;

/** Errors as their name, message and stack (their own properties are not enumerable); no cycles, no BigInt. */
function replacer() {
  const seen = new WeakSet<object>();
  return (_key: string, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return undefined;
      seen.add(value);
    }
    return value;
  };
}

export class Logger {
  private readonly threshold: number;
  private context: Fields = {};
  private keys: Fields = {};
  private coldStart = true;

  constructor(
    private readonly service: string,
    level: string | undefined,
    private readonly write: (line: string, error: boolean) => void = (line, error) =>
      (error ? process.stderr : process.stdout).write(`${line}\n`),
  ) {
    this.threshold = levelOf(level);
  }

  debug(message: string, fields?: Fields): void {
    this.log('DEBUG', message, fields);
  }
  info(message: string, fields?: Fields): void {
    this.log('INFO', message, fields);
  }
  warn(message: string, fields?: Fields): void {
    this.log('WARN', message, fields);
  }
  error(message: string, fields?: Fields): void {
    this.log('ERROR', message, fields);
  }

  /** Keys added to every entry until `resetKeys()` (the middleware resets them after each invocation). */
  appendKeys(keys: Fields): void {
    Object.assign(this.keys, keys);
  }

  resetKeys(): void {
    this.keys = {};
  }

  /** The invocation's context: function and request id, and whether it is the process's first. */
  addContext(context: Context): void {
    this.context = {
      cold_start: this.coldStart,
      function_arn: context.invokedFunctionArn,
      function_memory_size: Number(context.memoryLimitInMB) || undefined,
      function_name: context.functionName,
      function_request_id: context.awsRequestId,
    };
    this.coldStart = false;
  }

  private log(level: LevelName, message: string, fields: Fields | undefined): void {
    if (LEVELS[level] < this.threshold) return;
    const trace = process.env._X_AMZN_TRACE_ID?.match(/Root=([^;]+)/)?.[1];
    const entry = {
      level,
      message,
      timestamp: new Date().toISOString(),
      service: this.service,
      ...this.context,
      ...(trace ? { xray_trace_id: trace } : {}),
      ...this.keys,
      ...fields,
    };
    this.write(JSON.stringify(entry, replacer()), LEVELS[level] >= LEVELS.WARN);
  }
}

export const logger = new Logger(
  process.env.POWERTOOLS_SERVICE_NAME ?? 'pakt-integration',
  process.env.POWERTOOLS_LOG_LEVEL ?? process.env.LOG_LEVEL ?? process.env.AWS_LAMBDA_LOG_LEVEL,
);

/**
 * Middy middleware: the invocation's context on every entry, and (`resetKeys`) the keys of one invocation
 * cleared before the next, also when a middleware answered early and no `after` ran.
 */
export const injectLambdaContext = (
  target: Logger,
  options: { resetKeys?: boolean } = {},
): MiddlewareObj<unknown, unknown, Error, Context> => {
  const reset = async () => {
    if (options.resetKeys) target.resetKeys();
  };
  return {
    before: async (request) => {
      await reset();
      target.addContext(request.context);
    },
    after: reset,
    onError: reset,
  };
};
