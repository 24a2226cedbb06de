// The emulator as a library, `hwc-contract/emulator`: what a test suite imports to start it in its own process.
// Its exports are a deliberate list; it starts with the CLI's defaults on a free port, resets, loads fixtures
// (checked, as `--fixtures` is), keeps a state file, and the built package entry works as the sources do.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, HuaweiCloudError } from '../../src/client/index.js';
import { packageRoot } from '../../src/contract/package-root.js';
import { bundledSpecText } from '../../src/contract/bundled.js';
import * as api from '../../src/emulator/index.js';
import {
  DEFAULT_FIXTURES,
  DEMO,
  FixturesError,
  startEmulator,
  type Emulator,
  type Fixtures,
  type RequestLogEntry,
} from '../../src/emulator/index.js';
import { captureStderr } from '../helpers/capture-stderr.js';

const NAMES = ['DEFAULT_FIXTURES', 'DEMO', 'FaultsError', 'FixturesError', 'StateFileError', 'startEmulator'];
const P = DEMO.project;
const SEED_EIP = {
  type: 'EIP',
  publicip_pool_name: '5_telcom',
  bandwidth: { size: 300, share_type: 'PER', charge_mode: 'bandwidth', name: 'bandwidth-b556' },
};
const BIND = { nicId: DEMO.nic, subnetId: DEMO.subnet, ipAddress: '192.168.0.7', reverseBinding: true };

/** One project of our own, with a token of its own. */
const OWN: Fixtures = {
  projects: [{ id: '0123456789abcdef0123456789abcdef', quota: { eips: 1 } }],
  pools: [{ name: '5_bgp', id: 'c0a80001-0000-4000-8000-00000000b9b0', ipv4: ['198.51.100.0/30'] }],
  tokens: [{ token: 'own-token', project_id: '0123456789abcdef0123456789abcdef' }],
};
const OWN_EIP = { ...SEED_EIP, publicip_pool_name: '5_bgp' };

it('exports exactly the documented names, from the sources and from the built package entry', async () => {
  expect(Object.keys(api).sort()).toEqual(NAMES);
  const entry = (await import('hwc-contract/emulator' as string)) as Record<string, unknown>;
  expect(Object.keys(entry).sort()).toEqual(NAMES);
});

it('the README shows the example that readme-example.test.ts runs, as it is there', () => {
  const example = readFileSync(path.join(packageRoot(), 'test', 'emulator', 'readme-example.test.ts'), 'utf8').replace(
    /^(\/\/.*\n)+/,
    '',
  );
  const readme = readFileSync(path.join(packageRoot(), 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### From a test suite, in its own process'));
  const shown = /```ts\n([\s\S]*?)```\n/.exec(section)?.[1];
  expect(shown).toBe(example);
});

describe('started with the defaults', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  it('listens on 127.0.0.1 on a free port and serves the contract', async () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.port).toBeGreaterThan(0);
    expect(emulator.url).not.toMatch(/:4010$/);
    const res = await fetch(`${emulator.url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(bundledSpecText());
  });

  it('takes the demo credentials; snapshot() shows the changes and is a copy; reset() undoes them', async () => {
    const client = createClient({
      endpoint: emulator.url,
      credentials: { token: DEMO.token, projectId: P },
      validate: true,
      retry: false,
    });
    expect(await client.bindVirtualIp(BIND)).toEqual({ port_id: DEMO.nic });
    const { publicip } = await client.assignEip(SEED_EIP as never);
    const snapshot = emulator.snapshot();
    expect(snapshot.projects[P]!.eips[publicip.id]).toMatchObject({ public_ip_address: '100.64.0.1' });
    expect(snapshot.projects[P]!.ports[DEMO.nic]!.vipIds).toHaveLength(1);
    snapshot.projects[P]!.eips[publicip.id]!.public_ip_address = '100.64.0.99';
    delete snapshot.projects[P]!.ports[DEMO.nic];
    expect(emulator.snapshot().projects[P]!.eips[publicip.id]!.public_ip_address).toBe('100.64.0.1');
    expect(emulator.snapshot().projects[P]!.ports[DEMO.nic]).toBeDefined();

    await emulator.reset();
    expect(emulator.snapshot().projects[P]!.eips).toEqual({});
    expect(emulator.snapshot().projects[P]!.ports[DEMO.nic]!.vipIds).toEqual([]);
    expect((await client.assignEip(SEED_EIP as never)).publicip.public_ip_address).toBe('100.64.0.1');
    await emulator.reset();
  });

  it('reset(fixtures) loads a new world with its own credentials; bad fixtures are refused and change nothing', async () => {
    await expect(emulator.reset({ ...OWN, pools: [{ name: 'x', id: 'y', ipv4: ['not-a-cidr'] }] })).rejects.toThrow(
      FixturesError,
    );
    await expect(emulator.reset({ ...OWN, pools: [{ name: 'x', id: 'y', ipv4: ['not-a-cidr'] }] })).rejects.toThrow(
      /pools\[0\]\.ipv4\[0\]/,
    );
    await expect(emulator.reset({ projects: 'none' } as never)).rejects.toThrow(/not valid fixtures/);
    expect(Object.keys(emulator.snapshot().projects)).toEqual([P, DEMO.otherProject]);

    const fixtures = structuredClone(OWN);
    await emulator.reset(fixtures);
    fixtures.projects[0]!.quota = { eips: 100 }; // a later change to the caller's object does not leak in…
    await emulator.reset(); // …not even into a reset, which goes back to the fixtures last loaded
    const own = createClient({
      endpoint: emulator.url,
      credentials: { token: 'own-token', projectId: OWN.projects[0]!.id },
      retry: false,
    });
    expect((await own.assignEip(OWN_EIP as never)).publicip.public_ip_address).toBe('198.51.100.1');
    expect(await own.assignEip(OWN_EIP as never).catch((e: unknown) => e)).toMatchObject({
      status: 409,
      code: 'VPC.0521',
    });
    const demo = createClient({
      endpoint: emulator.url,
      credentials: { token: DEMO.token, projectId: P },
      retry: false,
    });
    const refused = await demo.assignEip(SEED_EIP as never).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HuaweiCloudError);
    expect(refused).toMatchObject({ status: 401, code: 'APIGW.0301' });
    await emulator.reset(DEFAULT_FIXTURES);
    expect((await demo.assignEip(SEED_EIP as never)).publicip.public_ip_address).toBe('100.64.0.1');
  });
});

describe('options', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hwc-emulator-api-'));

  it('fixtures from a file (YAML); a bad file is a FixturesError naming it', async () => {
    const file = path.join(dir, 'own.yaml');
    writeFileSync(
      file,
      `projects: [{ id: ${OWN.projects[0]!.id} }]\npools: [{ name: 5_bgp, id: p1, ipv4: [198.51.100.0/30] }]\ntokens: [{ token: t1 }]\n`,
    );
    const emulator = await startEmulator({ fixtures: file, auth: 'token' });
    try {
      expect(Object.keys(emulator.snapshot().projects)).toEqual([OWN.projects[0]!.id]);
      const res = await fetch(`${emulator.url}/v3/${OWN.projects[0]!.id}/eip/publicips`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-auth-token': 't1' },
        body: JSON.stringify({ publicip: OWN_EIP }),
      });
      expect(res.status).toBe(201);
    } finally {
      await emulator.close();
    }
    const missing = startEmulator({ fixtures: path.join(dir, 'missing.yaml') });
    await expect(missing).rejects.toThrow(FixturesError);
    await expect(missing).rejects.toThrow(/cannot read fixtures file .*missing\.yaml/);
  });

  it('log: an entry per request, errors with their code, a lost connection as status 0, no query string', async () => {
    const entries: RequestLogEntry[] = [];
    const emulator = await startEmulator({ log: (entry) => entries.push(entry) });
    try {
      const client = createClient({
        endpoint: emulator.url,
        credentials: { token: DEMO.token, projectId: P },
        retry: false,
      });
      await client.bindVirtualIp(BIND);
      await client.assignEip({ ...SEED_EIP, public_ip_address: '8.8.8.8' } as never).catch(() => undefined);
      await fetch(`${emulator.url}/nowhere?token=${DEMO.token}`);
      // A request whose body never arrives in full: the connection is dropped before any answer.
      await new Promise<void>((resolve, reject) => {
        const socket = connect(emulator.port, '127.0.0.1', () => {
          socket.write(
            `PUT /v1/${P}/cloudservers/nics/${DEMO.nic} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"nic":`,
          );
          setTimeout(() => socket.destroy(), 50);
        });
        socket.once('close', () => resolve());
        socket.once('error', reject);
      });
      await expect.poll(() => entries.length).toBe(4);
      expect(entries.map(({ method, path: p, status, code }) => [method, p, status, code])).toEqual([
        ['PUT', `/v1/${P}/cloudservers/nics/${DEMO.nic}`, 200, undefined],
        ['POST', `/v3/${P}/eip/publicips`, 400, 'VPC.0501'],
        ['GET', '/nowhere', 404, 'APIGW.0101'],
        ['PUT', `/v1/${P}/cloudservers/nics/${DEMO.nic}`, 0, undefined],
      ]);
      for (const entry of entries) {
        expect(entry.requestId).toMatch(/^[0-9a-f]{32}$/);
        expect(entry.ms).toBeGreaterThanOrEqual(0);
      }
      expect(JSON.stringify(entries)).not.toContain(DEMO.token);
    } finally {
      await emulator.close();
    }
  });

  it('a log callback that throws does not stop the emulator', async () => {
    const emulator = await startEmulator({
      log: () => {
        throw new Error('logger broke');
      },
    });
    const stderr = captureStderr();
    try {
      for (let i = 0; i < 2; i += 1) expect((await fetch(`${emulator.url}/__emulator/health`)).status).toBe(200);
      await expect.poll(() => stderr.text()).toMatch(/the request log failed: logger broke\n.*the request log failed/s);
    } finally {
      stderr.restore();
      await emulator.close();
    }
  });

  it.each<[number | 'off', number, boolean]>([
    [1, 2, true],
    ['off', 10, false],
  ])('lockout %j: after %i bad signatures the right one is refused: %s', async (lockout, failures, locked) => {
    const emulator = await startEmulator({ lockout });
    try {
      const client = (sk: string) =>
        createClient({ endpoint: emulator.url, credentials: { ak: DEMO.ak, sk, projectId: P }, retry: false });
      for (let i = 0; i < failures; i += 1) {
        await expect(client('wrong').unbindVirtualIp({ nicId: DEMO.nic })).rejects.toMatchObject({
          code: 'APIGW.0301',
        });
      }
      const right = client(DEMO.sk).unbindVirtualIp({ nicId: DEMO.nic });
      if (locked) await expect(right).rejects.toThrow('AK access failed to reach the limit');
      else await expect(right).resolves.toEqual({ port_id: DEMO.nic });
    } finally {
      await emulator.close();
    }
  });

  it('a state file survives a restart; credentials given as options are accepted', async () => {
    const stateFile = path.join(dir, 'state.jsonl');
    const options = { stateFile, tokens: [{ token: 'extra-token', projectId: P }] };
    const first = await startEmulator(options);
    expect(first.restored).toEqual({ fromFile: false, events: 0 });
    const client = createClient({
      endpoint: first.url,
      credentials: { token: 'extra-token', projectId: P },
      retry: false,
    });
    const { publicip } = await client.assignEip(SEED_EIP as never);
    await first.close();

    const second = await startEmulator(options);
    try {
      expect(second.restored.fromFile).toBe(true);
      expect(second.snapshot().projects[P]!.eips[publicip.id]).toMatchObject({
        public_ip_address: publicip.public_ip_address,
      });
    } finally {
      await second.close();
    }
    await expect(fetch(`${second.url}/__emulator/health`)).rejects.toThrow();
  });
});

it('the built package entry starts an emulator that answers', async () => {
  const entry = (await import('hwc-contract/emulator' as string)) as typeof api;
  const emulator = await entry.startEmulator({ auth: 'off' });
  try {
    const res = await fetch(`${emulator.url}/v1/${P}/cloudservers/nics/${DEMO.nic}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nic: { subnet_id: DEMO.subnet, ip_address: '192.168.0.7' } }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(await res.json()).toEqual({ port_id: DEMO.nic });
  } finally {
    await emulator.close();
  }
});
