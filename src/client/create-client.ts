// `createClient`: an openapi-fetch client typed by the contract's `paths`, with Huawei authentication,
// per-service endpoints, timeouts, retries, typed errors and optional validation against the contract, plus
// helpers with plain names. Both go through the same pipeline (pipeline.ts); the helpers skip openapi-fetch's
// WHATWG `Headers`, whose first use loads Node's built-in fetch (~20 ms of a cold start).
import createFetchClient, { type Client } from 'openapi-fetch';
import type { components, paths } from '../../generated/schema.js';
import { type Credentials, type Environment, type ResolvedCredentials, resolveCredentials } from './credentials.js';
import { parseErrorBody } from '../contract/error-body.js';
import { HuaweiCloudError } from './errors.js';
import { type Call, createPipeline, type PipelineOptions, type Sent } from './pipeline.js';
import { createRedactor, maskAccessKey, type Redactor } from './redact.js';
import { DEFAULT_RETRY, type RetryOptions } from './retry.js';
import { fetchTransport, LightRequest, nodeHttpTransport, type CallOptions } from './transport.js';

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
  /** Send through this WHATWG `fetch` instead of node:http(s). */
  fetch?: typeof globalThis.fetch;
  /** Most keep-alive sockets per origin (node:http transport); 64 by default. */
  maxSockets?: number;
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
export interface HelperOptions extends Omit<CallOptions, 'operationName'> {
  signal?: AbortSignal;
  projectId?: string;
}

export interface HuaweiCloudClient extends Client<paths> {
  /** `AssociateServerVirtualIp`: binds a virtual IP address to an ECS NIC. */
  bindVirtualIp(input: BindVirtualIpInput, options?: HelperOptions): Promise<Schemas['ServerVirtualIpResponseBody']>;
  /** `DisassociateServerVirtualIp`: unbinds the NIC's virtual IP address. */
  unbindVirtualIp(
    input: UnbindVirtualIpInput,
    options?: HelperOptions,
  ): Promise<Schemas['ServerVirtualIpResponseBody']>;
  /** `CreatePublicIpV3`: assigns an EIP. Not retried unless `retry: true` (a retried POST may assign twice). */
  assignEip(publicip: Schemas['EIPAddDict'], options?: HelperOptions): Promise<Schemas['CreatePublicIpV3ResponseBody']>;
  /** The project ID of the credentials, if they name one. */
  readonly projectId: string | undefined;
}

export function createClient(options: ClientOptions = {}): HuaweiCloudClient {
  const credentials = resolveCredentials(options.credentials, options.env ?? process.env);
  const redact = createRedactor(
    credentials.kind === 'token' ? [credentials.token] : [credentials.sk, credentials.securityToken],
  );
  const dispatch = createPipeline(pipelineOptions(options, credentials, redact));
  const baseHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) baseHeaders[name.toLowerCase()] = value;

  // openapi-fetch builds a LightRequest (its `Request`) and hands it to this `fetch`.
  const client = createFetchClient<paths>({
    baseUrl: '',
    Request: LightRequest as unknown as typeof Request,
    fetch: (async (request: LightRequest) => {
      const headers = { ...baseHeaders };
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const sent = await dispatch({
        method: request.method,
        target: request.url,
        headers,
        body: request.body,
        signal: request.signal,
        hwc: request.hwc,
      });
      return sent.response;
    }) as unknown as typeof fetch,
  });

  const helperCall = helperCaller(dispatch, baseHeaders, redact);

  const projectFor = (input: { projectId?: string | undefined }, opts: HelperOptions | undefined): string => {
    const projectId = input.projectId ?? opts?.projectId ?? credentials.projectId;
    if (!projectId)
      throw new HuaweiCloudError({
        kind: 'config',
        code: 'HWC.CONFIG',
        message: 'no project ID: pass projectId, or credentials with a projectId',
      });
    return encodeURIComponent(projectId);
  };
  const nicPath = (input: { nicId: string; projectId?: string | undefined }, opts: HelperOptions | undefined) =>
    `/v1/${projectFor(input, opts)}/cloudservers/nics/${encodeURIComponent(input.nicId)}`;

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
    async bindVirtualIp(input: BindVirtualIpInput, opts?: HelperOptions) {
      const nic = {
        subnet_id: input.subnetId,
        ip_address: input.ipAddress,
        ...(input.reverseBinding !== undefined ? { reverse_binding: input.reverseBinding } : {}),
      };
      return helperCall<Schemas['ServerVirtualIpResponseBody']>(
        'PUT',
        nicPath(input, opts),
        { nic },
        'AssociateServerVirtualIp',
        opts,
      );
    },
    async unbindVirtualIp(input: UnbindVirtualIpInput, opts?: HelperOptions) {
      const nic = {
        subnet_id: '',
        ip_address: '',
        ...(input.reverseBinding !== undefined ? { reverse_binding: input.reverseBinding } : {}),
      };
      return helperCall<Schemas['ServerVirtualIpResponseBody']>(
        'PUT',
        nicPath(input, opts),
        { nic },
        'DisassociateServerVirtualIp',
        opts,
      );
    },
    async assignEip(publicip: Schemas['EIPAddDict'], opts?: HelperOptions) {
      return helperCall<Schemas['CreatePublicIpV3ResponseBody']>(
        'POST',
        `/v3/${projectFor({}, opts)}/eip/publicips`,
        { publicip },
        'CreatePublicIpV3',
        opts,
      );
    },
    toJSON: description,
    [Symbol.for('nodejs.util.inspect.custom')]: () => `HuaweiCloudClient ${JSON.stringify(description())}`,
  }) as HuaweiCloudClient;
}

/** The pipeline's options from the client's: transport, endpoints, retry, timeout, validation, clock. */
function pipelineOptions(options: ClientOptions, credentials: ResolvedCredentials, redact: Redactor): PipelineOptions {
  const validate = options.validate;
  return {
    credentials,
    redact,
    transport: options.fetch
      ? fetchTransport(options.fetch)
      : nodeHttpTransport(options.maxSockets === undefined ? {} : { maxSockets: options.maxSockets }),
    endpoints: { endpoint: options.endpoint, endpoints: options.endpoints, region: options.region },
    retry: options.retry === false ? undefined : { ...DEFAULT_RETRY, ...options.retry },
    timeoutMs: options.timeoutMs ?? 30_000,
    validateRequests: validate === true || (typeof validate === 'object' && validate.request === true),
    validateResponses: validate === true || (typeof validate === 'object' && validate.response === true),
    random: options.random ?? Math.random,
    now: options.now ?? (() => new Date()),
  };
}

/** A helper's call: straight to the pipeline; the data on 2xx, else a HuaweiCloudError. */
function helperCaller(dispatch: (call: Call) => Promise<Sent>, baseHeaders: Record<string, string>, redact: Redactor) {
  return async function helperCall<T>(
    method: string,
    target: string,
    body: unknown,
    operationName: string,
    opts: HelperOptions | undefined,
  ): Promise<T> {
    const hwc: CallOptions = { operationName };
    if (opts?.timeoutMs !== undefined) hwc.timeoutMs = opts.timeoutMs;
    if (opts?.retry !== undefined) hwc.retry = opts.retry;
    const call: Call = {
      method,
      target,
      headers: { ...baseHeaders, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: opts?.signal,
      hwc,
    };
    const sent: Sent = await dispatch(call);
    const text = await sent.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: kept as text for the error below
    }
    if (sent.status >= 200 && sent.status < 300) return parsed as T;
    const requestId = sent.headers.get('x-request-id');
    throw errorFromResponse(redact, sent.status, parsed, requestId, operationName, sent.attempts);
  };
}

/** A non-2xx answer as a HuaweiCloudError: its Huawei code, message and request ID, secrets redacted. */
function errorFromResponse(
  redact: Redactor,
  status: number,
  body: unknown,
  headerRequestId: string | null,
  operationId: string,
  attempts: number,
): HuaweiCloudError {
  const parsed = parseErrorBody(body);
  const message = parsed.message ?? (typeof body === 'string' && body ? body.slice(0, 500) : `HTTP ${status}`);
  const requestId = headerRequestId ?? parsed.requestId;
  return new HuaweiCloudError({
    kind: 'response',
    status,
    code: parsed.code ?? 'HWC.UNRECOGNISED_ERROR',
    message: redact(message),
    requestId: requestId == null ? undefined : redact(requestId),
    operationId,
    attempts,
  });
}
