// The handler registry: every stateful handler is registered under an operationId of the contract, so that a
// renamed or removed operation fails here rather than leaving a handler nothing routes to.
import { expect, it } from 'vitest';
import { operations } from '../../generated/operations.js';
import { HANDLERS } from '../../src/emulator/handlers/index.js';

it('names only operations of the contract', () => {
  const ids = new Set<string>(operations.map((op) => op.operationId));
  expect(Object.keys(HANDLERS).filter((id) => !ids.has(id))).toEqual([]);
  expect(Object.keys(HANDLERS).length).toBeGreaterThan(0);
});
