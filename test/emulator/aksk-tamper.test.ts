// AK/SK over real HTTP, signed by the official Node SDK's signer (AKSKSigner of @huaweicloud/huaweicloud-sdk-core):
// untampered controls are accepted; each tampered request — one change to a signed request — gets
// 401 APIGW.0301. The lockout is off here, so that forty failures in a row do not lock the AK.
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURES, DEMO } from '../../src/contract/default-fixtures.js';
import { type EmulatorServer, serveEmulator } from '../../src/emulator/http.js';
import { EMPTY_BODY_SHA256, formatSdkDate } from '../../src/signing/index.js';

const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: { sign(request: unknown, credential: { getAk(): string; getSk(): string }): Record<string, string> };
};

const P = DEMO.project;
const OTHER_NIC = 'b01795fc-a246-4e4c-b770-0e4d58101592';
const UNBIND = '{"nic":{"subnet_id":"","ip_address":""}}';
const ASSIGN = JSON.stringify({
  publicip: {
    type: 'EIP',
    publicip_pool_name: '5_telcom',
    bandwidth: { size: 5, share_type: 'PER', charge_mode: 'bandwidth', name: 'tamper' },
  },
});

interface Wire {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

let emulator: EmulatorServer;
let host: string;
beforeAll(async () => {
  emulator = await serveEmulator({ fixtures: DEFAULT_FIXTURES, auth: 'aksk', lockout: 'off' });
  host = `127.0.0.1:${emulator.port}`;
});
afterAll(() => emulator.close());

/** A request signed by the official SDK: what goes on the wire, headers and all. */
function sdkSigned(
  options: {
    method?: string;
    path?: string;
    query?: Record<string, string>;
    body?: string;
    headers?: Record<string, string>;
    date?: Date;
    sk?: string;
  } = {},
): Wire {
  const method = options.method ?? 'PUT';
  const path = options.path ?? `/v1/${P}/cloudservers/nics/${DEMO.nic}`;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Project-Id': P,
    ...(options.date && { 'X-Sdk-Date': formatSdkDate(options.date) }),
    ...options.headers,
  };
  const body = options.body ?? (method === 'POST' ? ASSIGN : UNBIND);
  // The SDK signs what it sends: `data` as JSON.stringify gives it, every header it is handed, and host.
  const all = AKSKSigner.sign(
    {
      method,
      endpoint: `http://${host}${path}`,
      headers: { ...headers },
      queryParams: options.query ?? {},
      data: JSON.parse(body),
    },
    { getAk: () => DEMO.ak, getSk: () => options.sk ?? DEMO.sk },
  );
  const search = options.query ? `?${new URLSearchParams(options.query)}` : '';
  return { method, path: path + search, headers: all, body };
}

function send(wire: Wire): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const headers = { ...wire.headers, 'Content-Length': String(Buffer.byteLength(wire.body)) };
    const req = httpRequest(
      { host: '127.0.0.1', port: emulator.port, method: wire.method, path: wire.path, headers, setHost: false },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end(wire.body);
  });
}

type Change = (wire: Wire) => Wire;
const withAuthorization =
  (change: (authorization: string) => string): Change =>
  (w) => ({
    ...w,
    headers: { ...w.headers, Authorization: change(w.headers.Authorization!) },
  });
const withHeader =
  (name: string, value: string | undefined): Change =>
  (w) => {
    const headers = { ...w.headers };
    if (value === undefined) delete headers[name];
    else headers[name] = value;
    return { ...w, headers };
  };
const flip = (hex: string) => (hex === '0' ? '1' : '0');
const signature = (a: string) => /Signature=([0-9a-f]+)/.exec(a)![1]!;
const minutes = (n: number) => new Date(Date.now() + n * 60_000);

describe('untampered controls, signed by the official SDK', () => {
  it.each<[string, () => Wire, number]>([
    ['an unbind', () => sdkSigned(), 200],
    ['an assign', () => sdkSigned({ method: 'POST', path: `/v3/${P}/eip/publicips` }), 201],
    ['with an unsigned header added', () => withHeader('X-Extra', 'anything')(sdkSigned()), 200],
    [
      'with the header names in other letter case',
      () => {
        const w = sdkSigned();
        return { ...w, headers: Object.fromEntries(Object.entries(w.headers).map(([k, v]) => [k.toUpperCase(), v])) };
      },
      200,
    ],
    ['with a signed query string', () => sdkSigned({ query: { a: '1', b: '2' } }), 200],
    [
      'with the query parameters in another order (the canonical query is sorted)',
      () => {
        const w = sdkSigned({ query: { a: '1', b: '2' } });
        return { ...w, path: w.path.replace('?a=1&b=2', '?b=2&a=1') };
      },
      200,
    ],
    ['dated 14 minutes ago', () => sdkSigned({ date: minutes(-14) }), 200],
    ['dated 14 minutes ahead', () => sdkSigned({ date: minutes(14) }), 200],
  ])('%s is accepted', async (_what, make, status) => {
    const answer = await send(make());
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  });
});

const TAMPERED: [string, () => Wire][] = [
  [
    'the first signature digit changed',
    () => withAuthorization((a) => a.replace(/Signature=(.)/, (_, c: string) => `Signature=${flip(c)}`))(sdkSigned()),
  ],
  ['the last signature digit changed', () => withAuthorization((a) => a.replace(/(.)$/, (c) => flip(c)))(sdkSigned())],
  [
    'the signature in upper case',
    () => withAuthorization((a) => a.replace(signature(a), signature(a).toUpperCase()))(sdkSigned()),
  ],
  ['the signature one digit short', () => withAuthorization((a) => a.slice(0, -1))(sdkSigned())],
  ['the signature one digit longer', () => withAuthorization((a) => `${a}0`)(sdkSigned())],
  ['the signature empty', () => withAuthorization((a) => a.replace(/Signature=.*$/, 'Signature='))(sdkSigned())],
  ['no Signature part', () => withAuthorization((a) => a.replace(/, Signature=.*$/, ''))(sdkSigned())],
  ['the Access of another known AK', () => withAuthorization((a) => a.replace(DEMO.ak, DEMO.otherAk))(sdkSigned())],
  [
    'the Access of an unknown AK',
    () => withAuthorization((a) => a.replace(DEMO.ak, 'NOSUCHAK000000000000'))(sdkSigned()),
  ],
  ['the Access __proto__', () => withAuthorization((a) => a.replace(DEMO.ak, '__proto__'))(sdkSigned())],
  ['no Access part', () => withAuthorization((a) => a.replace(/Access=[^,]*, /, ''))(sdkSigned())],
  [
    'the algorithm SDK-HMAC-SHA1',
    () => withAuthorization((a) => a.replace('SDK-HMAC-SHA256', 'SDK-HMAC-SHA1'))(sdkSigned()),
  ],
  [
    'the algorithm in lower case',
    () => withAuthorization((a) => a.replace('SDK-HMAC-SHA256', 'sdk-hmac-sha256'))(sdkSigned()),
  ],
  [
    'content-type left out of SignedHeaders',
    () => withAuthorization((a) => a.replace('content-type;', ''))(sdkSigned()),
  ],
  [
    'a header added to SignedHeaders',
    () =>
      withAuthorization((a) => a.replace('SignedHeaders=', 'SignedHeaders=accept;'))(
        withHeader('Accept', '*/*')(sdkSigned()),
      ),
  ],
  ['x-sdk-date left out of SignedHeaders', () => withAuthorization((a) => a.replace(';x-sdk-date', ''))(sdkSigned())],
  [
    'SignedHeaders in another order',
    () => withAuthorization((a) => a.replace('host;x-project-id', 'x-project-id;host'))(sdkSigned()),
  ],
  [
    'another NIC in the path',
    () => {
      const w = sdkSigned();
      return { ...w, path: w.path.replace(DEMO.nic, OTHER_NIC) };
    },
  ],
  [
    'another project in the path',
    () => {
      const w = sdkSigned();
      return { ...w, path: w.path.replace(P, DEMO.otherProject) };
    },
  ],
  [
    'a query string added',
    () => {
      const w = sdkSigned();
      return { ...w, path: `${w.path}?x=1` };
    },
  ],
  [
    'a signed query value changed',
    () => {
      const w = sdkSigned({ query: { a: '1' } });
      return { ...w, path: w.path.replace('a=1', 'a=2') };
    },
  ],
  [
    'a signed query parameter removed',
    () => {
      const w = sdkSigned({ query: { a: '1' } });
      return { ...w, path: w.path.replace('?a=1', '') };
    },
  ],
  [
    'one character of the body changed',
    () => {
      const w = sdkSigned();
      return { ...w, body: w.body.replace('""}', '" "}') };
    },
  ],
  [
    'white space added to the body',
    () => {
      const w = sdkSigned();
      return { ...w, body: `${w.body} ` };
    },
  ],
  [
    'the body of the assign replaced by another',
    () => {
      const w = sdkSigned({ method: 'POST', path: `/v3/${P}/eip/publicips` });
      return { ...w, body: w.body.replace('"size":5', '"size":2000') };
    },
  ],
  ['the body dropped', () => ({ ...sdkSigned(), body: '' })],
  ['the signed Content-Type changed', () => withHeader('Content-Type', 'application/json; charset=utf-8')(sdkSigned())],
  ['the signed X-Project-Id changed', () => withHeader('X-Project-Id', DEMO.otherProject)(sdkSigned())],
  ['the signed X-Project-Id removed', () => withHeader('X-Project-Id', undefined)(sdkSigned())],
  ['the signed Host changed', () => withHeader('host', `localhost:${emulator.port}`)(sdkSigned())],
  [
    'X-Sdk-Date one second later',
    () => {
      const w = sdkSigned({ date: new Date(Math.floor(Date.now() / 1000) * 1000) });
      return withHeader('X-Sdk-Date', formatSdkDate(new Date(Math.floor(Date.now() / 1000) * 1000 + 1000)))(w);
    },
  ],
  ['X-Sdk-Date removed', () => withHeader('X-Sdk-Date', undefined)(sdkSigned())],
  ['signed 16 minutes ago (outside the 15-minute window)', () => sdkSigned({ date: minutes(-16) })],
  ['signed 16 minutes ahead', () => sdkSigned({ date: minutes(16) })],
  [
    'an unsigned X-Sdk-Content-Sha256 with the original body’s hash, and another body',
    () => {
      const w = sdkSigned();
      return withHeader('X-Sdk-Content-Sha256', EMPTY_BODY_SHA256)({ ...w, body: '' });
    },
  ],
  [
    'an unsigned X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD, and another body',
    () => {
      const w = sdkSigned();
      return withHeader('X-Sdk-Content-Sha256', 'UNSIGNED-PAYLOAD')({ ...w, body: w.body.replace('""}', '" "}') });
    },
  ],
  ['signed with a wrong SK for the AK', () => sdkSigned({ sk: `${DEMO.sk}x` })],
  ['the Authorization header removed', () => withHeader('Authorization', undefined)(sdkSigned())],
];

describe('tampered requests: one change to a request signed by the official SDK', () => {
  it(`has at least 30 cases (${TAMPERED.length})`, () => {
    expect(TAMPERED.length).toBeGreaterThanOrEqual(30);
  });

  it.each(TAMPERED)('%s → 401 APIGW.0301', async (_what, make) => {
    const answer = await send(make());
    expect(answer.status, JSON.stringify(answer.body)).toBe(401);
    expect(answer.body).toMatchObject({ error_code: 'APIGW.0301' });
  });
});
