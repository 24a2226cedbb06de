// `createClient`: an openapi-fetch client typed by the contract's `paths`, with Huawei authentication,
// per-service endpoints, timeouts, retries, typed errors and optional validation against the contract.
import createFetchClient, { type Client } from 'openapi-fetch';
import { inspect } from 'node:util';
import type { Dispatcher } from 'undici';
import { operations, type OperationDefinition } from '../../generated/operations.js';
import type { components, paths } from '../../generated/schema.js';
import { formatSdkDate, signRequest } from '../signing/index.js';
import { resolveCredentials, type Credentials, type Environment, type ResolvedCredentials } from './credentials.js';
import { originFor } from './endpoints.js';
import { HuaweiCloudError, parseErrorBody } from './errors.js';
import { createRedactor, maskAccessKey, type Redactor } from './redact.js';
import { backoffDelay, DEFAULT_RETRY, isRetryableStatus, type RetryOptions } from './retry.js';
import { fetchTransport, LightRequest, undiciTransport, type CallOptions, type Transport } from './transport.js';
import { checkRequest, checkResponse } from './validate.js';

export interface ClientOptions {
  /** AK/SK or a token; by default from HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK / HUAWEICLOUD_SDK_PROJECT_ID. */
  credentials?: Credentials;
  /** Where to read the environment variables; `process.env` by default. */
  env?: Environment;
  /** Region ID such as `cn-north-4`: calls go to `https://ecs.<region>…` and `https://vpc.<region>…`. */
  region?: string;
  /** One origin for every service (a mock, the emulator, a proxy). */
  endpoint?: string;
  /** An origin per service: `{ ecs: 'https://…', vpc: 'https://…' }`. */
  endpoints?: Record<string, string>;
  /** Per-attempt timeout; 30 s by default. */
  timeoutMs?: number;
  /** Retry policy, or `false` for none. PUT is retried by default; POST only with `retryPost`. */
  retry?: Partial<RetryOptions> | false;
  /** Check request bodies and parameters before sending, and responses after receiving. Off by default. */
  validate?: boolean | { request?: boolean; response?: boolean };
  /** Headers sent (and signed) with every call. */
  headers?: Record<string, string>;
  /** Send through this WHATWG `fetch` instead of `undici.request`. */
  fetch?: typeof globalThis.fetch;
  /** The undici dispatcher (connection pool) to send through. */
  dispatcher?: Dispatcher;
  /** Source of the retry jitter, in [0, 1); `Math.random` by default. */
  random?: () => number;
  /** The signing clock; `new Date()` by default. */
  now?: () => Date;
}

type Schemas = components['schemas'];
export interface BindVirtualIpInput {
  nicId: string;
  subnetId: string;
  ipAddress: string;
  reverseBinding?: boolean;
  /** The project in the URL; the credentials' project by default. */
  projectId?: string;
}
export interface UnbindVirtualIpInput {
  nicId: string;
  reverseBinding?: boolean;
  projectId?: string;
}
export interface HelperOptions extends CallOptions {
  signal?: AbortSignal;
  projectId?: string;
}

export interface HuaweiCloudClient extends Client<paths> {
  /** `AssociateServerVirtualIp`: binds a virtual IP address to an ECS NIC. */
  bindVirtualIp(input: BindVirtualIpInput, options?: HelperOptions): Promise<Schemas['ServerVirtualIpResponseBody']>;
  /** `DisassociateServerVirtualIp`: unbinds the NIC's virtual IP address. */
  unbindVirtualIp(input: UnbindVirtualIpInput, options?: HelperOptions): Promise<Schemas['ServerVirtualIpResponseBody']>;
  /** `CreatePublicIpV3`: assigns an EIP. Not retried unless `retry: true` (a retried POST may assign twice). */
  assignEip(publicip: Schemas['EIPAddDict'], options?: HelperOptions): Promise<Schemas['CreatePublicIpV3ResponseBody']>;
  /** The project ID of the credentials, if they name one. */
  readonly projectId: string | undefined;
}

const compiled = operations.map((op) => ({ op, pattern: new RegExp(op.pathPattern) }));

function findOperation(method: string, path: string): { op: OperationDefinition; params: Record<string, string> } | undefined {
  for (const { op, pattern } of compiled) {
    if (op.method !== method) continue;
    const match = pattern.exec(path);
    if (match) return { op, params: { ...match.groups } };
  }
  return undefined;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (ms <= 0) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** How many attempts a response took; kept beside the response object rather than on it. */
const attemptsOf = new WeakMap<object, number>();

interface Outgoing {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
  /** The project ID in the URL, for `X-Project-Id` when the credentials name none. */
  pathProject: string | undefined;
}

/** The headers to send: for AK/SK, signed with a fresh `X-Sdk-Date` (each retry is signed anew). */
function authenticate(credentials: ResolvedCredentials, request: Outgoing, now: Date): Record<string, string> {
  const headers = { ...request.headers };
  if (credentials.kind === 'token') {
    headers['x-auth-token'] = credentials.token;
    return headers;
  }
  const projectId = credentials.projectId ?? request.pathProject;
  if (projectId && !headers['x-project-id']) headers['x-project-id'] = projectId;
  if (credentials.securityToken) headers['x-security-token'] = credentials.securityToken;
  headers['x-sdk-date'] = formatSdkDate(now);
  return signRequest({ method: request.method, url: request.url, headers, body: request.body, key: credentials }).headers;
}

export function createClient(options: ClientOptions = {}): HuaweiCloudClient {
  const credentials = resolveCredentials(options.credentials, options.env ?? process.env);
  const redact: Redactor = createRedactor(credentials.kind === 'token' ? [credentials.token] : [credentials.sk, credentials.securityToken]);
  const retry: RetryOptions | undefined = options.retry === false ? undefined : { ...DEFAULT_RETRY, ...options.retry };
  const validateRequests = options.validate === true || (typeof options.validate === 'object' && options.validate.request === true);
  const validateResponses = options.validate === true || (typeof options.validate === 'object' && options.validate.response === true);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const transport: Transport = options.fetch ? fetchTransport(options.fetch) : undiciTransport(options.dispatcher);
  const endpointOptions = { endpoint: options.endpoint, endpoints: options.endpoints, region: options.region };
  const baseHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) baseHeaders[name.toLowerCase()] = value;

  /** The `fetch` openapi-fetch calls: route, validate, authenticate, send, retry. */
  async function send(request: LightRequest): Promise<Response> {
    const q = request.url.indexOf('?');
    const path = q === -1 ? request.url : request.url.slice(0, q);
    const found = findOperation(request.method, path);
    const operationId = request.hwc?.operationName ?? found?.op.operationId;
    const origin = originFor(found?.op, endpointOptions);
    const url = new URL(origin + request.url);
    if (validateRequests && found) await checkRequest(found.op, found.params, request.body, operationId);

    const headers: Record<string, string> = { ...baseHeaders };
    request.headers.forEach((value, name) => (headers[name] = value));
    const outgoing: Outgoing = { method: request.method, url, headers, body: request.body, pathProject: found?.params.project_id && decodeURIComponent(found.params.project_id) };
    const idempotent = request.method !== 'POST' && request.method !== 'PATCH';
    const mayRetry = retry !== undefined && request.hwc?.retry !== false && (idempotent || retry.retryPost || request.hwc?.retry === true);
    const retries = mayRetry ? retry.retries : 0;
    const perAttempt = request.hwc?.timeoutMs ?? timeoutMs;

    for (let attempt = 1; ; attempt += 1) {
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new Error('timeout'));
      }, perAttempt);
      const onAbort = () => controller.abort(request.signal?.reason);
      request.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        if (request.signal?.aborted) throw request.signal.reason;
        const sent = await transport.send({ url: url.href, method: request.method, headers: authenticate(credentials, outgoing, now()), body: request.body, signal: controller.signal });
        if (isRetryableStatus(sent.status) && attempt <= retries) {
          await sleep(backoffDelay(attempt, retry as RetryOptions, random, sent.headers.get('retry-after')), request.signal);
          continue;
        }
        if (validateResponses && found) await checkResponse(found.op, sent.status, sent.headers, await sent.text(), operationId, attempt, redact);
        attemptsOf.set(sent.response as object, attempt);
        return sent.response as Response;
      } catch (error) {
        if (error instanceof HuaweiCloudError) throw error;
        if (request.signal?.aborted) throw request.signal.reason;
        const failure = new HuaweiCloudError({
          kind: timedOut ? 'timeout' : 'network',
          code: timedOut ? 'HWC.TIMEOUT' : 'HWC.NETWORK',
          operationId,
          attempts: attempt,
          message: redact(
            timedOut
              ? `${operationId ?? request.method}: no response within ${perAttempt} ms (attempt ${attempt})`
              : `${operationId ?? request.method}: ${describeNetworkError(error)} (attempt ${attempt})`,
          ),
        });
        if (attempt > retries) throw failure;
        await sleep(backoffDelay(attempt, retry as RetryOptions, random), request.signal);
      } finally {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
      }
    }
  }

  const client = createFetchClient<paths>({ baseUrl: '', Request: LightRequest as unknown as typeof Request, fetch: send as unknown as typeof fetch });

  async function call<T>(result: Promise<{ data?: T; error?: unknown; response: Response }>, operationId: string): Promise<T> {
    const { data, error, response } = await result;
    if (response.ok) return data as T;
    const parsed = parseErrorBody(error);
    const message = parsed.message ?? (typeof error === 'string' && error ? error.slice(0, 500) : `HTTP ${response.status}`);
    throw new HuaweiCloudError({
      kind: 'response',
      status: response.status,
      code: parsed.code ?? 'HWC.UNRECOGNISED_ERROR',
      message: redact(message),
      requestId: redactOptional(response.headers.get('x-request-id') ?? parsed.requestId),
      operationId,
      attempts: attemptsOf.get(response) ?? 1,
    });
  }

  const redactOptional = (text: string | undefined) => (text === undefined ? undefined : redact(text));
  const projectFor = (input: { projectId?: string | undefined }, opts: HelperOptions | undefined): string => {
    const projectId = input.projectId ?? opts?.projectId ?? credentials.projectId;
    if (!projectId) throw new HuaweiCloudError({ kind: 'config', code: 'HWC.CONFIG', message: 'no project ID: pass projectId, or credentials with a projectId' });
    return projectId;
  };
  const init = (opts: HelperOptions | undefined, operationName: string) => ({
    ...(opts?.signal ? { signal: opts.signal } : {}),
    hwc: { operationName, ...(opts?.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}), ...(opts?.retry !== undefined ? { retry: opts.retry } : {}) },
  });

  const description = () => ({
    auth: credentials.kind,
    ...(credentials.kind === 'aksk' ? { accessKey: maskAccessKey(credentials.ak) } : {}),
    projectId: credentials.projectId,
    endpoint: options.endpoint,
    endpoints: options.endpoints,
    region: options.region,
  });

  return Object.assign(client, {
    projectId: credentials.projectId,
    bindVirtualIp(input: BindVirtualIpInput, opts?: HelperOptions) {
      const body = { nic: { subnet_id: input.subnetId, ip_address: input.ipAddress, ...(input.reverseBinding !== undefined ? { reverse_binding: input.reverseBinding } : {}) } };
      const params = { path: { project_id: projectFor(input, opts), nic_id: input.nicId } };
      return call(client.PUT('/v1/{project_id}/cloudservers/nics/{nic_id}', { params, body, ...init(opts, 'AssociateServerVirtualIp') }), 'AssociateServerVirtualIp');
    },
    unbindVirtualIp(input: UnbindVirtualIpInput, opts?: HelperOptions) {
      const body = { nic: { subnet_id: '' as const, ip_address: '' as const, ...(input.reverseBinding !== undefined ? { reverse_binding: input.reverseBinding } : {}) } };
      const params = { path: { project_id: projectFor(input, opts), nic_id: input.nicId } };
      return call(client.PUT('/v1/{project_id}/cloudservers/nics/{nic_id}', { params, body, ...init(opts, 'DisassociateServerVirtualIp') }), 'DisassociateServerVirtualIp');
    },
    assignEip(publicip: Schemas['EIPAddDict'], opts?: HelperOptions) {
      const params = { path: { project_id: projectFor({}, opts) } };
      return call(client.POST('/v3/{project_id}/eip/publicips', { params, body: { publicip }, ...init(opts, 'CreatePublicIpV3') }), 'CreatePublicIpV3');
    },
    toJSON: description,
    [inspect.custom]: () => `HuaweiCloudClient ${inspect(description())}`,
  }) as HuaweiCloudClient;
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
