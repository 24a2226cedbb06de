// `hwc-contract emulate`: the stateful emulator, until interrupted. Prints `listening on http://HOST:PORT`
// first (scripts wait for that line), then where the contract and docs are, the credentials to use and a
// ready-to-paste curl per documented request.
import type { AuthMode } from '../../emulator/auth.js';
import { loadFixtures, type Fixtures } from '../../contract/fixtures.js';
import { loadContractFaults } from '../../emulator/faults.js';
import { DEFAULT_FIXTURES, DEMO } from '../../contract/default-fixtures.js';
import { serveEmulator } from '../../emulator/http.js';
import type { RequestLogEntry } from '../../emulator/request-log.js';
import type { CredentialOption, TokenOption } from '../../emulator/runtime.js';
import { bundledContract, bundledSpecText } from '../../contract/bundled.js';
import { curlExamples } from '../../mock/curl-examples.js';
import { EXIT_OK, UserError } from '../../contract/user-error.js';
import type { Output } from '../output.js';

export interface EmulateArgs {
  port: number;
  host: string;
  state?: string;
  fixtures?: string;
  /** A fault rules file (YAML or JSON). */
  faults?: string;
  auth: AuthMode;
  /** `AK:SK[:PROJECT_ID]`, as given. */
  credential: string[];
  /** `TOKEN[:PROJECT_ID]`, as given. */
  token: string[];
  /** A line per request on stdout. */
  log?: boolean;
  /** Consecutive signature failures an AK may have before it is locked, or off. */
  lockout?: number | 'off';
  /** Required of admin requests (X-Emulator-Admin-Token); without it, admin is off on a non-loopback host. */
  adminToken?: string;
}

/** A request log line: `2026-11-23T19:52:29.123Z PUT /v1/…/cloudservers/nics/… 409 Ecs.0010 0.4 ms <request ID>`. */
export function formatLogEntry(entry: RequestLogEntry, at: Date = new Date()): string {
  const status = entry.status === 0 ? 'closed before answering' : String(entry.status);
  const fault = entry.fault ? ` fault=${entry.fault}` : '';
  return `${at.toISOString()} ${entry.method} ${entry.path} ${status}${entry.code ? ` ${entry.code}` : ''}${fault} ${entry.ms.toFixed(1)} ms ${entry.requestId}`;
}

/** `AK:SK[:PROJECT_ID]`. The error never repeats the value: it holds a secret. */
export function parseCredential(value: string): CredentialOption {
  const [ak, sk, projectId, ...rest] = value.split(':');
  if (!ak || !sk || rest.length > 0 || projectId === '')
    throw new UserError('--credential expects AK:SK or AK:SK:PROJECT_ID');
  return projectId === undefined ? { ak, sk } : { ak, sk, projectId };
}

/** `TOKEN[:PROJECT_ID]`. The error never repeats the value: it is a secret. */
export function parseToken(value: string): TokenOption {
  const at = value.lastIndexOf(':');
  if (value === '' || at === 0 || at === value.length - 1)
    throw new UserError('--token expects TOKEN or TOKEN:PROJECT_ID');
  return at === -1 ? { token: value } : { token: value.slice(0, at), projectId: value.slice(at + 1) };
}

/** The default fixtures without their demo credentials, for when the user brings their own. */
function withoutDemoCredentials(fixtures: Fixtures): Fixtures {
  const { credentials: _credentials, tokens: _tokens, ...rest } = fixtures;
  return rest;
}

export async function emulateCommand(root: string, args: EmulateArgs, out: Output): Promise<number> {
  const options = { ...args, credential: args.credential.map(parseCredential), token: args.token.map(parseToken) };
  let fixtures: Fixtures = options.fixtures ? await loadFixtures(options.fixtures) : DEFAULT_FIXTURES;
  const ownCredentials = options.credential.length > 0 || options.token.length > 0;
  if (ownCredentials && !options.fixtures) fixtures = withoutDemoCredentials(fixtures);
  const faults = options.faults === undefined ? undefined : await loadContractFaults(options.faults);

  // From the environment too, so that the token need not show in a process list.
  const adminToken = options.adminToken ?? (process.env.HWC_EMULATOR_ADMIN_TOKEN || undefined);
  const emulator = await serveEmulator({
    host: options.host,
    port: options.port,
    fixtures,
    ...(faults && { faults }),
    auth: options.auth,
    credentials: options.credential,
    tokens: options.token,
    ...(options.state !== undefined && { stateFile: options.state }),
    ...(options.lockout !== undefined && { lockout: options.lockout }),
    ...(adminToken !== undefined && { adminToken }),
    openapiJson: bundledSpecText(root),
    // Loaded on the first request for /docs: start-up does not pay for the renderer.
    renderDocs: async () => (await import('../../docs/render-docs.js')).renderDocs(root),
    ...(options.log && { log: (entry: RequestLogEntry) => out.info(formatLogEntry(entry)) }),
  });
  const { url } = emulator;
  out.info(`listening on ${url}`);
  out.info(
    `hwc-contract emulator: auth ${options.auth}, ${options.state ? `state in ${options.state}${emulator.restored.fromFile ? ` (restored, ${emulator.restored.events} events)` : ' (new)'}` : 'state in memory'}, fixtures ${options.fixtures ?? '(default)'}`,
  );
  out.info(`contract ${url}/openapi.json   docs ${url}/docs   admin ${url}/__emulator/state`);
  if (faults)
    out.info(
      `fault rules from ${options.faults}: ${faults.rules.map((r, i) => `${r.name ?? `rule ${i + 1}`} (${r.fault.type})`).join(', ') || 'none'}`,
    );
  if (emulator.exampleOperations.length > 0)
    out.info(`answered from the contract's examples (no stateful handler): ${emulator.exampleOperations.join(', ')}`);
  if (!ownCredentials && !options.fixtures) {
    // The demo credentials are public (they are in the README); credentials a user supplies are never printed.
    out.info(`demo credentials for project ${DEMO.project}:`);
    out.info(`  X-Auth-Token: ${DEMO.token}   (administrator: ${DEMO.adminToken})`);
    out.info(`  AK ${DEMO.ak}  SK ${DEMO.sk}   (SDK-HMAC-SHA256)`);
    out.info(
      `second project ${DEMO.otherProject}: X-Auth-Token ${DEMO.otherToken}, AK ${DEMO.otherAk} SK ${DEMO.otherSk}`,
    );
    const auth = options.auth === 'aksk' ? undefined : { 'X-Auth-Token': DEMO.token };
    if (auth) {
      out.info('Try:');
      for (const example of curlExamples(bundledContract(), url, auth))
        out.info(`\n# ${example.operationId} (${example.example})\n${example.command}`);
    }
  }

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void emulator.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return EXIT_OK;
}
