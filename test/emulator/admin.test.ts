// The admin endpoints' guard: they take no credentials, so only direct requests to the emulator reach them —
// never a web page (a cross-origin request) nor a rebound DNS name (a foreign Host); and on an address other
// machines can reach they are off, or need the admin token.
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURES, DEMO } from '../../src/contract/default-fixtures.js';
import { type AdminAccess, type AdminRequestFacts, adminAccess, adminRefusal } from '../../src/emulator/admin.js';
import { type EmulatorServer, serveEmulator } from '../../src/emulator/http.js';

const direct: AdminRequestFacts = {
  host: '127.0.0.1:4010',
  origin: undefined,
  secFetchSite: undefined,
  localAddress: '127.0.0.1',
  localPort: 4010,
};

describe('adminRefusal', () => {
  it.each<[string, Partial<AdminRequestFacts>]>([
    ['a direct request (curl, fetch, the client)', {}],
    ['localhost', { host: 'localhost:4010' }],
    ['LOCALHOST in capitals', { host: 'LOCALHOST:4010' }],
    ['the listening address of an IPv6 server', { host: '[::1]:4010', localAddress: '::1' }],
    ['a non-loopback listening address', { host: '10.1.2.3:4010', localAddress: '10.1.2.3' }],
    ['a same-origin page (the docs)', { origin: 'http://127.0.0.1:4010', secFetchSite: 'same-origin' }],
    ['a typed URL (Sec-Fetch-Site none)', { secFetchSite: 'none' }],
  ])('lets %s through', (_what, facts) => {
    expect(adminRefusal({ ...direct, ...facts })).toBeUndefined();
  });

  it.each<[string, Partial<AdminRequestFacts>, string]>([
    ['no Host', { host: undefined }, 'Host header'],
    ['a rebound DNS name', { host: 'attacker.example:4010' }, 'Host header'],
    ['another port', { host: '127.0.0.1:4011' }, 'Host header'],
    ['a port-less Host', { host: '127.0.0.1' }, 'Host header'],
    ['another origin', { origin: 'http://attacker.example' }, 'origin http://attacker.example'],
    ['an opaque origin (a sandboxed frame, a file)', { origin: 'null' }, 'origin null'],
    ['Sec-Fetch-Site cross-site', { secFetchSite: 'cross-site' }, 'another site'],
    ['Sec-Fetch-Site same-site', { secFetchSite: 'same-site' }, 'another site'],
  ])('refuses %s', (_what, facts, reason) => {
    expect(adminRefusal({ ...direct, ...facts })).toContain(reason);
  });
});

describe('admin access by listening address and --admin-token', () => {
  it.each<[string, string | undefined, AdminAccess['kind']]>([
    ['127.0.0.1', undefined, 'open'],
    ['127.8.9.10', undefined, 'open'],
    ['::1', undefined, 'open'],
    ['0.0.0.0', undefined, 'off'],
    ['::', undefined, 'off'],
    ['192.168.1.20', undefined, 'off'],
    ['0.0.0.0', 's3cret', 'token'],
    ['127.0.0.1', 's3cret', 'token'],
  ])('%s with admin token %s: %s', (address, token, kind) => {
    expect(adminAccess(address, token).kind).toBe(kind);
  });

  it('off: refused, naming the address and the way to turn it on', () => {
    expect(adminRefusal(direct, { kind: 'off', address: '0.0.0.0' })).toMatch(/off: .*0\.0\.0\.0.*--admin-token/);
  });

  it.each<[string, string | undefined, boolean]>([
    ['the token', 's3cret', true],
    ['no token', undefined, false],
    ['another token', 's3cret2', false],
    ['an empty token', '', false],
  ])('token: %s → %s', (_what, given, allowed) => {
    const refused = adminRefusal({ ...direct, token: given }, { kind: 'token', token: 's3cret' });
    if (allowed) expect(refused).toBeUndefined();
    else expect(refused).toMatch(/X-Emulator-Admin-Token/);
    // The refusal never repeats what was given.
    if (given) expect(refused ?? '').not.toContain(given);
  });

  it('a cross-origin page is refused even with the token', () => {
    const facts = { ...direct, token: 's3cret', origin: 'http://attacker.example' };
    expect(adminRefusal(facts, { kind: 'token', token: 's3cret' })).toContain('origin');
  });
});

describe('an emulator listening on every address (0.0.0.0)', () => {
  const started: EmulatorServer[] = [];
  afterAll(() => Promise.all(started.map((s) => s.close())));
  async function serve(adminToken?: string) {
    const warnings: string[] = [];
    const server = await serveEmulator({
      fixtures: DEFAULT_FIXTURES,
      host: '0.0.0.0',
      ...(adminToken && { adminToken }),
      warn: (line) => warnings.push(line),
    });
    started.push(server);
    // Only loopback traffic: the server listens everywhere, the test reaches it on 127.0.0.1.
    return { base: `http://127.0.0.1:${server.port}`, warnings };
  }

  it('warns at start-up, and turns the admin endpoints off (403 Emulator.0403) while the operations work', async () => {
    const { base, warnings } = await serve();
    expect(warnings).toEqual([
      expect.stringMatching(/listening on 0\.0\.0\.0, which other machines can reach.*admin endpoints are off/),
    ]);
    const refused = await fetch(`${base}/__emulator/reset`, { method: 'POST' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      error_code: 'Emulator.0403',
      error_msg: expect.stringContaining('--admin-token'),
    });
    const operation = await fetch(`${base}/v3/${DEMO.project}/eip/publicips`, {
      method: 'POST',
      headers: { 'X-Auth-Token': DEMO.token },
    });
    expect(operation.status).toBe(400);
  });

  it('with --admin-token: admin requests need the token in X-Emulator-Admin-Token', async () => {
    const { base, warnings } = await serve('s3cret-admin');
    expect(warnings).toEqual([expect.stringMatching(/require the X-Emulator-Admin-Token header/)]);
    expect(warnings[0]).not.toContain('s3cret-admin');
    expect((await fetch(`${base}/__emulator/state`)).status).toBe(403);
    const wrong = await fetch(`${base}/__emulator/state`, { headers: { 'X-Emulator-Admin-Token': 'nope' } });
    expect(wrong.status).toBe(403);
    const right = await fetch(`${base}/__emulator/state`, { headers: { 'X-Emulator-Admin-Token': 's3cret-admin' } });
    expect(right.status).toBe(200);
  });
});
