// `npm run bench:instructions`: what bench:emulator measures in requests/s, counted in instructions, which do
// not depend on what else the machine is doing. The emulator and the minimal node:http server
// (bench/minimal-server.ts) each run under valgrind's callgrind with instrumentation off; autocannon sends the
// same requests as bench:emulator (concurrency 10) — first WARM of them, so that V8 has compiled the hot code,
// then, with instrumentation on, MEASURE more. Prints the JavaScript thread's instructions per request (the
// compiler and GC helper threads are left out: they vary from run to run) and minimal ÷ emulator, the share of
// the emulator's work that any emulator must do, to be read beside bench:emulator's emulator ÷ minimal.
// Needs valgrind (Debian: `apt-get install valgrind`); counts only user-space instructions (not the kernel's
// share of each request, the same for both servers). Asserts nothing; bounded in count and time.
import autocannon from 'autocannon';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SCENARIOS, type Scenario, TOKEN, writeBenchFixtures } from './bench/emulator-scenarios.js';
import { BENCH_DIR, ROOT, startServerProcess } from './bench/processes.js';

const WARM = Number(process.env.BENCH_WARM_REQUESTS ?? 30_000);
const MEASURE = Number(process.env.BENCH_MEASURE_REQUESTS ?? 10_000);
// Under callgrind a request takes about 50× as long: a bound on each server's start and on its measurement, well
// above what the counts above need.
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 600_000);

if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('bench:instructions needs valgrind (Debian: apt-get install valgrind)');
  process.exit(1);
}

const dir = mkdtempSync(path.join(tmpdir(), 'hwc-bench-instructions-'));
const FIXTURES = writeBenchFixtures(dir);
const SERVERS = {
  emulator: [
    path.join(ROOT, 'bin', 'hwc-contract.js'),
    'emulate',
    '--port',
    '0',
    '--auth',
    'token',
    '--fixtures',
    FIXTURES,
  ],
  minimal: [path.join(BENCH_DIR, 'minimal-server.js')],
};

/** Instructions per request of the server's JavaScript thread, over MEASURE requests after WARM. */
async function instructionsPerRequest(name: keyof typeof SERVERS, scenario: Scenario, index: number): Promise<number> {
  const out = path.join(dir, `${name}-${index}.callgrind`);
  const server = await startServerProcess(
    [
      '--tool=callgrind',
      '--instr-atstart=no',
      '--separate-threads=yes',
      '--smc-check=all-non-file',
      `--callgrind-out-file=${out}`,
      `--log-file=${out}.log`,
      process.execPath,
      ...SERVERS[name],
    ],
    TIMEOUT_MS,
    'valgrind',
  );
  // A bound on the whole measurement: a server that stops answering is killed, and its requests then fail.
  const guard = setTimeout(() => process.kill(server.pid, 'SIGKILL'), TIMEOUT_MS);
  try {
    const { url } = server;
    const send = (amount: number) =>
      autocannon({
        url: url + scenario.path,
        method: scenario.method,
        headers: { 'content-type': 'application/json', 'x-auth-token': TOKEN },
        body: scenario.body,
        connections: 10,
        amount,
        timeout: 60,
      });
    await send(WARM);
    execFileSync('callgrind_control', ['--instr=on', String(server.pid)], { stdio: 'ignore' });
    const result = await send(MEASURE);
    execFileSync('callgrind_control', ['--instr=off', String(server.pid)], { stdio: 'ignore' });
    const expected = result[`${String(scenario.expect)[0]}xx` as '2xx' | '4xx'];
    if (expected !== MEASURE) throw new Error(`${name} answered ${expected} of ${MEASURE} with ${scenario.expect}`);
  } finally {
    clearTimeout(guard);
    // On SIGTERM the server exits and callgrind writes its profiles.
    await server.stop();
  }
  // One file per thread (`<out>-01`, …); the first is the main thread, where JavaScript runs.
  const main = readdirSync(dir).find((name) => name === `${path.basename(out)}-01`);
  if (!main) throw new Error(`callgrind wrote no profile for ${name}`);
  const totals = /^totals: (\d+)$/m.exec(readFileSync(path.join(dir, main), 'utf8'));
  return Number(totals?.[1]) / MEASURE;
}

console.log(
  `bench:instructions — node ${process.version}, valgrind callgrind, the JavaScript thread only; ${WARM} requests to warm up, then ${MEASURE} counted, concurrency 10, token auth\n`,
);
console.log('scenario                          emulator instr/req  minimal instr/req  minimal ÷ emulator');
try {
  for (const [index, scenario] of SCENARIOS.entries()) {
    const emulator = await instructionsPerRequest('emulator', scenario, index);
    const minimal = await instructionsPerRequest('minimal', scenario, index);
    console.log(
      `${scenario.name.padEnd(33)} ${emulator.toFixed(0).padStart(18)} ${minimal.toFixed(0).padStart(18)} ${(minimal / emulator).toFixed(3).padStart(18)}×`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
