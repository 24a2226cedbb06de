// `hwc-contract/conformance` as a test suite uses it, from the built package entry: runConformance() resolves with
// the report `--reporter json` writes; assertConformance() passes a conforming run and throws ConformanceFailure,
// with every finding and the command reproducing it, for a broken one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURES, DEMO } from '../../src/contract/default-fixtures.js';
import { type EmulatorServer, serveEmulator } from '../../src/emulator/http.js';
import { ROOT } from '../helpers/contract.js';
import { MUTATIONS, startBrokenServer } from './broken-servers.js';

type ConformanceModule = typeof import('../../src/conformance/index.js');
const load = () => import(path.join(ROOT, 'dist', 'conformance.mjs')) as Promise<ConformanceModule>;

const NAMES = [
  'ConformanceFailure',
  'TargetUnreachable',
  'UsageError',
  'assertConformance',
  'checkNames',
  'jsonReport',
  'junitReport',
  'prettySummary',
  'runConformance',
];

let emulator: EmulatorServer;
let dir: string;
beforeAll(async () => {
  emulator = await serveEmulator({ fixtures: DEFAULT_FIXTURES });
  dir = mkdtempSync(path.join(tmpdir(), 'hwc-conformance-api-'));
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('hwc-contract/conformance', () => {
  it('exports exactly the documented names, from the sources and from the built package entry', async () => {
    expect(Object.keys(await import('../../src/conformance/index.js')).sort()).toEqual(NAMES);
    expect(Object.keys(await load()).sort()).toEqual(NAMES);
  });

  it('runs every check against a conforming server; the report is what --reporter json writes', async () => {
    const { runConformance, assertConformance, jsonReport, checkNames } = await load();
    const report = await runConformance({ baseUrl: `${emulator.url}/`, seed: 7 });
    expect(report.seed).toBe(7);
    expect(report.baseUrl).toBe(emulator.url);
    expect(report.checks.map((c) => c.name)).toEqual(checkNames());
    expect(report.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(report.coverage.operations.length).toBeGreaterThan(0);
    expect(JSON.parse(jsonReport(report))).toEqual(JSON.parse(JSON.stringify(report)));
    expect(() => assertConformance(report)).not.toThrow();
  }, 60_000);

  it('takes AK/SK credentials, fixtures as a file, and only/skip', async () => {
    const { runConformance } = await load();
    const file = path.join(dir, 'fixtures.json');
    writeFileSync(file, JSON.stringify(DEFAULT_FIXTURES));
    const report = await runConformance({
      baseUrl: emulator.url,
      credentials: { ak: DEMO.ak, sk: DEMO.sk, projectId: DEMO.project },
      fixtures: file,
      seed: 3,
      only: ['documented-examples', 'auth-missing'],
      skip: ['auth-missing'],
    });
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([['documented-examples', 'passed']]);
  }, 60_000);

  it('rejects an unknown check name with a UsageError naming the checks', async () => {
    const { runConformance, UsageError } = await load();
    const failed = await runConformance({ baseUrl: emulator.url, only: ['no-such-check'] }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(UsageError);
    expect((failed as Error).message).toMatch(/there is no check "no-such-check"; the checks are: /);
  });

  it('fails a broken server as a test: ConformanceFailure with the findings and the reproducing commands', async () => {
    const { runConformance, assertConformance, ConformanceFailure } = await load();
    const broken = await startBrokenServer(MUTATIONS['same-ip-twice']!);
    try {
      const report = await runConformance({ baseUrl: broken.url, seed: 1 });
      let thrown: unknown;
      try {
        assertConformance(report);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConformanceFailure);
      const failure = thrown as InstanceType<typeof ConformanceFailure>;
      expect(failure.report).toBe(report);
      expect(failure.message).toMatch(/does not conform: \d+ check\(s\) failed with \d+ finding\(s\) \(seed 1\)/);
      expect(failure.message).toContain(MUTATIONS['same-ip-twice']!.caughtBy);
      expect(failure.message).toMatch(/reproduce: curl /);
      expect(failure.message).not.toContain(DEMO.sk);
    } finally {
      await broken.close();
    }
  }, 60_000);
});
