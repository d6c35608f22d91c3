/**
 * The local HTTP server: turns each `/api` request into an API Gateway HTTP API (payload v2) event and
 * calls the same middy handler that CDK deploys, looked up in the one route table. It verifies the bearer
 * token as API Gateway's JWT authorizer would and passes the claims the way API Gateway does.
 * Besides `/api` it serves what CloudFront serves in AWS (the web app, `/validators/*`, `/config.json`)
 * and the local-only sign-in (`/local/*`), which is never deployed.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import FindMyWay from 'find-my-way';
import { tooManyRequests } from '#core/errors';
import type { UserProfile } from '#core/model';
import type { ApiEvent, ApiResult } from '#lib/http-handler';
import { type HandlerGroup, type Route, routes } from '../routes.ts';
import { encodeBody } from './compression.ts';
import { claimsAsApiGateway, type LocalSigner } from './jwt.ts';
import { type RateLimit, TokenBuckets } from './rate-limit.ts';

/** API Gateway (HTTP API): request line and headers of at most 10 KiB; larger ones get a JSON 431. */
const MAX_HEADER_BYTES = 10 * 1024;
/** Headers up to this size are read (and then refused with 431) rather than cut off by Node. */
const MAX_HEADER_READ = 512 * 1024;

/** API Gateway's own payload limit; our handlers refuse bodies over 256 KiB themselves. */
const MAX_PAYLOAD = 10 * 1024 * 1024;

export type GroupHandler = (event: ApiEvent, context: Context) => Promise<ApiResult>;

export interface LocalServerOptions {
  port: number;
  signer: LocalSigner;
  users: () => Promise<Array<UserProfile & { orgName: string }>>;
  loadGroup: (group: HandlerGroup) => Promise<GroupHandler>;
  /** Built web app (index.html and assets), if any. */
  webDir?: string;
  /** Generated validator modules of the repo's forms. */
  generatedDir: string;
  /** Validator modules of versions published at run time. */
  publishedValidator: (formId: string, version: number) => Promise<string | undefined>;
  /** Origins the browser may also connect to (the local S3 endpoint for uploads). */
  extraConnectOrigins: string[];
  /** Per-client limits on `/api` (as the web ACL in AWS); none if not given. */
  rateLimit?: RateLimit;
  /** What the SES emulator received (`GET /local/mails`), and the address of its viewer. */
  mails?: () => Promise<Array<{ to: string[]; subject: string; text: string }>>;
  mailViewer?: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** The security headers CloudFront adds in AWS, with the local S3 origin allowed for uploads. */
export function securityHeaders(extraConnect: string[]): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src 'self' ${extraConnect.join(' ')}`.trim(),
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

const errorBody = (code: string, message: string) => ({ error: { code, message } });

async function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function lambdaContext(requestId: string, group: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `local-${group}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:local-${group}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/local/${group}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export function createLocalServer(options: LocalServerOptions): Server {
  // API Gateway matches a path parameter of any length and the route's schema bounds it (400); the router's
  // default of 100 characters would answer 404 first.
  const router = FindMyWay({ ignoreTrailingSlash: false, caseSensitive: true, maxParamLength: 1000 });
  for (const route of routes as readonly Route[]) {
    const path = route.path.replace(/\{(\w+)\}/g, ':$1');
    router.on(route.method, path, () => undefined, { route });
  }
  const headersForPages = securityHeaders(options.extraConnectOrigins);
  const limiter = options.rateLimit ? new TokenBuckets(options.rateLimit) : undefined;

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL) {
    const wait = limiter?.take(req.headers.authorization ?? `ip:${req.socket.remoteAddress}`) ?? 0;
    if (wait > 0) {
      const refused = tooManyRequests(wait);
      sendJson(res, refused.status, errorBody(refused.code, refused.message), {
        'retry-after': String(wait),
      });
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const found = router.find(method as 'GET', url.pathname);
    if (!found) {
      sendJson(res, 404, errorBody('route.not_found', 'Not found.'));
      return;
    }
    const route = (found.store as { route: Route }).route;
    // The JWT authorizer: no or a bad token never reaches the handler. Public routes have no authorizer.
    const auth = req.headers.authorization ?? '';
    const token = route.public ? undefined : /^Bearer\s+(.+)$/i.exec(auth)?.[1];
    const claims = token ? await options.signer.verify(token) : undefined;
    if (!claims && !route.public) {
      sendJson(res, 401, errorBody('auth.unauthorized', 'Anmeldung erforderlich / sign-in required'), {
        'www-authenticate': 'Bearer',
      });
      return;
    }
    const body = await readBody(req);
    if (body === 'too_large') {
      sendJson(res, 413, errorBody('request.too_large', 'Request body too large.'));
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
    }
    const query: Record<string, string> = {};
    // Own properties only: a parameter may be called `constructor` or `__proto__`.
    for (const [k, v] of url.searchParams)
      Object.defineProperty(query, k, {
        value: Object.hasOwn(query, k) ? `${query[k]},${v}` : v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    const requestId = randomUUID();
    const routeKey = `${route.method} ${route.path}`;
    const now = new Date();
    const isText =
      body.length === 0 || /json|text|xml|urlencoded/i.test(headers['content-type'] ?? 'application/json');
    const event = {
      version: '2.0',
      routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.replace(/^\?/, ''),
      headers,
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      ...(Object.keys(found.params).length ? { pathParameters: found.params as Record<string, string> } : {}),
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        // API Gateway sends no authorizer context for a route without an authorizer.
        ...(claims
          ? {
              authorizer: {
                principalId: '',
                integrationLatency: 0,
                jwt: { claims: claimsAsApiGateway(claims), scopes: [] },
              },
            }
          : {}),
        domainName: url.host,
        domainPrefix: 'local',
        http: {
          method,
          path: url.pathname,
          protocol: 'HTTP/1.1',
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId,
        routeKey,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
      },
      ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
      isBase64Encoded: body.length > 0 && !isText,
    } as ApiEvent;
    const handler = await options.loadGroup(route.group);
    const result = await handler(event, lambdaContext(requestId, route.group));
    const responseHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(result.headers ?? {})) responseHeaders[k] = String(v);
    res.writeHead(result.statusCode ?? 200, responseHeaders);
    res.end(result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : (result.body ?? ''));
  }

  async function handleLocal(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method === 'GET' && url.pathname === '/local/users') {
      const users = (await options.users()).filter((u) => u.active !== false);
      sendJson(
        res,
        200,
        users.map(({ username, name, role, org, orgName }) => ({ username, name, role, org, orgName })),
      );
      return;
    }
    if (req.method === 'GET' && url.pathname === '/local/mails' && options.mails) {
      const mails = await options.mails();
      sendJson(
        res,
        200,
        mails.map(({ to, subject, text }) => ({ to, subject, text })),
      );
      return;
    }
    if (req.method === 'POST' && url.pathname === '/local/login') {
      const raw = await readBody(req);
      let username: unknown;
      try {
        username =
          raw === 'too_large'
            ? undefined
            : (JSON.parse(raw.toString('utf8')) as { username?: unknown }).username;
      } catch {
        sendJson(res, 400, errorBody('request.malformed_json', 'The request body is not valid JSON.'));
        return;
      }
      const user = (await options.users()).find((u) => u.username === username);
      if (!user) {
        sendJson(res, 400, errorBody('login.unknown_user', 'No such demo user.'));
        return;
      }
      if (user.active === false) {
        sendJson(res, 403, errorBody('login.deactivated', 'This user is deactivated.'));
        return;
      }
      sendJson(res, 200, { token: await options.signer.sign(user) });
      return;
    }
    sendJson(res, 404, errorBody('route.not_found', 'Not found.'));
  }

  // Compressed copies of the built web app's files, by encoding, path and modification time.
  const compressedFiles = new Map<string, Buffer>();

  function serveFile(
    req: IncomingMessage,
    res: ServerResponse,
    file: string,
    extraHeaders: Record<string, string> = {},
  ) {
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'content-type': type, ...extraHeaders };
    if (type.startsWith('text/html'))
      Object.assign(headers, headersForPages, { 'cache-control': 'no-cache' });
    const encoded = encodeBody(readFileSync(file), type, req.headers['accept-encoding'], {
      map: compressedFiles,
      key: `${file}:${statSync(file).mtimeMs}`,
    });
    res.writeHead(200, { ...headers, ...encoded.headers });
    res.end(encoded.body);
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, errorBody('method.not_allowed', 'Method not allowed.'));
      return;
    }
    if (url.pathname === '/config.json') {
      sendJson(res, 200, {
        auth: { mode: 'local' },
        uploadOrigins: options.extraConnectOrigins,
        ...(options.mailViewer ? { mailViewer: options.mailViewer } : {}),
      });
      return;
    }
    const validator = /^\/validators\/([a-z][a-z0-9-]{1,62})\/v(\d+)\.js$/.exec(url.pathname);
    if (validator) {
      const [, formId, version] = validator;
      const repoFile = join(options.generatedDir, `${formId}.v${version}.js`);
      const code = existsSync(repoFile)
        ? readFileSync(repoFile, 'utf8')
        : await options.publishedValidator(formId!, Number(version));
      if (code === undefined) {
        sendJson(res, 404, errorBody('validator.not_found', 'Not found.'));
        return;
      }
      const type = 'text/javascript; charset=utf-8';
      const encoded = encodeBody(Buffer.from(code), type, req.headers['accept-encoding']);
      res.writeHead(200, {
        'content-type': type,
        'cache-control': 'public, max-age=300',
        'x-content-type-options': 'nosniff',
        ...encoded.headers,
      });
      res.end(encoded.body);
      return;
    }
    const webDir =
      options.webDir && existsSync(join(options.webDir, 'index.html')) ? resolve(options.webDir) : undefined;
    if (!webDir) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headersForPages });
      res.end(
        '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Pakt für Integration</title></head><body><main><h1>Pakt für Integration – Plattform</h1><p>Die API läuft unter <code>/api</code>. Die Web-Anwendung ist noch nicht gebaut: <code>npm run build</code>.</p></main></body></html>',
      );
      return;
    }
    const target = normalize(join(webDir, decodeURIComponent(url.pathname)));
    if (target.startsWith(webDir) && existsSync(target) && statSync(target).isFile()) {
      const cache: Record<string, string> = target.startsWith(join(webDir, 'assets'))
        ? { 'cache-control': 'public, max-age=31536000, immutable' }
        : {};
      serveFile(req, res, target, cache);
      return;
    }
    // Single-page app: every other path renders the app shell.
    serveFile(req, res, join(webDir, 'index.html'));
  }

  const server = createServer({ maxHeaderSize: MAX_HEADER_READ }, (req, res) => {
    let url: URL;
    try {
      // The path as sent, on a fixed origin: the Host header is the client's to choose.
      url = new URL(`http://127.0.0.1${req.url?.startsWith('/') ? req.url : '/'}`);
      decodeURIComponent(url.pathname);
    } catch {
      sendJson(res, 400, errorBody('request.bad_path', 'The request path is not a valid URL path.'));
      return;
    }
    // API Gateway (HTTP API) refuses a request line and headers over 10 KiB; so does the local server.
    const headerBytes =
      Buffer.byteLength(req.url ?? '') + req.rawHeaders.reduce((n, h) => n + Buffer.byteLength(h) + 2, 0);
    if (headerBytes > MAX_HEADER_BYTES) {
      sendJson(
        res,
        431,
        errorBody('request.headers_too_large', `Request line and headers exceed ${MAX_HEADER_BYTES} bytes.`),
      );
      return;
    }
    const work =
      url.pathname.startsWith('/api/') || url.pathname === '/api'
        ? handleApi(req, res, url)
        : url.pathname.startsWith('/local/')
          ? handleLocal(req, res, url)
          : handleStatic(req, res, url);
    work.catch((error: unknown) => {
      console.error('local server error', (error as Error)?.stack ?? error);
      if (!res.headersSent) sendJson(res, 500, errorBody('internal', 'An unexpected error occurred.'));
      else res.end();
    });
  });
  // Beyond what is read at all: still a JSON answer, then the connection is closed.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify(
      tooLarge
        ? errorBody('request.headers_too_large', 'Request headers too large.')
        : errorBody('request.malformed', 'Malformed request.'),
    );
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}
