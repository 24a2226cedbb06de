// The emulator's node:http adapter: the only impure layer. It moves bytes — reads the request line, the few
// headers and the body (refusing one over the limit), hands them to the pipeline, the admin endpoints or the
// contract and docs, and writes the answer it gets back. Every response carries X-Request-Id — also those to
// what node:http cannot read and to CONNECT (unreadable-requests.ts).
import { createServer, type IncomingMessage, maxHeaderSize, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { apiError } from '../contract/error-registry.js';
import { pathOf } from '../contract/router.js';
import { serviceOf } from '../contract/services.js';
import type { Fixtures } from '../contract/fixtures.js';
import { isLoopback } from '../contract/ip.js';
import { listenOn } from '../contract/listen-error.js';
import { ADMIN_PREFIX, ADMIN_TOKEN_HEADER, type AdminAccess, adminAccess, adminAnswer, adminRefusal } from './admin.js';
import { createPipeline, type Pipeline, STATELESS_OPERATIONS } from './pipeline.js';
import { collectBody } from './request-body.js';
import { answerWithFault, faultLabel } from './fault-answers.js';
import type { FaultInjector } from './faults.js';
import { logWhenDone, noteAnsweredCode, noteFault, type RequestLog } from './request-log.js';
import { createRuntime, type Runtime, type RuntimeOptions } from './runtime.js';
import { type StateJson, stateToJson } from './state.js';
import { answerConnect, answerUnreadable } from './unreadable-requests.js';
import { type Answer, errorAnswer, newRequestId, singleHeader } from './wire.js';

/** The runtime's options (fixtures, auth, credentials, tokens, state file, lockout) and the server's. */
export interface EmulatorServerOptions extends RuntimeOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The bundled contract served at /openapi.json. */
  openapiJson?: string;
  /** Renders the HTML served at /docs (called once, on first request). */
  renderDocs?: () => Promise<string>;
  /** Fixed clock, for tests. */
  now?: () => Date;
  /** Called once per request, when its response is sent (or its connection lost). */
  log?: RequestLog;
  /**
   * Required of admin requests (`X-Emulator-Admin-Token`). Without it the admin endpoints are open on a loopback
   * address and off on any other.
   */
  adminToken?: string;
  /** Where start-up warnings go (default: stderr). */
  warn?: (line: string) => void;
  /** How long a request may take to arrive, headers and body (default 60 s; the headers alone: half of it). */
  requestTimeoutMs?: number;
}

export interface EmulatorServer {
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
  /** The fault rules in force (already checked), their counts, and what they inject. */
  faults: FaultInjector;
  /**
   * The operations of the contract with no stateful handler: answered with their documented success example
   * (marked `X-Emulator-Example`), after authentication and validation, as the mock answers them.
   */
  exampleOperations: readonly string[];
  close(): Promise<void>;
}

function write(res: ServerResponse, answer: Answer): void {
  // An answer with no body (a 204) has neither Content-Type nor Content-Length (RFC 9110 §8.6).
  const headers: Record<string, string | number> = answer.contentType
    ? {
        'Content-Type': answer.contentType,
        'Content-Length': Buffer.byteLength(answer.payload),
        'X-Request-Id': answer.requestId,
      }
    : { 'X-Request-Id': answer.requestId };
  res.writeHead(answer.status, answer.headers ? { ...headers, ...answer.headers } : headers);
  res.end(answer.payload);
}

/** The contract and the docs, served beside the operations (the docs rendered once, on first request). */
function staticAnswers(options: EmulatorServerOptions) {
  const { openapiJson, renderDocs } = options;
  let docs: Promise<string> | undefined;
  return async (method: string, pathname: string, requestId: string): Promise<Answer | undefined> => {
    if (method === 'GET' && pathname === '/openapi.json' && openapiJson !== undefined) {
      return { status: 200, contentType: 'application/json', payload: openapiJson, requestId };
    }
    if (method === 'GET' && (pathname === '/docs' || pathname === '/docs/') && renderDocs) {
      try {
        docs ??= renderDocs();
        return { status: 200, contentType: 'text/html; charset=utf-8', payload: await docs, requestId };
      } catch (error) {
        docs = undefined;
        return errorAnswer(apiError('Emulator.0002', (error as Error).message), requestId);
      }
    }
    return undefined;
  };
}

/** The `request` listener: routes, collects the body, asks the pipeline (or the others) and writes the answer. */
function requestListener(
  runtime: Runtime,
  pipeline: Pipeline,
  options: EmulatorServerOptions,
  admin: () => AdminAccess,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { log } = options;
  const served = staticAnswers(options);
  // With a request log, each error notes its code for the log; without one, nothing is kept per request.
  const answer = log
    ? (res: ServerResponse, a: Answer) => {
        if (a.code !== undefined) noteAnsweredCode(res, a.code);
        write(res, a);
      }
    : write;

  /** Everything that is not an operation of the contract: admin endpoints, the contract itself, the docs. */
  async function other(
    req: IncomingMessage,
    method: string,
    pathname: string,
    otherMethod: boolean,
    requestId: string,
  ): Promise<Answer> {
    if (pathname.startsWith(ADMIN_PREFIX)) {
      const refused = adminRefusal(
        {
          host: req.headers.host,
          origin: req.headers.origin,
          secFetchSite: singleHeader(req.headers['sec-fetch-site']),
          token: singleHeader(req.headers[ADMIN_TOKEN_HEADER]),
          localAddress: req.socket.localAddress ?? '',
          localPort: req.socket.localPort ?? 0,
        },
        admin(),
      );
      if (refused) {
        req.resume();
        return errorAnswer(apiError('Emulator.0403', refused), requestId);
      }
      const readBody = () =>
        new Promise<Buffer | undefined>((resolve) =>
          collectBody(req, req.headers['content-length'], resolve, () => resolve(undefined)),
        );
      return adminAnswer(runtime, method, pathname, readBody, requestId);
    }
    req.resume();
    return (await served(method, pathname, requestId)) ?? pipeline.notFound(method, pathname, otherMethod, requestId);
  }

  function internalError(req: IncomingMessage, res: ServerResponse, requestId: string, error: unknown): void {
    // A bug, not bad input: answer 500 in the gateway's shape rather than leave the caller hanging.
    const reason = error instanceof Error ? error.stack : String(error);
    // The path only: a query string may carry a credential.
    const where = `${req.method} ${pathOf(req.url ?? '/')}`;
    process.stderr.write(`hwc-contract emulate: internal error on ${where}: ${reason}\n`);
    if (!res.headersSent) answer(res, errorAnswer(apiError('Emulator.0500'), requestId));
    else res.destroy();
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const requestId = newRequestId();
    const target = req.url ?? '/';
    const pathname = pathOf(target);
    const method = req.method ?? 'GET';
    if (log) logWhenDone(res, method, pathname, requestId, log);

    const routed = pipeline.route(method, pathname);
    if (!routed.operation) {
      other(req, method, pathname, routed.otherMethod, requestId).then(
        (a) => answer(res, a),
        (error: unknown) => internalError(req, res, requestId, error),
      );
      return;
    }
    // node:http has built `req.headers` already (it reads Host and Expect of every request): use it.
    const { headers } = req;
    const fault = runtime.faults.active
      ? runtime.faults.decide({
          operationId: routed.operation.operationId,
          method,
          path: pathname,
          projectId: routed.params.project_id,
        })
      : undefined;
    if (fault) noteFault(res, faultLabel(fault));
    collectBody(
      req,
      headers['content-length'],
      (body) => {
        const request = { method, target, headers, body, requestId };
        if (fault) {
          answerWithFault(fault, {
            res,
            requestId,
            service: serviceOf(routed.operation),
            operate: () => pipeline.operate(routed, request),
            write: (a) => answer(res, a),
            fail: (error) => internalError(req, res, requestId, error),
          });
          return;
        }
        try {
          const result = pipeline.operate(routed, request);
          if (result instanceof Promise) {
            result.then(
              (a) => answer(res, a),
              (error: unknown) => internalError(req, res, requestId, error),
            );
          } else answer(res, result);
        } catch (error) {
          internalError(req, res, requestId, error);
        }
      },
      () => answer(res, pipeline.tooLarge(requestId)),
    );
  }

  return onRequest;
}

/** Says at start-up that other machines can reach the emulator, and what that means for the admin endpoints. */
function warnReachable(address: string, access: AdminAccess, warn?: (line: string) => void): void {
  const admin =
    access.kind === 'off'
      ? 'the admin endpoints are off (give --admin-token to use them with the X-Emulator-Admin-Token header)'
      : 'the admin endpoints require the X-Emulator-Admin-Token header';
  const line = `warning: listening on ${address}, which other machines can reach: they can use every credential the emulator accepts; ${admin}`;
  (warn ?? ((text) => process.stderr.write(`hwc-contract emulate: ${text}\n`)))(line);
}

export async function serveEmulator(options: EmulatorServerOptions): Promise<EmulatorServer> {
  const host = options.host ?? '127.0.0.1';
  const runtime = await createRuntime(options);
  const pipeline = createPipeline(runtime, options.now ?? (() => new Date()));
  const requestTimeout = options.requestTimeoutMs ?? 60_000;
  // Decided once the address is bound: a host name is judged by the address it resolved to.
  let access: AdminAccess = { kind: 'off', address: host };
  const server = createServer(
    {
      requestTimeout,
      headersTimeout: requestTimeout / 2,
      keepAliveTimeout: 65_000,
      // How often node:http looks for requests over their time: often enough for short test timeouts.
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, requestTimeout / 4)),
    },
    requestListener(runtime, pipeline, options, () => access),
  );
  // Sockets node:http hands over (CONNECT, requests it cannot read): closed by close() too.
  const detached = new Set<Duplex>();
  const detach = (socket: Duplex) => {
    detached.add(socket);
    socket.once('close', () => detached.delete(socket));
    return socket;
  };
  server.on('clientError', (error: NodeJS.ErrnoException, socket) =>
    answerUnreadable(error, detach(socket), maxHeaderSize),
  );
  server.on('connect', (req: IncomingMessage, socket) => answerConnect(req.url ?? '', detach(socket)));
  try {
    await listenOn(server, host, options.port ?? 0);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  access = adminAccess(address.address, options.adminToken);
  if (!isLoopback(address.address)) warnReachable(address.address, access, options.warn);
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    host: address.address,
    port: address.port,
    server,
    snapshot: () => structuredClone(stateToJson(runtime.state)),
    reset: (fixtures) => runtime.reset(fixtures),
    restored: runtime.restored,
    faults: runtime.faults,
    exampleOperations: STATELESS_OPERATIONS,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of detached) socket.destroy();
      });
      await runtime.close();
    },
  };
}
