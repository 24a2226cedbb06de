// Who is calling: the API gateway's part of the emulator. Tokens come from the fixtures (and `--token`), AK/SK
// pairs from the fixtures (and `--credential`), verified with the shared signing module. Failures are 401
// APIGW.0301 with the gateway's messages; more than five consecutive signature failures lock an AK for five
// minutes, as Huawei documents. The lock is per AK, so anyone can lock an AK out, as on Huawei; `--lockout N|off`
// changes the count for test suites that send bad signatures on purpose. The lockout counters are the only
// state here, kept in an `AuthState` the caller owns.
import { verifyRequest } from '../signing/index.js';
import type { Principal } from './context.js';
import { singleHeader } from './wire.js';
import { apiError, type ApiError } from '../contract/error-registry.js';

export type AuthMode = 'aksk' | 'token' | 'any' | 'off';
export const AUTH_MODES: readonly AuthMode[] = ['aksk', 'token', 'any', 'off'];

export interface CredentialEntry {
  sk: string;
  projectId: string | undefined;
  admin: boolean;
}

export interface TokenEntry {
  projectId: string | undefined;
  admin: boolean;
}

export interface AuthConfig {
  mode: AuthMode;
  credentials: ReadonlyMap<string, CredentialEntry>;
  tokens: ReadonlyMap<string, TokenEntry>;
  /** Consecutive signature failures an AK may have; the next one locks it. `undefined`: never locked. */
  lockoutAfter?: number | undefined;
}

/** Huawei: "more than five" consecutive AK/SK failures lock the AK for five minutes. */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MS = 5 * 60 * 1000;

/** Per-AK consecutive failures and lock expiry. */
export interface AuthState {
  failures: Map<string, { count: number; lockedUntil: number }>;
}

export const newAuthState = (): AuthState => ({ failures: new Map() });

export interface AuthInput {
  method: string;
  target: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Uint8Array;
  now: Date;
}

const denied = (detail: string): { error: ApiError } => ({ error: apiError('APIGW.0301', detail) });

export function authenticate(
  config: AuthConfig,
  auth: AuthState,
  input: AuthInput,
): { principal: Principal } | { error: ApiError } {
  if (config.mode === 'off') return { principal: { kind: 'none', projectId: undefined, admin: false } };
  const token = singleHeader(input.headers['x-auth-token']);
  const authorization = singleHeader(input.headers.authorization);

  if (token !== undefined && config.mode !== 'aksk') {
    const entry = config.tokens.get(token);
    if (!entry) return denied('decrypt token fail');
    return { principal: { kind: 'token', projectId: entry.projectId, admin: entry.admin } };
  }
  if (authorization !== undefined && config.mode !== 'token') {
    const now = input.now.getTime();
    let accessKey: string | undefined;
    const result = verifyRequest({
      method: input.method,
      target: input.target,
      headers: input.headers,
      body: input.body,
      now: input.now,
      secretFor: (ak) => {
        accessKey = ak;
        const lock = auth.failures.get(ak);
        // A locked AK is treated as unknown until its lock runs out; checked before any signature work.
        if (lock && lock.lockedUntil > now) return undefined;
        return config.credentials.get(ak)?.sk;
      },
    });
    if (result.ok) {
      auth.failures.delete(result.accessKey);
      const entry = config.credentials.get(result.accessKey)!;
      const projectId = entry.projectId ?? singleHeader(input.headers['x-project-id']);
      return { principal: { kind: 'aksk', projectId, admin: entry.admin } };
    }
    const ak = accessKey ?? result.accessKey;
    if (ak !== undefined) {
      const lock = auth.failures.get(ak);
      if (lock && lock.lockedUntil > now) return denied('AK access failed to reach the limit,forbidden');
    }
    switch (result.reason) {
      case 'unknown-access-key':
        return denied(`Get secretKey failed,ak:******,err:ak not exist`);
      case 'signature-mismatch': {
        const entry = auth.failures.get(ak!) ?? { count: 0, lockedUntil: 0 };
        entry.count += 1;
        if (config.lockoutAfter !== undefined && entry.count > config.lockoutAfter) {
          entry.count = 0;
          entry.lockedUntil = now + LOCKOUT_MS;
        }
        auth.failures.set(ak!, entry);
        return denied('verify aksk signature fail');
      }
      default:
        return denied(result.message);
    }
  }
  if (config.mode === 'aksk')
    return denied(
      token !== undefined
        ? 'token authentication is disabled here; sign the request with AK/SK'
        : 'no Authorization header; sign the request with AK/SK',
    );
  if (config.mode === 'token')
    return denied(
      authorization !== undefined
        ? 'AK/SK authentication is disabled here; send X-Auth-Token'
        : 'x-auth-token not found',
    );
  return denied('no credentials: send X-Auth-Token or sign the request with AK/SK');
}
