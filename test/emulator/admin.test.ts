// The admin endpoints' guard: they take no credentials, so only direct requests to the emulator reach them —
// never a web page (a cross-origin request) nor a rebound DNS name (a foreign Host).
import { describe, expect, it } from 'vitest';
import { type AdminRequestFacts, adminRefusal } from '../../src/emulator/admin.js';

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
