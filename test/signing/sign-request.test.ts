// SDK-HMAC-SHA256 against the official Go SDK's published test vectors, and against the official Node SDK's
// own signer (the oracle) over a thousand seeded random requests.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalQueryString,
  canonicalUri,
  formatSdkDate,
  parseSdkDate,
  signRequest,
} from '../../src/signing/index.js';

const require = createRequire(import.meta.url);
// The official signer, used only as an oracle. Its package index pulls in the whole SDK; this file alone is enough.
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: { sign(request: unknown, credential: { getAk(): string; getSk(): string }): Record<string, string> };
};

describe('signRequest — published test vectors (huaweicloud-sdk-go-v3 signer_test.go)', () => {
  const key = { ak: 'AccessKey', sk: 'SecretKey' };
  it('TV3: GET /path?limit=1, no body, only x-sdk-date signed', () => {
    const signed = signRequest({
      method: 'GET',
      url: 'http://example.com/path?limit=1',
      headers: { 'X-Sdk-Date': '20060102T150405Z' },
      key,
      only: [],
    });
    expect(signed.canonicalRequest).toBe(
      'GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(signed.signature).toBe('5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624');
    expect(signed.authorization).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
    );
  });
  it('TV4: POST /path?key=value with a body ending in a newline', () => {
    const signed = signRequest({
      method: 'POST',
      url: 'http://example.com/path?key=value',
      headers: { 'X-Sdk-Date': '20060102T150405Z' },
      body: '{"Name":"test","Id":1}\n',
      key,
      only: [],
    });
    expect(signed.signature).toBe('cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59');
  });
});

describe('canonical parts', () => {
  it.each([
    ['/v1/p/cloudservers/nics/n', '/v1/p/cloudservers/nics/n/'],
    ['/already/', '/already/'],
    ['/a%20b/c(d)', '/a%20b/c%28d%29/'],
    ['/%E4%B8%AD', '/%E4%B8%AD/'],
    ['/100%', '/100%25/'],
  ])('canonical URI of %s is %s', (path, want) => expect(canonicalUri(path)).toBe(want));

  it.each([
    ['', ''],
    ['limit=2&marker=a%20b%2Fc*&ip_version=6&ip_version=4', 'ip_version=4&ip_version=6&limit=2&marker=a%20b%2Fc%2A'],
    ['b=2&a=1&a=0', 'a=0&a=1&b=2'],
    ['q=a+b', 'q=a%20b'],
    ['flag', 'flag='],
  ])('canonical query of %j is %j', (query, want) => expect(canonicalQueryString(query)).toBe(want));

  it('formats and parses X-Sdk-Date', () => {
    const date = new Date(Date.UTC(2026, 10, 22, 7, 55, 0));
    expect(formatSdkDate(date)).toBe('20261122T075500Z');
    expect(parseSdkDate('20261122T075500Z')?.getTime()).toBe(date.getTime());
    expect(parseSdkDate('2026-11-22T07:55:00Z')).toBeUndefined();
    expect(parseSdkDate('20261131T075500Z')).toBeUndefined();
  });

  it('signs every header it is given, host included, sorted by lower-case name', () => {
    const signed = signRequest({
      method: 'PUT',
      url: 'http://127.0.0.1:36481/v1/p/cloudservers/nics/n',
      headers: { 'Content-Type': 'application/json', 'X-Project-Id': 'p' },
      body: '{}',
      key: { ak: 'AK', sk: 'SK' },
      date: new Date(Date.UTC(2026, 10, 22, 7, 55, 0)),
    });
    expect(signed.signedHeaders).toEqual(['content-type', 'host', 'x-project-id', 'x-sdk-date']);
    expect(signed.headers.host).toBe('127.0.0.1:36481');
    expect(signed.headers['x-sdk-date']).toBe('20261122T075500Z');
  });
});

// ---- the official signer as the oracle ----

// Path segments: characters a caller may put in a NIC or project ID and that the SDK passes through unchanged
// (it does not encode path parameters; `url.parse` escapes some characters itself, so those are left out).
const segmentChar = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&()*+,;=:@'.split(''),
);
// `.` and `..` are left out too: URLs resolve them away before anything is sent.
const segment = fc.string({ unit: segmentChar, minLength: 1, maxLength: 12 }).filter((s) => s !== '.' && s !== '..');
// Query keys and values: anything printable, reserved characters and non-ASCII included.
const queryText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...' !"#$%&\'()*+,/:;<=>?@[\\]^`{|}~中é'.split('')),
    fc.constantFrom(...'abcXYZ019-._~'.split('')),
  ),
  maxLength: 10,
});
const query = fc.dictionary(
  fc.string({ unit: fc.constantFrom(...'abcdefxyz_-.~ %&='.split('')), minLength: 1, maxLength: 6 }),
  fc.oneof(queryText, fc.array(queryText, { minLength: 1, maxLength: 3 })),
  { maxKeys: 4 },
);
const headerName = fc
  .string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'.split('')), minLength: 1, maxLength: 10 })
  .map((s) => `x-${s}`);
const headerValue = fc
  .string({ unit: fc.constantFrom(...'abcXYZ0123 ;,=/:_-.'.split('')), maxLength: 16 })
  .map((s) => s.trim());
const body = fc.option(
  fc.jsonValue({ maxDepth: 3 }).filter((v) => v !== null && typeof v === 'object'),
  { nil: undefined },
);

describe('signRequest agrees with the official Node SDK signer', () => {
  it('for 1,000 seeded random requests (paths, reserved characters, repeated keys, bodies, header sets)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'PUT', 'POST', 'DELETE'),
        fc.array(segment, { minLength: 1, maxLength: 5 }),
        query,
        fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
        body,
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.constantFrom('127.0.0.1:8080', 'ecs.cn-north-4.myhuaweicloud.com'),
        (method, segments, queryParams, extraHeaders, data, date, host) => {
          const rawPath = `/${segments.join('/')}`;
          const sdkDate = formatSdkDate(date);
          const headers: Record<string, string> = {
            ...extraHeaders,
            'content-type': 'application/json',
            'x-project-id': 'p1',
            'X-Sdk-Date': sdkDate,
          };
          const theirs = AKSKSigner.sign(
            { method, endpoint: `http://${host}${rawPath}`, headers: { ...headers }, queryParams, data },
            { getAk: () => 'AKORACLE', getSk: () => 'sk/ORACLE+secret' },
          );
          // What goes on the wire: the path encoded as a URL, the query as a form (what openapi-fetch and the
          // SDK's own `querystring` both do), the body as JSON.
          const search = new URLSearchParams();
          for (const [k, v] of Object.entries(queryParams))
            for (const one of Array.isArray(v) ? v : [v]) search.append(k, one);
          const url = new URL(`http://${host}${segments.map((s) => `/${encodeURIComponent(s)}`).join('')}`);
          url.search = search.toString();
          const ours = signRequest({
            method,
            url,
            headers,
            body: data === undefined ? undefined : JSON.stringify(data),
            key: { ak: 'AKORACLE', sk: 'sk/ORACLE+secret' },
          });
          expect(ours.authorization).toBe(theirs.Authorization);
        },
      ),
      { seed: 20261123, numRuns: 1000 },
    );
  });
});
