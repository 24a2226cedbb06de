// Verifies an `SDK-HMAC-SHA256` signature on a received request (facts file §C.3): the signed-header list is
// the one the client named, so requests from the Node SDK (all headers), the Go SDK (`x-sdk-date` only) and
// this project's client all verify.
import { timingSafeEqual } from 'node:crypto';
import { ALGORITHM, canonicalRequest, splitTarget, stringToSign } from './canonical-request.js';
import { hmacHex, payloadHash } from './sign-request.js';
import { parseSdkDate } from './sdk-date.js';

/** Huawei's gateway accepts an `X-Sdk-Date` within 15 minutes of its own clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

const AUTHORIZATION = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([^,\s]+), Signature=([0-9a-f]{64})$/;

export type VerifyFailure =
  | 'missing-authorization'
  | 'malformed-authorization'
  | 'date-not-signed'
  | 'missing-signed-header'
  | 'bad-date'
  | 'date-out-of-range'
  | 'unknown-access-key'
  | 'signature-mismatch';

export type VerifyResult =
  | { ok: true; accessKey: string; signedHeaders: string[] }
  | { ok: false; reason: VerifyFailure; message: string; accessKey?: string };

export interface VerifyInput {
  method: string;
  /** The request target as received: raw path and query. */
  target: string;
  /** Received headers, names lower-case (as node:http gives them). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Uint8Array | string;
  /** The SK of an access key, or `undefined` when the key is unknown. */
  secretFor: (accessKey: string) => string | undefined;
  now?: Date;
  maxClockSkewMs?: number;
}

function header(headers: VerifyInput['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

const fail = (reason: VerifyFailure, message: string, accessKey?: string): VerifyResult =>
  accessKey === undefined ? { ok: false, reason, message } : { ok: false, reason, message, accessKey };

/**
 * The payload hash the signature must cover: the hash of the body as received. A declared
 * `X-Sdk-Content-Sha256` counts only when it is itself signed, and then only as `UNSIGNED-PAYLOAD` (the official
 * Node SDK's choice for bodies that are not JSON) or as the received body's own hash: an unsigned header, or a
 * signed hash of another body, cannot make a captured signature cover a new body.
 */
function receivedPayloadHash(input: VerifyInput, signedHeaders: readonly string[]): string {
  const bodyHash = payloadHash({}, input.body);
  if (!signedHeaders.includes('x-sdk-content-sha256')) return bodyHash;
  const declared = header(input.headers, 'x-sdk-content-sha256');
  return declared === UNSIGNED_PAYLOAD ? declared : bodyHash;
}

export function verifyRequest(input: VerifyInput): VerifyResult {
  const authorization = header(input.headers, 'authorization');
  if (!authorization) return fail('missing-authorization', 'no Authorization header');
  const match = AUTHORIZATION.exec(authorization.trim());
  if (!match)
    return fail(
      'malformed-authorization',
      `Authorization is not "${ALGORITHM} Access=…, SignedHeaders=…, Signature=…"`,
    );
  const [, accessKey, signedList, signature] = match as unknown as [string, string, string, string];
  const signedHeaders = signedList.split(';');
  if (!signedHeaders.includes('x-sdk-date'))
    return fail('date-not-signed', 'x-sdk-date must be among the signed headers', accessKey);
  for (const name of signedHeaders) {
    if (header(input.headers, name) === undefined)
      return fail('missing-signed-header', `signed header ${name} is missing`, accessKey);
  }
  const sdkDate = header(input.headers, 'x-sdk-date') as string;
  const date = parseSdkDate(sdkDate);
  if (!date) return fail('bad-date', 'X-Sdk-Date is not in the form YYYYMMDDTHHMMSSZ', accessKey);
  const skew = Math.abs((input.now ?? new Date()).getTime() - date.getTime());
  if (skew > (input.maxClockSkewMs ?? MAX_CLOCK_SKEW_MS))
    return fail('date-out-of-range', 'X-Sdk-Date is more than 15 minutes from the server time', accessKey);
  const secret = input.secretFor(accessKey);
  if (secret === undefined) return fail('unknown-access-key', 'the access key does not exist', accessKey);

  const canonical = canonicalRequest({
    method: input.method,
    ...splitTarget(input.target),
    signedHeaders,
    valueFor: (name) => header(input.headers, name) ?? '',
    payloadHash: receivedPayloadHash(input, signedHeaders),
  });
  const expected = Buffer.from(hmacHex(secret, stringToSign(sdkDate, canonical)), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (!timingSafeEqual(expected, given)) return fail('signature-mismatch', 'verify aksk signature fail', accessKey);
  return { ok: true, accessKey, signedHeaders };
}
