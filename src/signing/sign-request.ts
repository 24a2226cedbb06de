// Signs a request with an AK/SK pair: `SDK-HMAC-SHA256` (facts file §C.2).
import { createHmac } from 'node:crypto';
import {
  ALGORITHM,
  canonicalRequest,
  EMPTY_BODY_SHA256,
  sha256Hex,
  splitTarget,
  stringToSign,
} from './canonical-request.js';
import { formatSdkDate } from './sdk-date.js';

export interface SigningKey {
  ak: string;
  sk: string;
}

export interface SignInput {
  method: string;
  /** The absolute URL the request goes to; `host` is taken from it unless `headers` has one. */
  url: string | URL;
  /** The headers to send. Every one of them is signed, as the official Node SDK does. */
  headers: Readonly<Record<string, string>>;
  /** The exact body bytes to send (a string is sent as UTF-8). */
  body?: string | Uint8Array | null;
  key: SigningKey;
  /** The signing time; now by default. Ignored when `headers` already has an `X-Sdk-Date`. */
  date?: Date;
  /** Sign only these headers (lower-case; `x-sdk-date` is always signed). All headers by default. */
  only?: readonly string[];
}

export interface SignedRequest {
  /** The headers to send: the input's (names lower-cased) plus `host`, `x-sdk-date` and `authorization`. */
  headers: Record<string, string>;
  authorization: string;
  sdkDate: string;
  signedHeaders: string[];
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

export function hmacHex(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

export function payloadHash(
  headers: Readonly<Record<string, string>>,
  body: string | Uint8Array | null | undefined,
): string {
  // `X-Sdk-Content-Sha256` (e.g. `UNSIGNED-PAYLOAD`) stands in for the body hash when present.
  const declared = headers['x-sdk-content-sha256'];
  if (declared) return declared;
  return body == null || body.length === 0 ? EMPTY_BODY_SHA256 : sha256Hex(body);
}

export function signRequest(input: SignInput): SignedRequest {
  const url = typeof input.url === 'string' ? new URL(input.url) : input.url;
  const headers: Record<string, string> = {};
  // Header values are trimmed: HTTP strips surrounding white space in transit, so the server sees them so.
  for (const [name, value] of Object.entries(input.headers)) headers[name.toLowerCase()] = String(value).trim();
  headers.host ??= url.host;
  headers['x-sdk-date'] ??= formatSdkDate(input.date ?? new Date());
  delete headers.authorization;

  const names = input.only
    ? [...new Set([...input.only.map((n) => n.toLowerCase()), 'x-sdk-date'])]
    : Object.keys(headers);
  const signedHeaders = names.filter((name) => headers[name] !== undefined).sort();
  const canonical = canonicalRequest({
    method: input.method,
    ...splitTarget(url.pathname + url.search),
    signedHeaders,
    valueFor: (name) => headers[name] ?? '',
    payloadHash: payloadHash(headers, input.body),
  });
  const toSign = stringToSign(headers['x-sdk-date'], canonical);
  const signature = hmacHex(input.key.sk, toSign);
  const authorization = `${ALGORITHM} Access=${input.key.ak}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
  headers.authorization = authorization;
  return {
    headers,
    authorization,
    sdkDate: headers['x-sdk-date'],
    signedHeaders,
    canonicalRequest: canonical,
    stringToSign: toSign,
    signature,
  };
}
