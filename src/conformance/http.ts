// Talking to the target: every request is authenticated as asked and recorded with its response (a finding's
// reproducing command is made from it: reproduce.ts). Requests go one at a time, in a fixed order, so a seed fixes the sequence.
import { UserError } from '../contract/user-error.js';
import { request as httpRequest, Agent } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { signRequest } from '../signing/index.js';
import type { Auth, Exchange, RecordedRequest } from './types.js';

export class TargetUnreachable extends UserError {
  override readonly name = 'TargetUnreachable';
}

export interface SendInput {
  method: string;
  path: string;
  body?: unknown;
  /** A raw body, sent as is (for broken JSON). */
  rawBody?: string;
  auth: Auth;
  headers?: Record<string, string>;
  operationId?: string;
  check: string;
}

/** The name a recorded request gives a header, found whatever its letter case (`lower`: the lower-case name). */
export const headerName = (headers: Readonly<Record<string, string>>, lower: string): string | undefined =>
  Object.keys(headers).find((name) => name.toLowerCase() === lower);

export class Http {
  readonly exchanges: Exchange[] = [];
  private readonly agent: Agent | HttpsAgent;

  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
    private readonly onExchange?: (exchange: Exchange) => void,
  ) {
    this.agent = baseUrl.startsWith('https:')
      ? new HttpsAgent({ keepAlive: true, maxSockets: 4 })
      : new Agent({ keepAlive: true, maxSockets: 4 });
  }

  close(): void {
    this.agent.destroy();
  }

  async send(input: SendInput): Promise<Exchange> {
    const url = this.baseUrl.replace(/\/$/, '') + input.path;
    const body = input.rawBody ?? (input.body === undefined ? undefined : JSON.stringify(input.body));
    let headers: Record<string, string> = {
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...input.headers,
    };
    if (input.auth.kind === 'token') headers['X-Auth-Token'] = input.auth.token;
    if (input.auth.kind === 'aksk') {
      headers['X-Project-Id'] = input.auth.projectId;
      headers = signRequest({
        method: input.method,
        url,
        headers,
        body: body ?? '',
        key: { ak: input.auth.ak, sk: input.auth.sk },
      }).headers;
    }
    const request: RecordedRequest = { method: input.method, url, headers, ...(body !== undefined && { body }) };
    const response = await this.raw(request);
    const exchange: Exchange = {
      operationId: input.operationId,
      request,
      response,
      check: input.check,
      auth: input.auth,
    };
    this.record(exchange);
    return exchange;
  }

  /** Sends a recorded request again exactly as given, and records the exchange. */
  async resend(request: RecordedRequest, operationId: string, check: string): Promise<Exchange> {
    const exchange: Exchange = { operationId, request, response: await this.raw(request), check };
    this.record(exchange);
    return exchange;
  }

  private record(exchange: Exchange): void {
    this.exchanges.push(exchange);
    this.onExchange?.(exchange);
  }

  /** Sends a recorded request as it is, recording nothing. */
  raw(request: RecordedRequest): Promise<Exchange['response']> {
    const target = new URL(request.url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        target,
        {
          method: request.method,
          headers: {
            ...request.headers,
            ...(request.body !== undefined && { 'Content-Length': String(Buffer.byteLength(request.body)) }),
          },
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            clearTimeout(timer);
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers))
              if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
            resolve({ status: res.statusCode ?? 0, headers, text, json });
          });
          res.on('error', reject);
        },
      );
      const timer = setTimeout(
        () =>
          req.destroy(
            new TargetUnreachable(
              `no answer from ${target.origin} within ${this.timeoutMs} ms (${request.method} ${target.pathname})`,
            ),
          ),
        this.timeoutMs,
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(
          error instanceof TargetUnreachable
            ? error
            : new TargetUnreachable(`cannot reach ${target.origin}: ${error.code ?? error.message}`),
        );
      });
      req.end(request.body);
    });
  }
}
