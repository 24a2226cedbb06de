// `npm run bench:generate`: whole-process wall time of `hwc-contract generate` (bundle + types + validators +
// operation table) next to `openapi-typescript` alone on the bundled spec, median of N runs each.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median, ROOT as root } from './bench/processes.js';

const require = createRequire(import.meta.url);
const runs = Math.max(1, Math.min(20, Number(process.argv[2] ?? 5)));
const out = mkdtempSync(path.join(tmpdir(), 'hwc-bench-'));

function time(args: string[], cwd = root): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr?.toString()}`);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

const openapiTs = path.join(path.dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js');
const ours = time([path.join(root, 'bin', 'hwc-contract.js'), 'generate']);
const theirs = time(
  [
    openapiTs,
    path.join(root, 'generated', 'openapi.json'),
    '-o',
    path.join(out, 'schema.d.ts'),
    '--default-non-nullable',
    'false',
  ],
  out,
); // outside the project, so it ignores redocly.yaml
rmSync(out, { recursive: true, force: true });

const fmt = (samples: number[]) =>
  `median ${median(samples).toFixed(0)} ms (runs: ${samples.map((s) => s.toFixed(0)).join(', ')})`;
console.log(`hwc-contract generate (all of generated/):  ${fmt(ours)}`);
console.log(`openapi-typescript alone (schema.d.ts):     ${fmt(theirs)}`);
console.log(`ratio generate / openapi-typescript:        ${(median(ours) / median(theirs)).toFixed(2)}x`);
