// When and how long to wait before sending a request again: capped exponential backoff with full jitter
// (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/), for network errors, timeouts,
// 5xx and 429 (`APIGW.0308`, throttled).

export interface RetryOptions {
  /** Retries after the first attempt. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Retry `POST` (assign EIP) too. Off by default: a retried POST may assign a second EIP. */
  retryPost: boolean;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 3, baseDelayMs: 200, maxDelayMs: 5_000, retryPost: false };

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Seconds in a `Retry-After` header (the HTTP-date form is not used by Huawei's gateway). */
function retryAfterMs(header: string | null | undefined): number | undefined {
  if (!header || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1000;
}

/** The wait before retry number `retry` (1-based). */
export function backoffDelay(
  retry: number,
  options: RetryOptions,
  random: () => number,
  retryAfter?: string | null,
): number {
  const asked = retryAfterMs(retryAfter);
  if (asked !== undefined) return Math.min(options.maxDelayMs, asked);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}
