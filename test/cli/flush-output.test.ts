// The command's whole output reaches a reader that is slow to read it: runMain waits for stdout to be flushed
// before it exits. Writes to a pipe are asynchronous, and process.exit drops what the pipe has not taken yet — a
// pipe holds 64 KiB, or one page when the machine is short of pipe buffers (as under a loaded CI run).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/contract.js';

const run = promisify(execFile);

it('a 270 KB --dry-run reaches, to its last line, a reader that starts reading a second late', async () => {
  const command = `"${process.execPath}" "${path.join(ROOT, 'bin', 'hwc-contract.js')}" conform --base-url http://127.0.0.1:9 --dry-run --seed 9 --max-examples 300 | (sleep 1; cat)`;
  const { stdout } = await run('sh', ['-c', command], { maxBuffer: 16 * 2 ** 20 });
  expect(stdout.length).toBeGreaterThan(200_000);
  const count = Number(/^# conform --dry-run: the (\d+) requests/.exec(stdout)![1]);
  expect(stdout.split('\n').filter((line) => /^(curl |hwc-contract sign )/.test(line))).toHaveLength(count);
  // The summary of what the run creates comes last, to its final line.
  expect(stdout).toMatch(/^# On a target that conforms, the run creates /m);
  expect(stdout).toMatch(/ more EIPs \(see --reporter json\)\n$/);
}, 60_000);
