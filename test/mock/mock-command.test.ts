// `hwc-contract mock` as a real process: Prism never outlives it — not after a SIGKILL of the command, not
// after signals sent in a burst — and a port in use is one line and exit 2, as for `emulate`.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/contract.js';

const exec = promisify(execFile);
const BIN = path.join(ROOT, 'bin', 'hwc-contract.js');
const leftovers: number[] = [];
afterAll(() => {
  for (const pid of leftovers) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie has exited; only its entry is left until its parent (here: init) reaps it.
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** The child processes of `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

async function waitUntil(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`${what} did not happen in ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts `hwc-contract mock --port 0`, waits for its listening line; returns it and Prism's pid. */
async function startMock() {
  const child = spawn(process.execPath, [BIN, 'mock', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await waitUntil('mock listening', () => /listening on http:\/\/\S+/.test(out), 60_000);
  const prism = childrenOf(child.pid!);
  expect(prism).toHaveLength(1);
  leftovers.push(child.pid!, prism[0]!);
  const url = /listening on (http:\/\/\S+)/.exec(out)![1]!;
  return { child, prism: prism[0]!, url };
}

describe('hwc-contract mock', () => {
  it('Prism goes when the command is killed with SIGKILL (no signal handler runs)', async () => {
    const { child, prism, url } = await startMock();
    expect((await fetch(`${url}/v3/p/eip/publicips`, { method: 'POST' })).status).toBeGreaterThanOrEqual(400);
    child.kill('SIGKILL');
    await waitUntil('Prism gone', () => !alive(prism));
  }, 90_000);

  it('Prism goes after three SIGINTs sent at once, and the command exits', async () => {
    const { child, prism } = await startMock();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    for (let i = 0; i < 3; i += 1) child.kill('SIGINT');
    await exited;
    await waitUntil('Prism gone', () => !alive(prism));
  }, 90_000);

  it.each(['mock', 'emulate'])(
    '%s on a port in use: one line naming it, exit 2 (no Prism usage text)',
    async (command) => {
      const blocker: Server = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const port = (blocker.address() as { port: number }).port;
      try {
        const failed: any = await exec(process.execPath, [BIN, command, '--port', String(port)]).catch((e) => e);
        expect(failed.code).toBe(2);
        expect(failed.stderr.trim().split('\n')).toEqual([
          `hwc-contract: ${command}: cannot listen on 127.0.0.1:${port}: the port is in use (EADDRINUSE)`,
        ]);
      } finally {
        blocker.close();
      }
    },
  );
});
