// The transport under openapi-fetch. openapi-fetch accepts its own `Request` class and `fetch`; WHATWG
// Request/Response objects cost more than the HTTP exchange itself on Node (measured: global `fetch` reaches
// ~0.2× of `undici.request`), and loading the undici package alone takes ~80 ms, an eternity for a CLI's cold
// start. So by default the client hands openapi-fetch a light request object and sends it with node:http(s)
// over keep-alive agents. The response object offers what openapi-fetch and callers use of a `Response`:
// status, ok, headers.get, text(), json(), arrayBuffer(), clone().
import { Agent as HttpAgent, request as httpRequest, STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';

export interface CallOptions {
  /** Per-attempt timeout in milliseconds (overrides the client's). */
  timeoutMs?: number;
  /** `true` retries even a POST; `false` never retries this call. */
  retry?: boolean;
  /** Huawei's name for what this call does, for error reports (`DisassociateServerVirtualIp`). */
  operationName?: string;
}

interface LightRequestInit {
  method?: string;
  headers?: ConstructorParameters<typeof Headers>[0];
  body?: unknown;
  signal?: AbortSignal | null;
  hwc?: CallOptions;
}

/** What openapi-fetch builds for each call, in place of a WHATWG `Request`. */
export class LightRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly hwc: CallOptions | undefined;

  constructor(input: string | LightRequest, init: LightRequestInit = {}) {
    const from = typeof input === 'string' ? undefined : input;
    this.url = from ? from.url : (input as string);
    this.method = (init.method ?? from?.method ?? 'GET').toUpperCase();
    this.headers = new Headers(init.headers ?? from?.headers);
    const body = init.body === undefined ? from?.body : init.body;
    if (body !== undefined && body !== null && typeof body !== 'string')
      throw new TypeError('the Huawei Cloud client sends JSON bodies only');
    this.body = body ?? undefined;
    this.signal = init.signal ?? from?.signal ?? undefined;
    this.hwc = init.hwc ?? from?.hwc;
  }

  clone(): LightRequest {
    return new LightRequest(this);
  }
}

type RawHeaders = Record<string, string | string[] | undefined>;

/** A read-only `Headers` over the plain header object node:http gives (names are lower-case there). */
export class ResponseHeaders {
  readonly #raw: RawHeaders;
  constructor(raw: RawHeaders) {
    this.#raw = raw;
  }
  get(name: string): string | null {
    const value = this.#raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }
  has(name: string): boolean {
    return this.#raw[name.toLowerCase()] !== undefined;
  }
  getSetCookie(): string[] {
    const value = this.#raw['set-cookie'];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  }
  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.#raw).sort()) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }
  keys(): IterableIterator<string> {
    return (function* (it) {
      for (const [name] of it) yield name;
    })(this.entries());
  }
  values(): IterableIterator<string> {
    return (function* (it) {
      for (const [, value] of it) yield value;
    })(this.entries());
  }
  forEach(callback: (value: string, name: string, parent: ResponseHeaders) => void): void {
    for (const [name, value] of this.entries()) callback(value, name, this);
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

/** A fully read response. */
export class LightResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: ResponseHeaders;
  readonly url: string;
  readonly redirected = false;
  readonly type = 'basic';
  readonly #text: string;

  constructor(status: number, headers: RawHeaders, text: string, url: string) {
    this.status = status;
    this.statusText = STATUS_CODES[status] ?? '';
    this.headers = new ResponseHeaders(headers);
    this.#text = text;
    this.url = url;
  }
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  get bodyUsed(): boolean {
    return false; // the text is kept; it can be read any number of times
  }
  get body(): ReadableStream<Uint8Array> {
    const bytes = new TextEncoder().encode(this.#text);
    return new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
  }
  async text(): Promise<string> {
    return this.#text;
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.#text);
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    return new TextEncoder().encode(this.#text).buffer as ArrayBuffer;
  }
  clone(): LightResponse {
    return this;
  }
}

export interface OutgoingRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** Give up after this long; the promise then rejects with `TransportTimeout`. */
  timeoutMs: number;
  /** The caller's signal: aborting it rejects the promise with the signal's reason. */
  signal: AbortSignal | undefined;
}

/** The rejection of a request that did not complete within its timeout. */
export class TransportTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no response within ${timeoutMs} ms`);
  }
}

export interface TransportResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  /** The object openapi-fetch receives as its `Response`. */
  response: unknown;
}

/** What actually sends a request. The response is read in full before it is returned. */
export interface Transport {
  send(request: OutgoingRequest): Promise<TransportResponse>;
}

export interface AgentOptions {
  /** Most sockets per origin; 64 by default. */
  maxSockets?: number;
}

/** node:http / node:https with keep-alive: what the client sends through unless given a `fetch`. */
export function nodeHttpTransport(options: AgentOptions = {}): Transport {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64, scheduling: 'lifo' as const };
  const http = new HttpAgent(agentOptions);
  // node:https is loaded on the first https call only: local endpoints (mock, emulator) never need it.
  let https: Promise<{ agent: HttpsAgent; request: typeof httpRequest }> | undefined;
  const secure = () =>
    (https ??= import('node:https').then((m) => ({ agent: new m.Agent(agentOptions), request: m.request })));
  return {
    async send(request) {
      const { agent, request: send } = request.url.startsWith('https:')
        ? await secure()
        : { agent: http, request: httpRequest };
      const headers =
        request.body === undefined
          ? request.headers
          : { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) };
      const { signal } = request;
      if (signal?.aborted) throw signal.reason;
      return new Promise((resolve, reject) => {
        // A timer and the socket's destroy() rather than an AbortController per request: measurably cheaper.
        const outgoing = send(request.url, { method: request.method, headers, agent }, (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', fail);
          res.on('end', () => {
            done();
            const response = new LightResponse(
              res.statusCode ?? 0,
              res.headers,
              Buffer.concat(chunks).toString('utf8'),
              request.url,
            );
            resolve({ status: response.status, headers: response.headers, text: () => response.text(), response });
          });
        });
        const timer = setTimeout(() => outgoing.destroy(new TransportTimeout(request.timeoutMs)), request.timeoutMs);
        const onAbort = () => outgoing.destroy(signal?.reason);
        signal?.addEventListener('abort', onAbort, { once: true });
        function done() {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        }
        function fail(error: unknown) {
          done();
          reject(error);
        }
        outgoing.on('error', fail);
        outgoing.end(request.body);
      });
    },
  };
}

/** A WHATWG `fetch` (the global one, or a test double) as the transport. */
export function fetchTransport(fetchImpl: typeof globalThis.fetch): Transport {
  return {
    async send(request) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new TransportTimeout(request.timeoutMs)), request.timeoutMs);
      const onAbort = () => controller.abort(request.signal?.reason);
      request.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const init: RequestInit = { method: request.method, headers: request.headers, signal: controller.signal };
        if (request.body !== undefined) init.body = request.body;
        const response = await fetchImpl(request.url, init);
        const text = await response.clone().text();
        return { status: response.status, headers: response.headers, text: async () => text, response };
      } catch (error) {
        // fetch rejects with the abort reason as given, or wraps it; report what happened.
        throw controller.signal.aborted ? controller.signal.reason : error;
      } finally {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
