import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { injectLambdaContext, Logger } from '../../functions/lib/logger.ts';

const context = {
  functionName: 'pakt-submissions',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:pakt-submissions',
  memoryLimitInMB: '512',
  awsRequestId: 'req-1',
} as Context;

function capture(level?: string) {
  const lines: Array<{ entry: Record<string, unknown>; error: boolean }> = [];
  const logger = new Logger('pakt-test', level, (line, error) =>
    lines.push({ entry: JSON.parse(line), error }),
  );
  return { logger, lines };
}

describe('logger', () => {
  it('writes one JSON object per entry with the Powertools field names', () => {
    const { logger, lines } = capture();
    logger.addContext(context);
    logger.info('request done', { status: 200, ms: 12 });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.error).toBe(false);
    expect(lines[0]?.entry).toEqual({
      level: 'INFO',
      message: 'request done',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      service: 'pakt-test',
      cold_start: true,
      function_arn: context.invokedFunctionArn,
      function_memory_size: 512,
      function_name: 'pakt-submissions',
      function_request_id: 'req-1',
      status: 200,
      ms: 12,
    });
  });

  it('drops entries below its level and writes warnings and errors to stderr', () => {
    const { logger, lines } = capture('warn');
    logger.debug('a');
    logger.info('b');
    logger.warn('c');
    logger.error('d');
    expect(lines.map((l) => [l.entry.level, l.error])).toEqual([
      ['WARN', true],
      ['ERROR', true],
    ]);
  });

  it('serialises errors, BigInts and cycles instead of failing', () => {
    const { logger, lines } = capture();
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    logger.error('x', { cause: new TypeError('boom'), big: 10n, cyclic });
    expect(lines[0]?.entry).toMatchObject({
      cause: { name: 'TypeError', message: 'boom', stack: expect.stringContaining('boom') },
      big: '10',
      cyclic: { a: 1 },
    });
  });

  it('marks only the first invocation as a cold start and clears the keys of each invocation', async () => {
    const { logger, lines } = capture();
    const handler = middy<{ route: string; early?: boolean }, string, Error, Context>()
      .use(injectLambdaContext(logger, { resetKeys: true }))
      .use({
        before: async (request) => {
          logger.appendKeys({ route: request.event.route });
          // A middleware that answers early: no `after` runs for this invocation.
          if (request.event.early) return 'early';
        },
      })
      .handler(async () => {
        logger.info('handled');
        return 'ok';
      });
    await handler({ route: 'POST /a', early: true }, context);
    await handler({ route: 'GET /b' }, { ...context, awsRequestId: 'req-2' });
    logger.info('after');
    expect(lines.map((l) => l.entry)).toEqual([
      expect.objectContaining({
        message: 'handled',
        route: 'GET /b',
        cold_start: false,
        function_request_id: 'req-2',
      }),
      expect.not.objectContaining({ route: expect.anything() }),
    ]);
  });
});
