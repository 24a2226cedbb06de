// No error, log line, description or serialisation from the client ever contains its SK, token or security
// token — not even when a server echoes them back in its error message or request ID.
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, type Credentials, type HuaweiCloudClient } from '../../src/client/index.js';
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.js';

const SK = 'SK-must-never-leak-0123456789';
const TOKEN = 'TOKEN-must-never-leak-MIIDkgYJKoZIhvcNAQcCoIIDgzCC';
const SECURITY_TOKEN = 'SECURITY-TOKEN-must-never-leak-abcdef';
const PROJECT = 'b2782e6708b8475c993e6064bc456bf8';
const NIC = 'e6b99563-1a2b-4c5d-8e9f-1820d4fd2a67';
const PUBLICIP = { publicip_pool_name: '5_bgp', bandwidth: { size: 5, share_type: 'PER' as const, name: 'b' } };

let server: RecordingServer;
let printed: string[];
beforeAll(async () => {
  // A careless server: it echoes every request header, and the SK, back in its error message.
  server = await startRecordingServer((r) => ({
    status: 400,
    body: {
      error_code: 'VPC.0301',
      error_msg: `bad request; you sent ${JSON.stringify(r.headers)} and ${SK}`,
      request_id: `${TOKEN}${SECURITY_TOKEN}`,
    },
  }));
});
afterAll(() => server.close());
beforeEach(() => {
  printed = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, method).mockImplementation((...args) => void printed.push(args.map(String).join(' ')));
});
afterEach(() => vi.restoreAllMocks());

function everyRendering(value: unknown): string[] {
  const out = [String(value), inspect(value, { depth: 10, showHidden: true }), JSON.stringify(value) ?? ''];
  if (value instanceof Error) out.push(value.message, value.stack ?? '', inspect(value.cause, { depth: 10 }));
  return out;
}

function expectNoSecret(texts: string[], secrets: string[]): void {
  for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
}

const MODES: [string, Credentials, string[]][] = [
  [
    'AK/SK with a security token',
    { ak: 'AKSECRETSTEST', sk: SK, projectId: PROJECT, securityToken: SECURITY_TOKEN },
    [SK, SECURITY_TOKEN],
  ],
  ['token', { token: TOKEN, projectId: PROJECT }, [TOKEN]],
];

describe.each(MODES)('secrets stay secret (%s)', (_mode, credentials, secrets) => {
  const make = (extra: Parameters<typeof createClient>[0] = {}): HuaweiCloudClient =>
    createClient({
      credentials,
      endpoint: server.url,
      retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 },
      env: {},
      ...extra,
    });

  const failures: [string, () => Promise<unknown>][] = [
    ['an error response that echoes the secrets', () => make().unbindVirtualIp({ nicId: NIC })],
    [
      'a 5xx after retries',
      () => {
        server.script(
          { status: 503, body: { error: { code: 'Ecs.0002', message: `down ${SK} ${TOKEN}` } } },
          { status: 503, body: `plain ${SECURITY_TOKEN}` },
        );
        return make().unbindVirtualIp({ nicId: NIC });
      },
    ],
    [
      'a body in no documented shape',
      () => {
        server.script({
          status: 400,
          body: `<html>${TOKEN}${SK}${SECURITY_TOKEN}</html>`,
          headers: { 'content-type': 'text/html' },
        });
        return make({ retry: false }).assignEip(PUBLICIP);
      },
    ],
    ['a network error', () => make({ endpoint: 'http://127.0.0.1:1' }).unbindVirtualIp({ nicId: NIC })],
    [
      'a timeout',
      () => {
        server.script({ status: 200, body: {}, delayMs: 500 });
        return make({ retry: false, timeoutMs: 20 }).unbindVirtualIp({ nicId: NIC });
      },
    ],
    [
      'an invalid request',
      () =>
        make({ validate: true }).assignEip({
          ...PUBLICIP,
          description: SK,
          bandwidth: { ...PUBLICIP.bandwidth, size: 1 },
        }),
    ],
    [
      'an invalid response',
      () => {
        server.script({ status: 200, body: { port_id: 7, note: TOKEN } });
        return make({ validate: true }).unbindVirtualIp({ nicId: NIC });
      },
    ],
    [
      'an undocumented status echoing secrets',
      () => {
        server.script({ status: 418, body: { message: `${SK} ${TOKEN}` } });
        return make({ validate: true }).unbindVirtualIp({ nicId: NIC });
      },
    ],
    ['a missing endpoint', async () => createClient({ credentials, env: {} }).unbindVirtualIp({ nicId: NIC })],
    [
      'a missing project',
      async () =>
        createClient({
          credentials: { ...credentials, projectId: undefined } as Credentials,
          endpoint: server.url,
          env: {},
        }).unbindVirtualIp({ nicId: NIC }),
    ],
  ];

  it.each(failures)('%s', async (_what, fail) => {
    const error = await fail().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expectNoSecret(everyRendering(error), secrets);
    expectNoSecret(printed, secrets);
  });

  it('does not show them when the client itself is printed or serialised', () => {
    const client = make();
    const renderings = everyRendering(client);
    expectNoSecret(renderings, secrets);
    expect(inspect(client)).toContain('HuaweiCloudClient');
  });

  it('did send them, where they belong, so the checks above are not vacuous', async () => {
    server.requests.length = 0;
    await make({ retry: false })
      .unbindVirtualIp({ nicId: NIC })
      .catch(() => undefined);
    const sent = JSON.stringify(server.requests[0]?.headers);
    if ('token' in credentials) expect(sent).toContain(TOKEN);
    else expect(sent).toContain(SECURITY_TOKEN);
  });
});
