// `hwc-contract emulate` as a real process: start-up output and the printed curls, concurrency (no address
// ever handed out twice), persistence through SIGKILL, and refusing a corrupt state file or bad fixtures.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEMO } from '../../src/contract/default-fixtures.js';
import type { StateJson } from '../../src/emulator/state.js';
import { formatLogEntry } from '../../src/cli/commands/emulate.js';
import { runEmulate, startEmulatorProcess, type EmulatorProcess } from '../helpers/emulator-process.js';

const exec = promisify(execFile);

/** `hwc-contract emulate --port 0 ARGS` expected to stop at start-up: its exit code and stderr. */
const emulateFails = (args: string[]) =>
  exec(process.execPath, [path.join(__dirname, '../../bin/hwc-contract.js'), 'emulate', '--port', '0', ...args]).catch(
    (e: { code: number; stderr: string }) => e,
  );
const dir = mkdtempSync(path.join(tmpdir(), 'hwc-emulate-'));
const P = DEMO.project;
const started: EmulatorProcess[] = [];
afterAll(async () => {
  await Promise.all(started.map((e) => e.stop()));
});
async function start(args: string[] = [], env?: NodeJS.ProcessEnv) {
  const emulator = await startEmulatorProcess(args, env);
  started.push(emulator);
  return emulator;
}

const eip = (extra: Record<string, unknown> = {}) => ({
  publicip: { publicip_pool_name: '5_telcom', bandwidth: { size: 5, share_type: 'PER', name: 'b' }, ...extra },
});
async function post(url: string, pathname: string, body: unknown, token: string = DEMO.token) {
  const res = await fetch(url + pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-auth-token': token },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}
async function put(url: string, pathname: string, body: unknown, token: string = DEMO.token) {
  const res = await fetch(url + pathname, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'x-auth-token': token },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}
const stateOf = async (url: string) => (await (await fetch(`${url}/__emulator/state`)).json()) as StateJson;

describe('hwc-contract emulate', () => {
  it('prints its URL first, the demo credentials, and curls that work as printed', async () => {
    const emulator = await start();
    await expect.poll(() => emulator.stdout(), { timeout: 5000 }).toMatch(/# CreatePublicIpV3[^\n]*\ncurl[^\n]*\n/);
    const out = emulator.stdout();
    expect(out.split('\n')[0]).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(out).toContain(`X-Auth-Token: ${DEMO.token}`);
    expect(out).toContain(`AK ${DEMO.ak}  SK ${DEMO.sk}`);
    const curls = out.split('\n').filter((line) => line.startsWith('curl '));
    expect(curls).toHaveLength(3);
    const statuses = [];
    for (const curl of curls) {
      const { stdout } = await exec('sh', [
        '-c',
        curl.replace('curl -sS -i', 'curl -sS -o /dev/null -w "%{http_code}"'),
      ]);
      statuses.push(stdout);
    }
    expect(statuses).toEqual(['200', '200', '201']);
    // The rendered docs: one self-contained page naming both operations.
    const docs = await fetch(`${emulator.url}/docs`);
    expect(docs.status).toBe(200);
    const html = await docs.text();
    expect(html).toContain('AssociateServerVirtualIp');
    expect(html).toContain('CreatePublicIpV3');
    expect(html).not.toMatch(/<script[^>]+src=|from "https:/);
  });

  it('with --credential/--token: only those are accepted, and none of them is printed', async () => {
    const emulator = await start([
      '--credential',
      `MYAK:my-secret-sk:${P}`,
      '--token',
      `my-secret-token:${P}`,
      '--auth',
      'token',
    ]);
    expect(emulator.stdout()).not.toContain('my-secret');
    expect((await post(emulator.url, `/v3/${P}/eip/publicips`, eip(), 'my-secret-token')).status).toBe(201);
    expect((await post(emulator.url, `/v3/${P}/eip/publicips`, eip(), DEMO.token)).status).toBe(401);
  });

  it('with --log: a line per request (status, Huawei code, request ID), and no credential in any of them', async () => {
    const emulator = await start([
      '--log',
      '--credential',
      `MYAK:my-secret-sk:${P}`,
      '--token',
      `my-secret-token:${P}`,
    ]);
    expect(
      (
        await put(
          emulator.url,
          `/v1/${P}/cloudservers/nics/${DEMO.nic}`,
          { nic: { subnet_id: DEMO.subnet, ip_address: '192.168.0.7' } },
          'my-secret-token',
        )
      ).status,
    ).toBe(200);
    const refused = await post(
      emulator.url,
      `/v3/${P}/eip/publicips?token=my-secret-token`,
      eip({ bandwidth: { size: 1, share_type: 'PER', name: 'b' } }),
      'my-secret-token',
    );
    expect(refused.status).toBe(400);
    await expect.poll(() => emulator.stdout(), { timeout: 5000 }).toMatch(/eip\/publicips 400/);
    const lines = emulator
      .stdout()
      .split('\n')
      .filter((line) => / \/v[13]\//.test(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z PUT /v1/${P}/cloudservers/nics/${DEMO.nic} 200 \\d+\\.\\d ms [0-9a-f]{32}$`,
      ),
    );
    expect(lines[1]).toMatch(
      new RegExp(`^\\S+ POST /v3/${P}/eip/publicips 400 VPC\\.0301 \\d+\\.\\d ms ${refused.json.request_id}$`),
    );
    expect(emulator.stdout()).not.toContain('my-secret');
  });

  it('keeps serving when the reader of its stdout goes away (`emulate --log | head -1`): EPIPE is ignored', async () => {
    const emulator = await start(['--log']);
    emulator.child.stdout?.destroy();
    for (let i = 0; i < 5; i += 1) {
      const r = await fetch(`${emulator.url}/__emulator/health`);
      expect(r.status).toBe(200);
    }
    expect(emulator.child.exitCode).toBeNull();
    expect(emulator.stderr()).not.toMatch(/EPIPE|Error/);
    expect(await emulator.stop()).toBe(0);
  });

  it('a log line for a request whose client went away says so', () => {
    const at = new Date('2026-11-23T19:52:29.123Z');
    expect(
      formatLogEntry({ method: 'PUT', path: '/v1/p/cloudservers/nics/n', status: 0, requestId: 'r', ms: 12.34 }, at),
    ).toBe('2026-11-23T19:52:29.123Z PUT /v1/p/cloudservers/nics/n closed before answering 12.3 ms r');
  });

  it.each([
    [['--auth', 'maybe'], /--auth.*maybe|Allowed choices/],
    [['--credential', 'only-one-part'], /--credential expects AK:SK/],
    [['--port', '70000'], /port/],
  ])('usage errors exit 2 with one clear line: %j', async (args, message) => {
    const result = await exec(process.execPath, [
      path.join(__dirname, '../../bin/hwc-contract.js'),
      'emulate',
      ...args,
    ]).catch((e: { code: number; stderr: string }) => e);
    expect((result as { code: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toMatch(message);
    expect((result as { stderr: string }).stderr).not.toContain('only-one-part');
  });

  it('a bad --fixtures file stops start-up with exit 2 and the place of the problem', async () => {
    const file = path.join(dir, 'bad-fixtures.yaml');
    writeFileSync(
      file,
      `projects:\n  - id: p1\n    vpcs:\n      - id: v1\n        subnets: [{ id: s1, cidr: 10.0.0.0/24, gateway_ip: 10.0.1.1 }]\npools: []\n`,
    );
    const result = await emulateFails(['--fixtures', file]);
    expect(result).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('projects[0].vpcs[0].subnets[0].gateway_ip'),
    });
  });

  it.each<[string, (dir: string) => string, RegExp]>([
    [
      'a missing folder',
      (d) => path.join(d, 'no-such-folder', 'state.jsonl'),
      /its folder .*no-such-folder does not exist/,
    ],
    [
      'a file where its folder should be',
      (d) => {
        writeFileSync(path.join(d, 'a-file'), 'x');
        return path.join(d, 'a-file', 'state.jsonl');
      },
      /a-file is not a folder/,
    ],
  ])('a --state file in %s stops start-up with exit 2 and one line naming the cause', async (_what, place, cause) => {
    const file = place(dir);
    const result = await emulateFails(['--state', file]);
    expect(result).toMatchObject({ code: 2 });
    const { stderr } = result as { stderr: string };
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^hwc-contract: emulate: cannot use state file /);
    expect(stderr).toMatch(cause);
    expect(stderr).not.toContain('listen');
  });

  it('own fixtures from a YAML file are used', async () => {
    const file = path.join(dir, 'fixtures.yaml');
    writeFileSync(
      file,
      `projects:\n  - id: ${P}\npools:\n  - { name: mine, id: c0a80001-0000-4000-8000-000000000009, ipv4: [203.0.113.8/30] }\ntokens:\n  - { token: t, project_id: ${P} }\n`,
    );
    const emulator = await start(['--fixtures', file]);
    const r = await post(emulator.url, `/v3/${P}/eip/publicips`, eip({ publicip_pool_name: 'mine' }), 't');
    expect(r).toMatchObject({ status: 201, json: { publicip: { public_ip_address: '203.0.113.9' } } });
  });
});

describe('concurrency: no address is ever handed out twice', () => {
  it('200 parallel assigns of the same public_ip_address → exactly one 201, the rest 409 VPC.0522', async () => {
    const emulator = await start(['--auth', 'off']);
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        post(emulator.url, `/v3/${P}/eip/publicips`, eip({ public_ip_address: '100.64.0.77' })),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.json.error_code === 'VPC.0522')).toHaveLength(199);
  });

  it('a pool of N addresses under N + 50 parallel assigns → exactly N successes, all different, then VPC.0532', async () => {
    const N = 62; // 198.51.100.0/26: 62 assignable hosts
    const file = path.join(dir, 'pool.yaml');
    writeFileSync(
      file,
      `projects:\n  - id: ${P}\n    quota: { eips: 1000 }\npools:\n  - { name: small, id: c0a80001-0000-4000-8000-000000000010, ipv4: [198.51.100.0/26] }\n`,
    );
    const emulator = await start(['--auth', 'off', '--fixtures', file]);
    const results = await Promise.all(
      Array.from({ length: N + 50 }, () =>
        post(emulator.url, `/v3/${P}/eip/publicips`, eip({ publicip_pool_name: 'small' })),
      ),
    );
    const ok = results.filter((r) => r.status === 201);
    expect(ok).toHaveLength(N);
    expect(new Set(ok.map((r) => r.json.publicip.public_ip_address)).size).toBe(N);
    expect(results.filter((r) => r.status === 409 && r.json.error_code === 'VPC.0532')).toHaveLength(50);
  });
});

describe('--host other machines can reach', () => {
  it('warns on stderr, and admin needs the token from --admin-token or HWC_EMULATOR_ADMIN_TOKEN', async () => {
    const open = await start(['--host', '0.0.0.0']);
    expect(open.stderr()).toMatch(
      /warning: listening on 0\.0\.0\.0, which other machines can reach.*admin endpoints are off/,
    );
    const port = new URL(open.url).port;
    expect((await fetch(`http://127.0.0.1:${port}/__emulator/state`)).status).toBe(403);

    const guarded = await start(['--host', '0.0.0.0'], { ...process.env, HWC_EMULATOR_ADMIN_TOKEN: 'from-env-token' });
    await vi.waitFor(() => expect(guarded.stderr()).toMatch(/require the X-Emulator-Admin-Token header/));
    const at = `http://127.0.0.1:${new URL(guarded.url).port}/__emulator/state`;
    expect((await fetch(at)).status).toBe(403);
    expect((await fetch(at, { headers: { 'X-Emulator-Admin-Token': 'from-env-token' } })).status).toBe(200);
    expect(guarded.stdout() + guarded.stderr()).not.toContain('from-env-token');
  });
});

describe('persistence (--state FILE)', () => {
  it('SIGKILL during a write load loses no acknowledged EIP or binding; a restart restores them', async () => {
    const file = path.join(dir, 'state.jsonl');
    const fixtures = path.join(dir, 'load.yaml');
    writeFileSync(
      fixtures,
      `projects:\n  - id: ${P}\n    quota: { eips: 100000 }\n    vpcs:\n      - id: 1314cd0b-5dea-4697-b45a-a2304ff87e9c\n        subnets: [{ id: ${DEMO.subnet}, cidr: 192.168.0.0/24, gateway_ip: 192.168.0.1 }]\n    servers:\n      - id: b61769a5-f8c4-448f-ae5b-2cbe1baa20ca\n        nics: [{ port_id: ${DEMO.nic}, subnet_id: ${DEMO.subnet}, ip_address: 192.168.0.10, mac_address: 'fa:16:3e:5d:3a:6c' }]\npools:\n  - { name: big, id: c0a80001-0000-4000-8000-000000000011, ipv4: [10.200.0.0/16] }\n`,
    );
    const first = await start(['--auth', 'off', '--fixtures', fixtures, '--state', file]);
    const acknowledged = new Map<string, string>();
    const boundVips: string[] = [];
    let stop = false;
    // 8 writers assign EIPs (and one binds VIPs) until the process is killed under them.
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; !stop && i < 5000; i += 1) {
        try {
          if (w === 0 && i < 200) {
            const ip = `192.168.0.${20 + i}`;
            if (20 + i > 250) continue;
            const r = await put(first.url, `/v1/${P}/cloudservers/nics/${DEMO.nic}`, {
              nic: { subnet_id: DEMO.subnet, ip_address: ip },
            });
            if (r.status === 200) boundVips.push(ip);
            continue;
          }
          const r = await post(first.url, `/v3/${P}/eip/publicips`, eip({ publicip_pool_name: 'big' }));
          if (r.status === 201)
            acknowledged.set(r.json.publicip.id as string, r.json.publicip.public_ip_address as string);
        } catch {
          return; // the connection died with the process
        }
      }
    });
    // Killed once KILL_AFTER changes are acknowledged, with the writers still sending (no sleep to guess at).
    const KILL_AFTER = 300;
    await expect
      .poll(() => acknowledged.size + boundVips.length, { timeout: 20_000, interval: 5 })
      .toBeGreaterThanOrEqual(KILL_AFTER);
    await first.kill();
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.size).toBeGreaterThan(KILL_AFTER - 200);

    const second = await start(['--auth', 'off', '--fixtures', fixtures, '--state', file]);
    await expect.poll(() => second.stdout(), { timeout: 5000 }).toMatch(/restored, \d+ events/);
    const restored = await stateOf(second.url);
    const eips = restored.projects[P]!.eips;
    for (const [id, address] of acknowledged) {
      expect(eips[id]?.public_ip_address).toBe(address);
      expect(restored.pools.big!.allocated[address]).toBe(id);
    }
    const vipAddresses = restored.projects[P]!.ports[DEMO.nic]!.allowedAddressPairs.map((p) => p.ip_address);
    for (const ip of boundVips) expect(vipAddresses).toContain(ip);
    // And it goes on from there: the next address is a new one.
    const next = await post(second.url, `/v3/${P}/eip/publicips`, eip({ publicip_pool_name: 'big' }));
    expect(next.status).toBe(201);
    expect([...acknowledged.values()]).not.toContain(next.json.publicip.public_ip_address);
  });

  it('a corrupt state file stops start-up with exit 2 and a clear message, and is never overwritten', async () => {
    const file = path.join(dir, 'corrupt.jsonl');
    writeFileSync(
      file,
      '{"format":"hwc-contract-emulator-journal","version":1}\n{"type":"state.replace","state":\n{broken\n',
    );
    const before = readFileSync(file);
    const child = runEmulate(['--port', '0', '--state', file]);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/state file .*corrupt.jsonl is corrupt at line 2.*left untouched/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
