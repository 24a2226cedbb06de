// Shared by the emulator tests: fixed contexts, fresh states, and a deep freeze that proves handlers pure.
import type { HandlerContext, Principal } from '../../src/emulator/context.js';
import type { Fixtures } from '../../src/contract/fixtures.js';
import { DEFAULT_FIXTURES, DEMO } from '../../src/contract/default-fixtures.js';
import { stateFromFixtures } from '../../src/emulator/state-from-fixtures.js';
import type { State } from '../../src/emulator/state.js';

export const NOW = new Date('2026-11-23T10:07:24.123Z');

export function principal(overrides: Partial<Principal> = {}): Principal {
  return { kind: 'token', projectId: DEMO.project, admin: false, ...overrides };
}

let n = 0;
/** A context whose IDs count up across the test file (00000000-0000-4000-8000-000000000001, …), so IDs never repeat. */
export function context(overrides: Partial<HandlerContext> = {}): HandlerContext {
  return {
    requestId: 'f'.repeat(32),
    now: NOW,
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    principal: principal(),
    ...overrides,
  };
}

const frozenMap = () => {
  throw new TypeError('this Map is frozen');
};

/** Freezes objects and arrays, and makes Maps throw on set, delete and clear (Object.freeze does not stop them). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    if (value instanceof Map) {
      Object.assign(value, { set: frozenMap, delete: frozenMap, clear: frozenMap });
      for (const child of value.values()) deepFreeze(child);
    }
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The default fixtures' state, frozen: a handler that changed it would throw. */
export function frozenState(fixtures: Fixtures = DEFAULT_FIXTURES): State {
  return deepFreeze(stateFromFixtures(fixtures));
}

export function fixturesWith(change: (fixtures: Fixtures) => void): Fixtures {
  const copy = structuredClone(DEFAULT_FIXTURES);
  change(copy);
  return copy;
}
