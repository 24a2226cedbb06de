// The emulator's gateway: tokens, AK/SK verification with the shared signing module, modes, and the lockout
// after five consecutive signature failures.
import { describe, expect, it } from 'vitest';
import {
  authenticate,
  LOCKOUT_FAILURES,
  LOCKOUT_MS,
  newAuthState,
  type AuthConfig,
  type AuthMode,
} from '../../src/emulator/auth.js';
import { signRequest } from '../../src/signing/index.js';

const PROJECT = 'b2782e6708b8475c993e6064bc456bf8';
const NOW = new Date('2026-11-23T12:00:00Z');
const URL_ = `http://127.0.0.1:4010/v1/${PROJECT}/cloudservers/nics/e6b99563-1a2b-4c5d-8e9f-1820d4fd2a67`;
const BODY = '{"nic":{"subnet_id":"","ip_address":""}}';

function config(mode: AuthMode = 'any', lockout: number | 'off' = LOCKOUT_FAILURES): AuthConfig {
  return {
    mode,
    lockoutAfter: lockout === 'off' ? undefined : lockout,
    credentials: new Map([
      ['AKBOUND', { sk: 'sk-bound', projectId: PROJECT, admin: false }],
      ['AKFREE', { sk: 'sk-free', projectId: undefined, admin: true }],
    ]),
    tokens: new Map([['tok', { projectId: PROJECT, admin: false }]]),
  };
}

function signed(
  ak: string,
  sk: string,
  options: { date?: Date; body?: string; headers?: Record<string, string> } = {},
) {
  const s = signRequest({
    method: 'PUT',
    url: URL_,
    headers: { 'content-type': 'application/json', 'x-project-id': PROJECT, ...options.headers },
    body: options.body ?? BODY,
    key: { ak, sk },
    date: options.date ?? NOW,
  });
  const headers = Object.fromEntries(Object.entries(s.headers).map(([k, v]) => [k.toLowerCase(), v]));
  headers.host = '127.0.0.1:4010';
  return { method: 'PUT', target: new URL(URL_).pathname, headers, body: Buffer.from(BODY), now: NOW };
}

const message = (result: ReturnType<typeof authenticate>) =>
  'error' in result ? `${result.error.code} ${result.error.detail}` : 'ok';

describe('authenticate', () => {
  it('accepts a known token and binds the caller to its project', () => {
    const result = authenticate(config(), newAuthState(), {
      method: 'PUT',
      target: '/',
      headers: { 'x-auth-token': 'tok' },
      body: Buffer.alloc(0),
      now: NOW,
    });
    expect(result).toEqual({ principal: { kind: 'token', projectId: PROJECT, admin: false } });
  });

  it('rejects an unknown token with 401 APIGW.0301', () => {
    expect(
      message(
        authenticate(config(), newAuthState(), {
          method: 'PUT',
          target: '/',
          headers: { 'x-auth-token': 'nope' },
          body: Buffer.alloc(0),
          now: NOW,
        }),
      ),
    ).toBe('APIGW.0301 decrypt token fail');
  });

  it('accepts a correct AK/SK signature; a credential without a project takes X-Project-Id', () => {
    expect(authenticate(config(), newAuthState(), signed('AKBOUND', 'sk-bound'))).toEqual({
      principal: { kind: 'aksk', projectId: PROJECT, admin: false },
    });
    expect(authenticate(config(), newAuthState(), signed('AKFREE', 'sk-free'))).toEqual({
      principal: { kind: 'aksk', projectId: PROJECT, admin: true },
    });
  });

  it.each([
    ['a wrong SK', () => signed('AKBOUND', 'wrong'), 'verify aksk signature fail'],
    ['an unknown AK', () => signed('AKNOBODY', 'x'), 'ak not exist'],
    [
      'a date 16 minutes old',
      () => signed('AKBOUND', 'sk-bound', { date: new Date(NOW.getTime() - 16 * 60_000) }),
      '15 minutes',
    ],
    [
      'a tampered body',
      () => ({ ...signed('AKBOUND', 'sk-bound'), body: Buffer.from(BODY.replace('""', '" "')) }),
      'verify aksk signature fail',
    ],
    [
      'a malformed Authorization',
      () => ({ ...signed('AKBOUND', 'sk-bound'), headers: { authorization: 'Basic abc' } }),
      'Authorization is not',
    ],
  ])('rejects %s', (_name, input, text) => {
    expect(message(authenticate(config(), newAuthState(), input()))).toContain(text);
  });

  it('no credentials: 401 with a message saying what to send, in every mode but off', () => {
    const bare = { method: 'PUT', target: '/', headers: {}, body: Buffer.alloc(0), now: NOW };
    expect(message(authenticate(config('any'), newAuthState(), bare))).toContain('X-Auth-Token');
    expect(message(authenticate(config('token'), newAuthState(), bare))).toContain('x-auth-token not found');
    expect(message(authenticate(config('aksk'), newAuthState(), bare))).toContain('AK/SK');
    expect(authenticate(config('off'), newAuthState(), bare)).toEqual({
      principal: { kind: 'none', projectId: undefined, admin: false },
    });
  });

  it('--auth aksk refuses tokens, --auth token refuses signatures', () => {
    expect(
      message(
        authenticate(config('aksk'), newAuthState(), {
          method: 'PUT',
          target: '/',
          headers: { 'x-auth-token': 'tok' },
          body: Buffer.alloc(0),
          now: NOW,
        }),
      ),
    ).toContain('token authentication is disabled');
    expect(message(authenticate(config('token'), newAuthState(), signed('AKBOUND', 'sk-bound')))).toContain(
      'AK/SK authentication is disabled',
    );
  });

  it('locks an AK for 5 minutes after more than 5 consecutive signature failures (Huawei: "more than five"); a success before that resets the count', () => {
    const state = newAuthState();
    for (let i = 0; i < 5; i += 1)
      expect(message(authenticate(config(), state, signed('AKBOUND', 'wrong')))).toContain('signature fail');
    expect(authenticate(config(), state, signed('AKBOUND', 'sk-bound'))).toHaveProperty('principal');
    for (let i = 0; i < 6; i += 1)
      expect(message(authenticate(config(), state, signed('AKBOUND', 'wrong')))).toContain('signature fail');
    // Locked: even the right signature is refused, with Huawei's message.
    expect(message(authenticate(config(), state, signed('AKBOUND', 'sk-bound')))).toBe(
      'APIGW.0301 AK access failed to reach the limit,forbidden',
    );
    // Other AKs are not affected.
    expect(authenticate(config(), state, signed('AKFREE', 'sk-free'))).toHaveProperty('principal');
    // After five minutes the AK works again.
    const later = new Date(NOW.getTime() + LOCKOUT_MS + 1000);
    expect(
      authenticate(config(), state, { ...signed('AKBOUND', 'sk-bound', { date: later }), now: later }),
    ).toHaveProperty('principal');
  });

  it.each<[string, number | 'off', number, boolean]>([
    ['--lockout 2: the third failure locks', 2, 3, true],
    ['--lockout 2: two failures do not', 2, 2, false],
    ['--lockout off: 50 failures do not', 'off', 50, false],
  ])('%s', (_what, after, failures, locked) => {
    const state = newAuthState();
    for (let i = 0; i < failures; i += 1) authenticate(config('any', after), state, signed('AKBOUND', 'wrong'));
    const result = authenticate(config('any', after), state, signed('AKBOUND', 'sk-bound'));
    if (locked) expect(message(result)).toContain('AK access failed to reach the limit');
    else expect(result).toHaveProperty('principal');
  });
});
