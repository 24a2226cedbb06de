// The emulator as a library (`hwc-contract/emulator`): started inside a test suite's own process, on a free
// port, with the defaults of `hwc-contract emulate` — the default fixtures and their demo credentials, auth
// `any`, the contract at /openapi.json and the docs at /docs. Fixtures given here, as an object or a file, are
// checked as `--fixtures` checks them, and throw FixturesError naming the place of a problem; fault rules
// likewise (FaultsError).
import { packageRoot } from '../contract/package-root.js';
import { bundledSpecText } from '../contract/bundled.js';
import { type Fixtures, givenFixtures } from '../contract/fixtures.js';
import { DEFAULT_FIXTURES } from '../contract/default-fixtures.js';
import { type Faults, type FaultsReport, givenFaults } from './faults.js';
import { type EmulatorServer, type EmulatorServerOptions, serveEmulator } from './http.js';

export type { AuthMode } from './auth.js';
export { DEFAULT_FIXTURES, DEMO } from '../contract/default-fixtures.js';
export { FixturesError, type Fixtures } from '../contract/fixtures.js';
export { FaultsError, type Faults, type FaultRule, type FaultsReport } from './faults.js';
export type { RequestLogEntry } from './request-log.js';
export type { CredentialOption, TokenOption } from './runtime.js';
export type { StateJson } from './state.js';
export { StateFileError } from './journal-file.js';

export interface EmulatorOptions
  extends Omit<EmulatorServerOptions, 'fixtures' | 'faults' | 'openapiJson' | 'renderDocs'> {
  /** The world to start with: fixtures, or the path of a fixtures file (YAML or JSON). Default: DEFAULT_FIXTURES. */
  fixtures?: Fixtures | string;
  /** Fault rules in force from the start: an object, or the path of a rules file (YAML or JSON), checked. */
  faults?: Faults | string;
}

/** The fault rules of a running emulator, as `GET/PUT/DELETE /__emulator/faults` see them. */
export interface EmulatorFaults {
  /** Replaces the rules (an object or a file, checked; FaultsError names the place of a problem). */
  set(faults: Faults | string): Promise<void>;
  clear(): void;
  /** The rules with how often each matched and acted, and the faults injected by type. */
  report(): FaultsReport;
}

export interface Emulator extends Omit<EmulatorServer, 'reset' | 'faults'> {
  /** Back to the fixtures last loaded, or to new ones (an object or a file, checked; their credentials too). */
  reset(fixtures?: Fixtures | string): Promise<void>;
  faults: EmulatorFaults;
}

const resolveFixtures = (fixtures: Fixtures | string | undefined) => givenFixtures(fixtures, DEFAULT_FIXTURES);

/** Starts the emulator; `close()` stops it. Listens on 127.0.0.1 and a free port unless told otherwise. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const root = packageRoot();
  const server = await serveEmulator({
    ...options,
    fixtures: await resolveFixtures(options.fixtures),
    faults: await givenFaults(options.faults),
    openapiJson: bundledSpecText(root),
    renderDocs: async () => (await import('../docs/render-docs.js')).renderDocs(root),
  });
  return {
    ...server,
    reset: async (fixtures) => server.reset(fixtures === undefined ? undefined : await resolveFixtures(fixtures)),
    faults: {
      set: async (faults) => server.faults.set(await givenFaults(faults)),
      clear: () => server.faults.clear(),
      report: () => server.faults.report(),
    },
  };
}
