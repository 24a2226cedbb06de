// The client over real HTTP against a recording node:http server: what goes on the wire (signed exactly as the
// official SDK would sign it), where it goes, retries, timeouts, errors and optional validation.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, HuaweiCloudError, type ClientOptions } from '../../src/client/index.js';
import { verifyRequest } from '../../src/signing/index.js';
import { startRecordingServer, type Recorded, type RecordingServer } from '../helpers/recording-server.js';

const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: { sign(request: unknown, credential: { getAk(): string; getSk(): string }): Record<string, string> };
};

const PROJECT = 'b2782e6708b8475c993e6064bc456bf8';
const NIC = 'e6b99563-1a2b-4c5d-8e9f-1820d4fd2a67';
const SUBNET = 'd32019d3-bc6e-4319-9c1d-6722fc136a23';
const AK = 'AKCLIENTTEST0001';
const SK = 'sk-client-test/secret+value';
const T0 = new Date(Date.UTC(2026, 10, 22, 7, 55, 0));
const PUBLICIP = {
  type: 'EIP' as const,
  publicip_pool_name: '5_telcom',
  bandwidth: { size: 300, share_type: 'PER' as const, charge_mode: 'bandwidth' as const, name: 'bandwidth-b556' },
};
const CREATED = {
  publicip: {
    id: '0c464dad-86f3-4953-8bd4-c22bb0eb0bde',
    status: 'DOWN',
    publicip_pool_name: '5_telcom',
    public_ip_address: '100.64.0.9',
    ip_version: 4,
    type: 'EIP',
  },
  request_id: 'r-1',
};

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.fallback = () => ({ status: 200, body: { port_id: NIC }, headers: { 'x-request-id': 'req-ok' } });
});

const fastRetry = { retries: 2, baseDelayMs: 1, maxDelayMs: 2 };
const akskClient = (extra: ClientOptions = {}) =>
  createClient({
    credentials: { ak: AK, sk: SK, projectId: PROJECT },
    endpoint: server.url,
    retry: fastRetry,
    env: {},
    ...extra,
  });
const secretFor = (ak: string) => (ak === AK ? SK : undefined);
const header = (r: Recorded, name: string) => r.headers[name] as string | undefined;

/** The official SDK signer's Authorization for a received request, from its signed headers. */
function officialAuthorization(r: Recorded, ak = AK, sk = SK): string {
  const signed = /SignedHeaders=([^,]+)/.exec(header(r, 'authorization') ?? '')?.[1]?.split(';') ?? [];
  const headers: Record<string, string> = {};
  // The SDK reads the date from `X-Sdk-Date` (that casing) and takes `host` from the endpoint URL.
  for (const name of signed)
    if (name !== 'host') headers[name === 'x-sdk-date' ? 'X-Sdk-Date' : name] = header(r, name) ?? '';
  const [path, query = ''] = r.target.split('?');
  const queryParams: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(query)) {
    const prev = queryParams[k];
    queryParams[k] = prev === undefined ? v : [...(Array.isArray(prev) ? prev : [prev]), v];
  }
  return (
    AKSKSigner.sign(
      {
        method: r.method,
        endpoint: `http://${header(r, 'host')}${decodeURIComponent(path ?? '')}`,
        headers,
        queryParams,
        data: r.body.length ? JSON.parse(r.body.toString()) : undefined,
      },
      { getAk: () => ak, getSk: () => sk },
    ).Authorization ?? ''
  );
}

describe('AK/SK signing, end to end over HTTP', () => {
  it('sends the bind request to the documented path, signed, and both verifiers accept it', async () => {
    const client = akskClient({ now: () => T0 });
    const data = await client.bindVirtualIp({
      nicId: NIC,
      subnetId: SUBNET,
      ipAddress: '192.168.0.7',
      reverseBinding: true,
    });
    expect(data).toEqual({ port_id: NIC });
    const [r] = server.requests as [Recorded];
    expect(r.method).toBe('PUT');
    expect(r.target).toBe(`/v1/${PROJECT}/cloudservers/nics/${NIC}`);
    expect(r.body.toString()).toBe(
      `{"nic":{"subnet_id":"${SUBNET}","ip_address":"192.168.0.7","reverse_binding":true}}`,
    );
    expect(header(r, 'content-type')).toBe('application/json');
    expect(header(r, 'x-project-id')).toBe(PROJECT);
    expect(header(r, 'x-sdk-date')).toBe('20261122T075500Z');
    expect(header(r, 'authorization')).toMatch(
      /^SDK-HMAC-SHA256 Access=AKCLIENTTEST0001, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
    expect(
      verifyRequest({ method: r.method, target: r.target, headers: r.headers, body: r.body, secretFor, now: T0 }),
    ).toMatchObject({ ok: true });
    expect(header(r, 'authorization')).toBe(officialAuthorization(r));
  });

  it('signs the unbind and assign requests too', async () => {
    const client = akskClient({ now: () => T0 });
    await client.unbindVirtualIp({ nicId: NIC, reverseBinding: false });
    server.script({ status: 201, body: CREATED });
    await client.assignEip(PUBLICIP);
    const [unbind, assign] = server.requests as [Recorded, Recorded];
    expect(unbind.body.toString()).toBe('{"nic":{"subnet_id":"","ip_address":"","reverse_binding":false}}');
    expect(assign.method).toBe('POST');
    expect(assign.target).toBe(`/v3/${PROJECT}/eip/publicips`);
    for (const r of [unbind, assign]) {
      expect(
        verifyRequest({ method: r.method, target: r.target, headers: r.headers, body: r.body, secretFor, now: T0 }).ok,
      ).toBe(true);
      expect(header(r, 'authorization')).toBe(officialAuthorization(r));
    }
  });

  it('fails verification when the path, query, body, a signed header or the date is tampered with', async () => {
    const client = akskClient({ now: () => T0 });
    const params = { path: { project_id: PROJECT, nic_id: NIC }, query: { marker: 'a b/c*', tag: ['2', '1'] } };
    // The contract has no query parameters; a cast lets the signer's query handling be exercised on the wire.
    await client.PUT('/v1/{project_id}/cloudservers/nics/{nic_id}', {
      params: params as never,
      body: { nic: { subnet_id: SUBNET, ip_address: '192.168.0.7' } },
    });
    const r = server.requests[0] as Recorded;
    expect(r.target).toContain('?');
    const received = { method: r.method, target: r.target, headers: r.headers, body: r.body, secretFor, now: T0 };
    expect(verifyRequest(received).ok).toBe(true);
    expect(header(r, 'authorization')).toBe(officialAuthorization(r));
    const tampered = [
      { ...received, target: r.target.replace(NIC, NIC.replace('e6b9', 'e6b8')) },
      { ...received, target: r.target.replace('marker=a', 'marker=b') },
      { ...received, body: Buffer.from(r.body.toString().replace('192.168.0.7', '192.168.0.8')) },
      { ...received, headers: { ...r.headers, 'x-project-id': 'another-project' } },
      { ...received, headers: { ...r.headers, 'x-sdk-date': '20261122T075501Z' } },
    ];
    for (const request of tampered)
      expect(verifyRequest(request)).toMatchObject({ ok: false, reason: 'signature-mismatch' });
  });

  it('signs every retry anew, with a fresh X-Sdk-Date', async () => {
    let tick = 0;
    const client = akskClient({ now: () => new Date(T0.getTime() + 1000 * tick++) });
    server.script(
      { status: 503, body: { error: { code: 'Ecs.0002', message: 'busy' } } },
      { status: 503, body: { error: { code: 'Ecs.0002', message: 'busy' } } },
    );
    await client.bindVirtualIp({ nicId: NIC, subnetId: SUBNET, ipAddress: '192.168.0.7' });
    expect(server.requests).toHaveLength(3);
    const dates = server.requests.map((r) => header(r, 'x-sdk-date'));
    expect(new Set(dates).size).toBe(3);
    expect(new Set(server.requests.map((r) => header(r, 'authorization'))).size).toBe(3);
    for (const r of server.requests) {
      const now = new Date(Date.UTC(2026, 10, 22, 7, 55, Number(header(r, 'x-sdk-date')?.slice(13, 15))));
      expect(
        verifyRequest({ method: r.method, target: r.target, headers: r.headers, body: r.body, secretFor, now }).ok,
      ).toBe(true);
    }
  });

  it('sends and signs X-Security-Token with temporary credentials', async () => {
    const client = createClient({
      credentials: { ak: AK, sk: SK, projectId: PROJECT, securityToken: 'temporary-security-token' },
      endpoint: server.url,
      env: {},
      now: () => T0,
    });
    await client.unbindVirtualIp({ nicId: NIC });
    const r = server.requests[0] as Recorded;
    expect(header(r, 'x-security-token')).toBe('temporary-security-token');
    expect(header(r, 'authorization')).toContain(
      'SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,',
    );
    expect(
      verifyRequest({ method: r.method, target: r.target, headers: r.headers, body: r.body, secretFor, now: T0 }).ok,
    ).toBe(true);
  });

  it('reads credentials from HUAWEICLOUD_SDK_AK / _SK / _PROJECT_ID when none are given', async () => {
    const client = createClient({
      endpoint: server.url,
      env: {
        HUAWEICLOUD_SDK_AK: 'AKFROMENV',
        HUAWEICLOUD_SDK_SK: 'sk-from-env',
        HUAWEICLOUD_SDK_PROJECT_ID: 'projectfromenv',
      },
    });
    expect(client.projectId).toBe('projectfromenv');
    await client.unbindVirtualIp({ nicId: NIC });
    const r = server.requests[0] as Recorded;
    expect(r.target).toBe(`/v1/projectfromenv/cloudservers/nics/${NIC}`);
    expect(header(r, 'x-project-id')).toBe('projectfromenv');
    expect(
      verifyRequest({
        method: r.method,
        target: r.target,
        headers: r.headers,
        body: r.body,
        secretFor: () => 'sk-from-env',
      }),
    ).toMatchObject({ ok: true, accessKey: 'AKFROMENV' });
  });

  it('refuses to start without credentials, naming the variables to set', () => {
    expect(() => createClient({ endpoint: server.url, env: {} })).toThrow(/HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK/);
  });
});

describe('token authentication', () => {
  it('sends X-Auth-Token and no signature', async () => {
    const client = createClient({
      credentials: { token: 'iam-token-value', projectId: PROJECT },
      endpoint: server.url,
      env: {},
    });
    await client.bindVirtualIp({ nicId: NIC, subnetId: SUBNET, ipAddress: '192.168.0.7' });
    const r = server.requests[0] as Recorded;
    expect(header(r, 'x-auth-token')).toBe('iam-token-value');
    expect(header(r, 'authorization')).toBeUndefined();
    expect(header(r, 'x-sdk-date')).toBeUndefined();
  });
});

describe('endpoints', () => {
  it('sends each operation to its own service when endpoints are given per service', async () => {
    const vpc = await startRecordingServer(() => ({ status: 201, body: CREATED }));
    try {
      const client = createClient({
        credentials: { token: 't0ken', projectId: PROJECT },
        endpoints: { ecs: server.url, vpc: vpc.url },
        env: {},
      });
      await client.unbindVirtualIp({ nicId: NIC });
      await client.assignEip(PUBLICIP);
      expect(server.requests.map((r) => r.method)).toEqual(['PUT']);
      expect(vpc.requests.map((r) => r.method)).toEqual(['POST']);
    } finally {
      await vpc.close();
    }
  });

  it('builds https://ecs.<region>… and https://vpc.<region>… from a region', async () => {
    const urls: string[] = [];
    const fetchDouble = async (url: string | URL | Request) => {
      urls.push(String(url));
      return new Response(JSON.stringify(urls.length === 1 ? { port_id: NIC } : CREATED), {
        status: urls.length === 1 ? 200 : 201,
        headers: { 'content-type': 'application/json' },
      });
    };
    const client = createClient({
      credentials: { ak: AK, sk: SK, projectId: PROJECT },
      region: 'ap-southeast-1',
      fetch: fetchDouble as typeof fetch,
      env: {},
    });
    await client.unbindVirtualIp({ nicId: NIC });
    await client.assignEip(PUBLICIP);
    expect(urls).toEqual([
      `https://ecs.ap-southeast-1.myhuaweicloud.com/v1/${PROJECT}/cloudservers/nics/${NIC}`,
      `https://vpc.ap-southeast-1.myhuaweicloud.com/v3/${PROJECT}/eip/publicips`,
    ]);
  });

  it('says which setting is missing when no endpoint applies', async () => {
    const client = createClient({ credentials: { token: 't0ken', projectId: PROJECT }, env: {} });
    await expect(client.unbindVirtualIp({ nicId: NIC })).rejects.toMatchObject({
      kind: 'config',
      code: 'HWC.CONFIG',
      message: expect.stringContaining('endpoints.ecs'),
    });
  });
});

describe('retries and timeouts (attempts counted by the server)', () => {
  it('retries the PUT on 5xx and gives up after the configured retries', async () => {
    server.fallback = () => ({
      status: 500,
      body: { error: { code: 'Ecs.0002', message: 'A system exception occurred.' } },
      headers: { 'x-request-id': 'req-500' },
    });
    const error = await akskClient()
      .bindVirtualIp({ nicId: NIC, subnetId: SUBNET, ipAddress: '192.168.0.7' })
      .catch((e: unknown) => e);
    expect(server.requests).toHaveLength(3);
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error).toMatchObject({ kind: 'response', status: 500, code: 'Ecs.0002', attempts: 3, requestId: 'req-500' });
  });

  it('retries a throttled (429 APIGW.0308) PUT and then succeeds', async () => {
    server.script({
      status: 429,
      body: { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached.', request_id: 'x' },
    });
    await expect(akskClient().unbindVirtualIp({ nicId: NIC })).resolves.toEqual({ port_id: NIC });
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry the POST unless asked to', async () => {
    const busy = {
      status: 503,
      body: { error_code: 'VPC.0503', error_msg: 'Creating publicIp failed.', request_id: 'r' },
    };
    server.script(busy);
    await expect(akskClient().assignEip(PUBLICIP)).rejects.toMatchObject({
      status: 503,
      code: 'VPC.0503',
      attempts: 1,
    });
    expect(server.requests).toHaveLength(1);
    server.requests.length = 0;
    server.script(busy, { status: 201, body: CREATED });
    await expect(akskClient().assignEip(PUBLICIP, { retry: true })).resolves.toMatchObject({ request_id: 'r-1' });
    expect(server.requests).toHaveLength(2);
  });

  it('retries after a dropped connection', async () => {
    server.script({ status: 0, destroy: true });
    await expect(akskClient().unbindVirtualIp({ nicId: NIC })).resolves.toEqual({ port_id: NIC });
    expect(server.requests).toHaveLength(2);
  });

  it('reports an unreachable endpoint as a network error after every attempt', async () => {
    const gone = await startRecordingServer();
    const url = gone.url;
    await gone.close();
    const error = await akskClient({ endpoint: url })
      .unbindVirtualIp({ nicId: NIC })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'network',
      code: 'HWC.NETWORK',
      attempts: 3,
      operationId: 'DisassociateServerVirtualIp',
    });
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('times out an attempt that takes too long, and retries it', async () => {
    server.script({ status: 200, body: { port_id: NIC }, delayMs: 1_000 });
    await expect(akskClient({ timeoutMs: 100 }).unbindVirtualIp({ nicId: NIC })).resolves.toEqual({ port_id: NIC });
    expect(server.requests).toHaveLength(2);
  });

  it('reports a timeout as kind "timeout", distinct from network errors', async () => {
    server.fallback = () => ({ status: 200, body: { port_id: NIC }, delayMs: 1_000 });
    const error = await akskClient({ retry: false })
      .unbindVirtualIp({ nicId: NIC }, { timeoutMs: 50 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout', code: 'HWC.TIMEOUT', attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("leaves the caller's own abort as it is, and does not retry it", async () => {
    server.fallback = () => ({ status: 200, body: { port_id: NIC }, delayMs: 1_000 });
    const controller = new AbortController();
    const pending = akskClient().unbindVirtualIp({ nicId: NIC }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('caller gave up')), 30);
    await expect(pending).rejects.toThrow('caller gave up');
    expect(server.requests).toHaveLength(1);
  });
});

describe('Huawei error bodies become HuaweiCloudError', () => {
  it.each([
    [
      'ECS {"error":{…}} with X-Request-Id',
      {
        status: 400,
        body: { error: { code: 'Ecs.0005', message: 'Invalid parameter values.' } },
        headers: { 'x-request-id': 'req-ecs' },
      },
      { status: 400, code: 'Ecs.0005', message: 'Invalid parameter values.', requestId: 'req-ecs' },
    ],
    [
      'gateway {error_code,error_msg,request_id}',
      {
        status: 401,
        body: {
          error_code: 'APIGW.0301',
          error_msg: 'Incorrect IAM authentication information: verify aksk signature fail',
          request_id: 'req-body',
        },
      },
      { status: 401, code: 'APIGW.0301', requestId: 'req-body' },
    ],
    [
      'EIP page top-level {code,message}',
      { status: 404, body: { code: 'VPC.0504', message: 'Floating IP could not be found.' } },
      { status: 404, code: 'VPC.0504', message: 'Floating IP could not be found.', requestId: undefined },
    ],
    [
      'a body in no documented shape',
      { status: 502, body: 'Bad Gateway' },
      { status: 502, code: 'HWC.UNRECOGNISED_ERROR', message: 'Bad Gateway' },
    ],
  ])('%s', async (_shape, reply, want) => {
    server.script(reply);
    const error = await akskClient({ retry: false })
      .unbindVirtualIp({ nicId: NIC })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error).toMatchObject({ kind: 'response', operationId: 'DisassociateServerVirtualIp', attempts: 1, ...want });
  });

  it('names the operation Huawei would: AssociateServerVirtualIp for a bind, CreatePublicIpV3 for an assign', async () => {
    server.fallback = () => ({
      status: 409,
      body: { error_code: 'VPC.0522', error_msg: 'The IP address is in use.', request_id: 'r' },
    });
    await expect(
      akskClient().bindVirtualIp({ nicId: NIC, subnetId: SUBNET, ipAddress: '192.168.0.7' }),
    ).rejects.toMatchObject({ operationId: 'AssociateServerVirtualIp' });
    await expect(akskClient().assignEip(PUBLICIP)).rejects.toMatchObject({
      operationId: 'CreatePublicIpV3',
      code: 'VPC.0522',
      status: 409,
    });
  });

  it('keeps the raw typed client: { data } or { error }, with the response', async () => {
    server.script({ status: 400, body: { error: { code: 'Ecs.0005', message: 'bad' } } });
    const client = akskClient();
    const failed = await client.PUT('/v1/{project_id}/cloudservers/nics/{nic_id}', {
      params: { path: { project_id: PROJECT, nic_id: NIC } },
      body: { nic: { subnet_id: '', ip_address: '' } },
    });
    expect(failed.error).toEqual({ error: { code: 'Ecs.0005', message: 'bad' } });
    const ok = await client.PUT('/v1/{project_id}/cloudservers/nics/{nic_id}', {
      params: { path: { project_id: PROJECT, nic_id: NIC } },
      body: { nic: { subnet_id: '', ip_address: '' } },
    });
    expect(ok.data).toEqual({ port_id: NIC });
    expect(ok.response.headers.get('X-Request-Id')).toBe('req-ok');
  });
});

describe('optional validation against the contract', () => {
  it('rejects an invalid request body locally, naming the field, and sends nothing', async () => {
    const client = akskClient({ validate: true });
    const error = await client
      .assignEip({ ...PUBLICIP, bandwidth: { ...PUBLICIP.bandwidth, size: 3 } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'request-invalid',
      code: 'HWC.REQUEST_INVALID',
      attempts: 0,
      problems: ['publicip.bandwidth.size must be >= 5'],
    });
    const bind = await client
      .bindVirtualIp({ nicId: NIC, subnetId: 'not-a-uuid', ipAddress: '192.168.0.7' })
      .catch((e: unknown) => e);
    expect((bind as Error).message).toContain('nic.subnet_id must be a valid uuid');
    expect(server.requests).toHaveLength(0);
  });

  it('sends the same invalid body when validation is off (the server decides)', async () => {
    server.script({ status: 400, body: { error_code: 'VPC.0301', error_msg: 'size', request_id: 'r' } });
    await expect(
      akskClient().assignEip({ ...PUBLICIP, bandwidth: { ...PUBLICIP.bandwidth, size: 3 } }),
    ).rejects.toMatchObject({ code: 'VPC.0301' });
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['a 200 without port_id', { status: 200, body: { portId: 'x' } }, 'port_id is required'],
    ['an undocumented status', { status: 418, body: {} }, 'status 418 is not documented'],
    [
      'a non-JSON content type',
      { status: 200, body: 'ok', headers: { 'content-type': 'text/plain' } },
      'Content-Type is "text/plain", not application/json',
    ],
  ])('rejects %s when response validation is on', async (_what, reply, message) => {
    server.script(reply);
    const error = await akskClient({ validate: { response: true }, retry: false })
      .unbindVirtualIp({ nicId: NIC })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'response-invalid', code: 'HWC.RESPONSE_INVALID' });
    expect((error as Error).message).toContain(message);
  });
});
