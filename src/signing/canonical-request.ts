// The canonical request of Huawei Cloud's `SDK-HMAC-SHA256` signing, built the same way by the client (which
// signs what it is about to send) and the emulator (which verifies what it received).
// Algorithm: API Request Signing Guide, "Creating a To-Be-Signed String"
// (https://support.huaweicloud.com/eu/fr-fr/devg-apisign/api-sign-algorithm-003.html); details as the official
// SDKs implement them (facts file §C.2).
import { createHash } from 'node:crypto';

export const ALGORITHM = 'SDK-HMAC-SHA256';
/** SHA-256 of the empty body, used when a request has none. */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Percent-encodes everything but RFC 3986's unreserved characters (`A–Z a–z 0–9 - . _ ~`), as UTF-8. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // a stray `%` is taken literally, as the gateway does
  }
}

/**
 * The path with each segment decoded and re-encoded, and a trailing `/` (both SDKs append one; the request
 * itself is sent without it).
 */
export function canonicalUri(rawPath: string): string {
  const encoded = rawPath
    .split('/')
    .map((segment) => encodeRfc3986(decodeComponent(segment)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/**
 * The query string as the signer sees it: every `key=value` pair decoded (`+` is a space), sorted by key and
 * then by value, re-encoded, joined with `&`. Repeated keys keep one pair per value. `rawQuery` has no `?`.
 */
export function canonicalQueryString(rawQuery: string): string {
  if (!rawQuery) return '';
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    pairs.push([decodeComponent(key.replace(/\+/g, ' ')), decodeComponent(value.replace(/\+/g, ' '))]);
  }
  pairs.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return pairs.map(([key, value]) => `${encodeRfc3986(key)}=${encodeRfc3986(value)}`).join('&');
}

/** `name:value\n` for each signed header, in the order given (names lower-case). */
export function canonicalHeaders(signedHeaders: readonly string[], valueFor: (name: string) => string): string {
  let out = '';
  for (const name of signedHeaders) out += `${name}:${valueFor(name)}\n`;
  return out;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface CanonicalRequestParts {
  method: string;
  /** The path as sent, percent-encoded, without the query. */
  rawPath: string;
  /** The query as sent, without `?`; empty when there is none. */
  rawQuery: string;
  /** Lower-case names, in the order they are signed. */
  signedHeaders: readonly string[];
  valueFor: (name: string) => string;
  payloadHash: string;
}

export function canonicalRequest(parts: CanonicalRequestParts): string {
  return [
    parts.method.toUpperCase(),
    canonicalUri(parts.rawPath),
    canonicalQueryString(parts.rawQuery),
    canonicalHeaders(parts.signedHeaders, parts.valueFor),
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
}

export function stringToSign(sdkDate: string, canonical: string): string {
  return `${ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

/** Splits a request target (`/path?query`) into its raw path and query. */
export function splitTarget(target: string): { rawPath: string; rawQuery: string } {
  const q = target.indexOf('?');
  return q === -1 ? { rawPath: target, rawQuery: '' } : { rawPath: target.slice(0, q), rawQuery: target.slice(q + 1) };
}
