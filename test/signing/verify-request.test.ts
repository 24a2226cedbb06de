// verifyRequest: accepts what signRequest (and the official SDKs) produce, and names what is wrong otherwise.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signRequest, verifyRequest, type VerifyInput } from '../../src/signing/index.js';

const NOW = new Date(Date.UTC(2026, 10, 22, 7, 55, 0));
const KEY = { ak: 'AKVERIFY', sk: 'SKverify/secret' };
const URL_ = 'http://127.0.0.1:4010/v3/b2782e6708b8475c993e6064bc456bf8/eip/publicips?x=1&y=a%20b';
const BODY = '{"publicip":{"publicip_pool_name":"5_bgp","bandwidth":{"size":5,"share_type":"PER","name":"b"}}}';

function received(overrides: Partial<VerifyInput> = {}): VerifyInput {
  const signed = signRequest({
    method: 'POST',
    url: URL_,
    headers: { 'Content-Type': 'application/json', 'X-Project-Id': 'b2782e6708b8475c993e6064bc456bf8' },
    body: BODY,
    key: KEY,
    date: NOW,
  });
  const url = new URL(URL_);
  return {
    method: 'POST',
    target: url.pathname + url.search,
    headers: { ...signed.headers, 'user-agent': 'added after signing', 'content-length': String(BODY.length) },
    body: Buffer.from(BODY),
    secretFor: (ak) => (ak === KEY.ak ? KEY.sk : undefined),
    now: NOW,
    ...overrides,
  };
}

describe('verifyRequest', () => {
  it('accepts a request signed by signRequest, with unsigned headers added afterwards', () => {
    expect(verifyRequest(received())).toEqual({
      ok: true,
      accessKey: 'AKVERIFY',
      signedHeaders: ['content-type', 'host', 'x-project-id', 'x-sdk-date'],
    });
  });

  it('accepts the Go SDK vector TV3, which signs x-sdk-date alone', () => {
    const result = verifyRequest({
      method: 'GET',
      target: '/path?limit=1',
      headers: {
        'x-sdk-date': '20060102T150405Z',
        authorization:
          'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
      },
      body: '',
      secretFor: () => 'SecretKey',
      now: new Date('2006-01-02T15:04:05Z'),
    });
    expect(result.ok).toBe(true);
  });

  const base = received();
  const tamper: [string, Partial<VerifyInput>, string][] = [
    ['the path', { target: base.target.replace('5a', '5b').replace('b2782e', 'b2782f') }, 'signature-mismatch'],
    ['the query', { target: base.target.replace('x=1', 'x=2') }, 'signature-mismatch'],
    ['the body', { body: Buffer.from(BODY.replace('"size":5', '"size":6')) }, 'signature-mismatch'],
    ['a signed header', { headers: { ...base.headers, 'x-project-id': 'another' } }, 'signature-mismatch'],
    ['the method', { method: 'PUT' }, 'signature-mismatch'],
    [
      'the date (re-dated by one second)',
      { headers: { ...base.headers, 'x-sdk-date': '20261122T075501Z' } },
      'signature-mismatch',
    ],
    ['the date (15 minutes and one second old)', { now: new Date(NOW.getTime() + 901_000) }, 'date-out-of-range'],
    ['the date format', { headers: { ...base.headers, 'x-sdk-date': '2026-11-22T07:55:00Z' } }, 'bad-date'],
    ['the access key', { secretFor: () => undefined }, 'unknown-access-key'],
    ['the secret key', { secretFor: () => 'another secret' }, 'signature-mismatch'],
    ['a signed header, removed', { headers: { ...base.headers, 'x-project-id': undefined } }, 'missing-signed-header'],
    [
      'the Authorization header, removed',
      { headers: { ...base.headers, authorization: undefined } },
      'missing-authorization',
    ],
    [
      'the Authorization scheme',
      {
        headers: {
          ...base.headers,
          authorization: String(base.headers.authorization).replace('SDK-HMAC-SHA256', 'AWS4-HMAC-SHA256'),
        },
      },
      'malformed-authorization',
    ],
    [
      'the signed-header list, without x-sdk-date',
      { headers: { ...base.headers, authorization: String(base.headers.authorization).replace(';x-sdk-date', '') } },
      'date-not-signed',
    ],
  ];
  it.each(tamper)('rejects a request whose %s was changed', (_what, change, reason) => {
    const result = verifyRequest(received(change));
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.reason).toBe(reason);
  });

  it('tells the access key in a failure, so the caller can count failures per key', () => {
    const result = verifyRequest(received({ secretFor: () => 'wrong' }));
    expect(result).toMatchObject({ ok: false, accessKey: 'AKVERIFY', message: 'verify aksk signature fail' });
  });

  describe('the payload hash is the received body’s', () => {
    const OTHER = BODY.replace('"size":5', '"size":300');
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

    it('refuses a captured signature resent with another body and an unsigned X-Sdk-Content-Sha256 of the first', () => {
      const captured = received();
      const headers = { ...captured.headers, 'x-sdk-content-sha256': sha256(BODY) };
      const result = verifyRequest({ ...captured, headers, body: Buffer.from(OTHER) });
      expect(result).toMatchObject({ ok: false, reason: 'signature-mismatch' });
    });

    it('refuses a signed X-Sdk-Content-Sha256 that is not the hash of the body received', () => {
      const signed = signRequest({
        method: 'POST',
        url: URL_,
        headers: { 'Content-Type': 'application/json', 'X-Sdk-Content-Sha256': sha256(BODY) },
        body: BODY,
        key: KEY,
        date: NOW,
      });
      const url = new URL(URL_);
      const base = received();
      const input = { ...base, target: url.pathname + url.search, headers: signed.headers };
      expect(verifyRequest({ ...input, body: Buffer.from(BODY) })).toMatchObject({ ok: true });
      expect(verifyRequest({ ...input, body: Buffer.from(OTHER) })).toMatchObject({
        ok: false,
        reason: 'signature-mismatch',
      });
    });

    it('accepts a signed UNSIGNED-PAYLOAD, as the official Node SDK sends for bodies that are not JSON', () => {
      const signed = signRequest({
        method: 'POST',
        url: URL_,
        headers: { 'Content-Type': 'text/plain', 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' },
        body: 'plain',
        key: KEY,
        date: NOW,
      });
      const url = new URL(URL_);
      const input = {
        ...received(),
        target: url.pathname + url.search,
        headers: signed.headers,
        body: Buffer.from('x'),
      };
      expect(verifyRequest(input)).toMatchObject({ ok: true });
    });
  });
});
