// The seeded fuzzer (scripts/fuzz/emulator-fuzz.ts) against the emulator over raw TCP, 1,000 cases: never a 5xx,
// always an answer with X-Request-Id in Huawei's JSON shape, every message within 1,024 characters, and a state
// that holds no ID nothing created. `npm run fuzz -- --seed N --count M` runs more, against the `emulate` command.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURES } from '../../src/contract/default-fixtures.js';
import { type EmulatorServer, serveEmulator } from '../../src/emulator/http.js';
import { fuzzCase, fuzzEmulator, judgeAnswer, stateProblems } from '../../scripts/fuzz/emulator-fuzz.js';

const SEED = 20261202;
let emulator: EmulatorServer;
beforeAll(async () => {
  emulator = await serveEmulator({ fixtures: DEFAULT_FIXTURES, lockout: 'off' });
});
afterAll(() => emulator.close());

describe('the emulator under 1,000 seeded fuzz cases', () => {
  it('answers every one within the contract and leaves a state with no made-up IDs', async () => {
    const result = await fuzzEmulator({ port: emulator.port, seed: SEED, count: 1000, deadlineMs: 120_000 });
    expect(result.cases).toBe(1000);
    expect(result.failures).toEqual([]);
    // The cases reach every layer: the gateway (401, 404, 413), validation (400), the handlers (2xx, 409).
    for (const status of ['200', '201', '400', '401', '404', '413'])
      expect(result.statuses[status] ?? 0, `${status} in ${JSON.stringify(result.statuses)}`).toBeGreaterThan(0);
    const known = new Set(DEFAULT_FIXTURES.projects.map((p) => p.id));
    expect(stateProblems(emulator.snapshot(), known)).toEqual([]);
  }, 180_000);

  it('makes the same cases from the same seed, and different ones from another', () => {
    const host = '127.0.0.1:1';
    expect(fuzzCase(SEED, 7, host).bytes).toEqual(fuzzCase(SEED, 7, host).bytes);
    expect(fuzzCase(SEED, 7, host).bytes).not.toEqual(fuzzCase(SEED + 1, 7, host).bytes);
  });

  it('judges what it must: a 5xx, a bare body, a long message and a missing request ID are each caught', () => {
    const fuzz = fuzzCase(SEED, 0, '127.0.0.1:1');
    const id = 'a'.repeat(32);
    const ok = { status: 400, headers: { 'x-request-id': id, 'content-type': 'application/json' } };
    const body = (message: string) => JSON.stringify({ error_code: 'APIGW.0201', error_msg: message, request_id: id });
    expect(judgeAnswer(fuzz, { ...ok, body: body('fine') })).toBeUndefined();
    expect(judgeAnswer(fuzz, undefined)).toBe('no answer');
    expect(judgeAnswer(fuzz, { ...ok, status: 500, body: body('x') })).toBe('status 500');
    expect(judgeAnswer(fuzz, { ...ok, body: 'Bad Request' })).toMatch(/not JSON/);
    expect(judgeAnswer(fuzz, { ...ok, body: body('m'.repeat(1025)) })).toMatch(/1025 characters/);
    expect(judgeAnswer(fuzz, { ...ok, headers: { 'content-type': 'application/json' }, body: body('x') })).toMatch(
      /X-Request-Id/,
    );
  });

  it('finds IDs nothing created in a state: a prototype name, a reference to a port or an EIP that is not there', () => {
    const state = structuredClone(emulator.snapshot());
    const known = new Set(DEFAULT_FIXTURES.projects.map((p) => p.id));
    expect(stateProblems(state, known)).toEqual([]);
    const project = state.projects[DEFAULT_FIXTURES.projects[0]!.id]!;
    const port = Object.values(project.ports)[0]!;
    project.ports[port.id] = { ...port, eipId: 'no-such-eip' };
    Object.defineProperty(project.ports, 'constructor', { value: port, enumerable: true });
    expect(stateProblems(state, known)).toEqual([
      expect.stringContaining('has the key constructor'),
      `port ${port.id} names EIP no-such-eip, which does not exist`,
    ]);
  });
});
