// What happens to every call, whichever API made it (the raw openapi-fetch methods or the helpers): find the
// operation in the contract, pick the service's origin, optionally validate, authenticate (a fresh signature
// per attempt), send with a per-attempt timeout, retry what may be retried, optionally validate the response.
// The validation modules (and the generated validators) load only when validation is on.
import { operations, type OperationDefinition } from '../../generated/operations.js';
import { createRouter, pathOf } from '../contract/router.js';
import { formatSdkDate, signRequest } from '../signing/index.js';
import type { ResolvedCredentials } from './credentials.js';
import { originFor, type EndpointOptions } from './endpoints.js';
import { HuaweiCloudError } from './errors.js';
import type { Redactor } from './redact.js';
import { backoffDelay, isRetryableStatus, type RetryOptions } from './retry.js';
import { TransportTimeout, type CallOptions, type Transport } from './transport.js';

export interface Call {
  method: string;
  /** Path and query, e.g. `/v1/p/cloudservers/nics/n`. */
  target: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
  hwc: CallOptions | undefined;
}

export interface Sent {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  /** The transport's own response object (what openapi-fetch receives). */
  response: unknown;
  attempts: number;
  operationId: string | undefined;
}

export interface PipelineOptions {
  credentials: ResolvedCredentials;
  redact: Redactor;
  transport: Transport;
  endpoints: EndpointOptions;
  retry: RetryOptions | undefined;
  timeoutMs: number;
  validateRequests: boolean;
  validateResponses: boolean;
  random: () => number;
  now: () => Date;
}

const route = createRouter(operations as readonly OperationDefinition[]);

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (ms <= 0) return resolve();
    const timer = setTimeout(resolve, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });

/** The headers to send: for AK/SK, signed with a fresh `X-Sdk-Date`. */
function authenticate(
  credentials: ResolvedCredentials,
  method: string,
  url: URL,
  base: Record<string, string>,
  body: string | undefined,
  pathProject: string | undefined,
  now: Date,
): Record<string, string> {
  const headers = { ...base };
  if (credentials.kind === 'token') {
    headers['x-auth-token'] = credentials.token;
    return headers;
  }
  const projectId = credentials.projectId ?? pathProject;
  if (projectId && !headers['x-project-id']) headers['x-project-id'] = projectId;
  if (credentials.securityToken) headers['x-security-token'] = credentials.securityToken;
  headers['x-sdk-date'] = formatSdkDate(now);
  return signRequest({ method, url, headers, body, key: credentials }).headers;
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

export function createPipeline(options: PipelineOptions): (call: Call) => Promise<Sent> {
  const { credentials, redact, transport, retry, random, now } = options;

  return async function dispatch(call: Call): Promise<Sent> {
    const routed = route(call.method, pathOf(call.target));
    const found = routed.operation && { op: routed.operation, params: routed.params };
    const operationId = call.hwc?.operationName ?? found?.op.operationId;
    const url = new URL(originFor(found?.op, options.endpoints) + call.target);
    if (options.validateRequests && found)
      await (await import('./validate.js')).checkRequest(found.op, found.params, call, operationId);

    const pathProject =
      found?.params.project_id === undefined ? undefined : decodeURIComponent(found.params.project_id);
    const idempotent = call.method !== 'POST' && call.method !== 'PATCH';
    const mayRetry =
      retry !== undefined && call.hwc?.retry !== false && (idempotent || retry.retryPost || call.hwc?.retry === true);
    const retries = mayRetry ? retry.retries : 0;
    const perAttempt = call.hwc?.timeoutMs ?? options.timeoutMs;
    const { signal } = call;

    for (let attempt = 1; ; attempt += 1) {
      try {
        if (signal?.aborted) throw signal.reason;
        const headers = authenticate(credentials, call.method, url, call.headers, call.body, pathProject, now());
        const sent = await transport.send({
          url: url.href,
          method: call.method,
          headers,
          body: call.body,
          timeoutMs: perAttempt,
          signal,
        });
        if (isRetryableStatus(sent.status) && attempt <= retries) {
          await sleep(backoffDelay(attempt, retry as RetryOptions, random, sent.headers.get('retry-after')), signal);
          continue;
        }
        if (options.validateResponses && found)
          await (await import('./validate.js')).checkResponse(
            found.op,
            sent.status,
            sent.headers,
            await sent.text(),
            operationId,
            attempt,
            redact,
          );
        return { ...sent, attempts: attempt, operationId };
      } catch (error) {
        if (error instanceof HuaweiCloudError) throw error;
        if (signal?.aborted) throw signal.reason;
        const timedOut = error instanceof TransportTimeout;
        const failure = new HuaweiCloudError({
          kind: timedOut ? 'timeout' : 'network',
          code: timedOut ? 'HWC.TIMEOUT' : 'HWC.NETWORK',
          operationId,
          attempts: attempt,
          message: redact(
            timedOut
              ? `${operationId ?? call.method}: no response within ${perAttempt} ms (attempt ${attempt})`
              : `${operationId ?? call.method}: ${describeNetworkError(error)} (attempt ${attempt})`,
          ),
        });
        if (attempt > retries) throw failure;
        await sleep(backoffDelay(attempt, retry as RetryOptions, random), signal);
      }
    }
  };
}
