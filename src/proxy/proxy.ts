// `hwc-contract proxy`: a validating proxy in front of any implementation of the contract. It forwards every
// request unchanged — method, path, query, headers (Host too: an AK/SK signature covers the Host the client
// signed, so it still verifies upstream) and body — and judges each exchange (violations.ts) with the contract's
// one request and response judges, as the conformance runner does; tally.ts keeps the report. Violations go to the report and, per response, to
// `X-Contract-Violations` (as Prism's `sl-violations`); with `failOnViolation` a response that breaks the
// contract is replaced by a Huawei-shaped 502. Nothing secret is recorded: paths without their query, no header
// values, no bodies.
import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  request as httpRequest,
  type Server,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { OperationDefinition } from '../../generated/operations.js';
import type { Contract } from '../contract/bundled.js';
import { errorBody } from '../contract/error-body.js';
import { type ApiError, apiError, errorStatus } from '../contract/error-registry.js';
import { listenOn } from '../contract/listen-error.js';
import { createRouter, pathOf } from '../contract/router.js';
import { createTally, type ProxiedExchange, type ProxyReport } from './tally.js';
import { requestViolations, responseViolations, VIOLATIONS_HEADER, violationsHeader } from './violations.js';

/** Bodies larger than this are refused (413 Proxy.0413): the proxy reads each whole to judge it. */
export const MAX_PROXIED_BYTES = 16 * 1024 * 1024;

export interface ProxyOptions {
  upstream: string;
  contract: Contract;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Answer a response that breaks the contract with 502 Proxy.0502 instead of passing it on. */
  failOnViolation?: boolean;
  /** Called once per exchange, when it is judged. */
  onExchange?: (exchange: ProxiedExchange) => void;
  /** How long the upstream may take to answer (default 60 s). */
  upstreamTimeoutMs?: number;
}

export interface ContractProxy {
  url: string;
  server: Server;
  report(): ProxyReport;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'content-length',
]);

function readBody(stream: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(undefined);
        stream.resume();
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : value);

export async function startProxy(options: ProxyOptions): Promise<ContractProxy> {
  const upstream = new URL(options.upstream);
  if (upstream.protocol !== 'http:' && upstream.protocol !== 'https:')
    throw new Error(`the upstream must be an http or https URL, not ${options.upstream}`);
  const base = upstream.pathname.replace(/\/+$/, '');
  const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest;
  const route = createRouter(options.contract.operations);
  const { validators } = options.contract;
  const tally = createTally(upstream.origin + base);
  const record = (exchange: ProxiedExchange) => {
    tally.record(exchange);
    options.onExchange?.(exchange);
  };

  const refuse = (res: ServerResponse, error: ApiError, requestId: string) => {
    const body = JSON.stringify(errorBody(error, requestId));
    res.writeHead(errorStatus(error), {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'X-Request-Id': requestId,
    });
    res.end(body);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const path = pathOf(target);
    const query = target.includes('?') ? target.slice(target.indexOf('?') + 1) : '';
    // For the proxy's own answers: an ID in Huawei's form (32 hex digits).
    const localId = randomUUID().replace(/-/g, '');
    const body = await readBody(req, MAX_PROXIED_BYTES);
    const routed = route(method, path);
    const op: OperationDefinition | undefined = routed.operation;
    const params = routed.operation ? routed.params : {};
    if (!body) {
      refuse(res, apiError('Proxy.0413', `the body is larger than ${MAX_PROXIED_BYTES} bytes`), localId);
      return;
    }
    const text = body.toString('utf8');
    const ofRequest = requestViolations(
      op,
      { method, path, params, query, headers: req.headers, body: text },
      validators,
    );

    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    headers['content-length'] = String(body.length);

    let answer: { status: number; headers: IncomingMessage['headers']; body: Buffer };
    try {
      answer = await new Promise((resolve, reject) => {
        const forward = send(
          {
            protocol: upstream.protocol,
            hostname: upstream.hostname,
            port: upstream.port,
            // TLS names the upstream, whatever Host the client signed (Node would take it from the header).
            ...(upstream.protocol === 'https:' && { servername: upstream.hostname }),
            method,
            path: `${base}${target}`,
            headers,
            timeout: options.upstreamTimeoutMs ?? 60_000,
          },
          (up) => {
            readBody(up, MAX_PROXIED_BYTES).then(
              (payload) =>
                payload
                  ? resolve({ status: up.statusCode ?? 502, headers: up.headers, body: payload })
                  : reject(new Error(`the upstream answer is larger than ${MAX_PROXIED_BYTES} bytes`)),
              reject,
            );
          },
        );
        forward.on('timeout', () => forward.destroy(new Error('the upstream did not answer in time')));
        forward.on('error', reject);
        forward.end(body);
      });
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      refuse(res, apiError('Proxy.0503', `${upstream.origin}: ${reason}`), localId);
      record({
        method,
        path,
        operationId: op?.operationId,
        status: 0,
        requestId: undefined,
        ms: performance.now() - started,
        violations: [...ofRequest, { side: 'response', rule: 'unreachable', message: String(reason) }],
      });
      return;
    }

    const responseText = answer.body.toString('utf8');
    const header = (name: string) => single(answer.headers[name]);
    const ofResponse = responseViolations(
      op,
      { status: answer.status, header, text: responseText },
      ofRequest,
      validators,
    );
    const all = [...ofRequest, ...ofResponse];
    const requestId = header('x-request-id');
    record({
      method,
      path,
      operationId: op?.operationId,
      status: answer.status,
      requestId,
      ms: performance.now() - started,
      violations: all,
    });

    if (options.failOnViolation && ofResponse.length > 0) {
      const detail = ofResponse.map((v) => v.message).join('; ');
      const error = apiError('Proxy.0502', `${answer.status} from ${upstream.origin}: ${detail}`);
      const errorText = JSON.stringify(errorBody(error, requestId ?? localId));
      res.writeHead(502, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(errorText),
        'X-Request-Id': requestId ?? localId,
        [VIOLATIONS_HEADER]: violationsHeader(all),
      });
      res.end(errorText);
      return;
    }
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(answer.headers))
      if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
    out['content-length'] = String(answer.body.length);
    if (all.length > 0) out[VIOLATIONS_HEADER.toLowerCase()] = violationsHeader(all);
    res.writeHead(answer.status, out);
    res.end(answer.body);
  }

  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      process.stderr.write(
        `hwc-contract proxy: internal error on ${req.method} ${pathOf(req.url ?? '/')}: ${(error as Error).stack}\n`,
      );
      if (!res.headersSent) refuse(res, apiError('Proxy.0503', 'the proxy failed'), randomUUID().replace(/-/g, ''));
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await listenOn(server, host, options.port ?? 0);
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    server,
    report: tally.report,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
