// What one running emulator holds: the state, its journal (with `--state`), who may call it (the auth table
// and the AK lockouts) and the fixtures it was started from. Every change goes through `commit`; `reset` is
// the one way back to fixtures, for the admin endpoints and the library alike.
import path from 'node:path';
import type { Fixtures } from '../contract/fixtures.js';
import {
  type AuthConfig,
  type AuthMode,
  type AuthState,
  type CredentialEntry,
  LOCKOUT_FAILURES,
  newAuthState,
  type TokenEntry,
} from './auth.js';
import { type Faults, FaultInjector } from './faults.js';
import { applyEvent, type Event, type State, undoEvent } from './state.js';
import { stateFromFixtures } from './state-from-fixtures.js';
import { Journal, type JournalOptions } from './store.js';

export interface CredentialOption {
  ak: string;
  sk: string;
  projectId?: string | undefined;
  admin?: boolean;
}

export interface TokenOption {
  token: string;
  projectId?: string | undefined;
  admin?: boolean;
}

export interface RuntimeOptions {
  fixtures: Fixtures;
  auth?: AuthMode;
  /** Accepted besides those in the fixtures. */
  credentials?: readonly CredentialOption[];
  tokens?: readonly TokenOption[];
  /** Journal file: state survives restarts; every change is on disk before it is acknowledged. */
  stateFile?: string;
  /** Consecutive signature failures an AK may have before it is locked (default 5, as Huawei), or `'off'`. */
  lockout?: number | 'off';
  /** How the journal opens its file and where it warns (tests inject a failing disk here). */
  journal?: JournalOptions;
  /** Fault rules in force from the start (already checked: faults.ts `checkFaults`). */
  faults?: Faults;
}

export interface Runtime {
  readonly state: State;
  readonly auth: AuthConfig;
  readonly authState: AuthState;
  readonly fixtures: Fixtures;
  /** Whether the state came from an existing `--state` file, and how many events it replayed. */
  readonly restored: { fromFile: boolean; events: number };
  /** The fault rules in force (kept across resets: a reset restores the world, not the weather). */
  readonly faults: FaultInjector;
  /**
   * Applies events in memory at once (so the next request sees them); resolves when they are durable. With
   * `--state`, a change the disk refuses is taken back out of memory and rejects with a JournalWriteError.
   */
  commit(events: readonly Event[]): Promise<void> | undefined;
  /** Back to the fixtures (new ones replace the old, with their credentials); lockouts are forgotten. */
  reset(fixtures?: Fixtures): Promise<void>;
  close(): Promise<void>;
}

/** The auth table: the fixtures' credentials and tokens, then those given as options (which win). */
export function authConfig(
  mode: AuthMode,
  fixtures: Fixtures,
  credentials: readonly CredentialOption[],
  tokens: readonly TokenOption[],
  lockout: number | 'off' = LOCKOUT_FAILURES,
): AuthConfig {
  const creds = new Map<string, CredentialEntry>();
  for (const c of fixtures.credentials ?? [])
    creds.set(c.ak, { sk: c.sk, projectId: c.project_id, admin: c.admin ?? false });
  for (const c of credentials) creds.set(c.ak, { sk: c.sk, projectId: c.projectId, admin: c.admin ?? false });
  const toks = new Map<string, TokenEntry>();
  for (const t of fixtures.tokens ?? []) toks.set(t.token, { projectId: t.project_id, admin: t.admin ?? false });
  for (const t of tokens) toks.set(t.token, { projectId: t.projectId, admin: t.admin ?? false });
  return { mode, credentials: creds, tokens: toks, lockoutAfter: lockout === 'off' ? undefined : lockout };
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const mode = options.auth ?? 'any';
  const credentials = options.credentials ?? [];
  const tokens = options.tokens ?? [];
  let fixtures = options.fixtures;
  let auth = authConfig(mode, fixtures, credentials, tokens, options.lockout);
  const authState = newAuthState();
  const faults = new FaultInjector();
  faults.set(options.faults);
  let state: State;
  let journal: Journal | undefined;
  let restored = { fromFile: false, events: 0 };
  if (options.stateFile) {
    const opened = await Journal.open(
      path.resolve(options.stateFile),
      () => stateFromFixtures(fixtures),
      options.journal,
    );
    journal = opened.journal;
    state = opened.state;
    restored = { fromFile: opened.restored, events: opened.events };
  } else {
    state = stateFromFixtures(fixtures);
  }

  const commit = (events: readonly Event[]): Promise<void> | undefined => {
    if (events.length === 0) return undefined;
    if (!journal) {
      for (const event of events) state = applyEvent(state, event);
      return undefined;
    }
    const undos: (() => State)[] = [];
    for (const event of events) {
      undos.push(undoEvent(state, event));
      state = applyEvent(state, event);
    }
    return journal.append(events, () => {
      for (let i = undos.length - 1; i >= 0; i -= 1) state = undos[i]!();
    });
  };

  return {
    get state() {
      return state;
    },
    get auth() {
      return auth;
    },
    authState,
    get fixtures() {
      return fixtures;
    },
    restored,
    faults,
    commit,
    async reset(next) {
      const before = { fixtures, auth };
      if (next) {
        fixtures = next;
        auth = authConfig(mode, fixtures, credentials, tokens, options.lockout);
      }
      try {
        await commit([{ type: 'state.replace', state: stateFromFixtures(fixtures) }]);
      } catch (error) {
        // Not durable: the old fixtures and credentials stay, as the old state does.
        ({ fixtures, auth } = before);
        throw error;
      }
      authState.failures.clear();
    },
    async close() {
      await journal?.close();
    },
  };
}
