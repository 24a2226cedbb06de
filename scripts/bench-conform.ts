// `npm run bench:conform`: a full conformance run against the emulator (its own process), as a user runs it:
// the whole `hwc-contract conform` process is timed, and its JSON report gives the requests made and the
// runner's own time. Target: at least 500 requests across all checks in at most 10 s.
import { coverageLines } from '../src/conformance/coverage.js';
import type { Report } from '../src/conformance/types.js';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, startServerProcess } from './bench/processes.js';

const MAX_EXAMPLES = Number(process.env.BENCH_MAX_EXAMPLES ?? 250);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const BIN = path.join(ROOT, 'bin', 'hwc-contract.js');

const emulator = await startServerProcess([BIN, 'emulate', '--port', '0']);
try {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      BIN,
      'conform',
      '--base-url',
      emulator.url,
      '--seed',
      String(SEED),
      '--max-examples',
      String(MAX_EXAMPLES),
      '--reporter',
      'json',
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
  );
  const wallMs = performance.now() - started;
  if (run.status !== 0) throw new Error(`conform exited ${run.status}: ${run.stderr}${run.stdout.slice(0, 2000)}`);
  const report = JSON.parse(run.stdout) as Report;
  console.log(
    `bench:conform — node ${process.version}, seed ${SEED}, --max-examples ${MAX_EXAMPLES}, against the emulator (${emulator.url})\n`,
  );
  for (const check of report.checks)
    console.log(`  ${check.name.padEnd(24)} ${check.status.padEnd(8)} ${String(check.requests).padStart(5)} requests`);
  console.log('');
  console.log(
    `requests: ${report.requests} across ${report.checks.length} checks (${report.checks.filter((c) => c.status === 'passed').length} passed)`,
  );
  console.log(
    `runner time: ${(report.durationMs / 1000).toFixed(2)} s → ${((report.requests / report.durationMs) * 1000).toFixed(0)} requests/s`,
  );
  console.log(
    `whole process (start, run, report): ${(wallMs / 1000).toFixed(2)} s → ${((report.requests / wallMs) * 1000).toFixed(0)} requests/s`,
  );
  for (const line of coverageLines(report.coverage)) console.log(line);
  console.log(`target: ≥ 500 requests in ≤ 10 s — ${report.requests >= 500 && wallMs <= 10_000 ? 'met' : 'NOT met'}`);
} finally {
  await emulator.stop();
}
