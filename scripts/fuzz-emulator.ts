// `npm run fuzz -- [--seed N] [--count M] [--concurrency C] [--case I]`: the seeded fuzzer against the
// `hwc-contract emulate` command (a real process on a free loopback port), 10,000 cases by default. Prints the
// answers by status, every case that broke a rule (replay one with --case), and what is wrong with the state
// after the run; exits 1 when anything is. Bounded by count and by a deadline of ten minutes.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_FIXTURES } from '../src/contract/default-fixtures.js';
import type { StateJson } from '../src/emulator/state.js';
import { ROOT, startServerProcess } from './bench/processes.js';
import { fuzzCase, fuzzEmulator, judgeAnswer, sendRaw, stateProblems } from './fuzz/emulator-fuzz.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    count: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '8' },
    case: { type: 'string' },
  },
});
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const count = Number(values.count);
if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 1) {
  console.error('fuzz: --seed and --count must be integers (--count at least 1)');
  process.exit(2);
}

const emulator = await startServerProcess([
  path.join(ROOT, 'bin', 'hwc-contract.js'),
  'emulate',
  '--port',
  '0',
  '--lockout',
  'off',
]);
const port = Number(new URL(emulator.url).port);
let failed = false;
try {
  if (values.case !== undefined) {
    const one = fuzzCase(seed, Number(values.case), `127.0.0.1:${port}`);
    const answer = await sendRaw(port, one.bytes);
    console.log(`case ${one.index} of seed ${seed}: ${one.label}\n--- request (first 2,000 bytes)`);
    console.log(one.bytes.subarray(0, 2000).toString('latin1'));
    console.log(
      `--- answer\n${answer ? `${answer.status} ${JSON.stringify(answer.headers)}\n${answer.body.slice(0, 2000)}` : '(none)'}`,
    );
    const problem = judgeAnswer(one, answer);
    console.log(problem ? `--- breaks a rule: ${problem}` : '--- within the rules');
    failed = problem !== undefined;
  } else {
    const started = performance.now();
    const result = await fuzzEmulator({ port, seed, count, concurrency: Number(values.concurrency) });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz: ${result.cases} cases, seed ${seed}, ${seconds.toFixed(1)} s (${(result.cases / seconds).toFixed(0)} cases/s) against ${emulator.url}`,
    );
    console.log(
      `answers by status: ${Object.entries(result.statuses)
        .sort()
        .map(([status, n]) => `${status} ×${n}`)
        .join(', ')}`,
    );
    for (const f of result.failures.slice(0, 50))
      console.log(
        `  case ${f.index}: ${f.problem} — ${f.label} (replay: npm run fuzz -- --seed ${seed} --case ${f.index})`,
      );
    if (result.failures.length > 50) console.log(`  … and ${result.failures.length - 50} more`);
    const state = (await (await fetch(`${emulator.url}/__emulator/state`)).json()) as StateJson;
    const problems = stateProblems(state, new Set(DEFAULT_FIXTURES.projects.map((p) => p.id)));
    for (const problem of problems) console.log(`  state: ${problem}`);
    console.log(
      `${result.failures.length} cases broke a rule; the state has ${problems.length} problem(s)${result.cases < count ? `; stopped at the deadline after ${result.cases} of ${count}` : ''}`,
    );
    failed = result.failures.length > 0 || problems.length > 0;
  }
} finally {
  await emulator.stop();
}
process.exit(failed ? 1 : 0);
