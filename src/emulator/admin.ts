// The emulator's own endpoints, for tests: /__emulator/health, /__emulator/state, /__emulator/reset,
// /__emulator/fixtures and /__emulator/faults (the fault rules: read with their counts, replaced, cleared). Their errors are in the registry (Emulator.*) and in the gateway's shape.
import { createHash, timingSafeEqual } from 'node:crypto';
import { apiError } from '../contract/error-registry.js';
import { isLoopback } from '../contract/ip.js';
import { checkFixtures, type Fixtures, FixturesError } from '../contract/fixtures.js';
import { checkContractFaults, FaultsError } from './faults.js';
import { MAX_BODY_BYTES } from './pipeline.js';
import type { Runtime } from './runtime.js';
import { stateToJson } from './state.js';
import { JournalWriteError } from './store.js';
import { type Answer, errorAnswer, jsonAnswer, notSaved } from './wire.js';

export const ADMIN_PREFIX = '/__emulator/';

const ENDPOINTS = [
  'GET /__emulator/health',
  'GET /__emulator/state',
  'POST /__emulator/reset',
  'POST /__emulator/fixtures',
  'GET|PUT|DELETE /__emulator/faults',
];

/** What the admin guard reads of a request: four headers and the address it came in on. */
export interface AdminRequestFacts {
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** The `X-Emulator-Admin-Token` header. */
  token?: string | undefined;
  localAddress: string;
  localPort: number;
}

/** The host and port of an Origin header; undefined for `null` and anything that is not a URL. */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host || undefined;
  } catch {
    return undefined;
  }
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

export const ADMIN_TOKEN_HEADER = 'x-emulator-admin-token';

/**
 * Who may use the admin endpoints: anyone who reaches a loopback emulator directly (`open`); only callers with
 * the admin token (`token`, given with `--admin-token`); or nobody (`off`: a non-loopback address without a
 * token, where other machines could reset the state or swap the credentials).
 */
export type AdminAccess = { kind: 'open' } | { kind: 'token'; token: string } | { kind: 'off'; address: string };

export function adminAccess(listeningAddress: string, token: string | undefined): AdminAccess {
  if (token !== undefined) return { kind: 'token', token };
  return isLoopback(listeningAddress) ? { kind: 'open' } : { kind: 'off', address: listeningAddress };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the caller's token is the admin token, in time that does not depend on where they differ. */
function tokenMatches(given: string | undefined, token: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/**
 * Why an admin request is refused, if it is. Off, or without the admin token where one is set: refused. And
 * since a loopback emulator's admin endpoints take no credentials, a web page must not reach them: a `Host`
 * other than the listening address or localhost (DNS rebinding) and a browser's cross-origin request (an
 * `Origin` of another host, or `Sec-Fetch-Site: cross-site`) are refused.
 */
export function adminRefusal(facts: AdminRequestFacts, access: AdminAccess = { kind: 'open' }): string | undefined {
  if (access.kind === 'off') {
    return `the admin endpoints are off: the emulator listens on ${access.address}, which other machines can reach; start it with --admin-token to use them`;
  }
  if (access.kind === 'token' && !tokenMatches(facts.token, access.token)) {
    return `the admin endpoints need the admin token in the X-Emulator-Admin-Token header${facts.token === undefined ? '' : '; the one given is not it'}`;
  }
  const own = facts.localAddress.includes(':') ? `[${facts.localAddress}]` : facts.localAddress;
  const allowed = (authority: string) => {
    const at = authority.lastIndexOf(':');
    const name = (at > authority.lastIndexOf(']') ? authority.slice(0, at) : authority).toLowerCase();
    const port = at > authority.lastIndexOf(']') ? authority.slice(at + 1) : '80';
    return (LOOPBACK_NAMES.has(name) || name === own) && port === String(facts.localPort);
  };
  if (!facts.host || !allowed(facts.host)) {
    return 'the Host header is not this emulator’s address or localhost; admin requests must be sent to it directly';
  }
  if (facts.secFetchSite === 'cross-site' || facts.secFetchSite === 'same-site') {
    return 'a browser request from another site cannot use the admin endpoints';
  }
  if (facts.origin !== undefined && originHost(facts.origin) !== facts.host.toLowerCase()) {
    return `a request from origin ${facts.origin.slice(0, 100)} cannot use the admin endpoints`;
  }
  return undefined;
}

/** The body of an admin request: `undefined` when it was over MAX_BODY_BYTES. */
export type ReadBody = () => Promise<Buffer | undefined>;

export async function adminAnswer(
  runtime: Runtime,
  method: string,
  pathname: string,
  readBody: ReadBody,
  requestId: string,
): Promise<Answer> {
  const route = `${method} ${pathname}`;
  switch (route) {
    case 'GET /__emulator/health':
      return jsonAnswer(200, { status: 'ok' }, requestId);
    case 'GET /__emulator/state':
      return jsonAnswer(200, stateToJson(runtime.state), requestId);
    case 'POST /__emulator/reset':
      return (await saved(runtime.reset(), requestId)) ?? jsonAnswer(200, { reset: true }, requestId);
    case 'POST /__emulator/fixtures':
      return loadFixtures(runtime, await readBody(), requestId);
    case 'GET /__emulator/faults':
      return jsonAnswer(200, runtime.faults.report(), requestId);
    case 'PUT /__emulator/faults':
      return setFaults(runtime, await readBody(), requestId);
    case 'DELETE /__emulator/faults':
      runtime.faults.clear();
      return jsonAnswer(200, runtime.faults.report(), requestId);
    default: {
      const list = `${ENDPOINTS.slice(0, -1).join(', ')} and ${ENDPOINTS.at(-1)}`;
      return errorAnswer(apiError('Emulator.0404', `no emulator endpoint ${route}; there are ${list}`), requestId);
    }
  }
}

/** Waits for a reset to be durable: `undefined` when it is, the 503 answer when the state file refused it. */
async function saved(reset: Promise<void>, requestId: string): Promise<Answer | undefined> {
  try {
    await reset;
    return undefined;
  } catch (error) {
    if (error instanceof JournalWriteError) return notSaved(error, requestId);
    throw error;
  }
}

/** A YAML or JSON admin body, or the error answer that says why it cannot be read. */
async function parsedBody(
  body: Buffer | undefined,
  what: string,
  requestId: string,
): Promise<{ data: unknown } | Answer> {
  if (!body)
    return errorAnswer(apiError('Emulator.0413', `the ${what} are larger than ${MAX_BODY_BYTES} bytes`), requestId);
  try {
    const { parse } = await import('yaml');
    return { data: parse(body.toString('utf8')) };
  } catch (error) {
    const detail = `the request body is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`;
    return errorAnswer(apiError('Emulator.0001', detail), requestId);
  }
}

async function setFaults(runtime: Runtime, body: Buffer | undefined, requestId: string): Promise<Answer> {
  const parsed = await parsedBody(body, 'fault rules', requestId);
  if (!('data' in parsed)) return parsed;
  try {
    runtime.faults.set(checkContractFaults(parsed.data, 'the request body'));
  } catch (error) {
    if (!(error instanceof FaultsError)) throw error;
    return errorAnswer(apiError('Emulator.0001', error.message), requestId);
  }
  return jsonAnswer(200, runtime.faults.report(), requestId);
}

async function loadFixtures(runtime: Runtime, body: Buffer | undefined, requestId: string): Promise<Answer> {
  const parsed = await parsedBody(body, 'fixtures', requestId);
  if (!('data' in parsed)) return parsed;
  let next: Fixtures;
  try {
    next = await checkFixtures(parsed.data, 'the request body');
  } catch (error) {
    if (!(error instanceof FixturesError)) throw error;
    return errorAnswer(apiError('Emulator.0001', error.message), requestId);
  }
  const refused = await saved(runtime.reset(next), requestId);
  if (refused) return refused;
  const loaded = { projects: runtime.fixtures.projects.length, pools: runtime.fixtures.pools.length };
  return jsonAnswer(200, { loaded }, requestId);
}
