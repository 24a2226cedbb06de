// The emulator's HTTP adapter: the only impure layer. It routes with the generated operation table, answers
// the API gateway's part (unknown APIs, body size, authentication), checks content type, JSON and the
// contract's validators, calls a pure handler, applies the events it returns, makes them durable (with
// `--state`), and writes Huawei's response. Every response carries `X-Request-Id`.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { operations, type OperationDefinition } from '../../generated/operations.js';
import { validators, type ValidatorFn } from '../contract/bundled.js';
import { describeValidationErrors } from '../contract/validation-errors.js';
import {
  authenticate,
  newAuthState,
  type AuthConfig,
  type AuthMode,
  type CredentialEntry,
  type TokenEntry,
} from './auth.js';
import type { HandlerContext, Outcome } from './context.js';
import { errorBody } from '../contract/error-body.js';
import { apiError, errorStatus, type ApiError, type ErrorCode } from '../contract/error-registry.js';
import { checkFixtures, FixturesError, type Fixtures } from '../contract/fixtures.js';
import { stateFromFixtures } from './state-from-fixtures.js';
import { assignEip, type CreatePublicIpBody } from './handlers/assign-eip.js';
import { bindVirtualIp, type ServerVirtualIpBody } from './handlers/bind-virtual-ip.js';
import { applyEvent, stateToJson, type Event, type State, type StateJson } from './state.js';
import { Journal } from './store.js';

/** Request bodies larger than this get 413 APIGW.0201. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface CredentialOption {
  ak: string;
  sk: string;
  projectId?: string | undefined;
  admin?: boolean;
}

export interface TokenOption {
  token: string;
  projectId?: string | undefined;
  admin?: boolean;
}

export interface EmulatorOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  fixtures: Fixtures;
  auth?: AuthMode;
  /** Accepted besides those in the fixtures. */
  credentials?: readonly CredentialOption[];
  tokens?: readonly TokenOption[];
  /** Journal file: state survives restarts; every change is on disk before it is acknowledged. */
  stateFile?: string;
  /** The bundled contract served at /openapi.json. */
  openapiJson?: string;
  /** Renders the HTML served at /docs (called once, on first request). */
  renderDocs?: () => Promise<string>;
  /** Fixed clock, for tests. */
  now?: () => Date;
  /** Called once per request, when its response is sent (or its connection lost). */
  log?: (entry: RequestLogEntry) => void;
}

/** One request as the request log shows it. No headers, no query string, no body: nothing that may hold a secret. */
export interface RequestLogEntry {
  method: string;
  path: string;
  /** 0 when the connection was lost before a response was sent. */
  status: number;
  /** The Huawei error code answered, if any. */
  code?: string;
  requestId: string;
  /** From the request's arrival to its response. */
  ms: number;
}

export interface Emulator {
  url: string;
  host: string;
  port: number;
  server: Server;
  /** A copy of the state, as `GET /__emulator/state` shows it. */
  snapshot(): StateJson;
  /**
   * Back to the fixtures last loaded (at start or by a reset with new ones), or to new ones (their credentials
   * replace the old fixtures'), as `POST /__emulator/reset` and `POST /__emulator/fixtures` do. Durable with
   * `--state`, like any change.
   */
  reset(fixtures?: Fixtures): Promise<void>;
  /** Whether the state came from an existing `--state` file, and how many events it replayed. */
  restored: { fromFile: boolean; events: number };
  close(): Promise<void>;
}

interface Service {
  invalid: ErrorCode;
  internal: ErrorCode;
  /** The code for a problem with this field (EIP: bandwidth fields have their own). */
  codeFor(field: string): ErrorCode;
}
const SERVICES: Record<string, Service> = {
  ECS: { invalid: 'Ecs.0005', internal: 'Ecs.0002', codeFor: () => 'Ecs.0005' },
  EIP: {
    invalid: 'VPC.0501',
    internal: 'VPC.0503',
    codeFor: (field) => (field.startsWith('publicip.bandwidth') ? 'VPC.0301' : 'VPC.0501'),
  },
};

type Handler = (state: State, params: Record<string, string>, body: unknown, ctx: HandlerContext) => Outcome;
const HANDLERS: Record<string, Handler> = {
  AssociateServerVirtualIp: (state, params, body, ctx) =>
    bindVirtualIp(
      state,
      { projectId: params.project_id!, nicId: params.nic_id!, body: body as ServerVirtualIpBody },
      ctx,
    ),
  CreatePublicIpV3: (state, params, body, ctx) =>
    assignEip(state, { projectId: params.project_id!, body: body as CreatePublicIpBody }, ctx),
};

interface Route {
  op: OperationDefinition;
  pattern: RegExp;
  service: Service;
  handler: Handler;
  /** The path parameters, in the order of the pattern's capture groups. */
  paramNames: string[];
  pathValidator: ValidatorFn | undefined;
  bodyValidator: ValidatorFn | undefined;
}

const ROUTES: Route[] = (operations as readonly OperationDefinition[]).map((op) => {
  const handler = HANDLERS[op.operationId];
  const service = SERVICES[op.tags[0] ?? ''];
  if (!handler || !service) throw new Error(`the emulator has no handler for ${op.operationId}`);
  return {
    op,
    pattern: new RegExp(op.pathPattern),
    paramNames: [...op.pathPattern.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1]!),
    service,
    handler,
    pathValidator: op.parameterValidators.path ? validators[op.parameterValidators.path] : undefined,
    bodyValidator: op.requestBody ? validators[op.requestBody.validator] : undefined,
  };
});

// Request IDs look like Huawei's (32 hex digits): a random prefix per process and a counter, unique and cheap.
const REQUEST_ID_PREFIX = randomUUID().replace(/-/g, '').slice(0, 20);
let requestCounter = 0;
const newRequestId = () => REQUEST_ID_PREFIX + (requestCounter++).toString(16).padStart(12, '0');

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  extra?: Record<string, string>,
): void {
  const payload = JSON.stringify(body);
  const headers = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
    'X-Request-Id': requestId,
  };
  res.writeHead(status, extra ? { ...headers, ...extra } : headers);
  res.end(payload);
}

/** The error code each errored response carried, for the request log (kept only when there is one). */
const answeredCodes = new WeakMap<ServerResponse, string>();

function sendError(res: ServerResponse, error: ApiError, requestId: string, extra?: Record<string, string>): void {
  send(res, errorStatus(error), errorBody(error, requestId), requestId, extra);
}

/**
 * Collects a request body of at most MAX_BODY_BYTES and passes it to `done`; a larger one (declared or streamed)
 * calls `tooLarge` once instead, and the rest is drained.
 */
function collectBody(
  req: IncomingMessage,
  declaredLength: string | undefined,
  done: (body: Buffer) => void,
  tooLarge: () => void,
): void {
  if (Number(declaredLength) > MAX_BODY_BYTES) {
    req.resume();
    return tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      refused = true;
      chunks.length = 0;
      return tooLarge();
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (!refused) done(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
  });
}

/** The few request headers every call needs, read from `rawHeaders` without building `req.headers`. */
interface CommonHeaders {
  [name: string]: string | undefined;
  'content-length'?: string;
  'content-type'?: string;
  'x-auth-token'?: string;
  authorization?: string;
}

function commonHeaders(raw: readonly string[]): CommonHeaders {
  const found: CommonHeaders = {};
  for (let i = 0; i < raw.length; i += 2) {
    const length = raw[i]!.length;
    if (length !== 12 && length !== 13 && length !== 14) continue;
    // Most clients send these names in lower case: lower-case only the others.
    const given = raw[i]!;
    const name =
      given === 'content-type' || given === 'content-length' || given === 'x-auth-token' || given === 'authorization'
        ? given
        : given.toLowerCase();
    if (name === 'content-length' || name === 'content-type' || name === 'x-auth-token' || name === 'authorization') {
      // Like node:http, the first of repeated single-value headers wins.
      found[name] ??= raw[i + 1]!;
    }
  }
  return found;
}

function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  if (value === 'application/json') return true;
  const type = value.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json';
}

function authConfig(
  mode: AuthMode,
  fixtures: Fixtures,
  credentials: readonly CredentialOption[],
  tokens: readonly TokenOption[],
): AuthConfig {
  const creds = new Map<string, CredentialEntry>();
  for (const c of fixtures.credentials ?? [])
    creds.set(c.ak, { sk: c.sk, projectId: c.project_id, admin: c.admin ?? false });
  for (const c of credentials) creds.set(c.ak, { sk: c.sk, projectId: c.projectId, admin: c.admin ?? false });
  const toks = new Map<string, TokenEntry>();
  for (const t of fixtures.tokens ?? []) toks.set(t.token, { projectId: t.project_id, admin: t.admin ?? false });
  for (const t of tokens) toks.set(t.token, { projectId: t.projectId, admin: t.admin ?? false });
  return { mode, credentials: creds, tokens: toks };
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? (() => new Date());
  const mode = options.auth ?? 'any';
  let fixtures = options.fixtures;
  let auth = authConfig(mode, fixtures, options.credentials ?? [], options.tokens ?? []);
  const authState = newAuthState();
  let state: State;
  let journal: Journal | undefined;
  let restored = { fromFile: false, events: 0 };
  if (options.stateFile) {
    const opened = await Journal.open(path.resolve(options.stateFile), () => stateFromFixtures(fixtures));
    journal = opened.journal;
    state = opened.state;
    restored = { fromFile: opened.restored, events: opened.events };
  } else {
    state = stateFromFixtures(fixtures);
  }
  const openapiJson = options.openapiJson;
  // Every error answered inside: with a request log, it notes its code for the log; without one, nothing is kept.
  const answerError: typeof sendError = options.log
    ? (res, error, requestId, extra) => {
        answeredCodes.set(res, error.code);
        sendError(res, error, requestId, extra);
      }
    : sendError;
  let docs: Promise<string> | undefined;

  /** Applies events in memory at once (so the next request sees them) and resolves when they are durable. */
  function commit(events: Event[]): Promise<void> | undefined {
    if (events.length === 0) return undefined;
    for (const event of events) state = applyEvent(state, event);
    return journal?.append(events);
  }

  /** Back to the fixtures (new ones replace the old, with their credentials); lockouts are forgotten. */
  async function reset(next?: Fixtures): Promise<void> {
    if (next) {
      fixtures = next;
      auth = authConfig(mode, fixtures, options.credentials ?? [], options.tokens ?? []);
    }
    authState.failures.clear();
    await commit([{ type: 'state.replace', state: stateFromFixtures(fixtures) }]);
  }

  async function admin(req: IncomingMessage, res: ServerResponse, pathname: string, requestId: string): Promise<void> {
    const adminError = (status: number, message: string) =>
      send(res, status, { error_code: 'Emulator.0001', error_msg: message, request_id: requestId }, requestId);
    const route = `${req.method} ${pathname}`;
    if (route === 'GET /__emulator/health') return send(res, 200, { status: 'ok' }, requestId);
    if (route === 'GET /__emulator/state') return send(res, 200, stateToJson(state), requestId);
    if (route === 'POST /__emulator/reset') {
      await reset();
      return send(res, 200, { reset: true }, requestId);
    }
    if (route === 'POST /__emulator/fixtures') {
      const body = await new Promise<Buffer | undefined>((resolve) =>
        collectBody(req, req.headers['content-length'], resolve, () => resolve(undefined)),
      );
      if (!body) return adminError(413, `the fixtures are larger than ${MAX_BODY_BYTES} bytes`);
      let next: Fixtures;
      try {
        const { parse } = await import('yaml');
        next = await checkFixtures(parse(body.toString('utf8')), 'the request body');
      } catch (error) {
        return adminError(
          400,
          error instanceof FixturesError
            ? error.message
            : `the request body is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`,
        );
      }
      await reset(next);
      return send(
        res,
        200,
        { loaded: { projects: fixtures.projects.length, pools: fixtures.pools.length } },
        requestId,
      );
    }
    return adminError(
      404,
      `no emulator endpoint ${route}; there are GET /__emulator/health, GET /__emulator/state, POST /__emulator/reset and POST /__emulator/fixtures`,
    );
  }

  /** Everything that is not an operation of the contract: admin endpoints, the contract itself, the docs. */
  async function other(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    pathname: string,
    methodMismatch: boolean,
    requestId: string,
  ): Promise<void> {
    if (pathname.startsWith('/__emulator/')) return admin(req, res, pathname, requestId);
    if (method === 'GET' && pathname === '/openapi.json' && openapiJson !== undefined) {
      req.resume();
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(openapiJson),
        'X-Request-Id': requestId,
      });
      return void res.end(openapiJson);
    }
    if (method === 'GET' && (pathname === '/docs' || pathname === '/docs/') && options.renderDocs) {
      req.resume();
      try {
        const html = await (docs ??= options.renderDocs());
        res.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Length': Buffer.byteLength(html),
          'X-Request-Id': requestId,
        });
        return void res.end(html);
      } catch (error) {
        docs = undefined;
        return send(
          res,
          503,
          {
            error_code: 'Emulator.0002',
            error_msg: `the docs could not be rendered: ${(error as Error).message}`,
            request_id: requestId,
          },
          requestId,
        );
      }
    }
    req.resume();
    const detail = methodMismatch ? `there is no ${method} ${pathname}` : `no API matches ${method} ${pathname}`;
    answerError(res, apiError('APIGW.0101', detail), requestId);
  }

  /** One call of an operation, once its body has arrived. Synchronous up to the (optional) journal write. */
  function operate(
    req: IncomingMessage,
    res: ServerResponse,
    route: Route,
    match: RegExpExecArray,
    body: Buffer,
    requestId: string,
    common: CommonHeaders,
  ): void {
    const method = req.method!;
    const time = now();
    // A signature needs every signed header; a token call needs only these.
    const who = authenticate(auth, authState, {
      method,
      target: req.url!,
      headers: common.authorization === undefined ? common : req.headers,
      body,
      now: time,
    });
    if ('error' in who) return answerError(res, who.error, requestId);

    const { service, op } = route;
    // By index rather than `match.groups`: a plain object built the same way each time stays on V8's fast path.
    const params: Record<string, string> = {};
    for (let i = 0; i < route.paramNames.length; i += 1) {
      const key = route.paramNames[i]!;
      const value = match[i + 1]!;
      if (!value.includes('%')) {
        params[key] = value;
        continue;
      }
      try {
        params[key] = decodeURIComponent(value);
      } catch {
        return answerError(
          res,
          apiError(service.invalid, `${key} is not a valid percent-encoded path segment`),
          requestId,
        );
      }
    }
    if (route.pathValidator && !route.pathValidator(params)) {
      const problem = describeValidationErrors(route.pathValidator.errors)[0];
      return answerError(res, apiError(service.invalid, problem?.message ?? 'a path parameter is invalid'), requestId);
    }
    let parsed: unknown;
    if (op.requestBody) {
      if (body.length === 0)
        return answerError(res, apiError(service.invalid, 'the request body is required'), requestId);
      const contentType = common['content-type'];
      if (!isJsonContentType(contentType)) {
        return answerError(
          res,
          apiError(
            service.invalid,
            `Content-Type must be application/json, not ${contentType ? `"${contentType}"` : 'missing'}`,
          ),
          requestId,
        );
      }
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch (error) {
        return answerError(
          res,
          apiError(service.invalid, `the request body is not valid JSON (${(error as Error).message})`),
          requestId,
        );
      }
      if (route.bodyValidator && !route.bodyValidator(parsed)) {
        const problems = describeValidationErrors(route.bodyValidator.errors);
        const code = service.codeFor(problems[0]?.field ?? '');
        return answerError(
          res,
          apiError(code, problems.map((p) => p.message).join('; ') || 'the request body is invalid'),
          requestId,
        );
      }
    }

    const outcome = route.handler(state, params, parsed, {
      requestId,
      now: time,
      newId: randomUUID,
      principal: who.principal,
    });
    if ('error' in outcome) return answerError(res, outcome.error, requestId);
    const durable = commit(outcome.events);
    if (!durable) return send(res, outcome.status, outcome.body, requestId);
    durable.then(
      () => send(res, outcome.status, outcome.body, requestId),
      (error: Error) => answerError(res, apiError(service.internal, error.message), requestId),
    );
  }

  function internalError(req: IncomingMessage, res: ServerResponse, requestId: string, error: unknown): void {
    // A bug, not bad input: answer 500 in the gateway's shape rather than leave the caller hanging.
    process.stderr.write(
      `hwc-contract emulate: internal error on ${req.method} ${req.url}: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    if (!res.headersSent)
      send(
        res,
        500,
        { error_code: 'Emulator.0500', error_msg: 'internal emulator error', request_id: requestId },
        requestId,
      );
    else res.destroy();
  }

  function logWhenDone(
    res: ServerResponse,
    method: string,
    pathname: string,
    requestId: string,
    log: (entry: RequestLogEntry) => void,
  ): void {
    const start = performance.now();
    res.once('close', () => {
      const code = answeredCodes.get(res);
      const status = res.writableFinished ? res.statusCode : 0;
      try {
        log({
          method,
          path: pathname,
          status,
          ...(code !== undefined && { code }),
          requestId,
          ms: performance.now() - start,
        });
      } catch (error) {
        // A failing logger is the caller's bug; it must not take the emulator down.
        process.stderr.write(
          `hwc-contract emulator: the request log failed: ${error instanceof Error ? error.message : String(error)}\n`,
        );
      }
    });
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const requestId = newRequestId();
    const target = req.url ?? '/';
    const queryAt = target.indexOf('?');
    const pathname = queryAt === -1 ? target : target.slice(0, queryAt);
    const method = req.method ?? 'GET';
    if (options.log) logWhenDone(res, method, pathname, requestId, options.log);

    let route: Route | undefined;
    let match: RegExpExecArray | null = null;
    let methodMismatch = false;
    for (const candidate of ROUTES) {
      match = candidate.pattern.exec(pathname);
      if (!match) continue;
      if (candidate.op.method === method) {
        route = candidate;
        break;
      }
      methodMismatch = true;
    }
    if (!route) {
      other(req, res, method, pathname, methodMismatch, requestId).catch((error: unknown) =>
        internalError(req, res, requestId, error),
      );
      return;
    }

    const common = commonHeaders(req.rawHeaders);
    collectBody(
      req,
      common['content-length'],
      (body) => {
        try {
          operate(req, res, route, match!, body, requestId, common);
        } catch (error) {
          internalError(req, res, requestId, error);
        }
      },
      () =>
        answerError(res, apiError('APIGW.0201', `the request body is larger than ${MAX_BODY_BYTES} bytes`), requestId, {
          Connection: 'close',
        }),
    );
  }

  const server = createServer(onRequest);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    host: address.address,
    port: address.port,
    server,
    snapshot: () => structuredClone(stateToJson(state)),
    reset,
    restored,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await journal?.close();
    },
  };
}
