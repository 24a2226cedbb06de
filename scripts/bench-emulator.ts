// `npm run bench:emulator`: the emulator against a bare node:http server answering fixed JSON (the floor: for
// each request, the emulator's own answer to it, recorded once, so both send the same status and bytes) and
// against Prism's contract mock, and against a minimal node:http server doing only what any emulator must for
// these requests (read and parse the body, build the answer, keep what an assign creates: the most an emulator
// could reach here), all in one run, each server in its own process, loaded by autocannon from
// this process with the same requests at concurrency 10 and 50. Prints requests/s, ratios, p99 latency, peak
// RSS under load, and start-up time to the first 2xx; and an assign on an exhausted /16 (409) as a ratio to an
// assign on an empty pool (201), in one emulator. Asserts nothing; bounded in time and count.
import autocannon, { type Result } from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPrism } from '../src/mock/prism.js';
import { PROJECT, SCENARIOS, type Scenario, TOKEN, writeBenchFixtures } from './bench/emulator-scenarios.js';
import { BENCH_DIR, median, ROOT, startServerProcess } from './bench/processes.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
// Each server's load is split into rounds, the servers taking turns within each round (in a rotating order), so
// that a burst of noise on this shared machine hits one round of every server rather than one server's whole
// run; figures are medians over the rounds, ratios the medians of each round's own ratio.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
// A bound on each run's count, set well above what 5 s can reach here so that time, not count, ends a run.
const MAX_REQUESTS = Number(process.env.BENCH_MAX_REQUESTS ?? 2_000_000);
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);
const CONCURRENCIES = [10, 50];
const FIXED = 'node:http fixed JSON';
const MINIMAL = 'node:http minimal';

const BIN = path.join(ROOT, 'bin', 'hwc-contract.js');
const SPEC = path.join(ROOT, 'generated', 'openapi.json');

const dir = mkdtempSync(path.join(tmpdir(), 'hwc-bench-emulator-'));
const FIXTURES = writeBenchFixtures(dir);

interface Target {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<unknown>;
}

function peakRssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return Number.NaN;
  }
}

async function load(target: Target, scenario: Scenario, connections: number): Promise<Result> {
  return autocannon({
    url: target.url + scenario.path,
    method: scenario.method,
    headers: { 'content-type': 'application/json', 'x-auth-token': TOKEN },
    body: scenario.body,
    connections,
    duration: SECONDS / ROUNDS,
    maxOverallRequests: MAX_REQUESTS,
    timeout: 10,
  });
}

async function startTargets(): Promise<Target[]> {
  const emulator = await startServerProcess([BIN, 'emulate', '--port', '0', '--auth', 'token', '--fixtures', FIXTURES]);
  const minimal = await startServerProcess([path.join(BENCH_DIR, 'minimal-server.js')]);
  const prism = await startPrism({ spec: SPEC, port: 0, startTimeoutMs: 60_000 });
  return [
    { name: 'emulator', url: emulator.url, pid: emulator.pid, stop: emulator.stop },
    { name: MINIMAL, url: minimal.url, pid: minimal.pid, stop: minimal.stop },
    { name: 'prism mock', url: prism.url, pid: prism.child.pid ?? 0, stop: prism.stop },
  ];
}

/** The bare node:http server for a scenario: it answers every request with the emulator's answer to that request. */
async function startFixed(emulator: Target, scenario: Scenario): Promise<Target> {
  const res = await fetch(emulator.url + scenario.path, {
    method: scenario.method,
    headers: { 'content-type': 'application/json', 'x-auth-token': TOKEN },
    body: scenario.body,
  });
  const body = await res.text();
  if (res.status !== scenario.expect)
    throw new Error(`the emulator answered ${res.status} to ${scenario.name}: ${body}`);
  const bodyFile = path.join(dir, `fixed-${scenario.expect}.json`);
  writeFileSync(bodyFile, body);
  const fixed = await startServerProcess([
    path.join(BENCH_DIR, 'fixed-json-server.js'),
    '--status',
    String(res.status),
    '--body-file',
    bodyFile,
  ]);
  return { name: FIXED, url: fixed.url, pid: fixed.pid, stop: fixed.stop };
}

/** Milliseconds from spawning a server to its first 2xx answer to the bind request (polled every 5 ms). */
async function startupToFirst2xx(args: string[], urlPattern: RegExp): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`${args[1]} did not start in 60 s`)), 60_000);
      const onData = (chunk: Buffer) => {
        seen += chunk.toString();
        const match = urlPattern.exec(seen);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    });
    const scenario = SCENARIOS[0]!;
    for (let attempt = 0; attempt < 12_000; attempt += 1) {
      try {
        const res = await fetch(url + scenario.path, {
          method: scenario.method,
          headers: { 'content-type': 'application/json', 'x-auth-token': TOKEN },
          body: scenario.body,
        });
        await res.arrayBuffer();
        if (res.status >= 200 && res.status < 300) return performance.now() - started;
      } catch {
        // not accepting yet
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`${args[1]} never answered 2xx`);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

console.log(
  `bench:emulator — node ${process.version}, autocannon, ${SECONDS} s per server and row in ${ROUNDS} interleaved rounds (at most ${MAX_REQUESTS} requests each), token auth, concurrency ${CONCURRENCIES.join(' and ')}\n`,
);

// --- start-up to the first 2xx ---
const prismBin = path.join(
  path.dirname(new URL(import.meta.resolve('@stoplight/prism-cli/package.json')).pathname),
  'dist',
  'index.js',
);
// Load fetch (undici) in this process first, so that no server's figure pays for it.
await fetch('http://127.0.0.1:9/').catch(() => undefined);
const startup: Record<string, number[]> = { emulator: [], prism: [] };
for (let run = 0; run < STARTUP_RUNS; run += 1) {
  // As `npm start` runs it: default fixtures, demo credentials.
  startup.emulator!.push(await startupToFirst2xx([BIN, 'emulate', '--port', '0'], /listening on (http:\/\/\S+)/));
  if (run < Math.min(STARTUP_RUNS, 3))
    startup.prism!.push(
      await startupToFirst2xx(
        [prismBin, 'mock', SPEC, '-h', '127.0.0.1', '-p', '0'],
        /Prism is listening on (http:\/\/\S+)/,
      ),
    );
}
const emulatorStart = median(startup.emulator!);
const prismStart = median(startup.prism!);
console.log(
  `start-up to first 2xx: emulator median ${emulatorStart.toFixed(0)} ms (runs ${startup.emulator!.map((v) => v.toFixed(0)).join(', ')}), prism median ${prismStart.toFixed(0)} ms (runs ${startup.prism!.map((v) => v.toFixed(0)).join(', ')}) → ${(prismStart / emulatorStart).toFixed(1)}× faster (target ≥ 8×)\n`,
);

// --- throughput ---
const targets = await startTargets();
const emulatorTarget = targets[0]!;
const rows: {
  scenario: string;
  connections: number;
  target: string;
  /** Requests/s of each round, in round order. */
  perRound: number[];
  rps: number;
  p99: number;
  wrong: number;
  errors: number;
}[] = [];
const peakRss: Record<string, number> = {};
try {
  console.log(
    'scenario                          conc  server                  median req/s  p99 ms  unexpected status  errors',
  );
  for (const scenario of SCENARIOS) {
    const fixed = await startFixed(emulatorTarget, scenario);
    try {
      for (const connections of CONCURRENCIES) {
        const servers = [fixed, ...targets];
        const rounds: Record<string, Result[]> = Object.fromEntries(servers.map((t) => [t.name, []]));
        for (let round = 0; round < ROUNDS; round += 1) {
          for (let turn = 0; turn < servers.length; turn += 1) {
            const target = servers[(round + turn) % servers.length]!;
            rounds[target.name]!.push(await load(target, scenario, connections));
          }
        }
        for (const target of servers) {
          const results = rounds[target.name]!;
          const counts = results.map((r) => {
            const total = r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx'];
            return { total, expected: r[`${String(scenario.expect)[0]}xx` as '2xx' | '4xx'] };
          });
          // Completed requests over each round's own duration (autocannon's per-second average is skewed when a run ends early).
          const row = {
            scenario: scenario.name,
            connections,
            target: target.name,
            perRound: results.map((r, i) => counts[i]!.total / r.duration),
            rps: median(results.map((r, i) => counts[i]!.total / r.duration)),
            p99: median(results.map((r) => r.latency.p99)),
            wrong: counts.reduce((sum, c) => sum + c.total - c.expected, 0),
            errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
          };
          rows.push(row);
          console.log(
            `${scenario.name.padEnd(33)} ${String(connections).padStart(4)}  ${target.name.padEnd(22)} ${row.rps.toFixed(0).padStart(10)} ${row.p99.toFixed(1).padStart(8)} ${String(row.wrong).padStart(18)} ${String(row.errors).padStart(7)}`,
          );
        }
      }
      peakRss[FIXED] = Math.max(peakRss[FIXED] ?? 0, peakRssMiB(fixed.pid));
    } finally {
      await fixed.stop();
    }
  }
  console.log('');
  for (const target of targets) peakRss[target.name] = peakRssMiB(target.pid);
  for (const [name, mib] of Object.entries(peakRss)) console.log(`peak RSS ${name.padEnd(22)} ${mib.toFixed(1)} MiB`);
  console.log('');
  console.log('ratios (requests/s ÷ requests/s; "minimal ÷ fixed" is the most any emulator could reach here):');
  for (const scenario of SCENARIOS) {
    for (const connections of CONCURRENCIES) {
      const row = (name: string) =>
        rows.find((r) => r.scenario === scenario.name && r.connections === connections && r.target === name)!;
      // The median of the rounds' own ratios: each pairs two servers measured within seconds of each other.
      const ratio = (a: string, b: string) => median(row(a).perRound.map((v, i) => v / row(b).perRound[i]!));
      console.log(
        `  ${scenario.name.padEnd(33)} c=${String(connections).padEnd(3)} emulator ÷ fixed JSON ${ratio('emulator', FIXED).toFixed(2)}× (target ≥ 0.75×)   emulator ÷ prism ${ratio('emulator', 'prism mock').toFixed(1)}× (target ≥ 8×)   emulator ÷ minimal ${ratio('emulator', MINIMAL).toFixed(2)}× (rounds ${row(
          'emulator',
        )
          .perRound.map((v, i) => (v / row(MINIMAL).perRound[i]!).toFixed(2))
          .join(' ')})   minimal ÷ fixed JSON ${ratio(MINIMAL, FIXED).toFixed(2)}×`,
      );
    }
  }
} finally {
  await Promise.all(targets.map((t) => t.stop()));
}

// --- an exhausted pool: every one of a /16's 65,534 addresses handed out, then assign once more ---
const assignBody = (pool: string) =>
  JSON.stringify({
    publicip: {
      type: 'EIP',
      publicip_pool_name: pool,
      bandwidth: { size: 5, share_type: 'PER', charge_mode: 'bandwidth', name: 'bench' },
    },
  });
const exhausted = await startServerProcess([BIN, 'emulate', '--port', '0', '--auth', 'token', '--fixtures', FIXTURES]);
try {
  const eipPath = `/v3/${PROJECT}/eip/publicips`;
  const headers = { 'content-type': 'application/json', 'x-auth-token': TOKEN };
  const fill = await autocannon({
    url: exhausted.url + eipPath,
    method: 'POST',
    headers,
    body: assignBody('5_full'),
    connections: 50,
    amount: 65_534,
    timeout: 10,
  });
  const run = (pool: string) =>
    autocannon({
      url: exhausted.url + eipPath,
      method: 'POST',
      headers,
      body: assignBody(pool),
      connections: 10,
      duration: SECONDS,
      maxOverallRequests: MAX_REQUESTS,
      timeout: 10,
    });
  const full = await run('5_full');
  const empty = await run('5_telcom');
  const rps = (r: Result) => (r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx']) / r.duration;
  console.log('');
  console.log(
    `exhausted pool: filled a /16 with ${fill['2xx']} assigns (${fill.non2xx} others); then at c=10 an assign on it answered ${full['4xx']} × 409 (${full['2xx']} × 2xx) at ${rps(full).toFixed(0)} requests/s, mean ${full.latency.mean.toFixed(2)} ms, p99 ${full.latency.p99.toFixed(1)} ms;`,
  );
  console.log(
    `  an assign on an empty pool: ${rps(empty).toFixed(0)} requests/s, mean ${empty.latency.mean.toFixed(2)} ms → exhausted ÷ empty ${(rps(full) / rps(empty)).toFixed(2)}× (target ≥ 0.9×: no scan of what is taken)`,
  );
} finally {
  await exhausted.stop();
}
